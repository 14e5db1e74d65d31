"""Grounding: spans map back to the original text through folding."""

from __future__ import annotations

import pytest

from summarizer.evals.cases import load_cases
from summarizer.grounding import Source, _fold_slow, fold

TRICKY = ["a  b\n\n c’d “Q”  ", "  x", "x  ", "\t\ty", "İstanbul  talks", "wait… what", "", "\u00a0\u00a0a"]


@pytest.mark.parametrize("text", TRICKY + [c.text for c in load_cases()[:5]])
def test_fast_fold_equals_the_reference(text: str) -> None:
    assert fold(text) == _fold_slow(text)


def test_verified_fuzzy_and_ungrounded() -> None:
    text = "He said: “It’s an issue,  but not   the only one.” Then he left."
    source = Source(text)
    exact = source.locate("It's an issue, but not the only one", "quotes", 0)
    assert exact.status == "verified"
    assert text[exact.spans[0].start : exact.spans[0].end] == "It’s an issue,  but not   the only one"
    assert source.locate("It is an issue, but not the only one", "quotes", 0).status == "fuzzy"
    assert source.locate("Tariffs will double next year", "quotes", 0).status == "ungrounded"


def test_names_match_whole_words_only() -> None:
    source = Source("Li met officials in Lima; Li later flew home.")
    spans = source.find_all("Li")
    assert [source.text[s.start : s.end] for s in spans] == ["Li", "Li"]
    assert [s.start for s in spans] == [0, 26]
