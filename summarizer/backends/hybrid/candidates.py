"""The candidate stage: the rules' tariffs and meetings, numbered, each with the sentences it rests on.

T1, T2, ... are the rules' tariffs and M1, M2, ... their meetings, in the record's order. A candidate is
offered to the model only when the grounding check finds its sentences (the rate with its target and
imposer; two participants with a meeting cue), so the model judges words the article wrote. The model
never adds, drops or renames a candidate: it only says which state each is in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from summarizer import checks
from summarizer.grounding import Source
from summarizer.passages import Passages
from summarizer.result import GroundingStatus, Span
from summarizer.schema import ArticleSummary, Tariff

CONTEXT_CHARS = 600  # of the sentences shown per candidate: the status cue sits next to the rate or the verb
Kind = Literal["tariff", "meeting"]


@dataclass(frozen=True)
class Candidate:
    """One rule finding the model is asked about: its id, its index in the record, a label and its text."""

    id: str
    kind: Kind
    index: int
    label: str
    context: str
    rules: str  # the status the rules gave it


def candidates(record: ArticleSummary, source: Source) -> list[Candidate]:
    """A candidate per tariff and meeting of ``record`` whose sentences the grounding checks locate."""
    passages = source.passages
    out: list[Candidate] = []
    for i, tariff in enumerate(record.tariffs):
        spans = source.find_all(tariff.rate_text) if tariff.rate_text else []
        evidence = checks.check_tariff(passages, i, tariff, spans, record.participants)
        if evidence.status is GroundingStatus.VERIFIED and evidence.spans:
            text = _tariff_context(passages, tariff, spans, evidence.spans[0])
            out.append(Candidate(f"T{i + 1}", "tariff", i, _tariff_label(tariff), text, tariff.status.value))
    for i, meeting in enumerate(record.meetings):
        evidence = checks.check_meeting(passages, i, meeting, record.participants)
        if evidence.status is GroundingStatus.VERIFIED and evidence.spans:
            text = _cut(passages.text[evidence.spans[0].start : evidence.spans[0].end])
            label = " and ".join(meeting.participants)
            out.append(Candidate(f"M{i + 1}", "meeting", i, label, text, meeting.status.value))
    return out


def _tariff_label(tariff: Tariff) -> str:
    rate = f", {tariff.rate_text}" if tariff.rate_text else ""
    scope = f" ({tariff.scope})" if tariff.scope else ""
    return f"{tariff.imposed_by} on {tariff.target}{rate}{scope}"


def _tariff_context(passages: Passages, tariff: Tariff, found: list[Span], window: Span) -> str:
    """The rate's (or scope's) sentence and the one before it in its paragraph; else the check's window."""
    anchors = [s.start for s in checks.rate_spans(passages, tariff, found) if window.start <= s.start < window.end]
    if not anchors and tariff.scope:  # no rate: the sentence that names what it covers ("countermeasures")
        anchors = [i for i in (passages.text.find(tariff.scope),) if i >= 0]
    if not anchors:
        return _cut(passages.text[window.start : window.end])
    k = passages.sentence_at(anchors[0])
    return _cut(passages.text[passages.lead_in(k) : passages.sentences[k][1]])


def _cut(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= CONTEXT_CHARS else flat[:CONTEXT_CHARS] + "…"
