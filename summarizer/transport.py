"""httpx transports under the openai SDK: record, replay and cache real HTTP exchanges, scrub secrets.

Hand-rolled rather than vcrpy because vcrpy patches httpx process-wide, which is
unsafe for concurrent batches and for a library; a transport is injected per client.
Only request method, path and JSON body, and response status, content type, body and
Retry-After are stored: no other headers, so no API keys, cookies or organisation ids.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from summarizer.errors import ReplayError

KEPT_HEADERS = ("retry-after", "retry-after-ms")  # besides content-type: what the retry policy reads
REDACTED = "[redacted]"


# Which repeat (epoch) of an eval the current call is; set by the eval runner, 0 for everything else.
current_sample: contextvars.ContextVar[int] = contextvars.ContextVar("current_sample", default=0)


@dataclass(frozen=True, eq=False)
class CallContext:
    """Which article and prompt the current model call belongs to (compared by identity)."""

    case_id: str
    prompt_version: str
    model: str
    sample: int = field(default_factory=current_sample.get)  # part of the cache and recording key when > 0


current_call: contextvars.ContextVar[CallContext] = contextvars.ContextVar("current_call")


def slug(value: str) -> str:
    """A file-name-safe form of a model name or case id; distinct values give distinct slugs.

    A safe value (letters, digits, ``-``, ``_``, ``.``) is its own slug, so existing recordings keep
    their names; an unsafe one gets its characters replaced plus ``~`` and a hash of the original,
    and ``~`` never occurs in a safe value.
    """
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in value)
    return value if safe == value else f"{safe}~{hashlib.sha256(value.encode()).hexdigest()[:10]}"


def recording_path(root: Path, call: CallContext) -> Path:
    """Where the recording of one case × prompt version × model lives."""
    sample = f".sample{call.sample}" if call.sample else ""  # sample 0 keeps the paths recorded before epochs
    return root / slug(call.model) / call.prompt_version / f"{slug(call.case_id)}{sample}.json"


def record_command(call: CallContext) -> str:
    return f"summarizer eval run --record --prompt {call.prompt_version} --model {call.model} --base-url URL"


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret replaced by ``[redacted]``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def _canonical(request: httpx.Request) -> dict[str, Any]:
    body = json.loads(request.content) if request.content else None
    return {"method": request.method, "path": request.url.path, "body": body}


def _stored(response: httpx.Response) -> dict[str, Any]:
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text
    stored = {
        "status": response.status_code,
        "content_type": response.headers.get("content-type", "application/json"),
        "body": body,
    }
    kept = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    if kept:  # optional: recordings made before Retry-After was kept have no "headers"
        stored["headers"] = kept
    return stored


def _exchange(request: httpx.Request, response: httpx.Response) -> dict[str, Any]:
    return {"request": _canonical(request), "response": _stored(response)}


def _response(stored: dict[str, Any], request: httpx.Request) -> httpx.Response:
    body = stored["body"]
    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    headers = {"content-type": stored["content_type"], **stored.get("headers", {})}
    return httpx.Response(stored["status"], headers=headers, content=content, request=request)


def write_atomic(path: Path, text: str) -> None:
    """Write a whole file or nothing: a kill never leaves half a JSON document."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class ScrubbingTransport(httpx.AsyncBaseTransport):
    """The innermost layer: removes secrets (an error body that echoes the Authorization header) from
    every response, and keeps only the headers the SDK and the retry policy read."""

    def __init__(self, inner: httpx.AsyncBaseTransport, secrets: Iterable[str]) -> None:
        self.inner = inner
        self.secrets = [s.encode() for s in secrets if s]

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        content = await response.aread()
        await response.aclose()
        for secret in self.secrets:
            content = content.replace(secret, REDACTED.encode())
        headers = {
            name: redact(response.headers[name], (s.decode() for s in self.secrets))
            for name in ("content-type", *KEPT_HEADERS)
            if name in response.headers
        }
        return httpx.Response(response.status_code, headers=headers, content=content, request=request)

    async def aclose(self) -> None:
        await self.inner.aclose()


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
    """Serves repeated identical requests from disk, and stores only answers that validated.

    A fresh 200 answer waits in memory as its call's latest answer; the backend calls
    :meth:`settle` when the call ends, and only an answer that parsed and validated is written:
    under its own request and under the call's first request, so re-running the article costs no
    model call even when the answer took a re-ask. A truncated body, a gateway page or a
    schema-violating answer is never stored, so retries and re-asks reach the server and a later
    run is not poisoned. Without a current call, nothing is stored.
    """

    def __init__(self, inner: httpx.AsyncBaseTransport, directory: Path) -> None:
        self.inner, self.directory = inner, directory
        self.hits = 0
        self._first: dict[CallContext, Path] = {}
        self._latest: dict[CallContext, tuple[Path, dict[str, Any]]] = {}

    def _key(self, request: httpx.Request) -> Path:
        call = current_call.get(None)
        material = json.dumps(
            [str(request.url), _canonical(request)["body"], call.prompt_version if call else None]
            + ([call.sample] if call and call.sample else []),
            sort_keys=True,
        )
        return self.directory / f"{hashlib.sha256(material.encode()).hexdigest()}.json"

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        path, call = self._key(request), current_call.get(None)
        if call is not None:
            self._first.setdefault(call, path)
            self._latest.pop(call, None)  # whatever comes now is the call's latest answer
        if path.is_file():
            self.hits += 1
            return _response(json.loads(path.read_text(encoding="utf-8")), request)
        response = await self.inner.handle_async_request(request)
        await response.aread()
        stored = _stored(response)
        if response.status_code == 200 and call is not None:
            self._latest[call] = (path, stored)
        return _response(stored, request)

    def settle(self, call: CallContext, validated: bool) -> None:
        """The call is over: store its latest answer if that answer validated, else forget it."""
        first, latest = self._first.pop(call, None), self._latest.pop(call, None)
        if validated and latest is not None:
            for path in {latest[0], first or latest[0]}:
                write_atomic(path, json.dumps(latest[1]))

    async def aclose(self) -> None:
        await self.inner.aclose()
