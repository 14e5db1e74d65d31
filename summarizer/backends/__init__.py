"""Backends by name, imported lazily so heavy optional dependencies load only when chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.backends.base import Backend, Completion, Request
from summarizer.config import Settings
from summarizer.errors import ConfigError

if TYPE_CHECKING:
    import openai

__all__ = ["Backend", "Completion", "Request", "create_backend"]


def create_backend(settings: Settings, client: openai.AsyncOpenAI | None = None) -> Backend:
    """The backend ``settings`` name; ``client`` replaces the openai SDK client (tests, proxies)."""
    name = settings.resolved_backend()
    if name == "extractive":
        from summarizer.backends.extractive import ExtractiveBackend

        return ExtractiveBackend(settings)
    if name == "openai":
        from summarizer.backends.openai import openai_backend

        return openai_backend(settings, client)
    if name == "replay":
        from summarizer.backends.openai import replay_backend

        return replay_backend(settings)
    if name == "hybrid":
        from summarizer.backends.hybrid import hybrid_backend

        return hybrid_backend(settings, client)
    if name == "local":
        from summarizer.backends.local import local_backend

        return local_backend(settings)
    raise ConfigError(f"unknown backend {name!r}: choose openai, extractive, hybrid, replay or local")
