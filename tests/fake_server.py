"""FakeOpenAIServer: a real HTTP server on 127.0.0.1 that plays scripted chat-completion replies.

It is a fake *model* (answers are scripted), not a mock object: the openai SDK, httpx,
instructor and our retry policy all run for real against it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer: a status with headers and body, or a dropped connection.

    ``echo_auth`` puts the request's Authorization header into the body, as some gateways do in errors.
    """

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    drop: bool = False
    content_type: str = "application/json"
    echo_auth: bool = False


def completion(
    arguments: dict[str, Any] | str,
    usage: tuple[int, int] = (100, 20),
    finish_reason: str = "tool_calls",
    cached_tokens: int | None = None,
) -> Reply:
    """A tool-call completion whose arguments are ``arguments`` (a dict, or raw text)."""
    args = arguments if isinstance(arguments, str) else json.dumps(arguments)
    reply = Reply(
        body={
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 0,
            "model": "fake-model",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish_reason,
                    "message": {
                        "role": "assistant",
                        "content": None,
                        "tool_calls": [
                            {
                                "id": "call_0",
                                "type": "function",
                                "function": {"name": "ArticleSummary", "arguments": args},
                            }
                        ],
                    },
                }
            ],
            "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
        }
    )
    if cached_tokens is not None:
        reply.body["usage"]["prompt_tokens_details"] = {"cached_tokens": cached_tokens}
    return reply


def rate_limited(retry_after: str = "1") -> Reply:
    return Reply(status=429, body={"error": {"message": "slow down"}}, headers={"Retry-After": retry_after})


# Faults a real endpoint or the gateway in front of it produces, each as a 200 or an error status.
def truncated() -> Reply:
    """A 200 whose JSON body stops half way (a dropped proxy connection)."""
    return Reply(body=b'{"id": "chatcmpl-fake", "object": "chat.completion", "choices": [{"index": 0, "mess')


def html_page() -> Reply:
    """A 200 HTML page from a gateway or captive portal instead of a completion."""
    page = b"<!doctype html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"
    return Reply(body=page, content_type="text/html; charset=utf-8")


def cut_off(arguments: dict[str, Any]) -> Reply:
    """finish_reason=length: the model hit max_tokens, its tool arguments end mid-JSON."""
    return completion(json.dumps(arguments)[:40], finish_reason="length")


def echoing_auth(status: int = 500) -> Reply:
    """An error whose body quotes the request's Authorization header."""
    return Reply(status=status, body={"error": {"message": "upstream failed"}}, echo_auth=True)


def huge_arguments(size: int = 5_000_000) -> Reply:
    """A completion whose tool arguments are ``size`` characters (a runaway model)."""
    return completion({"summary": "word " * (size // 5)})


def wrong_content_type(reply: Reply) -> Reply:
    """``reply`` (a JSON completion) labelled as text/plain."""
    return Reply(status=reply.status, body=reply.body, content_type="text/plain")


class _Server(ThreadingHTTPServer):
    """A listen backlog for a batch's worth of simultaneous connects (the default of 5 drops SYNs at 16)."""

    request_queue_size = 128


class FakeOpenAIServer:
    """Answers POST /v1/chat/completions from a script; keeps every request it saw."""

    def __init__(
        self,
        script: list[Reply] | None = None,
        default: Reply | None = None,
        responder: Callable[[dict[str, Any]], Reply] | None = None,
    ) -> None:
        self.script = list(script or [])
        self.default = default
        self.responder = responder
        self.requests: list[dict[str, Any]] = []
        self.times: list[float] = []
        self.headers: list[dict[str, str]] = []
        self.targets: list[str] = []  # each request line's target: a path, or a whole URL when it acts as a proxy
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def _next(self, body: dict[str, Any], headers: dict[str, str], target: str = "") -> Reply:
        with self._lock:
            self.requests.append(body)
            self.targets.append(target)
            self.times.append(time.monotonic())
            self.headers.append(headers)
            if self.responder is not None:
                return self.responder(body)
            if self.script:
                return self.script.pop(0)
        if self.default is None:
            return Reply(status=500, body={"error": {"message": "script exhausted"}})
        return self.default

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            # HTTP/1.0, one connection per request, so a scripted drop or fault never poisons a pooled one;
            # no Nagle delay between the headers and the body (the client's delayed ACK would add 40 ms)
            disable_nagle_algorithm = True

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                reply = server._next(body, dict(self.headers), self.path)
                time.sleep(reply.delay_s)
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                body: Any = reply.body
                if reply.echo_auth:
                    echoed = {k.lower(): v for k, v in self.headers.items()}.get("authorization")
                    body = {"error": {"message": f"{body['error']['message']}; request had Authorization: {echoed}"}}
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                try:
                    self._send(reply, data)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up (time-out): nothing to answer

            def _send(self, reply: Reply, data: bytes) -> None:
                self.send_response(reply.status)
                self.send_header("content-type", reply.content_type)
                self.send_header("content-length", str(len(data)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                return None

        return Handler

    @contextmanager
    def running(self) -> Iterator[FakeOpenAIServer]:
        self._thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
