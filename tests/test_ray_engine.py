"""--engine ray on a local Ray cluster: the same outcomes as the local batch, each article exactly once.

Runs in the normal offline suite when Ray is installed (pip install -e '.[ray]'); skipped otherwise.
The cluster is started on 127.0.0.1 with 2 CPUs and no dashboard.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ray = pytest.importorskip("ray")

import pyarrow.dataset as pads  # noqa: E402

from summarizer.batch import Batch  # noqa: E402
from summarizer.config import Settings  # noqa: E402
from summarizer.engines.ray_engine import run_ray  # noqa: E402
from summarizer.evals import load_cases  # noqa: E402
from tests.cli_runner import invoke  # noqa: E402
from tests.conftest import ROOT  # noqa: E402
from tests.fake_server import FakeOpenAIServer, Reply, completion  # noqa: E402
from tests.test_client import RECORD  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def cluster() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    yield
    ray.shutdown()


def rows(out: Path) -> dict[str, dict[str, Any]]:
    table = pads.dataset(out, format="parquet").to_table().to_pylist()
    found = {row["id"]: row for row in table}
    assert len(found) == len(table), "every article exactly once"
    return found


def local_lines(out: Path) -> dict[str, dict[str, Any]]:
    return {line["id"]: line for line in map(json.loads, out.read_text().splitlines())}


def same_records(ray_rows: dict[str, dict[str, Any]], local: dict[str, dict[str, Any]]) -> None:
    assert sorted(ray_rows) == sorted(local)
    for article, row in ray_rows.items():
        assert row["status"] == local[article]["status"], article
        if row["status"] == "ok":
            ours, theirs = json.loads(row["result"]), local[article]["result"]
            assert ours["record"] == theirs["record"], article
            assert ours["grounding"] == theirs["grounding"], article
        else:
            assert json.loads(row["error"])["type"] == local[article]["error"]["type"], article


def test_extractive_cli_on_24_articles_matches_the_local_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))[:24]:
        shutil.copy(path, folder / path.name)
    out, local = tmp_path / "out.parquet", tmp_path / "local.jsonl"
    done = invoke("batch", str(folder), "--engine", "ray", "--out", str(out), "--backend", "extractive")
    assert done.returncode == 0, done.stderr
    assert "24 ok, 0 failed, 0 skipped" in done.stderr
    Batch.open(folder, local).run(backend="extractive")
    same_records(rows(out), local_lines(local))
    again = invoke("batch", str(folder), "--engine", "ray", "--out", str(out), "--backend", "extractive", "--resume")
    assert again.returncode == 0, again.stderr
    assert "0 ok, 0 failed, 24 skipped" in again.stderr
    assert len(rows(out)) == 24


def test_replay_of_40_recorded_articles_matches_the_local_batch(tmp_path: Path) -> None:
    source = tmp_path / "cases.jsonl"
    cases = load_cases()[:40]
    source.write_text("".join(json.dumps({"id": c.id, "text": c.text, "published": c.published}) + "\n" for c in cases))
    settings = Settings(backend="replay", model="qwen2.5-coder-1.5b", prompt="v1")
    out, local = tmp_path / "out.parquet", tmp_path / "local.jsonl"
    report = run_ray(source, out, settings, actors=2, concurrency=4, batch_size=8)
    Batch.open(source, local).run(settings=settings)
    found = rows(out)
    assert len(found) == 40
    assert report.ok == sum(1 for r in found.values() if r["status"] == "ok") >= 38
    same_records(found, local_lines(local))


def _actor_pids() -> list[int]:
    """Processes of this test's Ray cluster that run the summarising actor."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            title = (entry / "cmdline").read_bytes().split(b"\0")[0]
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and title.startswith(b"ray::") and b"Summarise" in title:
            pids.append(int(entry.name))
    return pids


def test_an_actor_killed_mid_run_loses_no_article_and_doubles_none(tmp_path: Path) -> None:
    n = 40
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": f"Article {i}: Rubio met Wang Yi."}) + "\n" for i in range(n))
    )
    out = tmp_path / "out.parquet"
    with FakeOpenAIServer(default=Reply(body=completion(RECORD).body, delay_s=0.3)).running() as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="fake", cache=False)
        failure: list[BaseException] = []

        def work() -> None:
            try:
                run_ray(source, out, settings, actors=2, concurrency=2, batch_size=4)
            except BaseException as exc:
                failure.append(exc)

        runner = threading.Thread(target=work)
        runner.start()
        deadline = time.monotonic() + 120
        while (len(server.requests) < 8 or not _actor_pids()) and time.monotonic() < deadline:
            time.sleep(0.05)
        victims = _actor_pids()
        assert victims, "an actor must be running"
        os.kill(victims[0], signal.SIGKILL)
        killed_after = len(server.requests)
        runner.join(timeout=300)
        assert not failure, failure
    assert killed_after < n, "the kill must land mid-run"
    found = rows(out)
    assert sorted(found) == sorted(f"a{i}" for i in range(n))
    assert all(row["status"] == "ok" for row in found.values())
    assert len(server.requests) > n, "the killed actor's batch was done again"
