"""Scale figures for issue 16: the streaming batch's peak RSS and rate at 10k vs 100k articles, and event
grouping time at 1k / 5k / 10k results.

.venv/bin/python -m bench.scale batch 10000 100000     # each size in its own process (clean peak RSS)
.venv/bin/python -m bench.scale group 1000 5000 10000

The batch runs the openai backend (SDK, instructor, grounding, fsync'ed appends) against the loopback
fake model of ``bench.loopback``, served from a separate process so its memory is not counted.
Batch throughput against the ideal is ``bench.batch_throughput``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.rss import peak_mb
from bench.table import Row, check

FIRST = ["Marco", "Wang", "Sergei", "Kaja", "Penny", "Donald", "Ursula", "Narendra", "Olaf", "Giorgia"] * 3
RSS_SIZES = (10_000, 100_000)
RSS_TARGET = 1.20  # peak RSS at the larger size over the smaller


class Stub:
    """A backend that answers at once with one fixed record."""

    name, uses_prompt, own_prompt, max_input_chars, over_http = "stub", False, None, 100_000, False

    async def extract(self, request: Any) -> Any:
        from summarizer.backends.base import Completion
        from summarizer.schema import ArticleSummary

        return Completion(record=ArticleSummary(summary=request.article[:40]), model=None)

    async def aclose(self) -> None:
        return None


def one_batch(n: int, concurrency: int, backend: str) -> dict[str, Any]:
    """One streaming batch of ``n`` generated short articles (JSONL in, JSONL out), in this process.

    ``backend``: "loopback" (openai backend against the loopback fake model), "extractive", or "stub" (a
    backend object that returns one fixed record at once: the batch loop, pipeline, grounding and
    fsync'ed appends without any model or HTTP cost).
    """
    from bench.loopback import serving
    from summarizer.batch import Batch
    from summarizer.config import Settings

    with serving(0.0) as url, tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "in.jsonl", Path(folder) / "out.jsonl"
        with source.open("w") as rows:
            for i in range(n):
                text = f"Article {i}: Marco Rubio met Wang Yi in Kuala Lumpur on day {i}."
                rows.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
        if backend == "loopback":
            settings = Settings(backend="openai", base_url=url, model="bench", cache=False)
        else:
            settings = Settings(backend="extractive")
        started = time.perf_counter()
        stub = {"engine": Stub()} if backend == "stub" else {}
        job = Batch.open(source, out).run(concurrency=concurrency, settings=settings, **stub)
        wall = time.perf_counter() - started
        lines = sum(1 for _ in out.open())
    peak = peak_mb()
    return {
        "n": n,
        "backend": backend,
        "ok": job.ok,
        "lines": lines,
        "wall_s": round(wall, 2),
        "rate": round(n / wall, 1),
        "peak_rss_mb": round(peak, 1),
    }


def batch(sizes: list[int], concurrency: int, backend: str) -> list[dict[str, Any]]:
    """Each size in a fresh interpreter (the peak is a high-water mark), one at a time, niced."""
    found = []
    for n in sizes:
        code = f"import json, bench.scale as s; print(json.dumps(s.one_batch({n}, {concurrency}, {backend!r})))"
        command = (
            ["nice", "-n", "10", sys.executable, "-c", code] if os.name == "posix" else [sys.executable, "-c", code]
        )
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        found.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(found[-1]), file=sys.stderr, flush=True)
    return found


def flat_rss(cases: object = None) -> Row:
    """Peak RSS of the streaming batch at 100k generated short articles against 10k (loopback server)."""
    small, large = batch(list(RSS_SIZES), 16, "loopback")
    ratio = large["peak_rss_mb"] / small["peak_rss_mb"]
    assert all(found["lines"] == found["n"] for found in (small, large)), "one line per article"
    return Row(
        f"batch peak RSS, {large['n']:,} short articles (loopback server, concurrency 16, one process)",
        f"{large['peak_rss_mb']:.0f} MB ({large['rate']:.0f} articles/s)",
        f"{small['n']:,} articles: {small['peak_rss_mb']:.0f} MB ({small['rate']:.0f} articles/s)",
        f"{ratio:.2f}x",
        f"<= {RSS_TARGET:.2f}x",
        check(ratio <= RSS_TARGET),
        "" if ratio <= RSS_TARGET else "memory still grows with the number of articles",
    )


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
    parser.add_argument("what", choices=["batch", "group"])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--backend", choices=["loopback", "extractive", "stub"], default="loopback")
    args = parser.parse_args()
    if args.what == "batch":
        batch(args.sizes or [10_000, 100_000], args.concurrency, args.backend)
    else:
        group(args.sizes or [1000, 5000, 10_000])


if __name__ == "__main__":
    main()
