"""Benchmarks of the LLM path against a loopback fake model: our overhead, batch throughput, prompt size."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from bench.loopback import serving
from bench.table import Row, check
from summarizer.evals.cases import Case

OVERHEAD_TARGET = 0.01  # of a 1 s model call
BATCH_TARGET = 0.90  # of ideal
FOOTPRINT_TARGET = 700  # tokens of schema and instructions beyond the article


def cpu_per_call(fn: Callable[[], object], calls: int, repeat: int = 3) -> float:
    """Least CPU seconds of this process per call over ``repeat`` runs of ``fn`` (which makes ``calls``)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best / calls


def overhead(cases: list[Case]) -> Row:
    """Our CPU per article: the full pipeline minus a bare HTTP round trip with the same request body.

    CPU time of this process, with the fake model in another process: what the pipeline costs on top
    of a model call, and unlike wall time it does not count other processes' work on a shared machine.
    """
    from summarizer.config import Settings
    from summarizer.pipeline import Summarizer

    text, n = cases[0].text, 100
    with serving() as url:
        settings = Settings(backend="openai", base_url=url, model="bench", cache=False)

        async def pipeline() -> None:
            async with Summarizer(settings) as summarizer:
                for _ in range(n):
                    await summarizer.run(text)

        with _capturing() as bodies:
            asyncio.run(pipeline())  # warm up imports and caches
        body = bodies[-1]

        async def bare() -> None:
            async with httpx.AsyncClient() as client:
                for _ in range(n):
                    answer = await client.post(f"{url}/chat/completions", content=body, headers=_JSON)
                    answer.json()

        full_s = cpu_per_call(lambda: asyncio.run(pipeline()), n)
        bare_s = cpu_per_call(lambda: asyncio.run(bare()), n)
        started = time.perf_counter()
        asyncio.run(pipeline())
        wall_s = (time.perf_counter() - started) / n
    share = (full_s - bare_s) / 1.0
    return Row(
        "pipeline overhead, CPU of this process (prompt, request, parse, validate, ground, provenance)",
        f"{(full_s - bare_s) * 1000:.1f} ms/article (pipeline {full_s * 1000:.1f} ms CPU, {wall_s * 1000:.1f} ms wall)",
        f"{bare_s * 1000:.1f} ms CPU for a bare HTTP round trip, same body",
        f"{share:.2%} of a 1 s model call",
        f"<= {OVERHEAD_TARGET:.0%}",
        check(share <= OVERHEAD_TARGET),
        "" if share <= OVERHEAD_TARGET else "instructor's per-call checks and grounding still dominate",
    )


_JSON = {"content-type": "application/json"}


@contextmanager
def _capturing() -> Iterator[list[bytes]]:
    """Every request body the library's socket layer sends meanwhile, byte for byte."""
    from summarizer.sockets import AiohttpSocket

    bodies: list[bytes] = []
    original = AiohttpSocket.handle_async_request

    async def capture(self: AiohttpSocket, request: httpx.Request) -> httpx.Response:
        bodies.append(await request.aread())
        return await original(self, request)

    AiohttpSocket.handle_async_request = capture  # type: ignore[method-assign]
    try:
        yield bodies
    finally:
        AiohttpSocket.handle_async_request = original  # type: ignore[method-assign]


def request_bodies() -> dict[str, dict[str, Any]]:
    """The exact first request body the library sends for the first fixture, per prompt version."""
    from summarizer import prompts
    from summarizer.config import Settings
    from summarizer.evals.cases import load_cases
    from summarizer.pipeline import Summarizer

    case = load_cases()[0]
    found = {}
    with serving() as url, _capturing() as bodies:
        for version in prompts.versions():
            settings = Settings(backend="openai", base_url=url, model="bench", cache=False, prompt=version)

            async def one(settings: Settings = settings) -> None:
                async with Summarizer(settings) as summarizer:
                    await summarizer.run(case.text, case_id=case.id, published=case.published)

            asyncio.run(one())
            found[version] = json.loads(bodies[-1])
    return found


def prompt_tokens(body: dict[str, Any]) -> tuple[int, int]:
    """(tokens the model reads as prompt, tokens of a grammar-only schema) in a request body, cl100k_base.

    Prompt: every message's content, the tool definitions, and a response_format schema that llama.cpp
    or OpenAI show the model. A ``{"type": "json_object", "schema": ...}`` format (mode ``grammar``) is
    compiled by llama.cpp into a decoding grammar and never shown to the model: counted separately.
    """
    from summarizer import tokens

    count = sum(tokens.count(m.get("content") or "") for m in body["messages"])
    if "tools" in body:
        count += tokens.count(json.dumps(body["tools"]))
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_object" and "schema" in fmt:
        return count, tokens.count(json.dumps(fmt["schema"]))
    if fmt:
        count += tokens.count(json.dumps(fmt))
    return count, 0


def footprint(cases: list[Case]) -> Row:
    """Tokens of schema and instructions around the article, per prompt version, from the request body sent."""
    from summarizer import tokens

    article = tokens.count(cases[0].text)
    measured = {v: prompt_tokens(body) for v, body in request_bodies().items()}
    beyond = {v: total - article for v, (total, _) in measured.items()}
    best = min(beyond, key=lambda v: beyond[v])
    parts = []
    for version, (total, grammar) in measured.items():
        note = f"; schema as grammar, not prompt: {grammar}" if grammar else ""
        parts.append(f"{version}: {total} ({beyond[version]} beyond the article{note})")
    ok = beyond[best] <= FOOTPRINT_TARGET
    return Row(
        "prompt footprint per article (cl100k_base, exact request body: messages + tools + response_format)",
        "; ".join(parts),
        f"the {article}-token article alone",
        f"best {best}: {beyond[best]} tokens beyond the article",
        f"<= {FOOTPRINT_TARGET} beyond the article",
        check(ok),
        "" if ok else "every prompt version still sends the schema as prompt",
    )
