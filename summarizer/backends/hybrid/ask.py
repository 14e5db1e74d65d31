"""One structured model call with a per-article response model, through the LLM backends' machinery.

``InstructorBackend.structured`` holds the SDK client, transport retries, re-asks, caching (``settle``)
and recording. Each hybrid call gets its own ``CallContext``: the hybrid's prompt version (``h2``) with
the article's case id, so its recording lives next to, not inside, other prompts' recordings.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.backends.hybrid.choices import Slots
from summarizer.backends.llm import InstructorBackend
from summarizer.prompts import Prompt
from summarizer.result import Usage
from summarizer.transport import CallContext

ANSWER_TOKENS = 16  # per slot: '"T12": "in_effect", ' is about 9 tokens; the rest is slack for the JSON frame


@dataclass(frozen=True)
class Answer:
    slots: Slots
    usage: Usage
    attempts: int


async def ask(
    llm: InstructorBackend, prompt: Prompt, messages: list[dict[str, str]], model: type[Slots], case_id: str
) -> Answer:
    """The model's answer in ``model``'s shape, or the backend's typed error after its re-asks."""
    call = CallContext(case_id, prompt.version, llm.settings.model)
    budget = min(llm.settings.max_tokens, 32 + ANSWER_TOKENS * len(model.model_fields))
    answer, log = await llm.structured(messages, model, call, llm.mode_for(prompt.spec.mode), max_tokens=budget)
    clean = model.model_validate(answer.model_dump())  # drops instructor's private _raw_response
    return Answer(slots=clean, usage=log.usage(), attempts=log.requests)
