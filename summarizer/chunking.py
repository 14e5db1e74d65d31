"""Split long articles at sentence boundaries and merge the per-chunk records."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from summarizer.grounding import fold
from summarizer.schema import ArticleSummary

T = TypeVar("T")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|\n{2,}")


def split(text: str, max_chars: int) -> list[str]:
    """Consecutive pieces of ``text``, each at most ``max_chars`` long, cut after sentences when possible."""
    if len(text) <= max_chars:
        return [text]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            cuts = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
            end = cuts[-1] if cuts and cuts[-1] > start else (text.rfind(" ", start, end) + 1 or end)
        pieces.append(text[start:end])
        start = end
    return pieces


def _unique(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    seen: dict[Hashable, T] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def _norm(text: str | None) -> str:
    return fold(text or "")[0].strip()


def merge(records: list[ArticleSummary]) -> ArticleSummary:
    """One record from per-chunk records: lists concatenated, duplicates dropped, first summary kept."""
    if len(records) == 1:
        return records[0]
    meetings = _unique(
        (m for r in records for m in r.meetings),
        lambda m: (frozenset(map(_norm, m.participants)), _norm(m.location), m.date),
    )
    return ArticleSummary(
        summary=records[0].summary,
        meetings=meetings,
        participants=_unique((p for r in records for p in r.participants), lambda p: _norm(p.name)),
        quotes=_unique((q for r in records for q in r.quotes), lambda q: _norm(q.text)),
        tariffs=_unique(
            (t for r in records for t in r.tariffs),
            lambda t: (_norm(t.imposed_by), _norm(t.target), t.rate_percent, t.status),
        ),
    )
