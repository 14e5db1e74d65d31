"""Benchmarks: each prints a measurement and its ratio against a baseline measured in the same run.

python3 dev.py bench            # all, writes BENCHMARKS.md
.venv/bin/python -m bench.run --only extractive scoring
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from eval.cases import Case, load_cases

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Row:
    name: str
    measured: str
    baseline: str
    ratio: str
    target: str
    note: str = ""


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def corpus(cases: list[Case], size: int) -> list[Case]:
    return [cases[i % len(cases)] for i in range(size)]


def extractive(cases: list[Case]) -> Row:
    """Articles per second through spaCy's nlp.pipe vs one nlp() call per article, model loaded first."""
    from summarizer.backends.base import Request
    from summarizer.backends.extractive import ExtractiveBackend
    from summarizer.config import Settings

    backend = ExtractiveBackend(Settings(backend="extractive"))
    backend.nlp("warm up")
    articles = corpus(cases, 204)
    requests = [
        Request(article=c.text, messages=[], case_id=c.id, prompt_version="none", published=c.published)
        for c in articles
    ]

    def one_by_one() -> None:
        for request in requests:
            asyncio.run(backend.extract(request))

    batch = timed(lambda: backend.extract_many(requests), repeat=2)
    single = timed(one_by_one, repeat=2)
    n = len(requests)
    return Row(
        "extractive backend, batch (nlp.pipe)",
        f"{n / batch:.1f} articles/s",
        f"{n / single:.1f} articles/s one by one",
        f"{single / batch:.2f}x",
        ">= 10 articles/s",
    )


def scoring(cases: list[Case]) -> Row:
    """Case-scores per second for the scorer alone (gold scored against a perturbed copy of itself)."""
    from eval.scoring import score_case
    from summarizer.result import Provenance, Result

    results = [
        Result(record=c.gold.model_copy(update={"quotes": c.gold.quotes[1:]}), provenance=Provenance(backend="bench"))
        for c in cases
    ]
    articles = corpus(list(zip(cases, results, strict=True)), 170)
    seconds = timed(lambda: [score_case(c.id, c.gold, r) for c, r in articles])
    baseline = timed(lambda: [r.record.model_dump_json() for _, r in articles])
    return Row(
        "eval scoring",
        f"{len(articles) / seconds:.0f} case-scores/s",
        f"{len(articles) / baseline:.0f} records serialised/s",
        f"{seconds / baseline:.1f}x the JSON dump",
        "-",
    )


BENCHES: dict[str, Callable[[list[Case]], Row]] = {"extractive": extractive, "scoring": scoring}


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"


def write(rows: list[Row], path: Path) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()} with `python3 dev.py bench`.",
        "Every ratio compares two measurements taken in the same run.",
        "",
        "| benchmark | measured | baseline (same run) | ratio | target | note |",
        "|---|---|---|---|---|---|",
        *(f"| {r.name} | {r.measured} | {r.baseline} | {r.ratio} | {r.target} | {r.note} |" for r in rows),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES), help="run only these")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    cases = load_cases()
    rows = []
    for name in args.only or list(BENCHES):
        row = BENCHES[name](cases)
        print(f"{row.name}: {row.measured} | baseline {row.baseline} | ratio {row.ratio} | target {row.target}")
        rows.append(row)
    if not args.only:
        write(rows, args.out)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
