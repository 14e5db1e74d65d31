"""One event loop over many articles: each ends as exactly one Outcome, a result or a typed failure record.

A fixed pool of workers pulls from a bounded queue, so memory does not grow with the number of articles;
an unexpected exception costs its article (an ``InternalError`` outcome), never the stream.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from summarizer.batch_io import Article
from summarizer.config import Settings
from summarizer.errors import ExtractionError, SummarizerError
from summarizer.pipeline import Summarizer
from summarizer.result import Result
from summarizer.sockets import RequestSlots
from summarizer.transport import redact


@dataclass(frozen=True)
class Outcome:
    """What became of one article."""

    id: str
    result: Result | None = None
    error_type: str | None = None
    error: str | None = None
    attempts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result is not None

    def as_json(self) -> str:
        body: dict[str, Any] = {"id": self.id, "status": "ok" if self.ok else "error"}
        if self.result is not None:
            body["result"] = self.result.model_dump(mode="json")
        else:
            body["error"] = self._error()
        return json.dumps(body, ensure_ascii=False)

    def as_row(self) -> dict[str, str | None]:
        """A table row (Parquet): id, status, and the result or the error as JSON text."""
        result = self.result.model_dump_json() if self.result is not None else None
        error = None if self.ok else json.dumps(self._error(), ensure_ascii=False)
        return {"id": self.id, "status": "ok" if self.ok else "error", "result": result, "error": error}

    def _error(self) -> dict[str, Any]:
        return {"type": self.error_type, "message": self.error, "attempts": self.attempts}


def _as_articles(articles: Iterable[Article | str]) -> Iterator[Article]:
    """Plain strings become articles with ids 0, 1, ...; lazily, so a corpus is never held whole."""
    return (a if isinstance(a, Article) else Article(id=str(i), text=a) for i, a in enumerate(articles))


async def _one(summarizer: Summarizer, article: Article) -> Outcome:
    if article.text is None:
        return Outcome(article.id, error_type="InputError", error=article.problem or "the article could not be read")
    try:
        result = await summarizer.run(article.text, case_id=article.id, published=article.published)
    except ExtractionError as exc:
        attempts = [{"raw": a.raw, "errors": a.errors} for a in exc.attempts]
        return Outcome(article.id, error_type=type(exc).__name__, error=str(exc), attempts=attempts)
    except SummarizerError as exc:
        return Outcome(article.id, error_type=type(exc).__name__, error=str(exc))
    except Exception as exc:  # a bug or an input nobody foresaw costs this article, not the batch
        key = summarizer.settings.api_key.get_secret_value() if summarizer.settings.api_key else ""
        message = redact(f"{type(exc).__name__}: {exc} (a bug; please report it)", [key, key.strip()])
        return Outcome(article.id, error_type="InternalError", error=message)
    return Outcome(article.id, result=result)


async def asummarize_many(
    articles: Iterable[Article | str], concurrency: int = 8, settings: Settings | None = None, **overrides: Any
) -> AsyncIterator[Outcome]:
    """Outcomes in the order they finish; every article yields exactly one. Plain strings get ids 0, 1, ...

    ``articles`` is consumed lazily: ``concurrency`` workers pull from a queue of bounded size, so memory
    does not grow with the number of articles.
    """
    async with Summarizer(settings, **overrides) as summarizer:
        async for outcome in stream(summarizer, _as_articles(articles), concurrency):
            yield outcome


async def _each(articles: Iterator[Article] | AsyncIterator[Article]) -> AsyncIterator[Article]:
    if isinstance(articles, AsyncIterator):
        async for article in articles:
            yield article
    else:
        for article in articles:
            yield article


async def stream(
    summarizer: Summarizer, articles: Iterator[Article] | AsyncIterator[Article], concurrency: int
) -> AsyncIterator[Outcome]:
    """A fixed pool of workers over a bounded queue; outcomes as they finish.

    ``concurrency`` model calls at most are out at once. A backend whose calls are HTTP requests gets as many
    workers again, preparing their next articles while the requests are out: a finished request hands its
    slot straight to a prepared one (:class:`RequestSlots`), so no slot waits for an article's CPU work.
    """
    slots = RequestSlots(concurrency)
    count = concurrency * (2 if summarizer.backend.over_http else 1)
    todo: asyncio.Queue[Article | None] = asyncio.Queue(maxsize=concurrency)
    finished: asyncio.Queue[Outcome | None] = asyncio.Queue(maxsize=concurrency)

    async def feed() -> None:
        try:
            async for article in _each(articles):
                await todo.put(article)
        finally:  # also when reading fails: the workers drain and stop, and the error surfaces below
            for _ in range(count):
                await todo.put(None)

    async def work() -> None:
        slots.use()
        try:
            while (article := await todo.get()) is not None:
                await finished.put(await _one(summarizer, article))
        finally:
            await finished.put(None)

    feeder = asyncio.create_task(feed())
    workers = [asyncio.create_task(work()) for _ in range(count)]
    try:
        running = count
        while running:
            outcome = await finished.get()
            if outcome is None:
                running -= 1
            else:
                yield outcome
        await asyncio.gather(*workers)  # a worker's own failure (never an article's) is raised here
        await feeder  # as is a failure to read the input
    finally:
        for task in (feeder, *workers):
            task.cancel()
        await asyncio.gather(feeder, *workers, return_exceptions=True)


def summarize_many(
    articles: Iterable[Article | str],
    concurrency: int = 8,
    settings: Settings | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    **overrides: Any,
) -> list[Outcome]:
    """Blocking form of :func:`asummarize_many`; returns outcomes in input order."""
    items = list(_as_articles(articles))

    async def collect() -> list[Outcome]:
        found = []
        async for outcome in asummarize_many(items, concurrency, settings, **overrides):
            if on_outcome:
                on_outcome(outcome)
            found.append(outcome)
        return found

    order = {a.id: i for i, a in enumerate(items)}
    return sorted(asyncio.run(collect()), key=lambda o: order[o.id])
