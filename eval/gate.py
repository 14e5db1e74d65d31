"""`--min-f1 quotes=0.8`: fail a run whose micro F1 falls below a floor."""

from __future__ import annotations

from eval.scoring import FIELDS, Report
from summarizer.errors import InputError


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


def failures(report: Report, floors: dict[str, float]) -> list[str]:
    """One line per field below its floor."""
    return [
        f"{name} F1 {report.micro(name)['f1']:.3f} < {floor:.3f}"
        for name, floor in floors.items()
        if report.micro(name)["f1"] < floor
    ]
