"""Issue 14's acceptance: every fault a real endpoint produces, with the cache on, against a loopback server.

Each fault once per article: every article ends ok within the documented budgets (README, Retries),
Retry-After is honoured. Each fault forever: one error line of the right type per article.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summarizer import ExtractionError, Settings, summarize
from summarizer.backends.llm import MAX_KEPT_CHARS
from summarizer.batch import Article, Batch, summarize_many
from tests.fake_server import (
    FakeOpenAIServer,
    Reply,
    completion,
    cut_off,
    echoing_auth,
    html_page,
    huge_arguments,
    rate_limited,
    truncated,
    wrong_content_type,
)
from tests.test_batch import INVALID, article_id
from tests.test_client import RECORD

CANARY = "sk-canary-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b"
FAULTS: dict[str, Callable[[], Reply]] = {
    "truncated": truncated,
    "html": html_page,
    "length": lambda: cut_off(RECORD),
    "echo_auth": echoing_auth,
    "huge": huge_arguments,
    "content_type": lambda: wrong_content_type(completion(RECORD)),
    "invalid": lambda: completion(INVALID),
    "429": lambda: rate_limited("2"),
}


def budget(settings: Settings) -> int:
    """The documented bound: 1 + max_reasks + transport_retries requests per article (one chunk)."""
    return 1 + settings.max_reasks + settings.transport_retries


class Once:
    """Article i's first request gets fault ``plan[i]``, every later request a valid answer."""

    def __init__(self, plan: dict[int, str]) -> None:
        self.plan, self.seen = plan, defaultdict(int)

    def __call__(self, body: dict[str, Any]) -> Reply:
        article = article_id(body)
        self.seen[article] += 1
        fault = self.plan.get(article) if self.seen[article] == 1 else None
        return FAULTS[fault]() if fault else completion(RECORD)


def articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"Article {i}: Marco Rubio met Wang Yi in Kuala Lumpur.") for i in range(n)]


def settings_for(server: FakeOpenAIServer, cache_dir: Path, **extra: Any) -> Settings:
    return Settings(
        backend="openai", base_url=server.base_url, model="fake", api_key=CANARY, cache_dir=cache_dir, **extra
    )


