"""The one transport retry policy: 429 (honouring Retry-After), 5xx, time-outs, dropped connections.

Validation failures are not retried here; instructor re-asks those with its own budget.
"""

from __future__ import annotations

import json
from typing import Any

import openai
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_base, wait_exponential_jitter

from summarizer.errors import SummarizerError

MAX_RETRY_AFTER_S = 60.0


def is_retryable(exc: BaseException) -> bool:
    """True for failures a later attempt may not hit; never for our own errors (e.g. a replay miss)."""
    if isinstance(exc.__cause__, SummarizerError):
        return False
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    # A JSONDecodeError out of the SDK call is a malformed HTTP body (tool arguments are parsed later).
    return isinstance(exc, (openai.APIConnectionError, openai.APIResponseValidationError, json.JSONDecodeError))


def retry_after_s(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait, if it said so in a Retry-After header."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    value = exc.response.headers.get("retry-after")
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER_S) if value is not None else None
    except ValueError:
        return None  # an HTTP date; rare from model servers, fall back to backoff


class wait_retry_after_or(wait_base):
    """Wait as long as Retry-After says, else fall back to exponential backoff with jitter."""

    def __init__(self, fallback: wait_base) -> None:
        self.fallback = fallback

    def __call__(self, retry_state: RetryCallState) -> float:
        outcome = retry_state.outcome
        asked = retry_after_s(outcome.exception() if outcome else None)
        return asked if asked is not None else self.fallback(retry_state)


def transport_policy(retries: int, initial_s: float = 0.5, max_s: float = 20.0) -> AsyncRetrying:
    """A fresh tenacity policy allowing ``retries`` retries after the first try."""
    return AsyncRetrying(
        stop=stop_after_attempt(retries + 1),
        wait=wait_retry_after_or(wait_exponential_jitter(multiplier=initial_s, max=max_s)),
        retry=retry_if_exception(is_retryable),
        reraise=True,
    )


def cause_of(exc: BaseException, kind: type[SummarizerError]) -> Any:
    """The first exception of ``kind`` in ``exc``'s cause chain, or None."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
