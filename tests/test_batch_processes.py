"""`summarizer batch --processes N`: worker processes with their own event loops, one outcome line per article."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import Settings
from summarizer.backends.base import Completion, Request
from summarizer.batch import Article, Batch, done_ids
from summarizer.errors import SummarizerError
from summarizer.schema import ArticleSummary
from tests.cli_runner import invoke
from tests.conftest import ROOT
from tests.fake_server import FakeOpenAIServer, Reply, completion, rate_limited
from tests.test_batch import _batch_cli
from tests.test_client import RECORD


class Echo:
    """A backend that answers with the article's first words after a pause; it may kill its own process."""

    name, uses_prompt, own_prompt, max_input_chars, over_http = "echo", False, None, 10_000, False

    def __init__(self, die_on: str | None = None) -> None:
        self.die_on = die_on

    async def extract(self, request: Request) -> Completion:
        if request.case_id == self.die_on:
            os.kill(os.getpid(), signal.SIGKILL)
        await asyncio.sleep(0.001)
        return Completion(record=ArticleSummary(summary=request.article[:20]), model=None)

    async def aclose(self) -> None:
        return None


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"Article {i}: Marco Rubio met Wang Yi in Kuala Lumpur.") for i in range(n)]


def comparable(row: dict[str, Any]) -> dict[str, Any]:
    """An outcome line without what differs between two runs of the same article (its latency)."""
    if "result" in row:
        row["result"]["provenance"].pop("latency_s")
    return row


def test_two_processes_give_the_outcomes_of_one_on_the_fixtures(tmp_path: Path) -> None:
    source = ROOT / "fixtures" / "articles"
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert invoke("batch", str(source), "--out", str(one), "--backend", "extractive").returncode == 0
    done = invoke("batch", str(source), "--out", str(two), "--backend", "extractive", "--processes", "2")
    assert done.returncode == 0, done.stderr
    ids = [row["id"] for row in lines(two)]
    assert len(ids) == len(set(ids)) == len(list(source.glob("*.txt"))), "each article exactly once"
    by_id = {row["id"]: comparable(row) for row in lines(one)}
    assert {row["id"]: comparable(row) for row in lines(two)} == by_id


def test_processes_through_a_flaky_server_write_each_article_once(tmp_path: Path) -> None:
    replies = iter([rate_limited("0")] * 5)

    def answer(body: dict[str, Any]) -> Any:
        return next(replies, completion(RECORD))

    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(responder=answer).running() as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="fake", cache=False, transport_retries=3)
        job = Batch(out=out, todo=articles(60)).run(concurrency=6, settings=settings, processes=3)
    assert (job.ok, job.failed) == (60, 0)
    assert sorted(row["id"] for row in lines(out)) == sorted(a.id for a in articles(60))
    assert len(server.requests) == 65, "60 answers, 5 of them after one 429"


def test_every_outcome_reaches_the_callback_and_the_counts(tmp_path: Path) -> None:
    seen: list[str] = []
    job = Batch(out=tmp_path / "o.jsonl", todo=articles(40)).run(
        concurrency=4, processes=2, on_outcome=lambda o: seen.append(o.id), engine=Echo()
    )
    assert sorted(seen) == sorted(a.id for a in articles(40))
    assert (job.ok, job.failed) == (40, 0)
    assert {row["result"]["record"]["summary"] for row in lines(tmp_path / "o.jsonl")} == {
        a.text[:20] for a in articles(40) if a.text
    }


def test_a_worker_that_dies_stops_the_batch_and_resume_finishes_it(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(SummarizerError, match="worker process died"):
        Batch(out=out, todo=articles(80)).run(concurrency=4, processes=2, engine=Echo(die_on="a30"))
    written = {row["id"] for row in lines(out)}
    assert "a30" not in written
    rest = [a for a in articles(80) if a.id not in written]
    Batch(out=out, todo=rest).run(concurrency=4, processes=2, engine=Echo())
    ids = [row["id"] for row in lines(out)]
    assert sorted(ids) == sorted(a.id for a in articles(80)), "every article exactly once after the resume"


def test_a_worker_that_cannot_start_raises_its_error_with_its_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_KEY", "SUMMARIZER_API_KEY", "SUMMARIZER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SummarizerError, match="no API key") as raised:
        Batch(out=tmp_path / "o.jsonl", todo=articles(4)).run(
            concurrency=2, processes=2, settings=Settings(backend="openai")
        )
    assert raised.value.exit_code == 2


def test_a_failure_to_read_the_input_surfaces_after_the_articles_read(tmp_path: Path) -> None:
    def broken() -> Iterator[Article]:
        yield from articles(10)
        raise OSError("disk gone")

    out = tmp_path / "o.jsonl"
    with pytest.raises(OSError, match="disk gone"):
        Batch(out=out, todo=broken()).run(concurrency=4, processes=2, engine=Echo())
    assert sorted(row["id"] for row in lines(out)) == sorted(a.id for a in articles(10))


def running_with(marker: str) -> set[int]:
    """Pids of live processes whose command line mentions ``marker`` (forked workers share the batch's)."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.add(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="finds the worker processes through /proc")
def test_workers_of_a_killed_batch_exit_and_resume_does_each_article_once(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    folder.mkdir()
    for i in range(40):
        (folder / f"art{i:02d}.txt").write_text(f"Article {i}: Marco Rubio met Wang Yi in Kuala Lumpur.")
    slow = Reply(body=completion(RECORD).body, delay_s=0.25)
    with FakeOpenAIServer(default=slow).running() as server:
        first = _batch_cli(folder, out, server.base_url, "--processes", "2")
        deadline = time.monotonic() + 60
        while len(done_ids(out)) < 6 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = running_with(str(out)) - {first.pid}
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert len(workers) == 2, "two worker processes were running"
        while running_with(str(out)) & workers and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not running_with(str(out)) & workers, "workers exit once their batch process is gone"
        second = _batch_cli(folder, out, server.base_url, "--resume", "--processes", "2")
        assert second.wait(timeout=120) == 0, second.stderr.read() if second.stderr else ""
    ids = [row["id"] for row in lines(out)]
    assert sorted(ids) == sorted(f"art{i:02d}" for i in range(40)), "every article exactly once"


def test_extractive_workers_start_no_processes_of_their_own(tmp_path: Path) -> None:
    """A backend that has seen POOL_FROM requests starts a process pool, but a batch worker is daemonic and
    may not have children: with 80 articles over 2 workers one of them sees at least 40, and every article
    must still end ok (it used to be an InternalError line: 'daemonic processes are not allowed to have children')."""
    text = "Canada imposed a 25% tariff on steel from China on Monday, the finance ministry said."
    todo = [Article(id=f"s{i}", text=f"{text} Item {i}.") for i in range(80)]
    out = tmp_path / "out.jsonl"
    job = Batch(out=out, todo=todo).run(concurrency=8, settings=Settings(backend="extractive"), processes=2)
    errors = [row["error"]["message"] for row in lines(out) if row["status"] != "ok"]
    assert errors == []
    assert (job.ok, job.failed) == (80, 0)
