"""Batches through flaky endpoints: every article ends exactly once, budgets hold, nothing is lost."""

from __future__ import annotations

import json
import os
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

from summarizer import InputError, Settings
from summarizer.batch import Article, Batch, done_ids, read_inputs, summarize_many
from tests.cli_runner import invoke
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


def _lines(out: Path) -> dict[str, dict[str, Any]]:
    return {line["id"]: line for line in map(json.loads, out.read_text().splitlines())}


def test_jsonl_with_one_non_string_text_and_one_valid_row_writes_two_lines(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text('{"id": "n", "text": 12345}\n{"id": "ok", "text": "Rubio met Wang Yi in Kuala Lumpur."}\n')
    done = invoke("batch", str(source), "--out", str(out), "--backend", "extractive")
    assert done.returncode == 1, done.stderr
    lines = _lines(out)
    assert sorted(lines) == ["n", "ok"]
    assert lines["ok"]["status"] == "ok"
    assert lines["n"]["error"]["type"] == "InputError"
    assert "not a string" in lines["n"]["error"]["message"]


@pytest.mark.parametrize(("text", "words"), [(["a"], "a list"), ({"a": 1}, "a dict"), (None, "null")])
def test_a_row_whose_text_is_not_a_string_gets_a_real_message(tmp_path: Path, text: Any, words: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "text": text}) + "\n" + json.dumps({"id": "y", "text": "Rubio."}) + "\n")
    articles = {a.id: a for a in read_inputs(source)}
    assert articles["x"].text is None
    assert words in (articles["x"].problem or "")
    assert articles["y"].text == "Rubio."


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("broken.jsonl", b'{"id": "1", "text": "a"}\n{"id": "2", "te\n', "line 2 is not valid JSON"),
        ("empty.jsonl", b"", "has no rows"),
        ("array.jsonl", b'["1", "a"]\n', "line 1 is not a JSON object"),
        ("garbage.parquet", b"this is not parquet at all", "not a readable Parquet file"),
        ("noid.jsonl", b'{"id": "1", "text": "a"}\n{"text": "b"}\n', "row 2 has no id"),
    ],
)
def test_unusable_dataset_exits_2_saying_what_to_fix(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    done = invoke("batch", str(source), "--out", str(tmp_path / "o.jsonl"), "--backend", "extractive")
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("summarizer: error:")
    assert words in line


def test_files_that_would_share_an_id_are_named(tmp_path: Path) -> None:
    for name in ("story.txt", "story.TXT", "story.html", "other.txt"):
        (tmp_path / name).write_text("Rubio met Wang Yi.")
    done = invoke("batch", str(tmp_path), "--out", str(tmp_path / "o.jsonl"), "--backend", "extractive")
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert "story.TXT, story.html, story.txt share the id 'story'" in line


def test_special_files_and_links_out_of_the_folder_get_error_lines(tmp_path: Path) -> None:
    folder, outside = tmp_path / "in", tmp_path / "secret.txt"
    folder.mkdir()
    outside.write_text("root:x:0:0:root:/root:/bin/bash")
    (folder / "good.txt").write_text("Rubio met Wang Yi in Kuala Lumpur.")
    os.mkfifo(folder / "pipe.txt")
    (folder / "folder.txt").mkdir()
    (folder / "escape.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "good.txt")
    out = tmp_path / "out.jsonl"
    assert invoke("batch", str(folder), "--out", str(out), "--backend", "extractive").returncode == 1
    lines = _lines(out)
    assert {i for i, line in lines.items() if line["status"] == "ok"} == {"good", "inside"}
    assert "FIFO" in lines["pipe"]["error"]["message"]
    assert "is a directory" in lines["folder"]["error"]["message"]
    assert "--follow-symlinks" in lines["escape"]["error"]["message"]
    followed = tmp_path / "followed.jsonl"
    invoke("batch", str(folder), "--out", str(followed), "--backend", "extractive", "--follow-symlinks")
    assert _lines(followed)["escape"]["status"] == "ok"


def test_skipped_counts_input_articles_not_lines_in_the_out_file(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(f"Rubio met Wang Yi ({name}).")
    out.write_text('{"id": "a", "status": "ok"}\n{"id": "old", "status": "ok"}\n{"id": "older", "status": "ok"}\n')
    done = invoke("batch", str(folder), "--out", str(out), "--backend", "extractive", "--resume")
    assert done.returncode == 0, done.stderr
    assert "1 ok, 0 failed, 1 skipped" in done.stderr


def test_batch_writer_is_library_code(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    folder.mkdir()
    (folder / "a.txt").write_text("Rubio met Wang Yi.")
    (folder / "b.txt").write_text("")
    job = Batch.open(folder, out).run(backend="extractive")
    assert (job.ok, job.failed, job.skipped) == (1, 1, 0)
    again = Batch.open(folder, out, resume=True)
    assert (again.pending, again.skipped, list(again.todo)) == (0, 2, [])
    with pytest.raises(InputError, match="pass --resume"):
        Batch.open(folder, out)


def test_a_batch_keeps_no_more_model_calls_out_than_its_concurrency() -> None:
    """The openai backend prepares as many articles again as it has slots; the server still sees at most
    ``concurrency`` requests at a time."""
    articles = [Article(id=f"a{i}", text=f"Article {i}: Marco Rubio met Wang Yi in Kuala Lumpur.") for i in range(9)]
    with FakeOpenAIServer(default=Reply(body=completion(RECORD).body, delay_s=0.3)).running() as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="fake", cache=False)
        outcomes = summarize_many(articles, concurrency=3, settings=settings)
    assert len(outcomes) == 9
    assert all(o.ok for o in outcomes)
    arrived = sorted(server.times)
    assert max(sum(t <= a < t + 0.25 for a in arrived) for t in arrived) == 3  # three at a time, 0.3 s apart
