"""The hybrid backend: rules propose numbered candidates, the model chooses among them by id.

Flow for one article: spaCy + the extractive modules list candidates (:mod:`.candidates`); a schema
built for the article (:mod:`.choices`) has one slot per quoted span whose value is an enum of person ids;
one model call (:mod:`.ask`) fills it; ids map back to spans, so every quote is the article's own words.
Meetings, tariffs and the summary come from the rules. With ``base_url`` or an API key it calls that
endpoint (the openai backend's client, cache and recorder); without, it replays recordings, so
``summarizer eval compare extractive hybrid --backend replay`` needs no network.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from summarizer import checks, prompts
from summarizer.backends.base import Completion, Request
from summarizer.backends.extractive import lead, nlp
from summarizer.backends.extractive.dates import published_date
from summarizer.backends.extractive.meetings import find_meetings
from summarizer.backends.extractive.people import People
from summarizer.backends.extractive.tariffs import find_tariffs
from summarizer.backends.hybrid.ask import ask
from summarizer.backends.hybrid.candidates import Candidate, Candidates, candidates
from summarizer.backends.hybrid.choices import attribution_model, messages, quotes, speakers
from summarizer.backends.llm import InstructorBackend
from summarizer.config import Settings
from summarizer.passages import Passages
from summarizer.result import GroundingStatus, Span, Usage
from summarizer.schema import ArticleSummary, Participant, Quote

if TYPE_CHECKING:
    import openai

PROMPT = "h1"
# Measured on dev (README "Grounding"): the rules' attribution wins where they have one, and a quote only
# the model attributes is kept when the grounding speaker check confirms the person is named there.
RULES_FIRST = True
VERIFY_MODEL = True


class HybridBackend:
    """Rules propose, the model chooses: quotes attributed by id, never invented."""

    name = "hybrid"
    uses_prompt = False  # its own prompt (``prompts/h1.yaml``), rendered per article from the candidates
    max_input_chars = 40_000

    def __init__(self, settings: Settings, llm: InstructorBackend) -> None:
        self.settings, self.llm = settings, llm
        self.own_prompt = prompts.load(PROMPT)

    async def extract(self, request: Request) -> Completion:
        doc = await asyncio.to_thread(nlp.load(self.settings.spacy_model), request.article)
        people = People(doc)
        found = candidates(doc, people)
        model = attribution_model(found)
        usage, attempts, chosen = Usage(), 0, {}
        if model is not None:
            answer = await ask(self.llm, self.own_prompt, messages(self.own_prompt, found), model, request.case_id)
            usage, attempts, chosen = answer.usage, answer.attempts, speakers(answer.slots)
        record = assemble(doc, people, found, chosen, request.published)
        note = f"hybrid: {len(found.quotes)} quoted span(s), {len(chosen)} attributed by the model, "
        note += f"{len(found.rule_speakers)} by the rules, {len(record.quotes)} kept"
        return Completion(record=record, model=self.llm.settings.model, usage=usage, attempts=attempts, warnings=[note])

    async def aclose(self) -> None:
        await self.llm.aclose()


def assemble(
    doc: Any, people: People, found: Candidates, chosen: dict[str, str], published: str | None
) -> ArticleSummary:
    """The ArticleSummary: quotes from the chosen ids, meetings/tariffs/summary from the rules."""
    day = published_date(doc.text, published)
    passages = Passages(doc.text)
    named = [Participant(name=p.name, aliases=p.aliases, role=p.role) for p in people.people]

    def verified(quote: Quote, span: Candidate) -> bool:
        evidence = checks.check_speaker(passages, 0, quote, Span(start=span.start, end=span.end), named)
        return evidence.status is GroundingStatus.VERIFIED

    said = quotes(found, chosen, rules_first=RULES_FIRST, verify=verified if VERIFY_MODEL else None)
    meetings = find_meetings(doc, people, day)
    involved = {q.speaker for q in said} | {n for m in meetings for n in m.participants}
    participants = [
        Participant(name=p.name, role=p.role, affiliation=p.affiliation, aliases=p.aliases)
        for p in people.people
        if p.name in involved
    ]
    return ArticleSummary(
        summary=lead(doc),
        meetings=meetings,
        participants=participants,
        quotes=said,
        tariffs=find_tariffs(doc, people, day),
    )


def hybrid_backend(settings: Settings, client: openai.AsyncOpenAI | None = None) -> HybridBackend:
    """Live against ``base_url`` (or OpenAI with a key) when one is set, else the replay of recordings."""
    from summarizer.backends.openai import openai_backend, replay_backend

    live = client is not None or settings.base_url is not None or settings.api_key is not None
    return HybridBackend(settings, openai_backend(settings, client) if live else replay_backend(settings))
