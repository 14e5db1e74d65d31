"""What the per-call shortcuts of the openai path keep: the same request body, instructor's fail-closed check."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from instructor.v2.core import patch
from instructor.v2.validation import async_validators
from pydantic import BaseModel

from summarizer import Settings, summarize
from summarizer.backends.openai import chat_create, sdk_client, tls_context
from summarizer.schema import ArticleSummary
from tests.fake_server import FakeOpenAIServer, completion
from tests.test_client import RECORD


def test_the_request_body_is_the_one_the_sdk_sends(seed_text: str) -> None:
    """``chat_create`` skips the SDK's typed-parameter walk: the bytes on the wire must not change for it."""
    with FakeOpenAIServer([completion(RECORD), completion(RECORD)]).running() as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="fake-model", cache=False)
        summarize(seed_text, settings=settings)  # through chat_create
        ours = server.requests[0]

        async def through_the_sdk() -> None:
            client = sdk_client(settings, httpx.AsyncHTTPTransport(), server.base_url)
            await client.chat.completions.create(**ours)
            await client.close()

        asyncio.run(through_the_sdk())
    assert "tools" in ours, "a real instructor request was sent"
    assert server.requests[1] == ours


def test_sdk_options_still_go_through_the_sdk() -> None:
    """A call with an SDK option (timeout, extra_body, ...) is not a plain body: the SDK's create takes it."""
    with FakeOpenAIServer([completion(RECORD)]).running() as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="fake-model", cache=False)

        async def call() -> Any:
            client = sdk_client(settings, httpx.AsyncHTTPTransport(), server.base_url)
            messages = [{"role": "user", "content": "hi"}]
            answer = await chat_create(client)(model="fake-model", messages=messages, extra_body={"seed": 7})
            await client.close()
            return answer

        answer = asyncio.run(call())
    assert server.requests[0]["seed"] == 7, "extra_body merged into the body, not sent as a key"
    assert "extra_body" not in server.requests[0]
    assert answer.choices[0].message.tool_calls


class WithAsyncValidator(BaseModel):
    name: str

    @async_validators.async_field_validator("name")
    async def known(self, value: str) -> str:
        return value


def test_a_model_with_an_async_validator_is_still_refused_every_time() -> None:
    check = patch.reject_async_validators  # the reference instructor's patched create calls
    assert getattr(check, "memoized", False), "instructor's per-call walk is memoized"
    for _ in range(2):  # a refusal is never remembered as a pass
        with pytest.raises(ValueError, match="async validators are not supported"):
            check(WithAsyncValidator)
    check(ArticleSummary)
    check(ArticleSummary)


def test_one_tls_context_per_process() -> None:
    assert tls_context() is tls_context()
