"""`summarizer eval compare`: side-by-side scores with paired bootstrap intervals, JSON and HTML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.evals import load_cases
from summarizer.evals.compare import parse_variant, unique_labels
from tests.cli_runner import invoke
from tests.fake_server import FakeOpenAIServer, Reply, completion

CASES = {c.id: c for c in load_cases() if c.split == "dev"}


def answer_with_gold(body: dict[str, Any]) -> Reply:
    """v2 requests get the article's gold record; v1 requests get it without quotes."""
    user = body["messages"][1]["content"]
    case = next(c for c in CASES.values() if c.text.strip()[:200] in user)
    record = case.gold.model_dump(mode="json")
    if "Rules:" not in body["messages"][0]["content"]:  # only v2's system prompt has the rules
        record["quotes"] = []
    return completion(record)


def test_compare_v1_v2_finds_the_quote_difference_and_only_it(tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    with FakeOpenAIServer(responder=answer_with_gold).running() as server:
        done = invoke(
            "eval",
            "compare",
            "v1",
            "v2",
            "--backend",
            "openai",
            "--base-url",
            server.base_url,
            "--model",
            "fake",
            "--split",
            "dev",
            "--format",
            "json",
            "--html",
            str(html),
            env={"SUMMARIZER_CACHE": "false"},
        )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert [v["prompt"] for v in document["variants"]] == ["v1", "v2"]
    deltas = {d["field"]: d for d in document["deltas"]}
    assert deltas["quotes"]["delta"] > 0.5
    assert deltas["quotes"]["significant"]
    assert deltas["quotes"]["low"] > 0
    for field in ("participants", "meetings", "tariffs"):
        assert deltas[field]["delta"] == 0.0
        assert not deltas[field]["significant"]
        assert deltas[field]["low"] <= 0 <= deltas[field]["high"]
    assert document["fields"]["quotes"]["v2"]["f1"] == 1.0
    accuracy = {(d["field"], d["attribute"]): d for d in document["attribute_deltas"]}
    assert accuracy[("tariffs", "status")]["accuracy_a"] == accuracy[("tariffs", "status")]["accuracy_b"] == 1.0
    assert not accuracy[("tariffs", "status")]["significant"]
    assert not [key for key in accuracy if key[0] == "quotes"]  # v1 matched no quote: no speaker to compare
    assert document["costs"]["v1"]["tokens"] > 0
    assert document["disagreements"][0]["spread"] > 0
    assert html.read_text().lower().startswith("<!doctype html>")


def test_variant_specs() -> None:
    assert parse_variant("v2").overrides == {"prompt": "v2"}
    assert parse_variant("extractive").overrides == {"backend": "extractive"}
    assert parse_variant("openai:gpt-4o-mini@v2").overrides == {
        "backend": "openai",
        "model": "gpt-4o-mini",
        "prompt": "v2",
    }


def test_compare_needs_two_variants() -> None:
    done = invoke("eval", "compare", "v1")
    assert done.returncode == 2
    assert "at least two variants" in done.stderr


def test_a_variant_given_twice_keeps_both_rows() -> None:
    """`compare extractive extractive` used to merge the two runs into one silently."""
    assert unique_labels(["v1", "extractive", "extractive", "v1"]) == ["v1", "extractive", "extractive#2", "v1#2"]
    done = invoke("eval", "compare", "extractive", "extractive", "--split", "heldout", "--samples", "100", "-f", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert [v["label"] for v in document["variants"]] == ["extractive", "extractive#2"]
    assert {d["b"] for d in document["deltas"]} == {"extractive#2"}
    assert all(d["delta"] == 0.0 and not d["significant"] for d in document["deltas"])
    assert document["disagreements"] == []


def test_a_saved_run_is_a_variant_scored_as_it_was_saved(tmp_path: Path) -> None:
    """'eval run --out' folders compare with runs made now (before/after a rule change), on the same cases."""
    cases = load_cases()[:3]
    dataset = tmp_path / "mini.jsonl"
    dataset.write_text(
        "".join(json.dumps({"id": c.id, "text": c.text, "gold": c.gold.model_dump_json()}) + "\n" for c in cases)
    )
    ran = invoke("eval", "run", "-b", "extractive", "--dataset", str(dataset), "--out", str(tmp_path / "runs"))
    assert ran.returncode == 0, ran.stderr
    (saved,) = (tmp_path / "runs").iterdir()
    done = invoke("eval", "compare", str(saved), "extractive", "--dataset", str(dataset), "--format", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["cases"] == 3
    assert document["variants"][0]["backend"] == "extractive"
    assert {d["delta"] for d in document["deltas"]} == {0.0}  # the same code scored twice
    fewer = tmp_path / "one.jsonl"
    fewer.write_text(
        dataset.read_text().splitlines()[0]
        + "\n"
        + json.dumps({"id": "unknown-case", "text": "x", "gold": cases[0].gold.model_dump_json()})
        + "\n"
    )
    missing = invoke("eval", "compare", str(saved), "extractive", "--dataset", str(fewer))
    assert missing.returncode == 2
    assert "has no case 'unknown-case'" in missing.stderr
    picked = ["--case", cases[0].id, "--case", cases[2].id]
    some = invoke("eval", "compare", str(saved), "extractive", "--dataset", str(dataset), *picked, "--format", "json")
    assert some.returncode == 0, some.stderr
    assert json.loads(some.stdout)["cases"] == 2, "--case picks cases from the saved run too"
