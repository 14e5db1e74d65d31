"""`--min-f1 quotes=0.8`: the floors a run's micro F1 must reach (checked by ``EvalRun.below``)."""

from __future__ import annotations

from summarizer.errors import InputError
from summarizer.evals.scoring import FIELDS


def parse_floors(specs: list[str]) -> dict[str, float]:
    floors: dict[str, float] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        if not sep or name not in FIELDS:
            raise InputError(f"--min-f1 {spec!r}: expected FIELD=NUMBER with FIELD one of {', '.join(FIELDS)}")
        try:
            floors[name] = float(value)
        except ValueError:
            raise InputError(f"--min-f1 {spec!r}: {value!r} is not a number") from None
    return floors
