"""The public entry points: ``summarize`` and ``asummarize``."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from summarizer.config import Settings
from summarizer.errors import SummarizerError
from summarizer.pipeline import Summarizer
from summarizer.result import Result

if TYPE_CHECKING:
    import openai


async def asummarize(
    text: str,
    *,
    published: str | None = None,
    case_id: str | None = None,
    settings: Settings | None = None,
    client: openai.AsyncOpenAI | None = None,
    **overrides: Any,
) -> Result:
    """Extract a grounded record of meetings, participants, quotes and tariffs from one article.

    ``overrides`` are ``Settings`` fields (``backend="openai"``, ``model=...``) and win over
    environment variables, which win over defaults. ``published`` (ISO date) anchors
    relative dates such as "on Tuesday".
    """
    async with Summarizer(settings, client=client, **overrides) as summarizer:
        return await summarizer.run(text, case_id=case_id, published=published)


def summarize(
    text: str,
    *,
    published: str | None = None,
    case_id: str | None = None,
    settings: Settings | None = None,
    **overrides: Any,
) -> Result:
    """Blocking form of :func:`asummarize`; call ``asummarize`` from inside an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(asummarize(text, published=published, case_id=case_id, settings=settings, **overrides))
    raise SummarizerError("summarize() was called inside a running event loop; use 'await asummarize(...)'")
