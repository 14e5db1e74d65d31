"""text → backend → grounding → Result. One direction, reusable across many articles."""

from __future__ import annotations

import hashlib
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

from summarizer import chunking, grounding, prompts, strict
from summarizer.backends import Backend, Completion, Request, create_backend
from summarizer.config import Settings
from summarizer.result import Provenance, Result, Usage
from summarizer.schema import ArticleSummary
from summarizer.text import clean, looks_like_html

if TYPE_CHECKING:
    import openai


def text_id(text: str) -> str:
    """A stable id for an article: the start of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def merge_settings(settings: Settings | None, overrides: dict[str, Any]) -> Settings:
    """Explicit overrides on top of ``settings`` (or of environment and defaults)."""
    if settings is None:
        return Settings(**overrides)
    return Settings(**{**settings.model_dump(exclude_unset=True), **overrides}) if overrides else settings


class Summarizer:
    """Holds one backend and prompt; ``await run(text)`` for each article. Use as an async context manager.

    ``engine`` injects a ready backend object; ``client`` an openai SDK client for the openai backend.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        engine: Backend | None = None,
        client: openai.AsyncOpenAI | None = None,
        **overrides: Any,
    ) -> None:
        self.settings = merge_settings(settings, overrides)
        self.backend = engine or create_backend(self.settings, client)
        self.prompt = self.backend.own_prompt or (
            prompts.load(self.settings.prompt) if self.backend.uses_prompt else None
        )

    async def run(self, text: str, *, case_id: str | None = None, published: str | None = None) -> Result:
        """Extract, ground and describe one article."""
        started = time.perf_counter()
        notes = (
            ["HTML input: text extracted with trafilatura; spans index into summarizer.text.clean(html)"]
            if (looks_like_html(text))
            else []
        )
        text = clean(text, case_id or "input")
        pieces = chunking.split(text, self.backend.max_input_chars)
        case = case_id or text_id(text)
        completions = [await self._extract(piece, case, i, published) for i, piece in enumerate(pieces)]
        record = chunking.merge([c.record for c in completions])
        evidence = grounding.ground(record, text)
        dropped: list[str] = []
        if self.settings.require_grounding:
            record, dropped = strict.enforce(record, evidence)
            evidence = grounding.ground(record, text) if dropped else evidence
        notes += [w for c in completions for w in c.warnings]
        if len(pieces) > 1:
            notes.append(f"article of {len(text)} characters was split into {len(pieces)} chunks")
        provenance = Provenance(
            backend=self.backend.name,
            model=completions[0].model,
            prompt_version=self.prompt.version if self.prompt else None,
            prompt_hash=self.prompt.sha256 if self.prompt else None,
            usage=sum((c.usage for c in completions), Usage()),
            attempts=sum(c.attempts for c in completions),
            latency_s=round(time.perf_counter() - started, 4),
            warnings=notes + grounding.warnings(evidence) + dropped,
        )
        return Result(record=record, grounding=evidence, provenance=provenance)

    async def _extract(self, piece: str, case_id: str, index: int, published: str | None) -> Completion:
        messages = self.prompt.render(piece, published) if self.prompt and self.backend.uses_prompt else []
        request = Request(
            article=piece,
            messages=messages,
            case_id=case_id if index == 0 else f"{case_id}.{index}",
            prompt_version=self.prompt.version if self.prompt else "none",
            published=published,
            response_model=self.prompt.response_model if self.prompt else ArticleSummary,
            mode=self.prompt.spec.mode if self.prompt else None,
        )
        return await self.backend.extract(request)

    async def aclose(self) -> None:
        await self.backend.aclose()

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
