"""The record a model (or the extractive backend) fills for one article.

Field descriptions are sent to the model as part of the JSON schema, so they are
prompt: keep them precise. Every list and string is bounded because llama.cpp
turns the schema into a grammar and small models loop without bounds. List bounds
are ``maxItems`` in the JSON schema only (not enforced on validation) so that
records merged from several chunks or sources may hold more items.
"""

from __future__ import annotations

import copy
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

ISO_DATE = r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"  # llama.cpp's schema-to-grammar converter rejects \d

Name = Annotated[str, Field(min_length=1, max_length=80)]
ShortText = Annotated[str, Field(max_length=160)]
IsoDate = Annotated[str, Field(pattern=ISO_DATE, max_length=10)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # instructor asks for the schema on every call (~15 ms of CPU); a class's schema never changes.
        return copy.deepcopy(_schema_of(cls, args, tuple(sorted(kwargs.items()))))


@lru_cache(maxsize=128)  # bounded: a caller that builds classes per call must not grow it without end
def _schema_of(cls: type[BaseModel], args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    schema: dict[str, Any] = BaseModel.model_json_schema.__func__(cls, *args, **dict(kwargs))  # type: ignore[attr-defined]
    return schema


class MeetingStatus(StrEnum):
    """Whether a meeting took place, is scheduled, or is only reported by others."""

    HELD = "held"
    PLANNED = "planned"
    REPORTED = "reported"


class TariffStatus(StrEnum):
    """The state a tariff is in according to the article."""

    IN_EFFECT = "in_effect"
    ANNOUNCED = "announced"
    THREATENED = "threatened"
    PROPOSED = "proposed"
    DELAYED = "delayed"
    REDUCED = "reduced"
    SUSPENDED = "suspended"
    RETALIATORY = "retaliatory"


class Participant(_Strict):
    """A person who takes part in a meeting or is quoted directly."""

    name: Name = Field(description="The person's full name as first given in the article, e.g. 'Marco Rubio'.")
    role: ShortText | None = Field(
        default=None, description="Role or title as written, e.g. 'Secretary of State'; null if none."
    )
    affiliation: ShortText | None = Field(
        default=None,
        description="Country or organisation the person represents, e.g. 'United States'; null if unknown.",
    )
    aliases: list[Name] = Field(
        default_factory=list,
        json_schema_extra={"maxItems": 5},
        description="Other forms of the name used in the article: surname only, other spellings.",
    )


class Meeting(_Strict):
    """A meeting or talks between named people."""

    participants: list[Name] = Field(
        json_schema_extra={"maxItems": 8},
        description="Names of the people who met, each exactly as in the participants list.",
    )
    location: ShortText | None = Field(
        default=None, description="City or venue as written, e.g. 'Kuala Lumpur'; null if not given."
    )
    date: IsoDate | None = Field(
        default=None,
        description="Date as ISO 'YYYY-MM-DD' or 'YYYY-MM' when only the month is known; null if unknown.",
    )
    date_text: ShortText | None = Field(
        default=None, description="The date exactly as written in the article, e.g. 'on Thursday'."
    )
    occasion: ShortText | None = Field(
        default=None, description="The event the meeting was part of, e.g. 'ASEAN foreign ministers' meetings'."
    )
    topics: list[ShortText] = Field(
        default_factory=list, json_schema_extra={"maxItems": 6}, description="Subjects discussed, a few words each."
    )
    status: MeetingStatus = Field(
        description="'held' if it took place, 'planned' if scheduled, 'reported' if only reported second-hand."
    )


class Quote(_Strict):
    """A direct quotation: words the article puts inside quotation marks."""

    speaker: Name = Field(
        description="Who said it: a person's full name or an institution such as 'Russia's Foreign Ministry'."
    )
    text: str = Field(
        min_length=1,
        max_length=600,
        description="The words inside the quotation marks, verbatim, without the marks. Never paraphrase.",
    )
    attribution: ShortText | None = Field(
        default=None, description="How it was delivered or sourced, e.g. 'told reporters', 'according to Reuters'."
    )
    meeting: int | None = Field(
        default=None, ge=0, description="Index into the meetings list of the meeting it was said at, if any."
    )


class Tariff(_Strict):
    """One tariff measure: one imposing party, one target, one rate."""

    imposed_by: Name = Field(description="Who imposes or would impose it, e.g. 'United States'.")
    target: ShortText = Field(description="Country, bloc or products it applies to, e.g. 'China'.")
    rate_percent: float | None = Field(
        default=None, ge=0, le=1000, description="The rate as a number of percent, e.g. 25; null if not given."
    )
    rate_text: ShortText | None = Field(
        default=None, description="The rate exactly as written, e.g. '25%' or 'an additional 10%'."
    )
    scope: ShortText | None = Field(
        default=None, description="Goods or sectors covered, e.g. 'imports', 'steel'; null if not given."
    )
    status: TariffStatus = Field(description="The state of the tariff according to the article.")
    effective_date: IsoDate | None = Field(
        default=None, description="When it takes or took effect, ISO 'YYYY-MM-DD' or 'YYYY-MM'; null if unknown."
    )
    condition: ShortText | None = Field(
        default=None, description="A condition it depends on, e.g. 'if talks fail'; null if none."
    )


class ArticleSummary(_Strict):
    """Meetings, participants, direct quotes and tariffs reported in one news article."""

    summary: str = Field(
        min_length=1,
        max_length=1000,  # llama.cpp cannot compile a longer bounded string into a grammar
        description="A neutral summary of the article in 2 to 4 sentences.",
    )
    meetings: list[Meeting] = Field(
        default_factory=list, json_schema_extra={"maxItems": 6}, description="Meetings reported."
    )
    participants: list[Participant] = Field(
        default_factory=list, json_schema_extra={"maxItems": 12}, description="People who met or are quoted directly."
    )
    quotes: list[Quote] = Field(
        default_factory=list,
        json_schema_extra={"maxItems": 10},
        description="Direct quotations only; never indirect speech.",
    )
    tariffs: list[Tariff] = Field(
        default_factory=list, json_schema_extra={"maxItems": 8}, description="Tariff measures mentioned."
    )
