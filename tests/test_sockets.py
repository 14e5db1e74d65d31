"""The aiohttp socket layer against a real loopback server: each failure reaches the SDK and the retry policy
as the httpx error that means the same thing (httpx-aiohttp would call a refused connection a time-out)."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest

from summarizer.backends.openai import tls_context
from summarizer.sockets import AiohttpSocket
from tests.fake_server import FakeOpenAIServer, Reply, completion
from tests.test_client import RECORD

TIMEOUT = {"connect": 2.0, "read": 0.5, "write": 2.0, "pool": 2.0}


def _send(url: str) -> httpx.Response:
    async def send() -> httpx.Response:
        layer = AiohttpSocket(tls_context(), max_connections=10)
        request = httpx.Request("POST", url, json={"model": "m"}, extensions={"timeout": TIMEOUT})
        try:
            return await layer.handle_async_request(request)
        finally:
            await layer.aclose()

    return asyncio.run(send())


def test_an_answer_comes_back_whole_with_its_headers() -> None:
    with FakeOpenAIServer([completion(RECORD)]).running() as server:
        response = _send(f"{server.base_url}/chat/completions")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["choices"][0]["message"]["tool_calls"]
    assert server.requests == [{"model": "m"}]


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (Reply(drop=True), httpx.RemoteProtocolError),
        (Reply(body=completion(RECORD).body, delay_s=1.5), httpx.ReadTimeout),
    ],
    ids=["dropped", "slow"],
)
def test_a_failed_exchange_is_the_httpx_error_of_the_same_meaning(reply: Reply, error: type[Exception]) -> None:
    with FakeOpenAIServer(default=reply).running() as server, pytest.raises(error):
        _send(f"{server.base_url}/chat/completions")


def test_a_refused_connection_is_a_connect_error_not_a_timeout() -> None:
    with socket.socket() as probe:  # a loopback port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(httpx.ConnectError):
        _send(f"http://127.0.0.1:{port}/v1/chat/completions")
