"""Tie every extracted string to character spans of the source, or flag it as ungrounded."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from rapidfuzz import fuzz

from summarizer import checks
from summarizer.passages import Passages
from summarizer.result import Evidence, FieldName, GroundingStatus, Span
from summarizer.schema import ArticleSummary

FUZZY_MIN = 85.0  # partial-ratio score below which a string counts as absent
_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u00a0": " ",
}
_EDGE = " \"'.,;:!?-"
_TABLE = str.maketrans({k: v for k, v in _FOLD.items() if len(v) == 1})
_SPACES = re.compile(r"\s")
_RUNS = re.compile(r" {2,}")


class Source:
    """The source text folded for matching, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self._origin = fold(text)

    @cached_property
    def passages(self) -> Passages:
        """Sentences, paragraphs and quoted regions, for the meaning checks."""
        return Passages(self.text)

    def span(self, start: int, end: int) -> Span:
        """The original span behind folded positions ``[start, end)``."""
        return Span(start=self._origin[start], end=self._origin[end - 1] + 1)

    def find_all(self, needle: str) -> list[Span]:
        """Every verbatim (folded) occurrence of ``needle``."""
        folded = fold(needle)[0].strip(_EDGE)
        spans, start = [], self.folded.find(folded) if folded else -1
        while start >= 0:
            end = start + len(folded)
            if self._word_edge(start - 1) and self._word_edge(end):  # "Li" must not match "Lima"
                spans.append(self.span(start, end))
            start = self.folded.find(folded, start + 1)
        return spans

    def _word_edge(self, i: int) -> bool:
        return i < 0 or i >= len(self.folded) or not self.folded[i].isalnum()

    def locate(self, needle: str, field: FieldName, index: int, every: bool = False) -> Evidence:
        """Ground one string: verbatim, else the best fuzzy alignment, else ungrounded."""
        spans = self.find_all(needle)
        if spans:
            return Evidence(
                field=field,
                index=index,
                text=needle,
                status=GroundingStatus.VERIFIED,
                score=100.0,
                spans=spans if every else spans[:1],
                reason="found verbatim",
            )
        folded = fold(needle)[0].strip(_EDGE)
        best = fuzz.partial_ratio_alignment(folded, self.folded) if folded else None
        if best is None or best.score < FUZZY_MIN or best.dest_end <= best.dest_start:
            score = best.score if best else 0.0
            return Evidence(
                field=field,
                index=index,
                text=needle,
                status=GroundingStatus.UNGROUNDED,
                score=score,
                reason=f"is not in the source (best fuzzy match {score:.0f} < {FUZZY_MIN:.0f})",
            )
        return Evidence(
            field=field,
            index=index,
            text=needle,
            status=GroundingStatus.FUZZY,
            score=best.score,
            spans=[self.span(best.dest_start, best.dest_end)],
            reason=f"close but not exact match (score {best.score:.0f})",
        )


def fold(text: str) -> tuple[str, list[int]]:
    """Lower-case, straighten quotes and dashes, squeeze white space; keep each char's origin."""
    if "\u2026" in text or len(text.lower()) != len(text):
        return _fold_slow(text)
    mapped = _SPACES.sub(" ", text.translate(_TABLE).lower())  # 1:1 so far: every char keeps its index
    out: list[str] = []
    origin: list[int] = []
    start = 0
    for run in _RUNS.finditer(mapped):  # keep the first space of each run, drop the rest
        out.append(mapped[start : run.start() + 1])
        origin.extend(range(start, run.start() + 1))
        start = run.end()
    out.append(mapped[start:])
    origin.extend(range(start, len(mapped)))
    return "".join(out), origin


def _fold_slow(text: str) -> tuple[str, list[int]]:
    """Character by character, for text where folding changes lengths ('…' → '...')."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        mapped = _FOLD.get(ch, ch)
        if mapped.isspace():
            if out and out[-1] == " ":
                continue
            mapped = " "
        for piece in mapped.lower():
            out.append(piece)
            origin.append(i)
    return "".join(out), origin


def _lookups(record: ArticleSummary) -> Iterator[tuple[FieldName, int, str, bool]]:
    """(field, index, string, every occurrence?) for each string that must be in the source."""
    for i, person in enumerate(record.participants):
        for name in [person.name, *person.aliases]:
            yield "participants", i, name, True
    for i, quote in enumerate(record.quotes):
        yield "quotes", i, quote.text, True  # every occurrence: _meaning keeps the one inside quotation marks
    for i, tariff in enumerate(record.tariffs):
        yield "tariffs", i, tariff.rate_text or tariff.target, False
        if tariff.condition:
            yield "tariffs", i, tariff.condition, False
    for i, meeting in enumerate(record.meetings):
        for text in (meeting.location, meeting.date_text):
            if text:
                yield "meetings", i, text, False


def ground(record: ArticleSummary, source: str | Source) -> list[Evidence]:
    """Evidence for every checkable string in ``record``, then the meaning checks of :mod:`summarizer.checks`:
    quotes inside quotation marks and attributed to their speaker, tariff parts together, meetings with a cue."""
    src = source if isinstance(source, Source) else Source(source)
    found = [src.locate(text, field, index, every) for field, index, text, every in _lookups(record)]
    return _meaning(record, src, found)


def _meaning(record: ArticleSummary, src: Source, found: list[Evidence]) -> list[Evidence]:
    passages = src.passages
    out: list[Evidence] = []
    for evidence in found:
        if evidence.field == "quotes" and evidence.status is not GroundingStatus.UNGROUNDED:
            out.append(_quote(passages, record, _where_quoted(passages, evidence)))
        else:
            out.append(evidence)
    for i, tariff in enumerate(record.tariffs):
        spans = src.find_all(tariff.rate_text) if tariff.rate_text else []  # every occurrence of the rate
        out.append(checks.check_tariff(passages, i, tariff, spans, record.participants))
    out += [checks.check_meeting(passages, i, m, record.participants) for i, m in enumerate(record.meetings)]
    return out


def _where_quoted(passages: Passages, found: Evidence) -> Evidence:
    """The quote at one place: its first occurrence inside quotation marks, else its first. Its words may
    come first in the narration (the one-word answer "No." after "There was no deal")."""
    inside = [s for s in found.spans if passages.quoted_share(s.start, s.end) >= checks.QUOTED_MIN]
    return found.model_copy(update={"spans": (inside or found.spans)[:1]})


def _quote(passages: Passages, record: ArticleSummary, found: Evidence) -> Evidence:
    """One evidence per quote: not quoted, else unattributed, else the match, each with its reason."""
    quote = record.quotes[found.index]
    outside = checks.check_quote(passages, found.index, quote, found.spans)
    if outside is not None:
        return outside
    speaker = checks.check_speaker(passages, found.index, quote, found.spans[0], record.participants)
    if speaker.status is GroundingStatus.UNATTRIBUTED:
        return found.model_copy(update={"status": speaker.status, "score": 0.0, "reason": speaker.reason})
    return found.model_copy(update={"reason": f"{found.reason} inside quotation marks; {speaker.reason}"})


FAILED = {
    GroundingStatus.UNGROUNDED,
    GroundingStatus.NOT_QUOTED,
    GroundingStatus.UNATTRIBUTED,
    GroundingStatus.UNSUPPORTED,
}


def warnings(evidence: list[Evidence]) -> list[str]:
    """One line per item a check failed: not in the source, not quoted, unattributed or unsupported."""
    return [
        f"{e.status.value} {e.field[:-1]} {e.index}: {e.text[:80]!r}: {e.reason or 'is not in the source'}"
        for e in evidence
        if e.status in FAILED
    ]
