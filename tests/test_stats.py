"""The paired bootstrap: exact point deltas, intervals that behave, and reproducible draws."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest

from summarizer.evals.metrics import f1
from summarizer.evals.stats import Counts, Share, micro_f1, paired_bootstrap, paired_bootstrap_share

# 20 articles with 1 to 8 gold items; A finds half of them (rounded down), B finds all.
SIZES = [1 + i % 8 for i in range(20)]
HALF = [(n // 2, 0, n - n // 2) for n in SIZES]
PERFECT = [(n, 0, 0) for n in SIZES]
# A noisy pair on 20 articles, used where the exact values do not matter.
NOISY_A = [(2 + i % 3, i % 2, (i * 7) % 3) for i in range(20)]
NOISY_B = [(2 + (i + 1) % 3, (i + 1) % 2, (i * 5) % 3) for i in range(20)]


def exact_f1(counts: list[Counts]) -> Fraction:
    tp, fp, fn = (sum(c[k] for c in counts) for k in range(3))
    return Fraction(2 * tp, 2 * tp + fp + fn)


def test_micro_f1_sums_counts_before_scoring() -> None:
    assert micro_f1([(1, 0, 0), (0, 0, 3)]) == pytest.approx(0.4)  # 2·1 / (2·1 + 0 + 3), not the mean of 1 and 0
    assert micro_f1([(0, 0, 0), (0, 0, 0)]) is None  # nothing predicted of nothing: no score, not 1.0


def test_resampled_f1_is_the_metrics_f1_on_every_small_count() -> None:
    """Each single-article bootstrap sample is that article's own F1, so every edge case of ``f1`` is checked."""
    grid: list[Counts] = [c for c in itertools.product(range(3), repeat=3) if any(c)]
    for counts in grid:
        result = paired_bootstrap([counts], [(0, 0, 1)], samples=3)
        assert result.low == result.high == pytest.approx(0.0 - (f1(*counts) or 0.0)), counts


def test_articles_with_nothing_to_score_are_left_out_of_each_draw() -> None:
    """An article empty in gold and in both predictions adds nothing; draws of only such articles are dropped."""
    with_empty = paired_bootstrap([(1, 0, 1), (0, 0, 0)], [(2, 0, 0), (0, 0, 0)], samples=200, seed=1)
    assert with_empty.delta == pytest.approx(1.0 - 2 / 3)
    assert with_empty.low == with_empty.high == pytest.approx(1.0 - 2 / 3)


def test_a_field_with_nothing_to_score_anywhere_cannot_be_compared() -> None:
    with pytest.raises(ValueError, match="nothing to compare"):
        paired_bootstrap([(0, 0, 0)] * 3, [(0, 0, 0)] * 3)


def test_identical_predictions_have_zero_delta_and_are_not_significant() -> None:
    result = paired_bootstrap(NOISY_A, list(NOISY_A), samples=500, seed=3)
    assert result.delta == 0.0
    assert result.low <= 0.0 <= result.high
    assert not result.significant
    assert result.a == result.b == micro_f1(NOISY_A)


def test_a_large_difference_is_significant_and_the_point_delta_is_exact() -> None:
    result = paired_bootstrap(HALF, PERFECT)
    expected = exact_f1(PERFECT) - exact_f1(HALF)
    assert result.a == pytest.approx(float(exact_f1(HALF)), abs=1e-12)
    assert result.b == 1.0
    assert result.delta == pytest.approx(float(expected), abs=1e-12)
    assert 0.0 < result.low <= result.delta <= result.high < 1.0
    assert result.low < result.high  # article sizes vary, so the resamples do too
    assert result.significant
    reverse = paired_bootstrap(PERFECT, HALF)
    assert reverse.delta == pytest.approx(-result.delta)
    assert reverse.high < 0.0
    assert reverse.significant


