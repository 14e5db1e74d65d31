"""Scale figures for issue 16: the streaming batch's peak RSS and rate at 10k vs 100k articles, batch
throughput against ideal, and event grouping time at 1k / 5k / 10k results.

.venv/bin/python -m bench.scale batch 10000 100000     # each size in its own process (clean peak RSS)
.venv/bin/python -m bench.scale ideal                  # 200 articles x 200 ms at concurrency 16
.venv/bin/python -m bench.scale group 1000 5000 10000

The batch runs the openai backend (SDK, instructor, grounding, fsync'ed appends) against the loopback
fake server of ``tests/fake_server.py``, served from a separate process so its memory is not counted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FIRST = ["Marco", "Wang", "Sergei", "Kaja", "Penny", "Donald", "Ursula", "Narendra", "Olaf", "Giorgia"] * 3


def _serve(delay_s: float, urls: Any) -> None:
    from tests.fake_server import FakeOpenAIServer, Reply, completion
    from tests.test_client import RECORD

    with FakeOpenAIServer(default=Reply(body=completion(RECORD).body, delay_s=delay_s)).running() as server:
        urls.put(server.base_url)
        time.sleep(24 * 3600)


def _server(delay_s: float) -> tuple[multiprocessing.Process, str]:
    urls: Any = multiprocessing.Queue()
    process = multiprocessing.Process(target=_serve, args=(delay_s, urls), daemon=True)
    process.start()
    return process, str(urls.get(timeout=60))


class Stub:
    """A backend that answers at once with one fixed record."""

    name, uses_prompt, own_prompt, max_input_chars = "stub", False, None, 100_000

    async def extract(self, request: Any) -> Any:
        from summarizer.backends.base import Completion
        from summarizer.schema import ArticleSummary

        return Completion(record=ArticleSummary(summary=request.article[:40]), model=None)

    async def aclose(self) -> None:
        return None


def one_batch(n: int, concurrency: int, backend: str) -> dict[str, Any]:
    """One streaming batch of ``n`` generated short articles (JSONL in, JSONL out), in this process.

    ``backend``: "fake" (openai backend against the loopback fake server), "extractive", or "stub" (a
    backend object that returns one fixed record at once: the batch loop, pipeline, grounding and
    fsync'ed appends without any model or HTTP cost).
    """
    from summarizer.batch import Batch
    from summarizer.config import Settings

    server, url = _server(0.0) if backend == "fake" else (None, "")
    try:
        with tempfile.TemporaryDirectory() as folder:
            source, out = Path(folder) / "in.jsonl", Path(folder) / "out.jsonl"
            with source.open("w") as rows:
                for i in range(n):
                    text = f"Article {i}: Marco Rubio met Wang Yi in Kuala Lumpur on day {i}."
                    rows.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
            if backend == "fake":
                settings = Settings(backend="openai", base_url=url, model="bench", cache=False)
            else:
                settings = Settings(backend="extractive")
            started = time.perf_counter()
            stub = {"engine": Stub()} if backend == "stub" else {}
            job = Batch.open(source, out).run(concurrency=concurrency, settings=settings, **stub)
            wall = time.perf_counter() - started
            lines = sum(1 for _ in out.open())
    finally:
        if server is not None:
            server.terminate()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "backend": backend,
        "ok": job.ok,
        "lines": lines,
        "wall_s": round(wall, 2),
        "rate": round(n / wall, 1),
        "peak_rss_mb": round(peak_mb, 1),
    }


def batch(sizes: list[int], concurrency: int, backend: str) -> None:
    for n in sizes:  # a fresh interpreter per size: ru_maxrss is a high-water mark
        code = f"import json, bench.scale as s; print(json.dumps(s.one_batch({n}, {concurrency}, {backend!r})))"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        print(done.stdout.strip().splitlines()[-1], flush=True)


def ideal(n: int = 200, latency: float = 0.2, width: int = 16) -> None:
    """The streaming batch (Batch.run, JSONL appends) against a 200 ms loopback server, vs n x latency / width."""
    from summarizer.batch import Article, Batch
    from summarizer.config import Settings

    server, url = _server(latency)
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings(backend="openai", base_url=url, model="bench", cache=False)
            articles = [
                Article(id=str(i), text=f"Article {i}: Marco Rubio met Wang Yi in Kuala Lumpur.") for i in range(n)
            ]
            started = time.perf_counter()
            Batch(out=Path(folder) / "out.jsonl", todo=articles).run(concurrency=width, settings=settings)
            wall = time.perf_counter() - started
    finally:
        server.terminate()
    best = n * latency / width
    print(json.dumps({"n": n, "wall_s": round(wall, 2), "ideal_s": best, "of_ideal": round(best / wall, 3)}))


def synthetic_results(n: int, seed: int = 16) -> dict[str, Any]:
    """``n`` results: events of 1-4 articles, each two people meeting on one day across ~3 years; every
    fifth event is a pair that already met, again, at another time (keys ``e{event}-{outlet}``)."""
    from summarizer.grounding import ground
    from summarizer.result import Provenance, Result
    from summarizer.schema import ArticleSummary, Meeting, Participant

    rng = random.Random(seed)
    surname = lambda: "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()  # noqa: E731
    people = [f"{rng.choice(FIRST)} {surname()}" for _ in range(max(n // 4, 20))]
    results: dict[str, Any] = {}
    met: list[list[str]] = []
    event = 0
    while len(results) < n:
        pair = rng.sample(people, 2) if event % 5 or not results else met[rng.randrange(len(met))]
        met.append(pair)
        day = f"{2023 + rng.randrange(3)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}"
        for outlet in range(rng.randint(1, 4)):
            record = ArticleSummary(
                summary=f"{pair[0]} met {pair[1]}.",
                participants=[Participant(name=p) for p in pair],
                meetings=[Meeting(participants=pair, date=day, status="held")],
            )
            text = f"{pair[0]} met {pair[1]} on {day}."
            results[f"e{event}-{outlet}"] = Result(
                record=record, grounding=ground(record, text), provenance=Provenance(backend="synthetic")
            )
        event += 1
    return dict(list(results.items())[:n])


def group(sizes: list[int]) -> None:
    from summarizer.consolidate import group_by_event

    for n in sizes:
        results = synthetic_results(n)
        started = time.perf_counter()
        groups = group_by_event(results)
        wall = time.perf_counter() - started
        events = {key.split("-")[0] for key in results}
        mixed = sum(1 for members, _ in groups if len({m.split("-")[0] for m in members}) > 1)
        print(
            json.dumps(
                {
                    "n": n,
                    "events": len(events),
                    "groups": len(groups),
                    "mixed_groups": mixed,
                    "group_s": round(wall, 3),
                    "per_1k_s": round(wall / n * 1000, 4),
                }
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["batch", "ideal", "group"])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--backend", choices=["fake", "extractive", "stub"], default="fake")
    args = parser.parse_args()
    if args.what == "batch":
        batch(args.sizes or [10_000, 100_000], args.concurrency, args.backend)
    elif args.what == "ideal":
        ideal()
    else:
        group(args.sizes or [1000, 5000, 10_000])


if __name__ == "__main__":
    main()
