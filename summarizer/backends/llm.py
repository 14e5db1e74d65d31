"""Structured extraction through instructor over any OpenAI-style ``create`` function.

Two retry layers, one budget each (see :mod:`summarizer.retry`): our tenacity policy retries
transport failures inside ``create``, and instructor re-asks output that failed validation or was
cut off at ``max_tokens``. Instructor never retries a transport failure.
"""

from __future__ import annotations

import contextvars
import json
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

import instructor
from instructor.core.exceptions import (
    AsyncValidationError,
    IncompleteOutputException,
    InstructorRetryException,
    ResponseParsingError,
)
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

from summarizer.backends.base import Completion, Request
from summarizer.config import Settings
from summarizer.errors import Attempt, ExtractionError, SummarizerError
from summarizer.result import Usage
from summarizer.retry import MalformedResponse, RetryBudget, cause_of, transport_failure, transport_policy
from summarizer.schema import ArticleSummary
from summarizer.transport import CallContext, current_call, redact

CreateFn = Callable[..., Awaitable[Any]]
SettleFn = Callable[[CallContext, bool], None]
M = TypeVar("M", bound=BaseModel)

MODES = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "md_json": instructor.Mode.MD_JSON,
    "grammar": instructor.Mode.JSON_SCHEMA,  # with the request rewritten by as_grammar()
}
# What instructor re-asks; anything else (our TransportError, a refusal) ends the call at once.
REASKABLE = (
    ValidationError,
    json.JSONDecodeError,
    ResponseParsingError,
    AsyncValidationError,
    IncompleteOutputException,
)
MAX_KEPT_CHARS = 64 * 1024  # of one attempt's raw output, and of each text sent back in a re-ask
CUT_OFF_HINT = (
    "Your previous answer was cut off at the token limit. Answer again, shorter: "
    "fewer items, short strings, no repetition."
)


def capped(text: str | None, limit: int = MAX_KEPT_CHARS) -> str | None:
    """``text`` cut to ``limit`` characters, noting its full size when cut."""
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]}… [cut: {len(text)} characters in all, the first {limit} kept]"


def as_grammar(kwargs: dict[str, Any]) -> dict[str, Any]:
    """instructor's json_schema response format in the form llama.cpp's server compiles into a grammar."""
    fmt = kwargs.get("response_format") or {}
    if fmt.get("type") != "json_schema":
        return kwargs
    return {**kwargs, "response_format": {"type": "json_object", "schema": fmt["json_schema"]["schema"]}}


def raw_output(completion: Any) -> str | None:
    """The model's text or tool-call arguments, whichever it produced."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    if getattr(message, "tool_calls", None):
        return "".join(call.function.arguments or "" for call in message.tool_calls)
    content: str | None = message.content
    return content


def usage_of(completion: Any) -> Usage:
    usage = getattr(completion, "usage", None)
    if usage is None:
        return Usage()
    details = getattr(usage, "prompt_tokens_details", None)
    return Usage(
        prompt_tokens=usage.prompt_tokens or 0,
        completion_tokens=usage.completion_tokens or 0,
        total_tokens=usage.total_tokens or 0,
        cached_tokens=getattr(details, "cached_tokens", None) or 0,
    )


def cut_off(completion: Any) -> bool:
    try:
        return bool(completion.choices[0].finish_reason == "length")
    except (AttributeError, IndexError, TypeError):
        return False


def _cap_message(message: Any) -> Any:
    if not isinstance(message, dict):
        return message
    capped_message = {**message, "content": capped(message.get("content"))}
    if message.get("tool_calls"):
        capped_message["tool_calls"] = [
            {**call, "function": {**call["function"], "arguments": capped(call["function"].get("arguments"))}}
            for call in message["tool_calls"]
        ]
    return capped_message


@dataclass
class _CallLog:
    """Every model call one extraction made: HTTP attempts, completions and why each was rejected."""

    secrets: list[str]
    requests: int = 0
    attempts: list[Attempt] = field(default_factory=list)
    usages: list[Usage] = field(default_factory=list)
    cut_offs: int = 0
    last_cut_off: bool = False

    def completed(self, completion: Any) -> None:
        # Snapshot now: instructor later rewrites completion.usage into a running total.
        self.usages.append(usage_of(completion))
        errors = []
        self.last_cut_off = cut_off(completion)
        if self.last_cut_off:
            self.cut_offs += 1
            errors.append("output cut off at max_tokens (finish_reason=length)")
        self.attempts.append(Attempt(raw=capped(self._clean(raw_output(completion))), errors=errors))

    def rejected(self, exc: BaseException, **_: Any) -> None:
        """instructor's parse:error hook: the latest completion failed to parse or validate."""
        if self.attempts:
            last = self.attempts[-1]
            self.attempts[-1] = Attempt(raw=last.raw, errors=[*last.errors, capped(self._clean(str(exc))) or ""])

    def _clean(self, text: str | None) -> str | None:
        return None if text is None else redact(text, self.secrets)

    def usage(self) -> Usage:
        return sum(self.usages, Usage())


