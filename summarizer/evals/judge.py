"""The judge: pairs predicted items with gold items, one to one, under identities taken from gold alone.

Every field scorer has one shape, ``(pred, gold, context) -> FieldScore``: two lists of items and
what the judge knows from gold (its people). A ``FieldScore`` holds the matched pairs, the gold items
missed and the predicted items not in gold; scores, HTML differences and digest scores all read it.

The rules a field's items are matched by (record fields and digest fields alike):

========== ===================================================================================
people     the predicted name against the gold person's name and aliases (fuzzy, ≥ ``NAME_MIN``)
meetings   participant sets overlap by half or more (Jaccard), names resolved through gold people
quotes     aligned on normalised text (≥ ``TEXT_MIN``); right only if the speaker agrees too
tariffs    aligned on imposer + target + rate; right only if all three agree (``tariff_correct``)
========== ===================================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from summarizer.evals.matching import (
    NAME_MIN,
    TEXT_MIN,
    Names,
    Person,
    assign,
    party_similarity,
    person_similarity,
    ratio,
    text_similarity,
)
from summarizer.evals.metrics import PRF, Counts, prf
from summarizer.names import plain

Check = Callable[[Any, Any], bool]


@dataclass
class FieldScore:
    """One field of one prediction against gold: what matched, what was missed, what was extra."""

    matched: list[tuple[Any, Any]] = field(default_factory=list)  # (predicted, gold), each a right answer
    missing: list[Any] = field(default_factory=list)  # gold items no prediction got right
    extra: list[Any] = field(default_factory=list)  # predicted items that are not right
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name → [agreeing, compared]

    @property
    def tp(self) -> int:
        return len(self.matched)

    @property
    def fp(self) -> int:
        return len(self.extra)

    @property
    def fn(self) -> int:
        return len(self.missing)

    @property
    def empty(self) -> bool:
        """Nothing in gold and nothing predicted: not scored, and left out of averages."""
        return not (self.matched or self.missing or self.extra)

    @property
    def score(self) -> PRF | None:
        return prf(self.tp, self.fp, self.fn)

    @property
    def precision(self) -> float | None:
        return self.score.precision if self.score else None

    @property
    def recall(self) -> float | None:
        return self.score.recall if self.score else None

    @property
    def f1(self) -> float | None:
        return self.score.f1 if self.score else None

    def attribute(self, name: str, agrees: bool) -> None:
        counts = self.attributes.setdefault(name, [0, 0])
        counts[0] += int(agrees)
        counts[1] += 1

    def counts(self) -> Counts:
        return Counts(
            tp=self.tp, fp=self.fp, fn=self.fn, attributes={k: (v[0], v[1]) for k, v in self.attributes.items()}
        )


@dataclass(frozen=True)
class Context:
    """What the judge knows besides the two lists: the gold people, and never the predicted ones."""

    names: Names

    @classmethod
    def from_gold(cls, people: Sequence[Person]) -> Context:
        return cls(Names(people))


class FieldScorer(Protocol):
    """Scores one field: predicted items against gold items."""

    def __call__(self, pred: Sequence[Any], gold: Sequence[Any], context: Context, /) -> FieldScore: ...


def match(
    pred: Sequence[Any],
    gold: Sequence[Any],
    similarity: Callable[[Any, Any], float],
    threshold: float,
    correct: Check | None = None,
    attribute: str | None = None,
) -> FieldScore:
    """Align items one to one (Hungarian); an aligned pair counts if ``correct`` holds (recorded as ``attribute``)."""
    score = FieldScore()
    right: set[tuple[int, int]] = set()
    for i, j, _ in assign(pred, gold, similarity, threshold):
        ok = correct is None or correct(pred[i], gold[j])
        if attribute:
            score.attribute(attribute, ok)
        if ok:
            right.add((i, j))
    score.matched = [(pred[i], gold[j]) for i, j in sorted(right, key=lambda pair: pair[1])]
    found, used = {j for _, j in right}, {i for i, _ in right}
    score.missing = [g for j, g in enumerate(gold) if j not in found]
    score.extra = [p for i, p in enumerate(pred) if i not in used]
    return score


def with_attributes(rule: FieldScorer, **checks: Check) -> FieldScorer:
    """``rule``, then each check recorded as attribute agreement on every matched pair."""

    def scorer(pred: Sequence[Any], gold: Sequence[Any], context: Context, /) -> FieldScore:
        score = rule(pred, gold, context)
        for p, g in score.matched:
            for name, check in checks.items():
                score.attribute(name, check(p, g))
        return score

    return scorer


# ---- the rules ------------------------------------------------------------------------------------


def people(pred: Sequence[Any], gold: Sequence[Any], context: Context, /) -> FieldScore:
    """Participants: a predicted name matches a gold person's name or alias."""
    return match(pred, gold, person_similarity, NAME_MIN)


def meetings(pred: Sequence[Any], gold: Sequence[Any], context: Context, /) -> FieldScore:
    """Meetings: their participant sets overlap by half or more (Jaccard)."""
    return match(pred, gold, lambda p, g: context.names.overlap(p.participants, g.participants), 0.5)


def same_speaker(pred: str, gold: str, names: Names) -> bool:
    """The predicted speaker is the gold speaker, by a gold alias or by spelling."""
    return names.same(pred, gold) or ratio(plain(pred), plain(gold)) >= NAME_MIN


def quotes(pred: Sequence[Any], gold: Sequence[Any], context: Context, /) -> FieldScore:
    """Quotes: aligned on text; a pair counts only if the speaker agrees too (kept as attribute ``speaker``)."""
    return match(
        pred,
        gold,
        lambda p, g: text_similarity(p.text, g.text),
        TEXT_MIN,
        lambda p, g: same_speaker(p.speaker, g.speaker, context.names),
        attribute="speaker",
    )


def same_rate(pred: float | None, gold: float | None) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    return abs(pred - gold) < 0.01


def tariff_similarity(p: Any, g: Any) -> float:
    rate = 1.0 if same_rate(p.rate_percent, g.rate_percent) else 0.0
    return (party_similarity(p.imposed_by, g.imposed_by) + party_similarity(p.target, g.target) + rate) / 3


def tariff_correct(p: Any, g: Any) -> bool:
    """The one rule for a right tariff: imposing party, target and rate all agree."""
    return (
        same_rate(p.rate_percent, g.rate_percent)
        and party_similarity(p.imposed_by, g.imposed_by) >= NAME_MIN
        and party_similarity(p.target, g.target) >= NAME_MIN
    )


def tariffs(pred: Sequence[Any], gold: Sequence[Any], context: Context, /) -> FieldScore:
    """Tariffs: aligned on imposer, target and rate; right only when all three agree."""
    return match(pred, gold, tariff_similarity, 0.5, tariff_correct)
