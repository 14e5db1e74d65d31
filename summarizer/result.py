"""What `summarize` returns: the record plus where every item came from."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.schema import SCHEMA_VERSION, ArticleSummary

FieldName = Literal["participants", "meetings", "quotes", "tariffs"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Usage(_Frozen):
    """Token counts, summed over every model call an extraction made."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cached_tokens: int = Field(default=0, description="Prompt tokens the endpoint served from its prompt cache.")

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
            cached_tokens=self.cached_tokens + other.cached_tokens,
        )


class Span(_Frozen):
    """Half-open character range ``[start, end)`` into the source text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class GroundingStatus(StrEnum):
    VERIFIED = "verified"  # found verbatim (up to quote marks and white space)
    FUZZY = "fuzzy"  # a close but not exact match was found
    UNGROUNDED = "ungrounded"  # nothing like it is in the source
    NOT_QUOTED = "not_quoted"  # a quote whose words are in the source, but not inside quotation marks
    UNATTRIBUTED = "unattributed"  # a quote's speaker is not named (or resolved) where the text attributes it
    UNSUPPORTED = "unsupported"  # a tariff's or meeting's parts do not occur together as the check requires


class Evidence(_Frozen):
    """Where one extracted item is supported in the source text."""

    field: FieldName
    index: int = Field(ge=0, description="Position of the item in its list.")
    text: str = Field(description="The string that was looked up in the source.")
    status: GroundingStatus
    score: float = Field(ge=0, le=100, description="Match score, 100 for a verbatim match.")
    spans: list[Span] = Field(default_factory=list)
    reason: str = Field(
        default="", description="Why the check gave this status, e.g. 'speaker named in the quote's sentence'."
    )


class Provenance(_Frozen):
    """How a result was produced."""

    backend: str
    model: str | None = None
    prompt_version: str | None = None
    prompt_hash: str | None = None
    schema_version: str = SCHEMA_VERSION
    usage: Usage = Usage()
    attempts: int = Field(default=1, ge=0, description="Model calls made, re-asks and transport retries included.")
    latency_s: float = Field(default=0.0, ge=0)
    warnings: list[str] = Field(default_factory=list)


class Result(_Frozen):
    """An extracted record, its grounding in the source, and its provenance."""

    record: ArticleSummary
    grounding: list[Evidence] = Field(default_factory=list)
    provenance: Provenance

    def evidence(self, field: FieldName, index: int) -> list[Evidence]:
        """Grounding entries for one item, e.g. ``result.evidence("quotes", 0)``."""
        return [e for e in self.grounding if e.field == field and e.index == index]

    @property
    def ungrounded(self) -> list[Evidence]:
        return [e for e in self.grounding if e.status is GroundingStatus.UNGROUNDED]
