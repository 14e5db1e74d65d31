"""Typed, source-grounded records of meetings, participants, quotes and tariffs from news articles."""

from summarizer.api import asummarize, summarize
from summarizer.config import Settings
from summarizer.errors import (
    ConfigError,
    ExtractionError,
    InputError,
    MissingAPIKeyError,
    ReplayError,
    SummarizerError,
    TransportError,
)
from summarizer.pipeline import Summarizer
from summarizer.result import Evidence, GroundingStatus, Provenance, Result, Span, Usage
from summarizer.schema import (
    ArticleSummary,
    Meeting,
    MeetingStatus,
    Participant,
    Quote,
    Tariff,
    TariffStatus,
)

__all__ = [
    "ArticleSummary",
    "ConfigError",
    "Evidence",
    "ExtractionError",
    "GroundingStatus",
    "InputError",
    "Meeting",
    "MeetingStatus",
    "MissingAPIKeyError",
    "Participant",
    "Provenance",
    "Quote",
    "ReplayError",
    "Result",
    "Settings",
    "Span",
    "Summarizer",
    "SummarizerError",
    "Tariff",
    "TariffStatus",
    "TransportError",
    "Usage",
    "asummarize",
    "summarize",
]
