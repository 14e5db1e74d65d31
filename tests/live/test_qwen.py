"""The recorded model, live: Qwen2.5-Coder-1.5B-Instruct assembled from the index and served by llama.cpp.

One dev article with the prompt the README reports as best, at temperature 0. Unlike SmolLM2, this
model can do the task, so the test asserts content the article states plainly (Trump and von der Leyen
made the deal; a 15% tariff on the EU; a quote copied verbatim) as well as usage from the server.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from scripts.llm_server import Server
from summarizer import GroundingStatus, Settings, summarize
from tests.conftest import ROOT, run_cli
from tests.live.conftest import QWEN

pytestmark = pytest.mark.live

BEST_PROMPT = "v4"
ARTICLE = ROOT / "fixtures" / "articles" / "104_turnberry-deal-outlet-a.txt"


def test_pull_twice_is_a_no_op(qwen: Path) -> None:
    written = qwen.stat().st_mtime_ns
    started = time.perf_counter()
    done = run_cli("models", "pull", QWEN)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(qwen)
    assert qwen.stat().st_mtime_ns == written
    print(f"second 'summarizer models pull {QWEN}': {elapsed:.2f} s (process start included)")
    assert elapsed < 3.0, "a pulled model must not be re-read (hashing 1.1 GB takes several seconds)"


def test_qwen_extracts_the_deal_its_quotes_and_its_tariff(qwen_server: Server) -> None:
    settings = Settings(
        backend="openai", base_url=qwen_server.base_url, model=QWEN, prompt=BEST_PROMPT, cache=False
    )
    result = summarize(ARTICLE.read_text(encoding="utf-8"), published="2025-07-27", settings=settings)
    record = result.record
    assert {"Donald Trump", "Ursula von der Leyen"} <= {p.name for p in record.participants}
    assert any(t.rate_percent == 15 and "European" in t.target for t in record.tariffs)
    verified = [e for e in result.grounding if e.status is GroundingStatus.VERIFIED]
    assert any(e.field == "quotes" for e in verified), "at least one quote copied verbatim from the article"
    usage = result.provenance.usage
    assert usage.prompt_tokens > 0
    assert usage.completion_tokens > 0
    assert result.provenance.prompt_version == BEST_PROMPT
    print(f"Qwen {BEST_PROMPT} on {ARTICLE.name}: {usage}, {result.provenance.latency_s:.1f} s")
