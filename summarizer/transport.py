"""httpx transports under the openai SDK: record, replay and cache real HTTP exchanges.

Hand-rolled rather than vcrpy because vcrpy patches httpx process-wide, which is
unsafe for concurrent batches and for a library; a transport is injected per client.
Only request method, path and JSON body, and response status, content type and body
are stored: no headers, so no API keys, cookies or organisation ids.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from summarizer.errors import ReplayError


@dataclass(frozen=True)
class CallContext:
    """Which article and prompt the current model call belongs to."""

    case_id: str
    prompt_version: str
    model: str


current_call: contextvars.ContextVar[CallContext] = contextvars.ContextVar("current_call")


def slug(value: str) -> str:
    """A file-name-safe form of a model name or case id."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in value)


def recording_path(root: Path, call: CallContext) -> Path:
    """Where the recording of one case × prompt version × model lives."""
    return root / slug(call.model) / call.prompt_version / f"{slug(call.case_id)}.json"


def record_command(call: CallContext) -> str:
    return f"summarizer eval run --record --prompt {call.prompt_version} --model {call.model} --base-url URL"


def _canonical(request: httpx.Request) -> dict[str, Any]:
    body = json.loads(request.content) if request.content else None
    return {"method": request.method, "path": request.url.path, "body": body}


def _exchange(request: httpx.Request, response: httpx.Response) -> dict[str, Any]:
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text
    return {
        "request": _canonical(request),
        "response": {
            "status": response.status_code,
            "content_type": response.headers.get("content-type", "application/json"),
            "body": body,
        },
    }


def _response(stored: dict[str, Any], request: httpx.Request) -> httpx.Response:
    body = stored["body"]
    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    return httpx.Response(
        stored["status"], headers={"content-type": stored["content_type"]}, content=content, request=request
    )


def write_atomic(path: Path, text: str) -> None:
    """Write a whole file or nothing: a kill never leaves half a JSON document."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class RecordingTransport(httpx.AsyncBaseTransport):
    """Forwards every request and writes the exchanges of each call, in order, to its recording."""

    def __init__(self, inner: httpx.AsyncBaseTransport, root: Path) -> None:
        self.inner, self.root = inner, root
        self._open: dict[Path, tuple[CallContext, list[dict[str, Any]]]] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        response = await self.inner.handle_async_request(request)
        await response.aread()
        call = current_call.get()
        path = recording_path(self.root, call)
        owner, exchanges = self._open.get(path, (call, []))
        if owner is not call:  # a new call for the same case starts a fresh recording
            exchanges = []
        self._open[path] = (call, exchanges)
        exchanges.append(_exchange(request, response))
        meta = {"case": call.case_id, "prompt_version": call.prompt_version, "model": call.model}
        meta["recorded_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        write_atomic(path, json.dumps({**meta, "exchanges": exchanges}, indent=1, ensure_ascii=False))
        return _response(exchanges[-1]["response"], request)

    async def aclose(self) -> None:
        await self.inner.aclose()


class ReplayTransport(httpx.AsyncBaseTransport):
    """Answers each request from the recording of the current call; a miss raises ReplayError."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._played: dict[Path, tuple[CallContext, int]] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        call = current_call.get()
        path = recording_path(self.root, call)
        where = f"case {call.case_id}, prompt {call.prompt_version}, model {call.model}"
        if not path.is_file():
            raise ReplayError(f"no recording for {where} at {path}; record it with: {record_command(call)}")
        exchanges = json.loads(path.read_text(encoding="utf-8"))["exchanges"]
        owner, index = self._played.get(path, (call, 0))
        index = index if owner is call else 0
        if index >= len(exchanges) or exchanges[index]["request"] != _canonical(request):
            raise ReplayError(
                f"stale recording for {where}: request {index + 1} no longer matches {path}; "
                f"re-record with: {record_command(call)}"
            )
        self._played[path] = (call, index + 1)
        return _response(exchanges[index]["response"], request)


class CachingTransport(httpx.AsyncBaseTransport):
    """Serves repeated identical requests from disk; only successful responses are stored."""

    def __init__(self, inner: httpx.AsyncBaseTransport, directory: Path) -> None:
        self.inner, self.directory = inner, directory
        self.hits = 0

    def _key(self, request: httpx.Request) -> Path:
        call = current_call.get(None)
        material = json.dumps(
            [str(request.url), _canonical(request)["body"], call.prompt_version if call else None],
            sort_keys=True,
        )
        return self.directory / f"{hashlib.sha256(material.encode()).hexdigest()}.json"

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        path = self._key(request)
        if path.is_file():
            self.hits += 1
            return _response(json.loads(path.read_text(encoding="utf-8")), request)
        response = await self.inner.handle_async_request(request)
        await response.aread()
        stored = _exchange(request, response)["response"]
        if response.status_code == 200:
            write_atomic(path, json.dumps(stored))
        return _response(stored, request)

    async def aclose(self) -> None:
        await self.inner.aclose()
