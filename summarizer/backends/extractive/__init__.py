"""The extractive backend: spaCy and patterns, no model, grounded by construction.

Every string it returns is copied from the article, so grounding finds each one verbatim.

Requests that arrive together (a batch, an eval) are gathered and run through spaCy's ``nlp.pipe``
in one worker thread; once a run has shown itself long (``POOL_FROM`` requests), worker processes
with their own copy of the model take batches too, so every core works. A lone ``summarize`` call
never starts a process. The records are the same as one ``nlp(text)`` per article (tested). Articles
longer than :data:`.parse.LONG` are parsed line by line, without repeats and page noise (:mod:`.parse`).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import re
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from summarizer.backends.base import Completion, Request
from summarizer.backends.extractive import nlp, parse
from summarizer.backends.extractive.dates import published_date
from summarizer.backends.extractive.meetings import find_meetings
from summarizer.backends.extractive.people import People
from summarizer.backends.extractive.quotes import QuoteFinder
from summarizer.backends.extractive.tariffs import find_tariffs
from summarizer.config import Settings
from summarizer.schema import ArticleSummary, Participant, Quote
from summarizer.text import looks_english

SUMMARY_CHARS = 600
PARALLEL_FROM = 64  # extract_many: below this, starting worker processes costs more than it saves
BATCH = 16  # articles per nlp.pipe call at most
GATHER_S = 0.005  # how long the first waiting request waits for others to join its batch
POOL_FROM = 32  # requests one backend has seen before it starts worker processes (~2 s to start and load)
Job = tuple[str, str | None]  # article, publication date
_BROKEN: Any = object()  # a worker not to hand back: its pool died


def _workers() -> int:
    """Worker processes besides this process's own worker thread: one per further core, at most 3; none in a
    daemonic process (a ``batch --processes`` worker), which may not have children and already has its core."""
    if multiprocessing.current_process().daemon:
        return 0
    return min(os.cpu_count() or 1, 4) - 1


def _load_in_worker(model: str) -> None:
    nlp.load(model)


def _extract_in_worker(model: str, jobs: list[Job]) -> list[Completion]:
    return ExtractiveBackend(Settings(backend="extractive", spacy_model=model)).run_batch(jobs)


class ExtractiveBackend:
    """No LLM: the offline default and the baseline row of every eval table."""

    name = "extractive"
    uses_prompt = False
    own_prompt = None
    max_input_chars = 200_000
    over_http = False

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._waiting: list[tuple[Job, asyncio.Future[Completion]]] = []
        self._gathering: asyncio.TimerHandle | None = None
        self._seen = 0
        self._free: list[Executor | None] = [None]  # None: this process's worker thread
        self._pool: ProcessPoolExecutor | None = None
        self._joining: list[asyncio.Future[None]] = []
        self._lock = threading.Lock()  # spaCy's pipeline is not shared between threads

    @property
    def nlp(self) -> Any:
        return nlp.load(self.settings.spacy_model)

    async def extract(self, request: Request) -> Completion:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Completion] = loop.create_future()
        self._waiting.append(((request.article, request.published), future))
        self._seen += 1
        if self._seen == POOL_FROM and _workers() > 0:
            self._start_pool(loop)
        if len(self._waiting) >= BATCH:
            self._dispatch()
        elif self._gathering is None:
            self._gathering = loop.call_later(GATHER_S, self._dispatch)
        return await future

    def _dispatch(self) -> None:
        """Share the waiting requests among the free workers, a batch each."""
        if self._gathering is not None:
            self._gathering.cancel()
            self._gathering = None
        while self._waiting and self._free:
            size = min(BATCH, -(-len(self._waiting) // len(self._free)))
            batch, self._waiting = self._waiting[:size], self._waiting[size:]
            asyncio.get_running_loop().create_task(self._run(self._free.pop(), batch))

    async def _run(self, worker: Executor | None, batch: list[tuple[Job, asyncio.Future[Completion]]]) -> None:
        jobs = [job for job, _ in batch]
        try:
            if worker is None:
                completions = await asyncio.to_thread(self.run_batch, jobs)
            else:
                loop = asyncio.get_running_loop()
                completions = await loop.run_in_executor(worker, _extract_in_worker, self.settings.spacy_model, jobs)
        except BrokenProcessPool:  # a worker died (out of memory?): this process does the work from now on
            self._pool, worker = None, None
            completions = await asyncio.to_thread(self.run_batch, jobs)
            if None in self._free:
                worker = _BROKEN
        except Exception as exc:
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            completions = []
        for (_, future), completion in zip(batch, completions, strict=False):
            if not future.done():
                future.set_result(completion)
        if worker is not _BROKEN:
            self._free.append(worker)
        self._dispatch()

    def _start_pool(self, loop: asyncio.AbstractEventLoop) -> None:
        """Worker processes join once each has loaded the model, so no batch waits for a start-up."""
        workers = _workers()
        context = multiprocessing.get_context("spawn")  # fork would copy this process's threads' locks
        self._pool = pool = ProcessPoolExecutor(workers, mp_context=context)

        def joined(_: Any) -> None:
            if self._pool is pool:
                self._free.append(pool)
                self._dispatch()

        for _ in range(workers):
            self._joining.append(loop.run_in_executor(pool, _load_in_worker, self.settings.spacy_model))
            self._joining[-1].add_done_callback(joined)

    def run_batch(self, jobs: list[Job]) -> list[Completion]:
        """Records for ``jobs`` through one ``nlp.pipe`` call, in this thread."""
        with self._lock:
            docs = parse.pipe(self.nlp, (article for article, _ in jobs), batch_size=BATCH)
            return [self.from_doc(doc, published) for doc, (_, published) in zip(docs, jobs, strict=True)]

    def extract_many(self, requests: list[Request]) -> list[Completion]:
        """Batch path: spaCy's ``nlp.pipe`` over all articles, on every core for large batches."""
        processes = min(os.cpu_count() or 1, 4) if len(requests) >= PARALLEL_FROM else 1
        docs = parse.pipe(self.nlp, (r.article for r in requests), batch_size=16, n_process=processes)
        return [self.from_doc(doc, r.published) for doc, r in zip(docs, requests, strict=True)]

    def from_doc(self, doc: Any, published: str | None) -> Completion:
        day = published_date(doc.text, published)
        people = People(doc)
        found = QuoteFinder(doc, people).find()
        quotes = [Quote(speaker=q.speaker, text=q.text, attribution=q.attribution) for q in found]
        meetings = find_meetings(doc, people, day)
        involved = {q.person.name for q in found if q.person} | {n for m in meetings for n in m.participants}
        participants = [
            Participant(name=p.name, role=p.role, affiliation=p.affiliation, aliases=p.aliases)
            for p in people.people
            if p.name in involved
        ]
        record = ArticleSummary(
            summary=lead(doc),
            meetings=meetings,
            participants=participants,
            quotes=quotes,
            tariffs=find_tariffs(doc, people, day),
        )
        warnings = (
            []
            if looks_english(doc.text)
            else [
                "the text does not look like English; the extractive backend's spaCy model is English-only, so "
                "expect few or no items (an LLM backend may do better)"
            ]
        )
        return Completion(record=record, model=self.settings.spacy_model, attempts=0, warnings=warnings)

    async def aclose(self) -> None:
        pool, self._pool = self._pool, None
        for joining in self._joining:
            joining.cancel()  # a worker still loading must not call back into a closed event loop
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def lead(doc: Any) -> str:
    """The first sentences of the body (headline, dateline and link noise skipped), up to a budget."""
    picked: list[str] = []
    for sent in doc.sents:
        text = " ".join(sent.text.split())
        if len(text.split()) < 6 or not re.search(r"[.!?][\"”’]?$", text) or "](" in text:
            continue
        if picked and len(" ".join(picked)) + len(text) > SUMMARY_CHARS:
            break
        picked.append(text)
        if len(picked) == 3:
            break
    return " ".join(picked) or " ".join(doc.text.split())[:SUMMARY_CHARS] or "(empty)"
