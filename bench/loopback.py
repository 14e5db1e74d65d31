"""A fake OpenAI-compatible model for benchmarks: one canned tool-call answer after a fixed latency.

It runs in its own process, so its CPU is not ours, and speaks HTTP/1.1 with keep-alive and a deep
listen backlog, as real model servers do. ``tests.fake_server`` is built for scripted faults, not
load: HTTP/1.0 (a new connection per request) and a backlog of 5, so 16 simultaneous connects
overflow it and the kernel drops SYNs that are retried a second later, which measured the server,
not the pipeline (13.8 s for a batch whose ideal is 2.5 s, with 1.7 s of our CPU).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

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


class _Server(ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True


def _serve(latency_s: float, ports: Any) -> None:
    answer = completion()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            time.sleep(latency_s)
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: Any) -> None:
            return None

    with _Server(("127.0.0.1", 0), Handler) as server:
        ports.put(server.server_address[1])
        server.serve_forever()


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
