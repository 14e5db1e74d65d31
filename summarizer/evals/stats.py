"""Is variant B really better than A? A paired bootstrap over articles of the micro-F1 difference.

With several epochs per article, pass each article's counts summed over its epochs: a draw then
takes an article with all its epochs, which is the unit that varies independently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from summarizer.evals.metrics import f1

Counts = tuple[int, int, int]  # (tp, fp, fn) of one field on one article


def micro_f1(counts: Sequence[Counts]) -> float | None:
    """F1 of the counts summed over articles; ``None`` if there was nothing to score."""
    tp, fp, fn = (sum(c[k] for c in counts) for k in range(3))
    return f1(tp, fp, fn)


@dataclass(frozen=True)
class Delta:
    """Micro F1 of A and B on all articles, and a confidence interval for ``b - a``."""

    a: float
    b: float
    delta: float  # b - a
    low: float  # percentile interval of b - a over bootstrap samples
    high: float
    significant: bool  # the interval excludes 0
    samples: int
    seed: int
    confidence: float = 0.95


def _array(counts: Sequence[Counts], name: str) -> npt.NDArray[np.int64]:
    array = np.asarray(counts, dtype=np.int64).reshape(len(counts), -1)
    if array.shape[1] != 3 or (array < 0).any():
        raise ValueError(f"{name}: each article needs non-negative (tp, fp, fn) counts")
    return array


def _f1(sums: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """F1 of each row of (tp, fp, fn) sums by the one definition in ``metrics``; NaN where nothing was scored."""
    values = [f1(*row) for row in sums.tolist()]
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def paired_bootstrap(
    a: Sequence[Counts],
    b: Sequence[Counts],
    samples: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
) -> Delta:
    """Resample articles with replacement, the same draw for A and B, and take the percentile interval of B - A."""
    if len(a) != len(b):
        raise ValueError(f"paired bootstrap needs the same articles for A and B: got {len(a)} and {len(b)} counts")
    if not a:
        raise ValueError("paired bootstrap needs at least one article")
    if samples < 1:
        raise ValueError(f"samples must be at least 1, got {samples}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    counts_a, counts_b = _array(a, "a"), _array(b, "b")
    f1_a, f1_b = micro_f1(a), micro_f1(b)
    if f1_a is None or f1_b is None:
        raise ValueError("nothing to compare: no gold item and no prediction on any article")
    # Percentile bootstrap: the articles are paired, there are few of them, and micro F1 has no
    # convenient sampling distribution, so resample the articles rather than assume a normal one.
    draws = np.random.default_rng(seed).integers(0, len(a), size=(samples, len(a)))
    differences = _f1(counts_b[draws].sum(axis=1)) - _f1(counts_a[draws].sum(axis=1))
    differences = differences[~np.isnan(differences)]  # a draw of only empty articles has no F1 to compare
    tail = (1 - confidence) / 2 * 100
    if differences.size:
        low, high = (float(x) for x in np.percentile(differences, [tail, 100 - tail]))
    else:
        low = high = f1_b - f1_a
    return Delta(
        a=f1_a,
        b=f1_b,
        delta=f1_b - f1_a,
        low=low,
        high=high,
        significant=low > 0 or high < 0,
        samples=samples,
        seed=seed,
        confidence=confidence,
    )
