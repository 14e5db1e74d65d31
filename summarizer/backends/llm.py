"""Structured extraction through instructor over any OpenAI-style ``create`` function."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import instructor
from instructor.core.exceptions import InstructorRetryException

from summarizer.backends.base import Completion, Request
from summarizer.config import Settings
from summarizer.errors import Attempt, ExtractionError, SummarizerError, TransportError
from summarizer.result import Usage
from summarizer.retry import cause_of, is_retryable, transport_policy
from summarizer.schema import ArticleSummary
from summarizer.transport import CallContext, current_call

CreateFn = Callable[..., Awaitable[Any]]

MODES = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "md_json": instructor.Mode.MD_JSON,
}


def raw_output(completion: Any) -> str | None:
    """The model's text or tool-call arguments, whichever it produced."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError):
        return None
    if getattr(message, "tool_calls", None):
        return "".join(call.function.arguments or "" for call in message.tool_calls)
    content: str | None = message.content
    return content


def usage_of(completion: Any) -> Usage:
    usage = getattr(completion, "usage", None)
    if usage is None:
        return Usage()
    return Usage(
        prompt_tokens=usage.prompt_tokens or 0,
        completion_tokens=usage.completion_tokens or 0,
        total_tokens=usage.total_tokens or 0,
    )


class _CallLog:
    """Every model call one extraction made: HTTP attempts, completions and parse errors."""

    def __init__(self) -> None:
        self.requests = 0
        self.raws: list[str | None] = []
        self.usages: list[Usage] = []
        self.parse_errors: list[str] = []

    def completed(self, completion: Any) -> None:
        # Snapshot now: instructor later rewrites completion.usage into a running total.
        self.raws.append(raw_output(completion))
        self.usages.append(usage_of(completion))

    def usage(self) -> Usage:
        return sum(self.usages, Usage())

    def attempts(self) -> list[Attempt]:
        raws = self.raws
        errors = self.parse_errors + [""] * (len(raws) - len(self.parse_errors))
        return [Attempt(raw=r, errors=[e] if e else []) for r, e in zip(raws, errors, strict=True)]


class InstructorBackend:
    """The LLM backends (openai, replay, local) differ only in the ``create`` function."""

    uses_prompt = True

    def __init__(
        self, name: str, create: CreateFn, settings: Settings, close: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        self.name, self._create, self.settings, self._close = name, create, settings, close
        self.max_input_chars = 12_000

    async def extract(self, request: Request) -> Completion:
        log = _CallLog()
        token = current_call.set(CallContext(request.case_id, request.prompt_version, self.settings.model))
        try:
            record, _ = await self._client(log).chat.completions.create_with_completion(
                messages=request.messages,  # type: ignore[arg-type]
                response_model=ArticleSummary,
                max_retries=self.settings.max_reasks,
                model=self.settings.model,
                max_tokens=self.settings.max_tokens,
                temperature=self.settings.temperature,
            )
        except InstructorRetryException as exc:
            raise self._failure(exc, log) from None
        finally:
            current_call.reset(token)
        clean = ArticleSummary.model_validate(record.model_dump())  # drops instructor's private _raw_response
        return Completion(record=clean, model=self.settings.model, usage=log.usage(), attempts=log.requests)

    def _client(self, log: _CallLog) -> instructor.AsyncInstructor:
        async def create(**kwargs: Any) -> Any:
            async for attempt in transport_policy(self.settings.transport_retries):
                with attempt:
                    log.requests += 1
                    return await self._create(**kwargs)
            raise AssertionError("unreachable: tenacity reraises")

        mode = MODES[self.settings.mode]
        client = instructor.AsyncInstructor(client=None, create=instructor.patch(create=create, mode=mode), mode=mode)
        client.on("completion:response", log.completed)
        client.on("parse:error", lambda exc, **_: log.parse_errors.append(str(exc)))
        return client

    def _failure(self, exc: InstructorRetryException, log: _CallLog) -> SummarizerError:
        ours = cause_of(exc, SummarizerError)
        if ours is not None:
            return ours  # type: ignore[no-any-return]
        cause = exc.__cause__ or exc
        if not log.raws or is_retryable(cause):  # the endpoint failed, not the model's output
            return TransportError(
                f"{self.name} endpoint failed after {log.requests} attempt(s): {type(cause).__name__}: "
                f"{cause}; check --base-url and that the server is up, or raise SUMMARIZER_TRANSPORT_RETRIES"
            )
        return ExtractionError(
            f"model output failed validation {len(log.parse_errors)} time(s) "
            f"(max re-asks {self.settings.max_reasks}); try a larger model or raise SUMMARIZER_MAX_REASKS",
            attempts=log.attempts(),
        )

    async def aclose(self) -> None:
        if self._close is not None:
            await self._close()
