"""Averages over a run's cases: micro and macro P/R/F1 per field, attribute accuracy, epochs, costs.

Fields with nothing in gold and nothing predicted are left out of every average and counted as
``empty``; a field with no scored case at all has ``None`` scores, never a made-up 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import pstdev
from typing import Any

from summarizer.evals.metrics import PRF, Counts, attribute_accuracy, f1, mean, micro, prf
from summarizer.evals.records import CaseRun, Sample
from summarizer.evals.scoring import FIELDS
from summarizer.result import GroundingStatus


def all_samples(cases: Sequence[CaseRun]) -> list[Sample]:
    return [s for c in cases for s in c.samples]


def epochs(cases: Sequence[CaseRun]) -> int:
    return max((len(c.samples) for c in cases), default=0)


def _scores(case: CaseRun, name: str) -> list[PRF]:
    """P/R/F1 of each epoch of a case where the field was not empty."""
    return [score for s in case.samples if (score := prf(s.scores[name].tp, s.scores[name].fp, s.scores[name].fn))]


def _case_mean(case: CaseRun, name: str, metric: str) -> float | None:
    return mean(getattr(score, metric) for score in _scores(case, name))


def _epoch_f1(cases: Sequence[CaseRun], name: str) -> list[float | None]:
    """Micro F1 of each epoch over all cases."""
    return [micro(c.samples[e].scores[name] for c in cases if e < len(c.samples))["f1"] for e in range(epochs(cases))]


def field_summary(cases: Sequence[CaseRun], name: str) -> dict[str, Any]:
    """Micro P/R/F1 over every sample, macro over cases (each case the mean of its epochs), attributes."""
    counts: list[Counts] = [s.scores[name] for s in all_samples(cases)]
    out = micro(counts)
    out["macro"] = {m: mean(_case_mean(c, name, m) for c in cases) for m in ("precision", "recall", "f1")}
    out["attributes"] = attribute_accuracy(counts)
    per_epoch = [v for v in _epoch_f1(cases, name) if v is not None]
    out["epoch_f1"] = {"mean": mean(per_epoch), "sd": pstdev(per_epoch) if per_epoch else None}
    return out


def case_rows(cases: Sequence[CaseRun]) -> list[dict[str, Any]]:
    """Each case: per field the mean F1 over its epochs and their spread (standard deviation)."""
    rows = []
    for case in cases:
        per_field: dict[str, Any] = {}
        for name in FIELDS:
            defined = [score.f1 for score in _scores(case, name)]
            per_field[name] = {"mean": mean(defined), "sd": pstdev(defined) if defined else None}
        failed = sum(s.failed for s in case.samples)
        rows.append({"id": case.id, "split": case.split, "failed": failed, "f1": per_field})
    return rows


def case_f1(case: CaseRun, epoch: int = 0) -> dict[str, float | None]:
    """One sample's F1 per field (``None`` for an empty field)."""
    scores = case.samples[epoch].scores
    return {name: f1(scores[name].tp, scores[name].fp, scores[name].fn) for name in FIELDS}


def mean_f1(case: CaseRun) -> float | None:
    """A case's F1 over its scored fields and epochs: empty fields do not count as 1.0."""
    return mean(_case_mean(case, name, "f1") for name in FIELDS)


def costs(cases: Sequence[CaseRun]) -> dict[str, Any]:
    """Grounding of predicted quotes, failures, tokens, attempts and latency, per sample."""
    drawn = all_samples(cases)
    n = len(drawn) or 1
    results = [s.result for s in drawn if s.result is not None]
    predicted = sum(len(r.record.quotes) for r in results)
    verified = sum(
        1 for r in results for e in r.grounding if e.field == "quotes" and e.status is GroundingStatus.VERIFIED
    )
    return {
        "grounding_rate": verified / predicted if predicted else None,
        "schema_failure_rate": sum(s.failed for s in drawn) / n,
        "tokens": sum(r.provenance.usage.total_tokens for r in results),
        "mean_attempts": sum(r.provenance.attempts for r in results) / n,
        "mean_latency_s": sum(r.provenance.latency_s for r in results) / n,
    }


def summarize_cases(cases: Sequence[CaseRun]) -> dict[str, Any]:
    """The summary document of a run (without its ``run`` description)."""
    return {
        **{name: field_summary(cases, name) for name in FIELDS},
        "cases": len(cases),
        "epochs": epochs(cases),
        **costs(cases),
        "per_case": case_rows(cases),
    }
