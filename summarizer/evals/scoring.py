"""A record against its gold, field by field: the judge's rules plus attribute agreement on matched pairs."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.evals.judge import Context, FieldScore, FieldScorer, meetings, people, quotes, tariffs, with_attributes
from summarizer.evals.matching import NAME_MIN, optional_text_agrees
from summarizer.evals.metrics import Counts
from summarizer.result import FieldName, Result
from summarizer.schema import ArticleSummary

FIELDS: tuple[FieldName, ...] = ("participants", "meetings", "quotes", "tariffs")

SCORERS: dict[str, FieldScorer] = {
    "participants": with_attributes(
        people,
        affiliation=lambda p, g: optional_text_agrees(p.affiliation, g.affiliation),
        role=lambda p, g: optional_text_agrees(p.role, g.role),
    ),
    "meetings": with_attributes(
        meetings,
        location=lambda p, g: optional_text_agrees(p.location, g.location, NAME_MIN),
        date=lambda p, g: p.date == g.date,
        status=lambda p, g: p.status == g.status,
    ),
    "quotes": quotes,
    "tariffs": with_attributes(
        tariffs,
        status=lambda p, g: p.status == g.status,
        effective_date=lambda p, g: p.effective_date == g.effective_date,
        condition=lambda p, g: optional_text_agrees(p.condition, g.condition),
    ),
}


def judge(pred: ArticleSummary, gold: ArticleSummary) -> dict[str, FieldScore]:
    """Every field of ``pred`` against ``gold``; names are resolved through gold's participants only."""
    context = Context.from_gold(gold.participants)
    return {name: scorer(getattr(pred, name), getattr(gold, name), context) for name, scorer in SCORERS.items()}


@dataclass
class CaseScore:
    """One prediction of one case, judged."""

    id: str
    fields: dict[str, FieldScore]
    failed: bool = False

    def counts(self) -> dict[str, Counts]:
        return {name: score.counts() for name, score in self.fields.items()}


def failed_record() -> ArticleSummary:
    """What a failed extraction is scored as: an empty record."""
    return ArticleSummary(summary="(failed)")


def score_case(case_id: str, gold: ArticleSummary, result: Result | None) -> CaseScore:
    """Judge one prediction; ``None`` (a failed extraction) scores as an empty record."""
    pred = result.record if result is not None else failed_record()
    return CaseScore(id=case_id, fields=judge(pred, gold), failed=result is None)
