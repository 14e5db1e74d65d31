"""A fake OpenAI-compatible model for benchmarks: one canned tool-call answer after a fixed latency.

A real HTTP server on 127.0.0.1 (aiohttp: asyncio, HTTP/1.1 keep-alive, TCP_NODELAY, a listen backlog
of 1024) in a process of its own, so its CPU is not ours and one event loop serves every connection
without a thread each. Two stalls of earlier bench servers are gone with it: ``tests.fake_server``'s
backlog of 5 overflowed at 16 simultaneous connects (the kernel drops SYNs and the client retries a
second later), and ``http.server`` writing headers and body in two small segments met the client's
delayed ACK (Nagle), adding 40 ms to every answer (44 ms for a bare round trip with no latency).

``GET /v1/stats`` answers the requests served and the CPU seconds the server process has used, so a
benchmark can show that the server is not the bottleneck.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

RECORD = {  # the record tests/test_client.py answers with: grounding has quotes, names and a tariff to check
    "summary": "Rubio met Wang Yi in Kuala Lumpur.",
    "participants": [{"name": "Marco Rubio", "aliases": ["Rubio"]}, {"name": "Wang Yi"}],
    "meetings": [{"participants": ["Marco Rubio", "Wang Yi"], "location": "Kuala Lumpur", "status": "held"}],
    "quotes": [{"speaker": "Marco Rubio", "text": "China is supporting Russia"}],
    "tariffs": [
        {
            "imposed_by": "United States",
            "target": "China",
            "rate_percent": 10,
            "rate_text": "10%",
            "status": "threatened",
            "condition": "if talks fail",
        }
    ],
}
BACKLOG = 1024


def completion(record: dict[str, Any] = RECORD) -> bytes:
    """A chat completion whose one tool call carries ``record`` (its arguments also parse as content)."""
    arguments = json.dumps(record)
    message = {
        "role": "assistant",
        "content": arguments,  # for the JSON modes (prompt v4's grammar); tool modes read the tool call
        "tool_calls": [
            {"id": "call_0", "type": "function", "function": {"name": "ArticleSummary", "arguments": arguments}}
        ],
    }
    body = {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 0,
        "model": "bench",
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": message}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }
    return json.dumps(body).encode()


async def _run(latency_s: float, ports: Any) -> None:
    from aiohttp import web

    answer, served = completion(), [0]

    async def chat(request: web.Request) -> web.Response:
        await request.read()
        await asyncio.sleep(latency_s)
        served[0] += 1
        return web.Response(body=answer, content_type="application/json")

    async def stats(_: web.Request) -> web.Response:
        return web.json_response({"requests": served[0], "cpu_s": time.process_time()})

    app = web.Application()
    app.router.add_post("/v1/chat/completions", chat)
    app.router.add_get("/v1/stats", stats)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=BACKLOG)
    await site.start()
    ports.put(runner.addresses[0][1])
    await asyncio.Event().wait()  # serve until the process is terminated


def _serve(latency_s: float, ports: Any) -> None:
    asyncio.run(_run(latency_s, ports))


@dataclass(frozen=True)
class ServerStats:
    requests: int
    cpu_s: float

    def __sub__(self, other: ServerStats) -> ServerStats:
        return ServerStats(self.requests - other.requests, self.cpu_s - other.cpu_s)

    @property
    def cpu_per_request_ms(self) -> float:
        return self.cpu_s / max(self.requests, 1) * 1000


def stats(url: str) -> ServerStats:
    """Requests served and CPU seconds used so far by the server at ``url``."""
    found = httpx.get(f"{url}/stats", timeout=10).json()
    return ServerStats(int(found["requests"]), float(found["cpu_s"]))


@contextlib.contextmanager
def serving(latency_s: float = 0.0) -> Iterator[str]:
    """The base URL of a fake model answering after ``latency_s``, in a process of its own."""
    ports: Any = multiprocessing.Queue()
    process = multiprocessing.Process(target=_serve, args=(latency_s, ports), daemon=True)
    process.start()
    try:
        yield f"http://127.0.0.1:{ports.get(timeout=30)}/v1"
    finally:
        process.terminate()
        process.join()
