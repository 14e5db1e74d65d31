"""The openai SDK (any OpenAI-compatible endpoint) and the replay of its recordings."""

from __future__ import annotations

from typing import Any

import httpx
import openai

from summarizer.backends.llm import InstructorBackend
from summarizer.config import Settings
from summarizer.errors import ConfigError, MissingAPIKeyError
from summarizer.transport import CachingTransport, RecordingTransport, ReplayTransport

REPLAY_URL = "http://replay.invalid/v1"  # never contacted: the replay transport answers


def sdk_client(settings: Settings, transport: httpx.AsyncBaseTransport, base_url: str | None) -> openai.AsyncOpenAI:
    """An SDK client with its own retries off: our tenacity policy is the only retry layer."""
    key = settings.api_key.get_secret_value() if settings.api_key else "no-key"
    # openai>=3 is typed against httpx2 but accepts httpx clients; openai 1.x/2.x use httpx itself.
    http: Any = httpx.AsyncClient(transport=transport, timeout=settings.timeout_s)
    return openai.AsyncOpenAI(
        api_key=key, base_url=base_url, max_retries=0, timeout=settings.timeout_s, http_client=http
    )


def openai_backend(settings: Settings, client: openai.AsyncOpenAI | None = None) -> InstructorBackend:
    """Live calls, cached on disk and optionally recorded."""
    if client is None:
        if settings.api_key is None and settings.base_url is None:
            raise MissingAPIKeyError()
        transport: httpx.AsyncBaseTransport = httpx.AsyncHTTPTransport()
        if settings.cache:
            transport = CachingTransport(transport, settings.cache_dir)
        if settings.record_to is not None:
            transport = RecordingTransport(transport, settings.record_to)
        client = sdk_client(settings, transport, settings.base_url)
    return InstructorBackend("openai", client.chat.completions.create, settings, close=client.close)


def recorded_models(settings: Settings) -> list[str]:
    root = settings.recordings
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def replay_backend(settings: Settings) -> InstructorBackend:
    """Recorded responses played back through the same SDK and instructor path."""
    models = recorded_models(settings)
    if "model" not in settings.model_fields_set and len(models) == 1:
        settings = Settings(**{**settings.model_dump(exclude_unset=True), "model": models[0]})
    if not models:
        raise ConfigError(f"no recordings under {settings.recordings}; record some with 'summarizer eval run --record'")
    client = sdk_client(settings, ReplayTransport(settings.recordings), REPLAY_URL)
    return InstructorBackend("replay", client.chat.completions.create, settings, close=client.close)
