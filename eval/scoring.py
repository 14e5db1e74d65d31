"""Per-field precision, recall and F1 for one case, and their micro and macro averages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from eval.matching import (
    NAME_MIN,
    TEXT_MIN,
    Names,
    assign,
    optional_text_agrees,
    participant_similarity,
    party_similarity,
    ratio,
    text_similarity,
)
from summarizer.names import plain
from summarizer.result import FieldName, GroundingStatus, Result
from summarizer.schema import ArticleSummary, Meeting, Quote, Tariff

FIELDS: tuple[FieldName, ...] = ("participants", "meetings", "quotes", "tariffs")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty prediction of an empty gold list scores 1.0."""
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class FieldScore:
    """Counts for one field of one case, plus attribute agreement on matched pairs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name → [agreeing, compared]

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]

    def attribute(self, name: str, agrees: bool) -> None:
        counts = self.attributes.setdefault(name, [0, 0])
        counts[0] += int(agrees)
        counts[1] += 1

    def as_dict(self) -> dict[str, object]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "attributes": self.attributes,
        }


def _count(n_pred: int, n_gold: int, correct: int) -> FieldScore:
    return FieldScore(tp=correct, fp=n_pred - correct, fn=n_gold - correct)


def score_participants(pred: ArticleSummary, gold: ArticleSummary) -> FieldScore:
    pairs = assign(pred.participants, gold.participants, participant_similarity, NAME_MIN)
    score = _count(len(pred.participants), len(gold.participants), len(pairs))
    for i, j, _ in pairs:
        p, g = pred.participants[i], gold.participants[j]
        score.attribute("affiliation", optional_text_agrees(p.affiliation, g.affiliation))
        score.attribute("role", optional_text_agrees(p.role, g.role))
    return score


def score_quotes(pred: ArticleSummary, gold: ArticleSummary, names: Names) -> FieldScore:
    """Aligned on text; a pair counts only if the speaker agrees too."""
    pairs = assign(pred.quotes, gold.quotes, lambda p, g: text_similarity(p.text, g.text), TEXT_MIN)
    correct = [(i, j) for i, j, _ in pairs if same_speaker(pred.quotes[i], gold.quotes[j], names)]
    score = _count(len(pred.quotes), len(gold.quotes), len(correct))
    for i, j, _ in pairs:
        score.attribute("speaker", (i, j) in correct)
    return score


def same_speaker(p: Quote, g: Quote, names: Names) -> bool:
    return names.same(p.speaker, g.speaker) or ratio(plain(p.speaker), plain(g.speaker)) >= NAME_MIN


def tariff_similarity(p: Tariff, g: Tariff) -> float:
    rate = 1.0 if same_rate(p, g) else 0.0
    return (party_similarity(p.imposed_by, g.imposed_by) + party_similarity(p.target, g.target) + rate) / 3


def same_rate(p: Tariff, g: Tariff) -> bool:
    if p.rate_percent is None or g.rate_percent is None:
        return p.rate_percent is None and g.rate_percent is None
    return abs(p.rate_percent - g.rate_percent) < 0.01


def score_tariffs(pred: ArticleSummary, gold: ArticleSummary) -> FieldScore:
    """A tariff is right when imposing party, target and rate agree; status, date, condition are attributes."""
    pairs = assign(pred.tariffs, gold.tariffs, tariff_similarity, 0.5)
    correct = [
        (i, j)
        for i, j, _ in pairs
        if same_rate(pred.tariffs[i], gold.tariffs[j])
        and party_similarity(pred.tariffs[i].imposed_by, gold.tariffs[j].imposed_by) >= NAME_MIN
        and party_similarity(pred.tariffs[i].target, gold.tariffs[j].target) >= NAME_MIN
    ]
    score = _count(len(pred.tariffs), len(gold.tariffs), len(correct))
    for i, j in correct:
        p, g = pred.tariffs[i], gold.tariffs[j]
        score.attribute("status", p.status == g.status)
        score.attribute("effective_date", p.effective_date == g.effective_date)
        score.attribute("condition", optional_text_agrees(p.condition, g.condition))
    return score


def score_meetings(pred: ArticleSummary, gold: ArticleSummary, names: Names) -> FieldScore:
    """A meeting is right when its participant sets overlap by half or more (Jaccard)."""

    def similarity(p: Meeting, g: Meeting) -> float:
        return names.overlap(p.participants, g.participants)

    pairs = assign(pred.meetings, gold.meetings, similarity, 0.5)
    score = _count(len(pred.meetings), len(gold.meetings), len(pairs))
    for i, j, _ in pairs:
        p, g = pred.meetings[i], gold.meetings[j]
        score.attribute("location", optional_text_agrees(p.location, g.location, NAME_MIN))
        score.attribute("date", p.date == g.date)
        score.attribute("status", p.status == g.status)
    return score


@dataclass
class CaseScore:
    """Everything measured on one case."""

    id: str
    fields: dict[str, FieldScore]
    failed: bool = False
    quotes_grounded: int = 0
    quotes_predicted: int = 0
    tokens: int = 0
    attempts: int = 0
    latency_s: float = 0.0


def score_case(case_id: str, gold: ArticleSummary, result: Result | None) -> CaseScore:
    """Score one prediction; ``None`` (a failed extraction) scores as an empty record."""
    pred = result.record if result else ArticleSummary(summary="(failed)")
    names = Names(gold.participants, pred.participants)
    fields = {
        "participants": score_participants(pred, gold),
        "meetings": score_meetings(pred, gold, names),
        "quotes": score_quotes(pred, gold, names),
        "tariffs": score_tariffs(pred, gold),
    }
    score = CaseScore(id=case_id, fields=fields, failed=result is None)
    if result is not None:
        score.quotes_predicted = len(pred.quotes)
        score.quotes_grounded = sum(
            1 for e in result.grounding if e.field == "quotes" and e.status is GroundingStatus.VERIFIED
        )
        prov = result.provenance
        score.tokens, score.attempts, score.latency_s = prov.usage.total_tokens, prov.attempts, prov.latency_s
    return score


@dataclass
class Report:
    """Scores over many cases."""

    cases: list[CaseScore]

    def micro(self, name: str) -> dict[str, float]:
        tp, fp, fn = (sum(getattr(c.fields[name], k) for c in self.cases) for k in ("tp", "fp", "fn"))
        precision, recall, f1 = prf(tp, fp, fn)
        return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}

    def macro(self, name: str) -> dict[str, float]:
        n = len(self.cases) or 1
        return {k: sum(getattr(c.fields[name], k) for c in self.cases) / n for k in ("precision", "recall", "f1")}

    def attributes(self, name: str) -> dict[str, float | None]:
        totals: dict[str, list[int]] = {}
        for case in self.cases:
            for attr, (ok, n) in case.fields[name].attributes.items():
                totals.setdefault(attr, [0, 0])
                totals[attr][0] += ok
                totals[attr][1] += n
        return {attr: (ok / n if n else None) for attr, (ok, n) in totals.items()}

    def as_dict(self) -> dict[str, object]:
        n = len(self.cases) or 1
        predicted = sum(c.quotes_predicted for c in self.cases)
        fields: dict[str, object] = {
            name: {**self.micro(name), "macro": self.macro(name), "attributes": self.attributes(name)}
            for name in FIELDS
        }
        return {
            **fields,
            "cases": len(self.cases),
            "grounding_rate": (sum(c.quotes_grounded for c in self.cases) / predicted) if predicted else None,
            "schema_failure_rate": sum(c.failed for c in self.cases) / n,
            "tokens": sum(c.tokens for c in self.cases),
            "mean_attempts": sum(c.attempts for c in self.cases) / n,
            "mean_latency_s": sum(c.latency_s for c in self.cases) / n,
        }


def aggregate(cases: Iterable[CaseScore]) -> Report:
    return Report(list(cases))
