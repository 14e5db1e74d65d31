"""Helpers for the sentence tables: parse a sentence once, run the extractive backend on it, and mark a
row the rules get wrong today as a known gap (a strict xfail, so the table fails once the gap closes)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from summarizer import summarize
from summarizer.backends.extractive import nlp
from summarizer.config import Settings
from summarizer.schema import ArticleSummary

Row = tuple[str, str, float | None, str]  # a tariff: imposer, target, rate, status

PUBLISHED = "2025-07-01"  # a Tuesday: the publication date every dated row resolves against


@cache
def parse(text: str) -> Any:
    """The spaCy ``Doc`` of ``text`` (one parse per distinct text in a test run)."""
    return nlp.load(Settings().spacy_model)(text)


def record(text: str, published: str | None = PUBLISHED) -> ArticleSummary:
    """The extractive backend's record of ``text``."""
    return summarize(text, backend="extractive", published=published).record


def rows(text: str) -> list[Row]:
    """Each tariff the rules find in ``text``: imposer, target, rate, status."""
    return [(t.imposed_by, t.target, t.rate_percent, t.status.value) for t in record(text).tariffs]


def gap(reason: str, *values: Any) -> Any:
    """A table row the current rules get wrong: ``values`` hold the right answer."""
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))
