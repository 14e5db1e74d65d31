"""`summarizer eval run`: offline on the extractive baseline, JSON shape, saved runs, gate, datasets."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from eval.cases import load_cases
from tests.conftest import ROOT, run_cli


def eval_run(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("eval", "run", "--backend", "extractive", "--out", str(tmp), *args)


def test_json_report_saved_run_and_gate(tmp_path: Path) -> None:
    # the extractive baseline's floors on all fixtures (measured on 45: 0.883 / 0.739 / 0.895 / 0.701)
    floors = ["participants=0.85", "meetings=0.7", "quotes=0.85", "tariffs=0.65"]
    done = eval_run("--format", "json", *(f for floor in floors for f in ("--min-f1", floor)), tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    for field in ("participants", "meetings", "quotes", "tariffs"):
        assert set(summary[field]) >= {"precision", "recall", "f1"}
        assert 0.0 <= summary[field]["f1"] <= 1.0
    assert summary["cases"] == len(load_cases())
    assert summary["grounding_rate"] == 1.0, "the extractive backend copies quotes from the source"
    (run,) = tmp_path.iterdir()
    lines = (run / "cases.jsonl").read_text().splitlines()
    assert len(lines) == summary["cases"]
    assert json.loads(lines[0])["prediction"]["provenance"]["backend"] == "extractive"
    assert json.loads((run / "summary.json").read_text()) == summary


def test_gate_fails_below_the_floor(tmp_path: Path) -> None:
    done = eval_run("--format", "json", "--min-f1", "tariffs=0.99", tmp=tmp_path)
    assert done.returncode == 1
    assert "gate failed: tariffs F1" in done.stderr


def test_bad_gate_spec_exits_2(tmp_path: Path) -> None:
    done = eval_run("--min-f1", "quotes", tmp=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("summarizer: error: --min-f1 'quotes'")


def test_jsonl_dataset_is_accepted(tmp_path: Path) -> None:
    cases = load_cases()[:2]
    path = tmp_path / "mini.jsonl"
    path.write_text(
        "".join(json.dumps({"id": c.id, "text": c.text, "gold": c.gold.model_dump_json()}) + "\n" for c in cases)
    )
    done = eval_run("--dataset", str(path), "--format", "json", tmp=tmp_path / "runs")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["cases"] == 2


def test_parquet_dataset_matches_the_fixture_folder(tmp_path: Path) -> None:
    from eval.cases import fixtures_dataset

    path = tmp_path / "fixtures.parquet"
    fixtures_dataset(ROOT / "fixtures").to_parquet(str(path))
    assert [c.id for c in load_cases(path)] == [c.id for c in load_cases()]
