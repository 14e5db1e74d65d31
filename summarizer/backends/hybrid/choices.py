"""The per-article schema (one enum slot per candidate), the messages that ask for it, and the answer applied.

Each slot's value is an enum of state labels (a tariff's: already_charged, starts_later, ...; a meeting's:
took_place, will_happen, ...): the grammar llama.cpp compiles from the schema (or OpenAI's strict structured
outputs) forces an answer for every candidate and makes any other value impossible; pydantic rejects it too.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Literal

from jinja2 import Environment, StrictUndefined
from pydantic import BaseModel, ConfigDict, create_model

from summarizer.backends.hybrid.candidates import Candidate
from summarizer.prompts import Prompt
from summarizer.schema import ArticleSummary, MeetingStatus, TariffStatus

_JINJA = Environment(undefined=StrictUndefined, autoescape=False)
# The words the model chooses among, each mapped to a schema status: a small model picks a state more
# reliably by what the sentence says ("starts_later") than by our field's vocabulary ("announced").
LABELS: dict[str, dict[str, str]] = {
    "tariff": {
        "already_charged": TariffStatus.IN_EFFECT,
        "starts_later": TariffStatus.ANNOUNCED,
        "threat_or_condition": TariffStatus.THREATENED,
        "only_proposed": TariffStatus.PROPOSED,
        "postponed": TariffStatus.DELAYED,
        "rate_cut": TariffStatus.REDUCED,
        "paused_or_lifted": TariffStatus.SUSPENDED,
        "counter_measure": TariffStatus.RETALIATORY,
    },
    "meeting": {
        "took_place": MeetingStatus.HELD,
        "will_happen": MeetingStatus.PLANNED,
        "others_say_it_happened": MeetingStatus.REPORTED,
    },
}


class Slots(BaseModel):
    """Base of the per-article answer models: no other keys."""

    model_config = ConfigDict(extra="forbid")


def status_model(found: list[Candidate]) -> type[Slots] | None:
    """``{"T1": "in_effect" | "announced" | ..., "M1": "held" | ..., ...}``; None when there is nothing to ask."""
    if not found:
        return None
    fields: dict[str, Any] = {}
    for c in found:
        states: Any = Literal.__getitem__(tuple(LABELS[c.kind]))  # a Literal built at run time
        fields[c.id] = (states, ...)
    model: type[Slots] = create_model("States", __base__=Slots, **fields)
    return model


def messages(prompt: Prompt, found: list[Candidate]) -> list[dict[str, str]]:
    """System and user messages; the static system text comes first (llama.cpp reuses its KV across articles)."""
    items = [{"id": c.id, "kind": c.kind, "label": c.label, "context": c.context} for c in found]
    user = _JINJA.from_string(prompt.spec.user).render(
        tariffs=[i for i in items if i["kind"] == "tariff"], meetings=[i for i in items if i["kind"] == "meeting"]
    )
    return [{"role": "system", "content": prompt.spec.system.strip()}, {"role": "user", "content": user.strip()}]


def states(answer: Slots | None) -> dict[str, str]:
    """Candidate id → the label the model chose."""
    return {} if answer is None else {k: str(v) for k, v in answer.model_dump().items()}


def apply(
    record: ArticleSummary, found: list[Candidate], chosen: dict[str, str], decides: Collection[str]
) -> ArticleSummary:
    """``record`` with the model's state for each candidate whose kind is in ``decides``; the rules' elsewhere."""
    tariffs, meetings = list(record.tariffs), list(record.meetings)
    for c in found:
        if c.kind not in decides or c.id not in chosen:
            continue
        status = LABELS[c.kind][chosen[c.id]]
        if c.kind == "tariff":
            tariffs[c.index] = tariffs[c.index].model_copy(update={"status": status})
        else:
            meetings[c.index] = meetings[c.index].model_copy(update={"status": status})
    return record.model_copy(update={"tariffs": tariffs, "meetings": meetings})


def disagreements(found: list[Candidate], chosen: dict[str, str], decides: Collection[str]) -> list[str]:
    """One line per candidate where the model's state differs from the rules': a flag for review."""
    lines = []
    for c in found:
        label = chosen.get(c.id)
        if label is None or LABELS[c.kind][label] == c.rules:
            continue
        kept = "the model's" if c.kind in decides else "the rules'"
        status = LABELS[c.kind][label]
        lines.append(f"review {c.kind} {c.label!r}: the model reads {status}, the rules {c.rules}; kept {kept}")
    return lines
