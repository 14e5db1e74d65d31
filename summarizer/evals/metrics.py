"""Precision, recall and F1 from counts: defined here once, for scores, digests, reports and the bootstrap.

A field with nothing in gold and nothing predicted has no score. It is neither a perfect 1.0 nor a
0.0: it is left out of every average and counted apart as "empty".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Counts(BaseModel):
    """One field of one prediction: right items, extra items, missed items, and attribute agreement."""

    model_config = ConfigDict(frozen=True)

    tp: int = Field(default=0, ge=0, description="Predicted items that match a gold item.")
    fp: int = Field(default=0, ge=0, description="Predicted items that match none.")
    fn: int = Field(default=0, ge=0, description="Gold items that no prediction matches.")
    attributes: dict[str, tuple[int, int]] = Field(
        default_factory=dict, description="Attribute name → (agreeing, compared) over matched pairs."
    )

    @property
    def empty(self) -> bool:
        """Nothing in gold and nothing predicted: there is nothing to score."""
        return self.tp + self.fp + self.fn == 0


class PRF(BaseModel):
    """Precision, recall and F1 of some counts."""

    model_config = ConfigDict(frozen=True)

    precision: float
    recall: float
    f1: float


def prf(tp: int, fp: int, fn: int) -> PRF | None:
    """P, R and F1; ``None`` when there is nothing to score (no gold item, no prediction)."""
    if tp + fp + fn == 0:
        return None
    return PRF(
        precision=tp / (tp + fp) if tp + fp else 0.0,
        recall=tp / (tp + fn) if tp + fn else 0.0,
        f1=2 * tp / (2 * tp + fp + fn),
    )


def f1(tp: int, fp: int, fn: int) -> float | None:
    """F1 alone; ``None`` when there is nothing to score."""
    score = prf(tp, fp, fn)
    return score.f1 if score else None


def micro(counts: Iterable[Counts]) -> dict[str, Any]:
    """Counts summed over items first, then P/R/F1 (``None`` if nothing was scored), with the sums."""
    items = list(counts)
    tp, fp, fn = sum(c.tp for c in items), sum(c.fp for c in items), sum(c.fn for c in items)
    score = prf(tp, fp, fn)
    return {
        "precision": score.precision if score else None,
        "recall": score.recall if score else None,
        "f1": score.f1 if score else None,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "scored": sum(not c.empty for c in items),
        "empty": sum(c.empty for c in items),
    }


def attribute_accuracy(counts: Iterable[Counts]) -> dict[str, float | None]:
    """Per attribute, the share of matched pairs that agree on it."""
    totals: dict[str, list[int]] = {}
    for count in counts:
        for name, (agree, compared) in count.attributes.items():
            total = totals.setdefault(name, [0, 0])
            total[0] += agree
            total[1] += compared
    return {name: (agree / compared if compared else None) for name, (agree, compared) in totals.items()}


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the defined values; ``None`` if there are none."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None
