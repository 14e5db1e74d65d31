"""Many articles, each ending with exactly one outcome: a result or a typed failure record.

Outcomes are appended to a JSONL file as they finish, one whole line per write, and fsync'ed
after every line, so a killed batch loses at most the articles in flight; ``resume`` skips ids
already written. A torn last line (a kill mid-write on a filesystem that allows it) is ignored
on resume and its article is done again. An unexpected exception costs its article (an
``InternalError`` line), never the batch.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.batch_io import Appender, Article, Inputs, done_ids, read_inputs
from summarizer.config import Settings
from summarizer.errors import ExtractionError, InputError, SummarizerError
from summarizer.pipeline import Summarizer
from summarizer.result import Result
from summarizer.transport import redact

__all__ = [
    "Article",
    "Batch",
    "Inputs",
    "Outcome",
    "asummarize_many",
    "done_ids",
    "read_inputs",
    "stream",
    "summarize_many",
]


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


async def stream(summarizer: Summarizer, articles: Iterator[Article], concurrency: int) -> AsyncIterator[Outcome]:
    """A fixed pool of ``concurrency`` workers over a bounded queue; outcomes as they finish."""
    todo: asyncio.Queue[Article | None] = asyncio.Queue(maxsize=concurrency)
    finished: asyncio.Queue[Outcome | None] = asyncio.Queue(maxsize=concurrency)

    async def feed() -> None:
        try:
            for article in articles:
                await todo.put(article)
        finally:  # also when reading fails: the workers drain and stop, and the error surfaces below
            for _ in range(concurrency):
                await todo.put(None)

    async def work() -> None:
        try:
            while (article := await todo.get()) is not None:
                await finished.put(await _one(summarizer, article))
        finally:
            await finished.put(None)

    feeder = asyncio.create_task(feed())
    workers = [asyncio.create_task(work()) for _ in range(concurrency)]
    try:
        running = concurrency
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


@dataclass
class Batch:
    """A resumable batch: the articles still to do, and the JSONL file their outcomes are appended to.

    ``Batch.open(source, out, resume=True)`` checks the input and skips articles whose id is already
    in ``out``; ``run()`` reads the rest lazily and appends one line per article as it finishes.
    """

    out: Path
    todo: Iterable[Article]
    pending: int | None = None  # how many articles ``todo`` holds, when known (a progress bar's total)
    skipped: int = 0
    ok: int = 0
    failed: int = 0

    def __post_init__(self) -> None:
        if self.pending is None and isinstance(self.todo, Sized):
            self.pending = len(self.todo)

    @classmethod
    def open(cls, source: Path, out: Path, *, resume: bool = False, follow_symlinks: bool = False) -> Batch:
        done = done_ids(out) if resume else set()
        inputs = Inputs(source, follow_symlinks=follow_symlinks, done=done)
        if out.exists() and out.stat().st_size and not resume:
            raise InputError(f"{out} exists; pass --resume to continue it, or choose another --out file")
        return cls(out=out, todo=inputs, pending=inputs.pending, skipped=inputs.skipped)

    def run(
        self,
        concurrency: int = 8,
        settings: Settings | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
        **overrides: Any,
    ) -> Batch:
        """Summarize every remaining article, appending each outcome to ``out`` as it finishes."""
        asyncio.run(self.arun(concurrency, settings, on_outcome, **overrides))
        return self

    async def arun(
        self,
        concurrency: int = 8,
        settings: Settings | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
        **overrides: Any,
    ) -> Batch:
        """:meth:`run` inside a running event loop."""
        appender = Appender(self.out)
        try:
            if self.pending != 0:
                async for outcome in asummarize_many(self.todo, concurrency, settings, **overrides):
                    appender.write(outcome.as_json())
                    self.ok, self.failed = self.ok + outcome.ok, self.failed + (not outcome.ok)
                    if on_outcome:
                        on_outcome(outcome)
        finally:
            appender.close()
        return self
