"""The transport layer's retry policy and what its failures mean.

Budgets, one per layer, for each chunk of an article:

* transport: ``transport_retries`` retries in all (shared by the first call and every re-ask) for
  429 (Retry-After honoured), 5xx, time-outs, dropped or refused connections and malformed 200
  bodies (truncated JSON, an HTML gateway page, no ``choices``). Nothing else retries HTTP: the
  SDK's own retries are off and instructor never re-asks a transport failure.
* model: ``max_reasks`` re-asks (instructor's) for output that fails validation or was cut off at
  ``max_tokens``.

So the endpoint sees at most ``1 + max_reasks + transport_retries`` requests per chunk.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import openai
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception
from tenacity.wait import wait_base, wait_exponential_jitter

from summarizer.errors import AuthenticationError, SummarizerError, TransportError

MAX_RETRY_AFTER_S = 60.0
REFUSED_WAIT_S = 0.25  # a refused connection is retried quickly: a dead server fails in about a second


class MalformedResponse(Exception):  # noqa: N818 - an internal signal, never shown as is
    """A 200 answer that is not a chat completion (an HTML gateway page, a bare string, no choices)."""


class RetryBudget:
    """Transport retries left for one extraction; its re-asks draw on the same budget."""

    def __init__(self, retries: int) -> None:
        self.left = retries

    def spent(self, retry_state: RetryCallState) -> bool:
        return self.left <= 0

    def draw(self, retry_state: RetryCallState) -> None:
        self.left -= 1


def is_retryable(exc: BaseException) -> bool:
    """True for failures a later attempt may not hit; never for our own errors (e.g. a replay miss)."""
    if isinstance(exc.__cause__, SummarizerError):
        return False
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    if isinstance(exc, openai.APIConnectionError):
        return not isinstance(exc.__cause__, httpx.LocalProtocolError)  # a bad header never gets better
    # A JSONDecodeError out of the SDK call is a malformed HTTP body (tool arguments are parsed later).
    return isinstance(exc, (openai.APIResponseValidationError, json.JSONDecodeError, MalformedResponse))


def refused(exc: BaseException | None) -> bool:
    """True when nothing listens at the endpoint (connection refused)."""
    return isinstance(exc, openai.APIConnectionError) and isinstance(exc.__cause__, httpx.ConnectError)


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
    """Wait as long as Retry-After says, briefly after a refused connection, else back off with jitter."""

    def __init__(self, fallback: wait_base) -> None:
        self.fallback = fallback

    def __call__(self, retry_state: RetryCallState) -> float:
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome else None
        asked = retry_after_s(exc)
        if asked is not None:
            return asked
        return REFUSED_WAIT_S if refused(exc) else self.fallback(retry_state)


def transport_policy(budget: RetryBudget, initial_s: float = 0.5, max_s: float = 20.0) -> AsyncRetrying:
    """A tenacity policy that retries transport failures while ``budget`` lasts."""
    return AsyncRetrying(
        stop=budget.spent,
        wait=wait_retry_after_or(wait_exponential_jitter(multiplier=initial_s, max=max_s)),
        retry=retry_if_exception(is_retryable),
        before_sleep=budget.draw,
        reraise=True,
    )


def transport_failure(exc: BaseException, name: str, attempts: int, endpoint: str | None) -> SummarizerError:
    """The typed, one-line error for a transport failure that retries did not (or must not) cure."""
    ours = cause_of(exc, SummarizerError)
    if ours is not None:
        return ours  # type: ignore[no-any-return]
    where = endpoint or "the endpoint"
    if isinstance(exc, openai.APIStatusError) and exc.status_code in {401, 403}:
        return AuthenticationError(
            f"{where} rejected the API key (HTTP {exc.status_code}); check OPENAI_API_KEY (or SUMMARIZER_API_KEY)"
        )
    if refused(exc):
        return TransportError(
            f"cannot connect to {where} (connection refused, {attempts} attempt(s)); is the server up? Check --base-url"
        )
    if isinstance(exc, openai.APIStatusError) and not is_retryable(exc):
        return TransportError(
            f"{where} refused the request: HTTP {exc.status_code}: {_short(exc)}; check --base-url and --model"
        )
    return TransportError(
        f"{name} endpoint failed after {attempts} attempt(s): {type(exc).__name__}: {_short(exc)}; "
        "check --base-url and that the server is up, or raise SUMMARIZER_TRANSPORT_RETRIES"
    )


def _short(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "…"


def cause_of(exc: BaseException, kind: type[SummarizerError]) -> Any:
    """The first exception of ``kind`` in ``exc``'s cause chain, or None."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
