"""Batches through flaky endpoints: every article ends exactly once, budgets hold, nothing is lost."""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from summarizer import Settings
from summarizer.batch import Article, done_ids, summarize_many
from tests.conftest import ROOT, run_cli
from tests.fake_server import FakeOpenAIServer, Reply, completion, rate_limited
from tests.test_client import RECORD

INVALID = {"summary": "x", "tariffs": [{"imposed_by": "US", "target": "China", "status": "imaginary"}]}


def article_id(body: dict[str, Any]) -> int:
    match = re.search(r"Article (\d+):", str(body["messages"]))  # re-asks append messages after the article
    assert match, "every request must carry its article"
    return int(match.group(1))


class FaultPlan:
    """Seeded faults on first attempts (~30%), plus a few articles that never get through."""

    FAULTS = ("429", "500", "503", "slow", "drop", "malformed", "invalid")

    def __init__(self, n: int, seed: int = 7, hopeless: int = 3) -> None:
        rng = random.Random(seed)
        self.first = {i: rng.choice(self.FAULTS) for i in range(n) if rng.random() < 0.3}
        self.hopeless = set(rng.sample([i for i in range(n) if i not in self.first], hopeless))
        self.seen: Counter[int] = Counter()

    def __call__(self, body: dict[str, Any]) -> Reply:
        article = article_id(body)
        self.seen[article] += 1
        if article in self.hopeless:
            return Reply(status=503, body={"error": {"message": "down"}}, headers={"Retry-After": "0"})
        fault = self.first.get(article) if self.seen[article] == 1 else None
        return {
            "429": rate_limited("1"),
            "500": Reply(status=500, body={"error": {"message": "boom"}}),
            "503": Reply(status=503, body={"error": {"message": "busy"}}),
            "slow": Reply(body=completion(RECORD).body, delay_s=2.5),
            "drop": Reply(drop=True),
            "malformed": Reply(body=b'{"id": "x", "choices": [', headers={}),
            "invalid": completion(INVALID, usage=(50, 5)),
            None: completion(RECORD, usage=(100, 20)),
        }[fault]


def test_200_articles_with_30_percent_faults(tmp_path: Path) -> None:
    n = 200
    plan = FaultPlan(n)
    articles = [Article(id=f"a{i}", text=f"Article {i}: Marco Rubio met Wang Yi in Kuala Lumpur.") for i in range(n)]
    with FakeOpenAIServer(responder=plan).running() as server:
        settings = Settings(
            backend="openai", base_url=server.base_url, model="fake", cache=False, timeout_s=1.0, transport_retries=3
        )
        outcomes = summarize_many(articles, concurrency=16, settings=settings)
    assert [o.id for o in outcomes] == [a.id for a in articles], "one outcome per article, in input order"
    failed = {o.id for o in outcomes if not o.ok}
    assert failed == {f"a{i}" for i in plan.hopeless}
    assert all(o.error_type == "TransportError" for o in outcomes if not o.ok)
    per_article: dict[int, list[float]] = defaultdict(list)
    for body, at in zip(server.requests, server.times, strict=True):
        per_article[article_id(body)].append(at)
    for i in plan.hopeless:
        (message,) = [o.error for o in outcomes if o.id == f"a{i}"]
        assert "after 4 attempt(s)" in (message or ""), "transport budget: 1 try + 3 retries"
        assert len(per_article[i]) <= 4, "never more than the budget reaches the server"
    for i, fault in plan.first.items():
        assert len(per_article[i]) == 2, f"article {i} ({fault}) needs exactly one more call"
        if fault == "429":
            assert per_article[i][1] - per_article[i][0] >= 0.95, "Retry-After: 1 must be honoured"
    usage = {o.id: o.result.provenance.usage.total_tokens for o in outcomes if o.result}
    for i, fault in plan.first.items():
        expected = 175 if fault == "invalid" else 120  # a re-asked invalid answer still costs tokens
        assert usage[f"a{i}"] == expected, (i, fault)
    assert sum(1 for f in plan.first.values()) >= 45, "the plan must really inject ~30% faults"


def test_sync_helper_keeps_input_order_and_strings_get_ids() -> None:
    outcomes = summarize_many(["", 'Rubio said "we are ready to talk now" on Friday.'], backend="extractive")
    assert [o.id for o in outcomes] == ["0", "1"]
    assert outcomes[0].error_type == "InputError"
    assert outcomes[1].ok


def _batch_cli(folder: Path, out: Path, url: str, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "summarizer",
            "batch",
            str(folder),
            "--out",
            str(out),
            "--backend",
            "openai",
            "--base-url",
            url,
            "--model",
            "fake",
            "--concurrency",
            "2",
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin", "SUMMARIZER_CACHE": "false", "HOME": str(folder)},
    )


def test_sigkill_mid_batch_then_resume_does_each_article_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    n = 24
    for i in range(n):
        (folder / f"art{i:02d}.txt").write_text(f"Article {i}: Marco Rubio met Wang Yi in Kuala Lumpur.")
    out = tmp_path / "out.jsonl"

    def slow(body: dict[str, Any]) -> Reply:
        return Reply(body=completion(RECORD).body, delay_s=0.25)

    with FakeOpenAIServer(responder=slow).running() as server:
        first = _batch_cli(folder, out, server.base_url)
        deadline = time.monotonic() + 60
        while len(done_ids(out)) < 6 and time.monotonic() < deadline:
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        before = done_ids(out)
        requests_before = len(server.requests)
        assert 6 <= len(before) < n, "the kill must land mid-run"
        second = _batch_cli(folder, out, server.base_url, "--resume")
        assert second.wait(timeout=120) == 0, second.stderr.read() if second.stderr else ""
    lines = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    ids = [line["id"] for line in lines]
    assert sorted(set(ids)) == sorted(f"art{i:02d}" for i in range(n))
    assert len(ids) == len(set(ids)), "no article twice"
    resumed = Counter(article_id(body) for body in server.requests[requests_before:])
    assert not {f"art{i:02d}" for i in resumed} & before, "finished articles are not requested again"


def test_resume_ignores_a_torn_last_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a", "status": "ok"}\n{"id": "b", "sta')
    assert done_ids(out) == {"a"}


@pytest.mark.parametrize("bad", ["dup", "nocol"])
def test_bad_dataset_input_exits_2(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "in.jsonl"
    rows = [{"id": "1", "text": "a"}, {"id": "1", "text": "b"}] if bad == "dup" else [{"name": "x"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    done = run_cli(
        "batch",
        str(path),
        "--out",
        str(tmp_path / "o.jsonl"),
        "--backend",
        "extractive",
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("summarizer: error:")
