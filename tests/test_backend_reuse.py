"""What the performance work must not change: records, request bodies and per-call bookkeeping.

The extractive backend gathers concurrent requests into ``nlp.pipe`` batches (and worker processes);
the instructor backend builds its client once and passes per-call state through a context variable.
Speed itself is measured by ``python3 dev.py bench``, never asserted here.
"""

from __future__ import annotations

import asyncio
import json

import pytest

import summarizer.backends.extractive as extractive
from summarizer.backends.base import Request
from summarizer.backends.extractive import ExtractiveBackend
from summarizer.config import Settings
from summarizer.evals.cases import load_cases
from summarizer.pipeline import Summarizer
from tests.fake_server import FakeOpenAIServer, Reply, completion
from tests.test_client import RECORD


def _requests() -> list[Request]:
    return [
        Request(article=c.text, messages=[], case_id=c.id, prompt_version="none", published=c.published)
        for c in load_cases()
    ]


async def _gathered(backend: ExtractiveBackend, requests: list[Request], width: int) -> list[object]:
    gate = asyncio.Semaphore(width)

    async def one(request: Request) -> object:
        async with gate:
            return await backend.extract(request)

    try:
        return list(await asyncio.gather(*map(one, requests)))
    finally:
        await backend.aclose()


@pytest.mark.parametrize("pool_from", [10**9, 8], ids=["threads", "worker-processes"])
def test_gathered_extraction_equals_one_article_at_a_time(pool_from: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractive, "POOL_FROM", pool_from)
    requests = _requests()
    backend = ExtractiveBackend(Settings(backend="extractive"))
    alone = [backend.from_doc(backend.nlp(r.article), r.published) for r in requests]
    together = asyncio.run(_gathered(ExtractiveBackend(Settings(backend="extractive")), requests, 8))
    assert together == alone


def test_a_single_extractive_call_starts_no_process() -> None:
    backend = ExtractiveBackend(Settings(backend="extractive"))
    asyncio.run(_gathered(backend, _requests()[:3], 8))
    assert backend._pool is None


def test_concurrent_calls_keep_their_own_attempts_and_usage(seed_text: str) -> None:
    """One instructor client serves every call; each call's log, budget and usage stay its own."""
    bad = completion({"summary": ""}, usage=(7, 1))  # fails validation: one re-ask for the articles that get it
    good = completion(RECORD, usage=(100, 20))

    def answer(body: dict[str, object]) -> Reply:
        messages = body["messages"]
        assert isinstance(messages, list)
        first_try = len(messages) == 2
        return bad if first_try and "Article 1" in json.dumps(messages) else good

    with FakeOpenAIServer(responder=answer).running() as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="fake-model", cache=False)

        async def both() -> list[object]:
            async with Summarizer(settings) as summarizer:
                return list(
                    await asyncio.gather(*(summarizer.run(f"Article {i}. " + seed_text) for i in range(4)))
                )

        results = asyncio.run(both())
    attempts = [r.provenance.attempts for r in results]  # type: ignore[attr-defined]
    totals = [r.provenance.usage.total_tokens for r in results]  # type: ignore[attr-defined]
    assert attempts == [1, 2, 1, 1]
    assert totals == [120, 128, 120, 120]
