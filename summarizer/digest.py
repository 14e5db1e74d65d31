"""EventDigest: several reports of one event merged, each fact with its sources and support."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from summarizer.result import Span
from summarizer.schema import MeetingStatus, TariffStatus


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """Where one article supports a fact."""

    article: str
    text: str | None = Field(default=None, description="The article's own wording, when it differs by source.")
    spans: list[Span] = Field(default_factory=list)


class Sourced(_Model):
    sources: list[Source] = Field(default_factory=list)

    @property
    def support(self) -> int:
        """How many articles carry this fact."""
        return len({s.article for s in self.sources})


class DigestParticipant(Sourced):
    name: str
    aliases: list[str] = Field(default_factory=list, description="Every other form used by any source.")
    role: str | None = None
    affiliation: str | None = None


class DigestMeeting(Sourced):
    participants: list[str]
    location: str | None = None
    date: str | None = None
    occasion: str | None = None
    status: MeetingStatus = MeetingStatus.HELD


class Statement(Sourced):
    """One thing a speaker said, as one or more sources quote it."""

    speaker: str
    relation: str = Field(
        description="'single' (one source), 'same' (near-identical wording) or "
        "'possible variants' (same speaker and substance, different words)."
    )
    similarity: float | None = Field(default=None, description="Word overlap of the least similar pair, 0-1.")


class DigestTariff(Sourced):
    imposed_by: str
    target: str
    rate_percent: float | None = None
    status: TariffStatus
    effective_date: str | None = None


class Disagreement(_Model):
    """A fact two sources state differently."""

    fact: str
    values: dict[str, list[str]] = Field(description="Each value and the articles that give it.")


class EventDigest(_Model):
    articles: list[str]
    grouping: str = Field(description="Why these articles were taken as one event.")
    participants: list[DigestParticipant] = Field(default_factory=list)
    meetings: list[DigestMeeting] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    tariffs: list[DigestTariff] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)
