"""Repeats at temperature > 0: the epoch is part of the cache and recording key; mean and spread per case."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from summarizer import Settings
from summarizer.evals import Case, EvalRun, evaluate, load_cases
from summarizer.transport import CallContext, recording_path
from tests.cli_runner import invoke
from tests.fake_server import FakeOpenAIServer, Reply, completion

CASES = [c for c in load_cases() if c.id in {"000_907d1024fca37082", "101_geneva-us-china-talks"}]


class Sampler:
    """A fake model at temperature > 0: each case's 1st, 3rd, ... answer is its gold record; the others lack quotes."""

    def __init__(self, cases: list[Case]) -> None:
        self.cases = cases
        self.seen: Counter[str] = Counter()

    def __call__(self, body: dict[str, Any]) -> Reply:
        user = body["messages"][1]["content"]
        case = next(c for c in self.cases if c.text.strip()[:200] in user)
        self.seen[case.id] += 1
        record = case.gold.model_dump(mode="json")
        if self.seen[case.id] % 2 == 0:
            record["quotes"] = []
        return completion(record)


def live(server: FakeOpenAIServer, tmp_path: Path, **extra: Any) -> Settings:
    return Settings(
        backend="openai", base_url=server.base_url, model="fake", temperature=0.7, cache_dir=tmp_path / "cache", **extra
    )


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[EvalRun, Path, int, int]:
    """Three epochs recorded live, then the same run again (served from the cache)."""
    tmp_path = tmp_path_factory.mktemp("epochs")
    with FakeOpenAIServer(responder=Sampler(CASES)).running() as server:
        first = evaluate(CASES, live(server, tmp_path, record_to=tmp_path / "recordings"), epochs=3)
        calls = len(server.requests)
        evaluate(CASES, live(server, tmp_path), epochs=3)
        again = len(server.requests) - calls
    return first, tmp_path / "recordings", calls, again


def test_each_epoch_is_its_own_model_call_and_its_own_cache_entry(recorded: tuple[EvalRun, Path, int, int]) -> None:
    run, _, calls, again = recorded
    assert calls == len(CASES) * 3, "the cache must not answer epoch 2 with epoch 1's response"
    assert again == 0, "an unchanged re-run is served from the cache, epoch by epoch"
    assert run.info.epochs == 3
    assert [len(c.samples) for c in run.cases] == [3, 3]


def test_per_case_mean_and_spread(recorded: tuple[EvalRun, Path, int, int]) -> None:
    run = recorded[0]
    for row in run.summary()["per_case"]:
        assert row["f1"]["quotes"]["mean"] == pytest.approx(2 / 3)  # F1 1, 0, 1 over the three epochs
        assert row["f1"]["quotes"]["sd"] == pytest.approx(0.4714, abs=1e-4)
        assert row["f1"]["participants"] == {"mean": 1.0, "sd": 0.0}
    assert run.summary()["quotes"]["epoch_f1"]["sd"] > 0


def test_recordings_keep_their_paths_for_epoch_0_and_add_one_per_later_epoch(
    recorded: tuple[EvalRun, Path, int, int],
) -> None:
    root = recorded[1]
    assert recording_path(root, CallContext("c", "v1", "fake")) == root / "fake" / "v1" / "c.json"
    names = sorted(p.name for p in (root / "fake" / "v1").iterdir())
    assert names == sorted(f"{c.id}{suffix}.json" for c in CASES for suffix in ("", ".sample1", ".sample2"))
    sampled = json.loads((root / "fake" / "v1" / f"{CASES[0].id}.sample1.json").read_text())
    assert sampled["exchanges"][0]["request"]["body"]["temperature"] == 0.7


def test_replay_gives_back_every_epoch_and_the_bootstrap_pairs_articles(
    recorded: tuple[EvalRun, Path, int, int],
) -> None:
    run, root = recorded[0], recorded[1]
    settings = Settings(backend="replay", recordings=root, model="fake", temperature=0.7)
    replayed = evaluate(CASES, settings, epochs=3)
    for live_case, replay_case in zip(run.cases, replayed.cases, strict=True):
        assert [s.scores for s in live_case.samples] == [s.scores for s in replay_case.samples]
    document = run.compare(replayed, samples=200)
    assert all(d["delta"] == 0.0 and d["low"] == d["high"] == 0.0 for d in document["deltas"])


def test_the_cli_passes_epochs_and_refuses_them_at_temperature_0(tmp_path: Path) -> None:
    with FakeOpenAIServer(responder=Sampler(CASES)).running() as server:
        common = ["eval", "run", "-b", "openai", "--base-url", server.base_url, "-m", "fake", "--out", str(tmp_path)]
        ids = [arg for c in CASES for arg in ("--case", c.id)]
        done = invoke(
            *common, *ids, "--epochs", "2", "--temperature", "0.5", "-f", "json", env={"SUMMARIZER_CACHE": "0"}
        )
        refused = invoke(*common, *ids, "--epochs", "2")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["epochs"], summary["cases"], len(server.requests)) == (2, 2, 4)
    assert refused.returncode == 2
    assert "--temperature" in refused.stderr