def test_the_seed_fixes_the_interval_but_not_the_point_delta() -> None:
    first = paired_bootstrap(NOISY_A, NOISY_B, seed=7)
    again = paired_bootstrap(NOISY_A, NOISY_B, seed=7)
    other = paired_bootstrap(NOISY_A, NOISY_B, seed=8)
    assert (first.low, first.high) == (again.low, again.high)
    assert (first.low, first.high) != (other.low, other.high)
    assert first.delta == other.delta
    assert (first.seed, other.seed, first.samples) == (7, 8, 2000)


def test_a_small_noisy_difference_on_few_articles_is_not_significant() -> None:
    # B wins one item on two articles and loses one on a third: net +1 of 24 gold items.
    a = [(3, 1, 1), (4, 0, 0), (3, 1, 1), (4, 0, 0), (2, 1, 2), (4, 0, 0)]
    b = [(4, 0, 0), (3, 1, 1), (4, 0, 0), (4, 0, 0), (3, 1, 1), (4, 0, 0)]
    result = paired_bootstrap(a, b)
    assert result.delta > 0
    assert result.low < 0.0 < result.high
    assert not result.significant


def test_the_paired_draw_is_what_makes_a_consistent_small_gain_significant() -> None:
    """B beats A by one item on every article while the articles vary a lot in difficulty.

    Resampling A and B independently would bury the gain in between-article variance; the paired
    draw keeps it, so the interval must exclude 0."""
    a = [(n, 2, 2) if i % 2 else (1, n, n) for i, n in enumerate(range(4, 24))]
    b = [(tp + 1, fp, fn - 1) for tp, fp, fn in a]
    result = paired_bootstrap(a, b, seed=1)
    assert result.significant
    assert result.low > 0


def test_confidence_widens_the_interval() -> None:
    narrow = paired_bootstrap(NOISY_A, NOISY_B, confidence=0.5)
    wide = paired_bootstrap(NOISY_A, NOISY_B, confidence=0.99)
    assert wide.low < narrow.low <= narrow.high < wide.high
    assert wide.confidence == 0.99


def test_attribute_accuracy_pools_matched_items_before_dividing() -> None:
    """(agreeing, compared) per article: 1/1 and 0/3 pool to 1/4, not the mean of 1.0 and 0.0."""
    result = paired_bootstrap_share([(1, 1), (0, 3)], [(1, 1), (3, 3)], samples=200)
    assert result.a == pytest.approx(0.25)
    assert result.b == pytest.approx(1.0)
    assert result.delta == pytest.approx(0.75)


def test_a_consistent_accuracy_gain_is_significant_and_a_tie_is_not() -> None:
    rules = [(1 + i % 2, 3) for i in range(20)]
    model = [(3, 3) if i % 4 else (1 + i % 2, 3) for i in range(20)]  # better on 15 articles, equal on 5
    gain = paired_bootstrap_share(rules, model)
    assert gain.significant
    assert gain.low > 0
    tie = paired_bootstrap_share(rules, rules)
    assert (tie.delta, tie.low, tie.high, tie.significant) == (0.0, 0.0, 0.0, False)


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ([(2, 1)], [(1, 1)], "agreeing <= compared"),
        ([(0, 0)], [(0, 0)], "no matched item"),
        ([(1, 1)], [], "same articles"),
    ],
)
def test_bad_shares_raise_a_clear_value_error(a: list[Share], b: list[Share], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        paired_bootstrap_share(a, b)


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ([(1, 0, 0)] * 3, [(1, 0, 0)] * 2, "same articles"),
        ([], [], "at least one article"),
        ([(1, 0)], [(1, 0)], r"\(tp, fp, fn\)"),
        ([(1, -1, 0)], [(1, 0, 0)], "non-negative"),
    ],
)
def test_bad_input_raises_a_clear_value_error(a: list[Counts], b: list[Counts], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        paired_bootstrap(a, b)


@pytest.mark.parametrize(("samples", "confidence"), [(0, 0.95), (100, 1.0), (100, 0.0)])
def test_bad_settings_raise(samples: int, confidence: float) -> None:
    with pytest.raises(ValueError, match=r"samples|confidence"):
        paired_bootstrap([(1, 0, 0)], [(1, 0, 0)], samples=samples, confidence=confidence)
