"""Compare prompt versions, backends and models on the same cases, with paired bootstrap intervals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from eval.runner import Outcome, describe, report
from eval.scoring import FIELDS
from eval.stats import paired_bootstrap

_SPEC = re.compile(r"^(?P<backend>[a-z]+)?(?::(?P<model>[^@]+))?(?:@(?P<prompt>v\w+))?$")


@dataclass(frozen=True)
class Variant:
    """One row of a comparison: a label and the settings overrides that produce it."""

    label: str
    overrides: dict[str, str]


def parse_variant(spec: str) -> Variant:
    """'v2' (a prompt version), 'extractive', 'openai:gpt-4o-mini@v2' (backend:model@prompt)."""
    if re.fullmatch(r"v\w+", spec):
        return Variant(spec, {"prompt": spec})
    match = _SPEC.match(spec)
    if not match or not any(match.groupdict().values()):
        raise ValueError(f"variant {spec!r}: use a prompt version (v2), a backend (extractive) or backend:model@v2")
    parts = {k: v for k, v in match.groupdict().items() if v}
    return Variant(spec, parts)


def _per_article(outcomes: list[Outcome], field: str) -> list[tuple[int, int, int]]:
    return [(o.score.fields[field].tp, o.score.fields[field].fp, o.score.fields[field].fn) for o in outcomes]


def _mean_f1(outcome: Outcome) -> float:
    return sum(outcome.score.fields[f].f1 for f in FIELDS) / len(FIELDS)


def compare(
    runs: dict[str, list[Outcome]], samples: int = 2000, seed: int = 0, confidence: float = 0.95
) -> dict[str, Any]:
    """The comparison document: scores side by side, deltas against the first variant, costs, disagreements."""
    labels = list(runs)
    ids = [o.case.id for o in runs[labels[0]]]
    for label in labels:
        if [o.case.id for o in runs[label]] != ids:
            raise ValueError(f"variant {label} was run on different cases")
    reports = {label: report(runs[label]) for label in labels}
    summaries = {label: reports[label].as_dict() for label in labels}
    deltas = []
    for label in labels[1:]:
        for field in FIELDS:
            d = paired_bootstrap(
                _per_article(runs[labels[0]], field),
                _per_article(runs[label], field),
                samples=samples,
                seed=seed,
                confidence=confidence,
            )
            deltas.append(
                {
                    "field": field,
                    "a": labels[0],
                    "b": label,
                    "delta": d.delta,
                    "low": d.low,
                    "high": d.high,
                    "significant": d.significant,
                }
            )
    spread: list[dict[str, Any]] = []
    for i, case_id in enumerate(ids):
        f1 = {label: _mean_f1(runs[label][i]) for label in labels}
        spread.append({"id": case_id, "spread": max(f1.values()) - min(f1.values()), "f1": f1})
    return {
        "variants": [{"label": label, **describe(runs[label])} for label in labels],
        "fields": {
            f: {label: {k: reports[label].micro(f)[k] for k in ("precision", "recall", "f1")} for label in labels}
            for f in FIELDS
        },
        "deltas": deltas,
        "costs": {
            label: {
                k: summaries[label][k]
                for k in ("tokens", "mean_attempts", "mean_latency_s", "schema_failure_rate", "grounding_rate")
            }
            for label in labels
        },
        "disagreements": sorted(spread, key=lambda row: -row["spread"])[:5],
        "bootstrap": {"samples": samples, "seed": seed, "confidence": confidence},
        "cases": len(ids),
    }


def html_cases(runs: dict[str, list[Outcome]]) -> list[dict[str, Any]]:
    """Per-article material for the HTML report."""
    labels = list(runs)
    rows = []
    for i, outcome in enumerate(runs[labels[0]]):
        per = {label: runs[label][i] for label in labels}
        rows.append(
            {
                "id": outcome.case.id,
                "text": outcome.case.text,
                "gold": outcome.case.gold.model_dump(mode="json"),
                "predictions": {k: (o.result.model_dump(mode="json") if o.result else None) for k, o in per.items()},
                "errors": {k: o.error for k, o in per.items()},
                "f1": {k: {f: o.score.fields[f].f1 for f in FIELDS} for k, o in per.items()},
            }
        )
    return rows
