"""Batch throughput against the ideal: n articles through `Batch.run` (the `summarizer batch` path: the
openai backend, grounding, fsync'ed JSONL appends) against the loopback fake model answering after
200 ms, with w articles in flight, vs n x latency / w; in one process, and shared by worker processes.

Each row also gives our CPU per article (this process and its worker processes) and the loopback
server's CPU per request, read from the server itself, to show where the wall time goes.
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.loopback import ServerStats, serving, stats
from bench.table import Row, busy, check
from summarizer.evals.cases import Case

BATCH_TARGET = 0.90  # of ideal
LATENCY_S = 0.2
SIZES = ((200, 16), (1000, 64))
PROCESSES = (1, 2)


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_ms: float  # ours per article: this process and the worker processes it waited for
    server: ServerStats


def _cpu_s() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def articles(cases: list[Case], n: int) -> list[Any]:
    from summarizer.batch import Article

    return [Article(id=str(i), text=f"Article {i}: " + cases[i % len(cases)].text[:400]) for i in range(n)]


def one_run(url: str, todo: list[Any], width: int, processes: int) -> Run:
    """One batch into a fresh JSONL file; every article must succeed, each exactly once."""
    from summarizer.batch import Batch
    from summarizer.config import Settings

    settings = Settings(backend="openai", base_url=url, model="bench", cache=False)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.jsonl"
        before, cpu, started = stats(url), _cpu_s(), time.perf_counter()
        job = Batch(out=out, todo=todo).run(concurrency=width, settings=settings, processes=processes)
        wall = time.perf_counter() - started
        cpu, served = _cpu_s() - cpu, stats(url) - before
        ids = [json.loads(line)["id"] for line in out.open(encoding="utf-8")]
    assert job.ok == len(todo) == len(ids) == len(set(ids)), "every article once, and ok"
    return Run(wall, cpu / len(todo) * 1000, served)


def throughput(cases: list[Case]) -> list[Row]:
    """Rows for each size and process count; the better of two runs each."""
    rows = []
    with serving(LATENCY_S) as url:
        one_run(url, articles(cases, 16), 8, 1)  # warm up imports, caches and the server
        for n, width in SIZES:
            todo = articles(cases, n)
            ideal = n * LATENCY_S / width
            for processes in PROCESSES:
                run = min((one_run(url, todo, width, processes) for _ in range(2)), key=lambda r: r.wall_s)
                rows.append(_row(n, width, processes, ideal, run))
    return rows


def _row(n: int, width: int, processes: int, ideal: float, run: Run) -> Row:
    share = ideal / run.wall_s
    where = "one process" if processes == 1 else f"{processes} worker processes"
    return Row(
        f"batch: {n} articles, {LATENCY_S * 1000:.0f} ms latency, concurrency {width}, {where} (Batch.run)",
        f"{run.wall_s:.2f} s",
        f"ideal {ideal:.2f} s; our CPU {run.cpu_ms:.1f} ms/article; "
        f"loopback server CPU {run.server.cpu_per_request_ms:.2f} ms/request",
        f"{share:.1%} of ideal",
        f">= {BATCH_TARGET:.0%} of ideal",
        check(share >= BATCH_TARGET),
        "" if share >= BATCH_TARGET else _reason(n, width, processes, ideal, run),
    )


def _reason(n: int, width: int, processes: int, ideal: float, run: Run) -> str:
    """Why the target was missed: the CPU the batch needs against the cores it had."""
    need = n * run.cpu_ms / 1000 + n * run.server.cpu_per_request_ms / 1000
    cores = min(processes, 2)
    if need > ideal * cores * BATCH_TARGET:
        return f"CPU-bound: {need:.1f} CPU-s (ours + server) to fit in {ideal:.2f} s on {cores} core(s)"
    waves = -(-n // width) * LATENCY_S
    if waves > ideal / BATCH_TARGET:
        return f"{-(-n // width)} waves of {width} take {waves:.2f} s at best"
    return busy() or "event-loop queueing: articles wait for the loop between their model calls"
