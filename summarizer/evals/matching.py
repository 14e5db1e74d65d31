"""Similarities between predicted and gold items, and one-to-one optimal assignment (Hungarian)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process
from scipy.optimize import linear_sum_assignment

from summarizer.grounding import fold
from summarizer.names import party_key, person_key

P = TypeVar("P")
G = TypeVar("G")
NAME_MIN = 0.85  # Sergei/Sergey Lavrov ≈ 0.92; Donald Trump/Donald Tusk ≈ 0.78
TEXT_MIN = 0.80


def assign(
    predicted: Sequence[P], gold: Sequence[G], similarity: Callable[[P, G], float], threshold: float
) -> list[tuple[int, int, float]]:
    """(pred index, gold index, similarity) pairs maximising total similarity, each item used once."""
    if not predicted or not gold:
        return []
    matrix = np.array([[similarity(p, g) for g in gold] for p in predicted], dtype=float)
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return [(int(r), int(c), float(matrix[r, c])) for r, c in zip(rows, cols, strict=True) if matrix[r, c] >= threshold]


def ratio(a: str, b: str) -> float:
    """rapidfuzz's ratio with its default processor, as a fraction."""
    return fuzz.ratio(a, b, processor=default_process) / 100.0


class Person(Protocol):
    """A participant of a record or of a digest: a name and the other names it goes by."""

    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> Sequence[str]: ...


class Names:
    """Name comparison that knows each gold participant's aliases.

    Identity comes from gold alone: a prediction cannot declare "Wang Yi" an alias of Marco Rubio
    and so turn a quote given to the wrong speaker into a match.
    """

    def __init__(self, gold_people: Sequence[Person]) -> None:
        self.groups = [[person_key(n) for n in (p.name, *p.aliases)] for p in gold_people]
        self._variants: dict[str, list[str]] = {}
        self._similarity: dict[tuple[str, str], float] = {}

    def variants(self, name: str) -> list[str]:
        """``name`` plus every alias of a participant it matches (as comparison keys), memoised."""
        if name not in self._variants:
            key = person_key(name)
            found = [key]
            for group in self.groups:
                if any(ratio(key, other) >= NAME_MIN for other in group):
                    found.extend(group)
            self._variants[name] = list(dict.fromkeys(found))
        return self._variants[name]

    def similarity(self, a: str, b: str) -> float:
        if (a, b) not in self._similarity:
            self._similarity[a, b] = max(ratio(x, y) for x in self.variants(a) for y in self.variants(b))
        return self._similarity[a, b]

    def same(self, a: str, b: str) -> bool:
        return self.similarity(a, b) >= NAME_MIN

    def overlap(self, a: Sequence[str], b: Sequence[str]) -> float:
        """Jaccard overlap of two name sets, names matched one-to-one by similarity."""
        if not a and not b:
            return 1.0
        matched = len(assign(a, b, self.similarity, NAME_MIN))
        return matched / (len(a) + len(b) - matched)


def person_similarity(pred: Person, gold: Person) -> float:
    """The predicted name against the gold person's name and aliases; the prediction's own aliases do not count."""
    key = person_key(pred.name)
    return max(ratio(key, person_key(name)) for name in [gold.name, *gold.aliases])


def quote_text(text: str) -> str:
    """Quote text without quote marks, ellipses, edge punctuation and case."""
    folded = fold(text)[0].replace('"', "").replace("...", " ")
    return " ".join(re.sub(r"^[\s'.,;:!?-]+|[\s'.,;:!?-]+$", "", folded).split())


def text_similarity(a: str, b: str) -> float:
    return ratio(quote_text(a), quote_text(b))


def party_similarity(a: str, b: str) -> float:
    return ratio(party_key(a), party_key(b))


def optional_text_agrees(a: str | None, b: str | None, minimum: float = 0.7) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return text_similarity(a, b) >= minimum
