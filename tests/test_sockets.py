"""The aiohttp socket layer against a real loopback server: each failure reaches the SDK and the retry policy
as the httpx error that means the same thing (httpx-aiohttp would call a refused connection a time-out), and
request slots bound what is out at once and hand a freed slot on before any answer is worked on."""

from __future__ import annotations

import asyncio
import socket
import time
from typing import Any

import httpx
import pytest

from summarizer.backends.openai import tls_context
from summarizer.sockets import AiohttpSocket, RequestSlots
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


def _post(layer: AiohttpSocket, url: str, n: int) -> asyncio.Task[httpx.Response]:
    request = httpx.Request("POST", url, json={"n": n}, extensions={"timeout": TIMEOUT})
    return asyncio.ensure_future(layer.handle_async_request(request))


def test_no_more_requests_are_out_at_once_than_the_slots() -> None:
    async def six(url: str) -> None:
        RequestSlots(2).use()
        layer = AiohttpSocket(tls_context(), max_connections=10)
        try:
            await asyncio.gather(*(_post(layer, url, n) for n in range(6)))
        finally:
            await layer.aclose()

    with FakeOpenAIServer(default=Reply(body=completion(RECORD).body, delay_s=0.3)).running() as server:
        asyncio.run(six(f"{server.base_url}/chat/completions"))
    arrived = sorted(server.times)
    assert len(arrived) == 6
    assert max(sum(t <= a < t + 0.25 for a in arrived) for t in arrived) == 2  # two at a time, 0.3 s apart


def test_a_freed_slot_sends_the_waiting_request_before_any_answer_is_worked_on() -> None:
    """Each answer is followed by 0.1 s that blocks the loop (an article's CPU work). The request an answer
    frees a slot for reaches the server before that answer's work ends: the third request before the first
    work, the fourth before the second (the second answer may arrive while the first is being worked on)."""
    worked: list[float] = []

    async def four(url: str) -> None:
        RequestSlots(2).use()
        layer = AiohttpSocket(tls_context(), max_connections=10)

        async def article(n: int) -> None:
            await _post(layer, url, n)
            time.sleep(0.1)  # blocks the event loop as parsing and grounding do
            worked.append(time.monotonic())

        try:
            await asyncio.gather(*(article(n) for n in range(4)))
        finally:
            await layer.aclose()

    with FakeOpenAIServer(default=Reply(body=completion(RECORD).body, delay_s=0.2)).running() as server:
        asyncio.run(four(f"{server.base_url}/chat/completions"))
    waited, done = sorted(server.times)[2:], sorted(worked)
    assert len(waited) == 2
    assert waited[0] < done[0]
    assert waited[1] < done[1]


def test_a_waiting_request_cancelled_as_its_slot_arrives_passes_the_slot_on() -> None:
    async def three() -> None:
        slots = RequestSlots(1)
        await slots.take()  # the first request holds the only slot
        second, third = asyncio.ensure_future(slots.take()), asyncio.ensure_future(slots.take())
        await asyncio.sleep(0)  # both wait, in that order
        slots.written()
        slots.give()  # the first ends: its slot goes to the second, which has not run yet
        second.cancel()
        await asyncio.wait_for(third, 1)  # the third gets it instead of waiting for ever
        await asyncio.wait_for(slots.sent(), 1)

    asyncio.run(three())


def test_a_proxy_in_the_environment_carries_requests_to_other_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeOpenAIServer([completion(RECORD)]).running() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.base_url.removesuffix("/v1"))
        response = _send("http://api.example.test/v1/chat/completions")
    assert response.status_code == 200
    assert proxy.targets == ["http://api.example.test/v1/chat/completions"]  # the absolute form a proxy is sent
    assert proxy.headers[0]["Host"] == "api.example.test"


def test_proxy_credentials_in_the_url_go_in_the_proxy_header(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeOpenAIServer([completion(RECORD)]).running() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.base_url.removesuffix("/v1").replace("http://", "http://ann:s3cret@"))
        _send("http://api.example.test/v1/chat/completions")
    assert proxy.headers[0]["Proxy-Authorization"] == "Basic YW5uOnMzY3JldA=="  # base64 of ann:s3cret


@pytest.mark.parametrize("no_proxy", ["", "api.example.test"], ids=["loopback", "NO_PROXY"])
def test_loopback_and_no_proxy_hosts_are_reached_directly(no_proxy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # the proxy: a loopback port nothing listens on, so using it would fail
        probe.bind(("127.0.0.1", 0))
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{probe.getsockname()[1]}")
    monkeypatch.setenv("NO_PROXY", no_proxy)
    with FakeOpenAIServer([completion(RECORD)]).running() as server:
        url = f"{server.base_url}/chat/completions"
        if no_proxy:  # a named host that resolves to this machine only through the test's own resolver entry
            url = url.replace("127.0.0.1", no_proxy)
            monkeypatch.setattr(socket, "getaddrinfo", _resolving(no_proxy, socket.getaddrinfo))
        response = _send(url)
    assert response.status_code == 200
    assert server.targets == ["/v1/chat/completions"]  # origin form: no proxy in between


def _resolving(name: str, real: Any) -> Any:
    def getaddrinfo(host: str, *args: Any, **kwargs: Any) -> Any:
        return real("127.0.0.1" if host == name else host, *args, **kwargs)

    return getaddrinfo
