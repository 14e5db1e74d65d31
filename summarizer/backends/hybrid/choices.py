"""The per-article schema (enums of candidate ids), the messages that ask for it, and ids back to records.

One slot per quoted span, each an enum of the article's person ids plus ``none``: the grammar llama.cpp
compiles from the schema (or OpenAI's strict structured outputs) forces an answer for every quote and
makes any other value, an invented name or quote included, impossible; pydantic validation rejects it too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from jinja2 import Environment, StrictUndefined
from pydantic import BaseModel, ConfigDict, Field, create_model

from summarizer.backends.hybrid.candidates import Candidate, Candidates
from summarizer.prompts import Prompt
from summarizer.schema import Quote

NONE = "none"  # someone not in the list, an institution, or not a statement at all
QUOTE_CHARS = 300  # of a quote shown to the model; its id, not its text, comes back
_JINJA = Environment(undefined=StrictUndefined, autoescape=False)


class Slots(BaseModel):
    """Base of the per-article answer models: no other keys."""

    model_config = ConfigDict(extra="forbid")


def attribution_model(found: Candidates) -> type[Slots] | None:
    """``{"Q1": "P2" | ... | "none", ...}`` for this article; None when there is nothing to decide."""
    if not found.quotes or not found.people:
        return None
    choices: Any = Literal.__getitem__((*(p.id for p in found.people), NONE))  # a Literal built at run time
    fields: dict[str, Any] = {
        q.id: (choices, Field(description=f"Id of the person who said {q.id}, or 'none'.")) for q in found.quotes
    }
    model: type[Slots] = create_model("Attribution", __base__=Slots, **fields)
    return model


def messages(prompt: Prompt, found: Candidates) -> list[dict[str, str]]:
    """System and user messages for the attribution pass; the static system text comes first (prefix cache)."""
    quotes = [{"id": q.id, "text": _cut(q.text, QUOTE_CHARS), "context": q.context} for q in found.quotes]
    people = [{"id": p.id, "label": p.label} for p in found.people]
    user = _JINJA.from_string(prompt.spec.user).render(people=people, quotes=quotes)
    return [{"role": "system", "content": prompt.spec.system.strip()}, {"role": "user", "content": user.strip()}]


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def speakers(answer: Slots | None) -> dict[str, str]:
    """Quote id → the person id the model chose (``none`` answers left out)."""
    if answer is None:
        return {}
    return {key: value for key, value in answer.model_dump().items() if value != NONE}


def quotes(
    found: Candidates,
    chosen: dict[str, str],
    rules_first: bool = True,
    verify: Callable[[Quote, Candidate], bool] | None = None,
) -> list[Quote]:
    """One Quote per quoted span that the rules or the model attribute; the text is the span, verbatim.

    ``rules_first``: keep the rules' speaker where they found one and use the model's only for the
    quotes the rules left unattributed; otherwise the model's choice wins where it names someone.
    ``verify``: a model-only attribution is kept only if it passes (e.g. the grounding speaker check).
    """
    out: list[Quote] = []
    for candidate in found.quotes:
        rule = found.rule_speakers.get(candidate.id)
        person = found.person(chosen.get(candidate.id, ""))
        if rule is not None and (rules_first or person is None):
            out.append(Quote(speaker=rule.speaker, text=rule.text, attribution=rule.attribution))
        elif person is not None:
            quote = Quote(speaker=person.name, text=candidate.text, attribution=None)
            if verify is None or verify(quote, candidate):
                out.append(quote)
    return out
