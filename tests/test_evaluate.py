"""The library API: ``evaluate(cases, task) -> EvalRun`` with any kind of task, saved, loaded and compared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import Result, Settings, Summarizer, summarize
from summarizer.evals import Case, EvalRun, aevaluate, evaluate, load_cases

IDS = ["000_907d1024fca37082", "101_geneva-us-china-talks", "110_mexico-tariff-delay"]


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return [c for c in load_cases() if c.id in IDS]


@pytest.fixture(scope="module")
def extractive(cases: list[Case]) -> EvalRun:
    return evaluate(cases, Settings(backend="extractive"))


def test_three_cases_through_evaluate(extractive: EvalRun) -> None:
    assert [c.id for c in extractive.cases] == IDS
    assert (extractive.info.backend, extractive.info.epochs) == ("extractive", 1)
    assert extractive.label == f"extractive:{extractive.info.model}"  # backend:model@prompt, no prompt here
    summary = extractive.summary()
    assert summary["cases"] == 3
    assert 0.5 < summary["quotes"]["f1"] <= 1.0
    assert [row["id"] for row in summary["per_case"]] == IDS


def test_evaluate_runs_from_a_plain_python_c(tmp_path: Path) -> None:
    """As the issue asks: `python -c "from summarizer.evals import evaluate"` runs a 3-case evaluation."""
    code = (
        "from summarizer import Settings; from summarizer.evals import evaluate, load_cases; "
        "run = evaluate(load_cases()[:3], Settings(backend='extractive')); "
        "print(len(run.cases), run.micro('participants')['f1'] > 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "True"]


def test_a_function_a_coroutine_and_a_summarizer_are_tasks_too(cases: list[Case], extractive: EvalRun) -> None:
    def blocking(case: Case) -> Result:
        return summarize(case.text, published=case.published, backend="extractive")

    async def coroutine(case: Case) -> Result:
        return Result(record=case.gold, provenance=extractive.cases[0].samples[0].result.provenance)  # type: ignore[union-attr]

    by_function = evaluate(cases, blocking, label="function")
    by_summarizer = evaluate(cases, Summarizer(backend="extractive"), label="summarizer")
    perfect = evaluate(cases, coroutine, label="gold")
    for name in ("participants", "quotes"):
        assert by_function.micro(name) == by_summarizer.micro(name) == extractive.micro(name)
        assert perfect.micro(name)["f1"] == 1.0
    assert by_function.label == "function"


def test_save_load_and_compare(extractive: EvalRun, cases: list[Case], tmp_path: Path) -> None:
    folder = extractive.save(tmp_path)
    assert folder.parent == tmp_path
    assert sorted(p.name for p in folder.iterdir()) == ["cases.jsonl", "run.json", "summary.json"]
    again = EvalRun.load(folder)
    assert again == extractive
    document = extractive.compare(again, samples=200)
    assert [v["label"] for v in document["variants"]] == [extractive.label, f"{extractive.label}#2"]
    assert all(d["delta"] == 0.0 for d in document["deltas"])
    assert extractive.save(tmp_path) != folder, "a second save in the same second gets its own folder"


def test_failures_are_kept_and_scored_as_empty_records(cases: list[Case]) -> None:
    from summarizer.errors import ExtractionError

    def broken(case: Case) -> Result:
        raise ExtractionError("the model never produced a valid record", [])

    run = evaluate(cases, broken)
    assert all(c.samples[0].failed and "ExtractionError" in (c.samples[0].error or "") for c in run.cases)
    summary = run.summary()
    assert summary["schema_failure_rate"] == 1.0
    assert summary["quotes"]["recall"] == 0.0


async def test_aevaluate_inside_an_event_loop(cases: list[Case]) -> None:
    run = await aevaluate(cases[:1], Settings(backend="extractive"))
    assert len(run.cases) == 1
    with pytest.raises(Exception, match="running event loop"):
        evaluate(cases[:1], Settings(backend="extractive"))


def test_no_cases_is_an_error() -> None:
    from summarizer.errors import InputError

    with pytest.raises(InputError, match="--dataset"):
        evaluate([], Settings(backend="extractive"))
