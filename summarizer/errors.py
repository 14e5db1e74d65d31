"""One exception tree. Every message says what went wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field


class SummarizerError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 1


class InputError(SummarizerError):
    """The article or file given cannot be used (empty, missing, binary, ...)."""

    exit_code = 2


class ConfigError(SummarizerError):
    """Settings are missing or contradict each other."""

    exit_code = 2


class MissingAPIKeyError(ConfigError):
    def __init__(self) -> None:
        super().__init__("no API key: set OPENAI_API_KEY or SUMMARIZER_BASE_URL, or use --backend extractive")


class AuthenticationError(ConfigError):
    """The endpoint rejected the API key (HTTP 401/403); retrying cannot help."""


class BackendError(SummarizerError):
    """A backend could not produce a result."""


class TransportError(BackendError):
    """The endpoint kept failing (rate limits, 5xx, time-outs, malformed bodies) or cannot be reached."""


@dataclass(frozen=True)
class Attempt:
    """One model call: what came back and why it was rejected."""

    raw: str | None
    errors: list[str] = field(default_factory=list)


class ExtractionError(BackendError):
    """The model's output never validated within the re-ask budget."""

    def __init__(self, message: str, attempts: list[Attempt]) -> None:
        super().__init__(message)
        self.attempts = attempts


class ReplayError(BackendError):
    """A recording is missing or no longer matches the request."""
