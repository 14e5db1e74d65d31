"""Many articles, each ending with exactly one outcome: a result or a typed failure record.

Outcomes are appended to a JSONL file as they finish, one whole line per write, and fsync'ed
after every line, so a killed batch loses at most the articles in flight; ``resume`` skips ids
already written. A torn last line (a kill mid-write on a filesystem that allows it) is ignored
on resume and its article is done again. An unexpected exception costs its article (an
``InternalError`` line), never the batch.

One event loop runs the articles; ``Batch.run(processes=N)`` shares them among N worker processes
instead, each with its own loop, while this process reads the input and appends every line: the
pipeline's CPU per article (SDK, instructor, grounding) then uses every core.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.queues import Queue
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
    "default_processes",
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
    """A fixed pool of ``concurrency`` workers over a bounded queue; outcomes as they finish."""
    todo: asyncio.Queue[Article | None] = asyncio.Queue(maxsize=concurrency)
    finished: asyncio.Queue[Outcome | None] = asyncio.Queue(maxsize=concurrency)

    async def feed() -> None:
        try:
            async for article in _each(articles):
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
        processes: int = 1,
        **overrides: Any,
    ) -> Batch:
        """Summarize every remaining article, appending each outcome to ``out`` as it finishes.

        ``processes`` > 1 shares the articles among that many worker processes, each running its own
        event loop with its share of ``concurrency``; this process reads the input and writes every line.
        """
        processes = min(processes, concurrency, self.pending if self.pending is not None else processes)
        if processes > 1:  # the workers first: a process that forks should run no other thread yet
            with _Workers(self.todo, processes, concurrency, settings, overrides) as workers, Appender(self.out) as out:
                for outcome, line in workers:
                    self._record(out, outcome, line, on_outcome)
            return self
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
        with Appender(self.out) as appender:
            if self.pending != 0:
                async for outcome in asummarize_many(self.todo, concurrency, settings, **overrides):
                    self._record(appender, outcome, outcome.as_json(), on_outcome)
        return self

    def _record(
        self, appender: Appender, outcome: Outcome, line: str, on_outcome: Callable[[Outcome], None] | None
    ) -> None:
        appender.write(line)
        self.ok, self.failed = self.ok + outcome.ok, self.failed + (not outcome.ok)
        if on_outcome:
            on_outcome(outcome)


def default_processes(settings: Settings) -> int:
    """One worker process per core (up to 4) for the HTTP backends, whose CPU per article (SDK, instructor,
    grounding) keeps one event loop busy (on 2 cores, 2 processes measured 79% of ideal vs 67% at concurrency
    16, and 50% vs 29% at 64); 1 for backends that hold a model in process (local, extractive, hybrid)."""
    return min(os.cpu_count() or 1, 4) if settings.resolved_backend() in ("openai", "replay") else 1


@dataclass(frozen=True)
class _Done:
    """One article done in a worker process: its outcome, and its line already rendered there."""

    outcome: Outcome
    line: str


class _Workers:
    """``processes`` worker processes, each running :func:`stream` with its own event loop and Summarizer.

    This process feeds them the articles through one bounded queue (a thread reads the input lazily, so a
    free worker takes the next article) and iterating yields each ``(outcome, line)`` as it comes back.
    Every article is put on the queue once and ends as one outcome; a worker that dies is an error.
    """

    def __init__(
        self,
        articles: Iterable[Article],
        processes: int,
        concurrency: int,
        settings: Settings | None,
        overrides: dict[str, Any],
    ) -> None:
        context = _context()
        self._articles, self._processes = articles, processes
        self._todo: Queue[Article | None] = context.Queue(maxsize=concurrency)
        self._done: Queue[_Done | SummarizerError | None] = context.Queue()
        shares = [concurrency // processes + (k < concurrency % processes) for k in range(processes)]
        self._workers = [
            context.Process(
                target=_work, args=(_Share(settings, overrides, n, self._todo, self._done, os.getpid()),), daemon=True
            )
            for n in shares
        ]
        self._feeder = threading.Thread(target=self._feed, name="summarizer-feed", daemon=True)
        self._failure: BaseException | None = None

    def __enter__(self) -> _Workers:
        for worker in self._workers:
            worker.start()
        self._feeder.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        for worker in self._workers:
            worker.join(timeout=10 if kind is None else 0)  # a worker that sent its last outcome is exiting
            if worker.is_alive():
                worker.terminate()
                worker.join()
        if kind is not None:  # articles may be left in the queue with no reader: do not wait to flush them
            self._todo.cancel_join_thread()
        self._todo.close()
        self._todo.join_thread()

    def __iter__(self) -> Iterator[tuple[Outcome, str]]:
        running = self._processes
        while running:
            item = self._next()
            if item is None:
                running -= 1
            elif isinstance(item, SummarizerError):
                raise item
            else:
                yield item.outcome, item.line
        self._feeder.join()
        if self._failure is not None:  # reading the input failed: the workers drained what they had
            raise self._failure

    def _feed(self) -> None:
        try:
            for article in self._articles:
                self._todo.put(article)
        except BaseException as exc:
            self._failure = exc
        finally:
            for _ in self._workers:
                self._todo.put(None)

    def _next(self) -> _Done | SummarizerError | None:
        while True:
            try:
                return self._done.get(timeout=1.0)
            except queue.Empty:
                dead = [w.exitcode for w in self._workers if w.exitcode not in (None, 0)]
                if dead:
                    raise SummarizerError(
                        f"a batch worker process died (exit code {dead[0]}); the articles it held have no line "
                        "yet: run the batch again with --resume"
                    ) from None


def _context() -> ForkContext | SpawnContext:
    """fork while this process runs one thread: a worker starts in milliseconds with the modules already
    imported (spawn imports the SDKs again, ~1.3 s a worker). With other threads, spawn: a lock that one of
    them held at the fork would stay held in the child."""
    fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    return multiprocessing.get_context("fork") if fork else multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class _Share:
    """What one worker process is given: how to build its Summarizer, its concurrency, and the two queues."""

    settings: Settings | None
    overrides: dict[str, Any]
    concurrency: int
    todo: Queue[Article | None]
    done: Queue[Any]
    parent: int  # the batch process's pid: a worker whose parent is gone stops


def _work(share: _Share) -> None:
    """A worker process's body: its own event loop over the articles it pulls from ``share.todo``."""
    try:
        asyncio.run(_awork(share))
    finally:
        share.done.put(None)


async def _awork(share: _Share) -> None:
    async def pulled() -> AsyncIterator[Article]:
        while (article := await asyncio.to_thread(_take, share.todo, share.parent)) is not None:
            yield article

    try:
        async with Summarizer(share.settings, **share.overrides) as summarizer:
            async for outcome in stream(summarizer, pulled(), share.concurrency):
                share.done.put(_Done(outcome, outcome.as_json()))
    except Exception as exc:  # e.g. no API key: the parent raises it, typed, and stops the other workers
        share.done.put(_portable(exc))


def _take(todo: Queue[Article | None], parent: int) -> Article | None:
    """The next article; a worker whose batch process was killed exits (nobody would write its lines)."""
    while True:
        try:
            return todo.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:
                os._exit(1)


def _portable(exc: Exception) -> SummarizerError:
    """``exc`` as a plain SummarizerError with its message and exit code: it must survive pickling to the
    parent, and a subclass such as MissingAPIKeyError cannot be rebuilt from its message."""
    if not isinstance(exc, SummarizerError):
        return SummarizerError(f"a batch worker process failed: {type(exc).__name__}: {exc} (a bug; please report it)")
    error = SummarizerError(str(exc))
    error.exit_code = exc.exit_code
    return error
