"""Worker processes for ``Batch.run(processes=N)``: each runs :func:`summarizer.batch_stream.stream` with its own
event loop and Summarizer, while the batch process reads the input and writes every line."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import threading
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.queues import Queue
from typing import Any

from summarizer.batch_io import Article
from summarizer.batch_stream import Outcome, stream
from summarizer.config import Settings
from summarizer.errors import SummarizerError
from summarizer.pipeline import Summarizer


@dataclass(frozen=True)
class Done:
    """One article done in a worker process: its outcome, and its line already rendered there."""

    outcome: Outcome
    line: str


class Workers:
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
        self._done: Queue[Done | SummarizerError | None] = context.Queue()
        shares = [concurrency // processes + (k < concurrency % processes) for k in range(processes)]
        self._workers = [
            context.Process(
                target=_work, args=(_Share(settings, overrides, n, self._todo, self._done, os.getpid()),), daemon=True
            )
            for n in shares
        ]
        self._feeder = threading.Thread(target=self._feed, name="summarizer-feed", daemon=True)
        self._failure: BaseException | None = None

    def __enter__(self) -> Workers:
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

    def _next(self) -> Done | SummarizerError | None:
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
                share.done.put(Done(outcome, outcome.as_json()))
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
