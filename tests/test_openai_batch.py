"""OpenAI Batch API files, offline: export requests, import answers through the live path.

The answers are the real recorded model responses under fixtures/recordings/qwen2.5-coder-1.5b/v1,
wrapped in the Batch API's output envelope ({"custom_id", "response": {"status_code", "body"}}).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch import Batch
from summarizer.config import Settings, fixtures_dir
from summarizer.evals import load_cases
from tests.cli_runner import invoke
from tests.test_batch import INVALID

MODEL, PROMPT = "qwen2.5-coder-1.5b", "v1"
RECORDINGS = fixtures_dir() / "recordings" / MODEL / PROMPT


def recorded(article: str) -> dict[str, Any]:
    exchange: dict[str, Any] = json.loads((RECORDINGS / f"{article}.json").read_text())["exchanges"][0]
    return exchange


@pytest.fixture
def cases_jsonl(tmp_path: Path) -> Path:
    source = tmp_path / "cases.jsonl"
    rows = [{"id": c.id, "text": c.text, "published": c.published} for c in load_cases()[:12]]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return source


def export(source: Path, requests: Path) -> list[dict[str, Any]]:
    done = invoke("batch", str(source), "--openai-batch-export", str(requests), "--model", MODEL, "--prompt", PROMPT)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in requests.read_text().splitlines()]


def envelope(request: dict[str, Any], body: Any, status: int = 200) -> str:
    """One line of a Batch API output file, as OpenAI writes it."""
    response = {"status_code": status, "request_id": "req_test", "body": body}
    return json.dumps({"id": "batch_req_test", "custom_id": request["custom_id"], "response": response, "error": None})


def test_export_bodies_equal_what_the_recorder_captured(cases_jsonl: Path, tmp_path: Path) -> None:
    lines = export(cases_jsonl, tmp_path / "requests.jsonl")
    assert len(lines) == 12
    for line in lines:
        article, _, digest = line["custom_id"].rpartition("#")
        assert (line["method"], line["url"]) == ("POST", "/v1/chat/completions")
        assert len(digest) == 16
        assert line["body"] == recorded(article)["request"]["body"], article
        assert line["body"]["tools"], "instructor's tools are in the body"
        assert line["body"]["tool_choice"]


def test_import_of_recorded_answers_matches_replay_and_lists_re_asks(cases_jsonl: Path, tmp_path: Path) -> None:
    requests = export(cases_jsonl, tmp_path / "requests.jsonl")
    bad, failed = requests[0]["custom_id"].rpartition("#")[0], requests[1]["custom_id"].rpartition("#")[0]
    answers = []
    for request in requests:
        article = request["custom_id"].rpartition("#")[0]
        body = recorded(article)["response"]["body"]
        if article == bad:  # schema-violating tool arguments: would need a re-ask
            body = {**body, "choices": [{**body["choices"][0], "message": {**body["choices"][0]["message"]}}]}
            body["choices"][0]["message"]["tool_calls"] = [
                {
                    **body["choices"][0]["message"]["tool_calls"][0],
                    "function": {"name": "ArticleSummary", "arguments": json.dumps(INVALID)},
                }
            ]
        answers.append(envelope(request, body) if article != failed else envelope(request, {"error": "x"}, 500))
    output, out = tmp_path / "output.jsonl", tmp_path / "results.jsonl"
    output.write_text("\n".join(answers) + "\n")
    done = invoke("batch", str(cases_jsonl), "--openai-batch-import", str(output), "--out", str(out), "--model", MODEL)
    assert done.returncode == 0, done.stderr
    assert "2 article(s) need a live pass" in done.stderr
    assert f"  {bad}: NeedsLivePass" in done.stderr
    assert f"  {failed}: " in done.stderr
    imported = {line["id"]: line for line in map(json.loads, out.read_text().splitlines())}
    assert sorted(imported) == sorted({r["custom_id"].rpartition("#")[0] for r in requests} - {bad, failed})
    replayed = tmp_path / "replayed.jsonl"
    Batch.open(cases_jsonl, replayed).run(settings=Settings(backend="replay", model=MODEL, prompt=PROMPT))
    for line in map(json.loads, replayed.read_text().splitlines()):
        if line["id"] in imported:
            ours = imported[line["id"]]["result"]
            assert ours["record"] == line["result"]["record"], line["id"]
            assert ours["grounding"] == line["result"]["grounding"], line["id"]
            assert ours["provenance"]["prompt_hash"] == line["result"]["provenance"]["prompt_hash"]


def test_import_refuses_answers_exported_with_another_prompt(cases_jsonl: Path, tmp_path: Path) -> None:
    requests = export(cases_jsonl, tmp_path / "requests.jsonl")
    output = tmp_path / "output.jsonl"
    output.write_text(envelope(requests[0], recorded(requests[0]["custom_id"].rpartition("#")[0])["response"]["body"]))
    done = invoke(
        "batch",
        str(cases_jsonl),
        "--openai-batch-import",
        str(output),
        "--out",
        str(tmp_path / "r.jsonl"),
        "--prompt",
        "v2",
    )
    assert done.returncode == 2
    assert "import with the --prompt (and --model) the export used" in done.stderr