@dataclass
class _Call:
    """What one extraction's model calls share: its log, its transport budget, how many messages are prompt."""

    log: _CallLog
    budget: RetryBudget
    prompt_messages: int


# The call in progress. The instructor client is built once per backend and mode (building it, and
# preparing its response model, cost ~16 ms a call); per-call state reaches its ``create`` through this.
_active: contextvars.ContextVar[_Call] = contextvars.ContextVar("summarizer_llm_call")


def _check_each_model_once() -> None:
    """instructor walks the response model for async validators seven times a call (~1 ms of our CPU for
    ArticleSummary); a class cannot gain a validator after it is built, so one walk per class is enough.
    Every instructor module's reference to the check is replaced by the memoized one."""
    try:
        from instructor.v2.validation import async_validators as module
    except ImportError:
        return  # another instructor layout: it keeps its own per-call walk
    check = getattr(module, "reject_async_validators", None)
    if check is None or getattr(check, "memoized", False):
        return

    @lru_cache(maxsize=256)  # holds the classes, so an id is never reused for another one
    def walked(model: Any) -> None:
        check(model)

    def once(model: Any) -> None:
        try:
            walked(model)
        except TypeError:  # an unhashable annotation: walk it every time, as instructor does
            check(model)

    once.memoized = True  # type: ignore[attr-defined]
    for name, loaded in list(sys.modules.items()):  # also the modules that imported it by name
        if name.startswith("instructor") and getattr(loaded, "reject_async_validators", None) is check:
            vars(loaded)["reject_async_validators"] = once


_check_each_model_once()


@lru_cache(maxsize=128)  # bounded: a backend may build a response model per article (hybrid)
def prepared(response_model: type[BaseModel]) -> type[BaseModel]:
    """``response_model`` wrapped as instructor wraps it on every call, once: instructor then finds it
    ready and reuses its cached tool definition instead of building a new class and schema per call."""
    return instructor.response_schema(response_model)


