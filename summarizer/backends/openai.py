"""The openai SDK (any OpenAI-compatible endpoint) and the replay of its recordings."""

from __future__ import annotations

import json
import ssl
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import openai
from openai.types.chat import ChatCompletion

from summarizer.backends.llm import CreateFn, InstructorBackend, SettleFn
from summarizer.config import Settings
from summarizer.errors import ConfigError, MissingAPIKeyError
from summarizer.sockets import AiohttpSocket
from summarizer.transport import CachingTransport, RecordingTransport, ReplayTransport, ScrubbingTransport, slug

REPLAY_URL = "http://replay.invalid/v1"  # never contacted: the replay transport answers
REPLAY_DEFAULT = "qwen2.5-coder-1.5b"  # the recorded model replay uses unless --model names another
SDK_OPTIONS = {"extra_headers", "extra_query", "extra_body", "timeout", "stream"}  # not part of the body


@cache
def tls_context() -> ssl.SSLContext:
    """One verifying TLS context per process: building one loads the CA bundle (20-35 ms measured), which
    httpx would otherwise do for every client, that is for every Summarizer and batch worker."""
    return httpx.create_ssl_context()


def chat_create(client: openai.AsyncOpenAI) -> CreateFn:
    """``client.chat.completions.create`` without the SDK's per-call walk of the request against its typed
    parameters (2.5 ms a call, most of it inside the tool schema): our requests are plain JSON already.
    The SDK still builds, sends and parses the call (its documented ``post`` for any endpoint)."""

    async def create(**body: Any) -> Any:
        if SDK_OPTIONS & body.keys():
            return await client.chat.completions.create(**body)
        return await client.post("/chat/completions", body=body, cast_to=ChatCompletion)

    return create


def api_key(settings: Settings) -> str:
    """The configured key without surrounding white space (a key file's trailing newline)."""
    key = settings.api_key.get_secret_value().strip() if settings.api_key else ""
    if any(not c.isprintable() or c.isspace() for c in key) or not key.isascii():
        raise ConfigError("the API key contains spaces, line breaks or non-ASCII characters; check OPENAI_API_KEY")
    return key or "no-key"


def sdk_client(settings: Settings, transport: httpx.AsyncBaseTransport, base_url: str | None) -> openai.AsyncOpenAI:
    """An SDK client with its own retries off: our tenacity policy is the only retry layer."""
    # openai>=3 is typed against httpx2 but accepts httpx clients; openai 1.x/2.x use httpx itself.
    http: Any = httpx.AsyncClient(transport=transport, timeout=settings.timeout_s)
    return openai.AsyncOpenAI(
        api_key=api_key(settings), base_url=base_url, max_retries=0, timeout=settings.timeout_s, http_client=http
    )


def openai_backend(settings: Settings, client: openai.AsyncOpenAI | None = None) -> InstructorBackend:
    """Live calls, scrubbed of the key, cached on disk (answers that validated) and optionally recorded."""
    settle: SettleFn | None = None
    if client is None:
        if settings.api_key is None and settings.base_url is None:
            raise MissingAPIKeyError()
        transport: httpx.AsyncBaseTransport = ScrubbingTransport(
            AiohttpSocket(tls_context(), max_connections=1000), [api_key(settings)]
        )  # above any --concurrency: aiohttp's default of 100 connections would queue the rest
        if settings.cache:
            transport = cache = CachingTransport(transport, settings.cache_dir)
            settle = cache.settle
        if settings.record_to is not None:
            transport = RecordingTransport(transport, settings.record_to)
        client = sdk_client(settings, transport, settings.base_url)
    return InstructorBackend("openai", chat_create(client), settings, close=client.close, settle=settle, over_http=True)


def recorded_models(settings: Settings) -> list[str]:
    root = settings.recordings
    return sorted(_model_of(p) for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def _model_of(folder: Path) -> str:
    """The model a recordings folder holds: its name, unless the name had to be made file-safe."""
    if slug(folder.name) == folder.name:
        return folder.name
    recording = next(folder.rglob("*.json"), None)
    model = json.loads(recording.read_text(encoding="utf-8")).get("model") if recording else None
    return model if isinstance(model, str) else folder.name


def replay_backend(settings: Settings) -> InstructorBackend:
    """Recorded responses played back through the same SDK and instructor path."""
    models = recorded_models(settings)
    default = REPLAY_DEFAULT if REPLAY_DEFAULT in models else models[0] if len(models) == 1 else None
    if "model" not in settings.model_fields_set and default is not None:
        settings = Settings(**{**settings.model_dump(exclude_unset=True), "model": default})
    if not models:
        raise ConfigError(f"no recordings under {settings.recordings}; record some with 'summarizer eval run --record'")
    client = sdk_client(settings, ReplayTransport(settings.recordings), REPLAY_URL)
    return InstructorBackend("replay", chat_create(client), settings, close=client.close)