def no_canary_under(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            assert CANARY not in path.read_text(errors="replace"), path


def test_each_fault_once_with_the_cache_on_every_article_ends_ok(tmp_path: Path) -> None:
    names = list(FAULTS)
    plan = {i: names[i % len(names)] for i in range(2 * len(names))}
    with FakeOpenAIServer(responder=Once(plan)).running() as server:
        settings = settings_for(server, tmp_path / "cache", record_to=tmp_path / "rec")
        outcomes = summarize_many(articles(len(plan)), concurrency=4, settings=settings)
        first_run = len(server.requests)
        again = summarize_many(articles(len(plan)), concurrency=4, settings=settings)
    assert [o.error for o in outcomes if not o.ok] == []
    per_article: dict[int, list[float]] = defaultdict(list)
    for body, at in zip(server.requests[:first_run], server.times[:first_run], strict=True):
        per_article[article_id(body)].append(at)
    for i, fault in plan.items():
        expected = 1 if fault == "content_type" else 2  # the SDK reads JSON whatever its label
        assert len(per_article[i]) == expected <= budget(settings), (i, fault)
        if fault == "429":
            waited = per_article[i][1] - per_article[i][0]
            assert waited >= 1.95, "Retry-After: 2 is honoured with the cache and the recorder on"
    assert all(o.ok for o in again)
    assert len(server.requests) == first_run, "a second run is served from the cache: only what validated was stored"
    no_canary_under(tmp_path)
    assert CANARY not in "".join(o.as_json() for o in outcomes)


EXPECTED_FOREVER = {
    "truncated": "TransportError",
    "html": "TransportError",
    "length": "ExtractionError",
    "echo_auth": "TransportError",
    "huge": "ExtractionError",
    "invalid": "ExtractionError",
    "429": "TransportError",
}


def test_each_fault_forever_ends_as_one_error_line_of_the_right_type(tmp_path: Path) -> None:
    names = list(EXPECTED_FOREVER)

    def forever(body: dict[str, Any]) -> Reply:
        fault = names[article_id(body)]
        return rate_limited("0") if fault == "429" else FAULTS[fault]()

    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(responder=forever).running() as server:
        settings = settings_for(server, tmp_path / "cache", transport_retries=2)
        job = Batch(out=out, todo=articles(len(names))).run(concurrency=4, settings=settings)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(line["id"] for line in lines) == [f"a{i}" for i in range(len(names))], "one line per article"
    assert job.failed == len(names)
    counts = defaultdict(int)
    for body in server.requests:
        counts[article_id(body)] += 1
    for line in lines:
        i = int(line["id"][1:])
        error = line["error"]
        assert error["type"] == EXPECTED_FOREVER[names[i]], (names[i], error)
        assert counts[i] <= budget(settings), (names[i], counts[i])
        assert len(json.dumps(line)) < 4 * MAX_KEPT_CHARS, "a runaway answer is stored capped, with its size"
    by_fault = {names[int(line["id"][1:])]: line["error"] for line in lines}
    assert counts[names.index("truncated")] == 3, "a malformed body is a transport retry only: 1 + 2 retries"
    assert "[redacted]" in by_fault["echo_auth"]["message"]
    assert "max_tokens" in by_fault["length"]["message"]
    assert "characters in all" in by_fault["huge"]["attempts"][0]["raw"]
    assert not list((tmp_path / "cache").glob("*.json")), "nothing that failed is cached"
    assert CANARY not in out.read_text()


def test_failed_answers_never_poison_the_cache(seed_text: str, tmp_path: Path) -> None:
    with (
        FakeOpenAIServer(default=completion(INVALID)).running() as broken,
        pytest.raises(ExtractionError, match="failed validation"),
    ):
        summarize(seed_text, settings=settings_for(broken, tmp_path))
    assert not list(tmp_path.glob("*.json"))
    with FakeOpenAIServer(default=completion(RECORD)).running() as healthy:
        result = summarize(seed_text, settings=settings_for(healthy, tmp_path))
        assert len(healthy.requests) == 1, "the fixed server is asked, not a cached failure"
    assert result.record.summary == RECORD["summary"]


def test_cut_off_answer_is_reasked_with_a_hint_then_succeeds(seed_text: str, tmp_path: Path) -> None:
    with FakeOpenAIServer([cut_off(RECORD), completion(RECORD)]).running() as server:
        result = summarize(seed_text, settings=settings_for(server, tmp_path))
    assert result.provenance.attempts == 2
    assert "cut off at the token limit" in str(server.requests[1]["messages"][-1])
    assert server.requests[1]["max_tokens"] == server.requests[0]["max_tokens"]


def test_huge_answer_is_not_sent_back_whole_in_the_reask(seed_text: str, tmp_path: Path) -> None:
    with FakeOpenAIServer([huge_arguments(), completion(RECORD)]).running() as server:
        summarize(seed_text, settings=settings_for(server, tmp_path))
    assert len(json.dumps(server.requests[1])) < 4 * MAX_KEPT_CHARS


def test_cached_prompt_tokens_are_summed(seed_text: str, tmp_path: Path) -> None:
    script = [completion(INVALID, cached_tokens=30), completion(RECORD, cached_tokens=50)]
    with FakeOpenAIServer(script).running() as server:
        result = summarize(seed_text, settings=settings_for(server, tmp_path))
    assert result.provenance.usage.cached_tokens == 80


def test_retry_after_survives_the_recording(seed_text: str, tmp_path: Path) -> None:
    with FakeOpenAIServer([rate_limited("1"), completion(RECORD)]).running() as server:
        summarize(seed_text, case_id="seed", settings=settings_for(server, tmp_path / "c", record_to=tmp_path))
    exchanges = json.loads((tmp_path / "fake" / "v1" / "seed.json").read_text())["exchanges"]
    assert exchanges[0]["response"]["headers"] == {"retry-after": "1"}
    assert "headers" not in exchanges[1]["response"], "ordinary answers are stored as before"
    assert not re.search("authorization", json.dumps(exchanges), re.I)