class InstructorBackend:
    """The LLM backends (openai, replay, local) differ only in the ``create`` function.

    ``settle`` is told, when each call ends, whether its output validated (the cache stores only then).
    """

    uses_prompt = True
    own_prompt = None

    def __init__(
        self,
        name: str,
        create: CreateFn,
        settings: Settings,
        close: Callable[[], Awaitable[None]] | None = None,
        settle: SettleFn | None = None,
        over_http: bool = False,
    ) -> None:
        self.name, self._create, self.settings, self._close, self._settle = name, create, settings, close, settle
        self.over_http = over_http
        self.max_input_chars = 12_000
        key = settings.api_key.get_secret_value() if settings.api_key else ""
        self.secrets = sorted({key, key.strip()} - {""}, key=len, reverse=True)
        self._clients: dict[str, instructor.AsyncInstructor] = {}

    async def extract(self, request: Request) -> Completion:
        call = CallContext(request.case_id, request.prompt_version, self.settings.model)
        record, log = await self.structured(request.messages, request.response_model, call, self.mode_for(request.mode))
        clean = ArticleSummary.model_validate(record.model_dump())  # drops instructor's private _raw_response
        return Completion(record=clean, model=self.settings.model, usage=log.usage(), attempts=log.requests)

    async def structured(
        self,
        messages: list[dict[str, str]],
        response_model: type[M],
        call: CallContext,
        mode_name: str = "tools",
        max_tokens: int | None = None,
    ) -> tuple[M, _CallLog]:
        """One validated ``response_model`` for ``messages`` (re-asks and transport retries included), and
        the log of every attempt; the typed error when a budget runs out. ``settle`` hears how it ended."""
        log = _CallLog(self.secrets)
        state = _Call(log, RetryBudget(self.settings.transport_retries), len(messages))
        token, active, validated = current_call.set(call), _active.set(state), False
        try:
            record, _ = await self._instructor(mode_name).chat.completions.create_with_completion(
                messages=list(messages),  # type: ignore[arg-type]
                response_model=prepared(response_model),
                max_retries=AsyncRetrying(
                    stop=stop_after_attempt(self.settings.max_reasks + 1),
                    retry=retry_if_exception_type(REASKABLE),
                    reraise=True,
                ),
                model=self.settings.model,
                max_tokens=max_tokens or self.settings.max_tokens,
                temperature=self.settings.temperature,
            )
            validated = True
        except (InstructorRetryException, IncompleteOutputException) as exc:
            raise self._failure(exc, log) from None
        finally:
            _active.reset(active)
            current_call.reset(token)
            if self._settle is not None:
                self._settle(call, validated)
        return record, log  # type: ignore[return-value]

    def mode_for(self, prompt_mode: str | None) -> str:
        """The settings' mode when the user chose one, else the prompt's, else the default."""
        chosen = "mode" in self.settings.model_fields_set
        return self.settings.mode if chosen or prompt_mode is None else prompt_mode

    def _instructor(self, mode_name: str) -> instructor.AsyncInstructor:
        """The instructor client for ``mode_name``, built on first use."""
        client = self._clients.get(mode_name)
        if client is None:
            mode = MODES[mode_name]
            create = instructor.patch(create=self._create_for(mode_name), mode=mode)
            client = instructor.AsyncInstructor(client=None, create=create, mode=mode)
            client.on("parse:error", lambda exc, **kw: _active.get().log.rejected(exc, **kw))
            self._clients[mode_name] = client
        return client

    def _create_for(self, mode_name: str) -> CreateFn:
        rewrite = as_grammar if mode_name == "grammar" else None

        async def create(**kwargs: Any) -> Any:
            state = _active.get()
            kwargs = rewrite(kwargs) if rewrite else kwargs
            prompt, replies = kwargs["messages"][: state.prompt_messages], kwargs["messages"][state.prompt_messages :]
            messages = [*prompt, *map(_cap_message, replies)]
            if state.log.last_cut_off:  # instructor retries a cut-off answer unchanged: ask for a shorter one
                messages.append({"role": "user", "content": CUT_OFF_HINT})
            completion = await self._send({**kwargs, "messages": messages}, state.log, state.budget)
            state.log.completed(completion)
            return completion

        return create

    async def _send(self, kwargs: dict[str, Any], log: _CallLog, budget: RetryBudget) -> Any:
        """One model answer, through the transport retry policy; a failure it cannot cure is ours, typed."""
        try:
            async for attempt in transport_policy(budget):
                with attempt:
                    log.requests += 1
                    completion = await self._create(**kwargs)
                    if not getattr(completion, "choices", None):  # e.g. the text of an HTML gateway page
                        raise MalformedResponse(f"a 200 answer that is not a chat completion: {str(completion)[:80]!r}")
            return completion
        except Exception as exc:
            endpoint = self.settings.base_url if self.name == "openai" else None
            raise self._scrubbed(transport_failure(exc, self.name, log.requests, endpoint)) from exc

    def _failure(self, exc: Exception, log: _CallLog) -> SummarizerError:
        ours = cause_of(exc, SummarizerError)
        if ours is not None:
            return ours  # type: ignore[no-any-return]
        reasks = self.settings.max_reasks
        if isinstance(exc, IncompleteOutputException):
            return self._scrubbed(
                ExtractionError(
                    f"model output was cut off at max_tokens={self.settings.max_tokens} {log.cut_offs} time(s) "
                    f"(max re-asks {reasks}); raise SUMMARIZER_MAX_TOKENS or use a model with a larger context",
                    attempts=log.attempts,
                )
            )
        cause = exc.__cause__
        if cause is not None and not isinstance(cause, REASKABLE) and log.attempts:  # e.g. a refusal
            log.rejected(cause)
        failed = sum(1 for a in log.attempts if a.errors)
        return self._scrubbed(
            ExtractionError(
                f"model output failed validation {failed} time(s) (max re-asks {reasks}); "
                "try a larger model or raise SUMMARIZER_MAX_REASKS",
                attempts=log.attempts,
            )
        )

    def _scrubbed(self, error: SummarizerError) -> SummarizerError:
        error.args = (redact(str(error), self.secrets),)
        return error

    async def aclose(self) -> None:
        if self._close is not None:
            await self._close()
