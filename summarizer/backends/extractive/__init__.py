"""The extractive backend: spaCy and patterns, no model, grounded by construction.

Every string it returns is copied from the article, so grounding finds each one verbatim.
"""

from __future__ import annotations

import asyncio
import os
import re
from typing import Any

from summarizer.backends.base import Completion, Request
from summarizer.backends.extractive import nlp
from summarizer.backends.extractive.dates import published_date
from summarizer.backends.extractive.meetings import find_meetings
from summarizer.backends.extractive.people import People
from summarizer.backends.extractive.quotes import QuoteFinder
from summarizer.backends.extractive.tariffs import find_tariffs
from summarizer.config import Settings
from summarizer.schema import ArticleSummary, Participant, Quote
from summarizer.text import looks_english

SUMMARY_CHARS = 600
PARALLEL_FROM = 64  # below this, starting worker processes costs more than it saves


class ExtractiveBackend:
    """No LLM: the offline default and the baseline row of every eval table."""

    name = "extractive"
    uses_prompt = False
    max_input_chars = 200_000

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def nlp(self) -> Any:
        return nlp.load(self.settings.spacy_model)

    async def extract(self, request: Request) -> Completion:
        doc = await asyncio.to_thread(self.nlp, request.article)
        return self.from_doc(doc, request.published)

    def extract_many(self, requests: list[Request]) -> list[Completion]:
        """Batch path: spaCy's ``nlp.pipe`` over all articles, on every core for large batches."""
        processes = min(os.cpu_count() or 1, 4) if len(requests) >= PARALLEL_FROM else 1
        docs = self.nlp.pipe((r.article for r in requests), batch_size=16, n_process=processes)
        return [self.from_doc(doc, r.published) for doc, r in zip(docs, requests, strict=True)]

    def from_doc(self, doc: Any, published: str | None) -> Completion:
        day = published_date(doc.text, published)
        people = People(doc)
        found = QuoteFinder(doc, people).find()
        quotes = [Quote(speaker=q.speaker, text=q.text, attribution=q.attribution) for q in found]
        meetings = find_meetings(doc, people, day)
        involved = {q.person.name for q in found if q.person} | {n for m in meetings for n in m.participants}
        participants = [
            Participant(name=p.name, role=p.role, affiliation=p.affiliation, aliases=p.aliases)
            for p in people.people
            if p.name in involved
        ]
        record = ArticleSummary(
            summary=lead(doc),
            meetings=meetings,
            participants=participants,
            quotes=quotes,
            tariffs=find_tariffs(doc, people, day),
        )
        warnings = (
            []
            if looks_english(doc.text)
            else [
                "the text does not look like English; the extractive backend's spaCy model is English-only, so "
                "expect few or no items (an LLM backend may do better)"
            ]
        )
        return Completion(record=record, model=self.settings.spacy_model, attempts=0, warnings=warnings)

    async def aclose(self) -> None:
        return None


def lead(doc: Any) -> str:
    """The first sentences of the body (headline, dateline and link noise skipped), up to a budget."""
    picked: list[str] = []
    for sent in doc.sents:
        text = " ".join(sent.text.split())
        if len(text.split()) < 6 or not re.search(r"[.!?][\"”’]?$", text) or "](" in text:
            continue
        if picked and len(" ".join(picked)) + len(text) > SUMMARY_CHARS:
            break
        picked.append(text)
        if len(picked) == 3:
            break
    return " ".join(picked) or " ".join(doc.text.split())[:SUMMARY_CHARS] or "(empty)"
