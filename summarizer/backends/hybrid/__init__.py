"""The hybrid backend: rules propose, the model decides what rules decide badly, and nothing is invented.

Flow for one article: the extractive backend's record (every string copied from the article); the candidate
stage (:mod:`.candidates`) numbers its tariffs and meetings with the sentences each rests on; a schema built
for the article (:mod:`.choices`) has one slot per candidate whose value is an enum of states; one model call
(:mod:`.ask`) fills it. The ``hybrid_decides`` setting names the kinds whose state the model sets; the rules
keep the others (by default all: on dev Qwen 1.5B lost to them), and every disagreement becomes a review
warning. The model never writes a string, so it cannot add a quote, a person, a rate or a place. With
``base_url`` or an API key it calls that endpoint (the openai backend's client, cache and recorder); without,
it replays recordings, so ``summarizer eval compare extractive hybrid --backend replay`` needs no network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer import prompts
from summarizer.backends.base import Completion, Request
from summarizer.backends.extractive import ExtractiveBackend
from summarizer.backends.hybrid.ask import ask
from summarizer.backends.hybrid.candidates import candidates
from summarizer.backends.hybrid.choices import apply, disagreements, messages, states, status_model
from summarizer.backends.llm import InstructorBackend
from summarizer.config import Settings
from summarizer.grounding import Source
from summarizer.result import Usage

if TYPE_CHECKING:
    import openai

PROMPT = "h2"


class HybridBackend:
    """Rules propose, the model reads each candidate's state from an enum; quotes and names are the rules'."""

    name = "hybrid"
    uses_prompt = False  # its own prompt (``prompts/h2.yaml``), rendered per article from the candidates
    max_input_chars = 40_000
    over_http = False  # its rules run in this loop first: preparing articles ahead would only queue them

    def __init__(self, settings: Settings, llm: InstructorBackend) -> None:
        self.settings, self.llm = settings, llm
        self.rules = ExtractiveBackend(settings)
        self.own_prompt = prompts.load(PROMPT)

    async def extract(self, request: Request) -> Completion:
        rules = await self.rules.extract(request)
        found = candidates(rules.record, Source(request.article))
        slots = status_model(found)
        usage, attempts, chosen = Usage(), 0, {}
        if slots is not None:
            answer = await ask(self.llm, self.own_prompt, messages(self.own_prompt, found), slots, request.case_id)
            usage, attempts, chosen = answer.usage, answer.attempts, states(answer.slots)
        decides = self.settings.hybrid_decides
        record = apply(rules.record, found, chosen, decides)
        review = disagreements(found, chosen, decides)
        note = f"hybrid: {len(found)} candidate(s) asked, the model disagrees with the rules on {len(review)}"
        warnings = [*rules.warnings, note, *review]
        return Completion(
            record=record, model=self.llm.settings.model, usage=usage, attempts=attempts, warnings=warnings
        )

    async def aclose(self) -> None:
        await self.rules.aclose()
        await self.llm.aclose()


def hybrid_backend(settings: Settings, client: openai.AsyncOpenAI | None = None) -> HybridBackend:
    """Live against ``base_url`` (or OpenAI with a key) when one is set, else the replay of recordings."""
    from summarizer.backends.openai import openai_backend, replay_backend

    live = client is not None or settings.base_url is not None or settings.api_key is not None
    return HybridBackend(settings, openai_backend(settings, client) if live else replay_backend(settings))
