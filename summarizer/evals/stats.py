"""Is variant B really better than A? A paired bootstrap over articles of the micro-F1 (or accuracy) difference.

With several epochs per article, pass each article's counts summed over its epochs: a draw then
takes an article with all its epochs, which is the unit that varies independently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from summarizer.evals.metrics import f1

Counts = tuple[int, int, int]  # (tp, fp, fn) of one field on one article
Share = tuple[int, int]  # (agreeing, compared) of one attribute on one article


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
    _check(len(a), len(b), samples, confidence)
    counts_a, counts_b = _array(a, "a"), _array(b, "b")
    f1_a, f1_b = micro_f1(a), micro_f1(b)
    if f1_a is None or f1_b is None:
        raise ValueError("nothing to compare: no gold item and no prediction on any article")
    return _interval(_f1, counts_a, counts_b, f1_a, f1_b, samples, seed, confidence)


def paired_bootstrap_share(
    a: Sequence[Share],
    b: Sequence[Share],
    samples: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
) -> Delta:
    """The same paired bootstrap for an attribute's accuracy (agreeing / compared over matched items).

    Each variant's accuracy is over its own matched items, so it answers "when both find an item, whose
    status (date, speaker...) is right more often", not which finds more items: read it beside the F1 delta.
    """
    _check(len(a), len(b), samples, confidence)
    shares_a, shares_b = _pairs(a, "a"), _pairs(b, "b")
    share_a, share_b = _share(shares_a.sum(axis=0, keepdims=True))[0], _share(shares_b.sum(axis=0, keepdims=True))[0]
    if np.isnan(share_a) or np.isnan(share_b):
        raise ValueError("nothing to compare: no matched item on any article")
    return _interval(_share, shares_a, shares_b, float(share_a), float(share_b), samples, seed, confidence)


def _check(n_a: int, n_b: int, samples: int, confidence: float) -> None:
    if n_a != n_b:
        raise ValueError(f"paired bootstrap needs the same articles for A and B: got {n_a} and {n_b} counts")
    if not n_a:
        raise ValueError("paired bootstrap needs at least one article")
    if samples < 1:
        raise ValueError(f"samples must be at least 1, got {samples}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")


def _pairs(shares: Sequence[Share], name: str) -> npt.NDArray[np.int64]:
    array = np.asarray(shares, dtype=np.int64).reshape(len(shares), -1)
    if array.shape[1] != 2 or (array < 0).any() or (array[:, 0] > array[:, 1]).any():
        raise ValueError(f"{name}: each article needs (agreeing, compared) counts with agreeing <= compared")
    return array


def _share(sums: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Agreeing / compared for each row; NaN where nothing was compared."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(sums[:, 1] > 0, sums[:, 0] / np.maximum(sums[:, 1], 1), np.nan)


def _interval(
    statistic: Callable[[npt.NDArray[np.int64]], npt.NDArray[np.float64]],
    counts_a: npt.NDArray[np.int64],
    counts_b: npt.NDArray[np.int64],
    value_a: float,
    value_b: float,
    samples: int,
    seed: int,
    confidence: float,
) -> Delta:
    # Percentile bootstrap: the articles are paired, there are few of them, and micro F1 has no
    # convenient sampling distribution, so resample the articles rather than assume a normal one.
    n = counts_a.shape[0]
    draws = np.random.default_rng(seed).integers(0, n, size=(samples, n))
    differences = statistic(counts_b[draws].sum(axis=1)) - statistic(counts_a[draws].sum(axis=1))
    differences = differences[~np.isnan(differences)]  # a draw of only empty articles has nothing to compare
    tail = (1 - confidence) / 2 * 100
    if differences.size:
        low, high = (float(x) for x in np.percentile(differences, [tail, 100 - tail]))
    else:
        low = high = value_b - value_a
    return Delta(
        a=value_a,
        b=value_b,
        delta=value_b - value_a,
        low=low,
        high=high,
        significant=low > 0 or high < 0,
        samples=samples,
        seed=seed,
        confidence=confidence,
    )
