"""``--require-grounding`` on real recorded model responses, replayed through the normal replay path."""

from __future__ import annotations

from pathlib import Path

from summarizer.evals.run import EvalRun
from tests.cli_runner import invoke


def _run(tmp_path: Path, *args: str) -> EvalRun:
    ran = invoke("eval", "run", *args, "--out", str(tmp_path), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    return EvalRun.load(folder)


def test_require_grounding_drops_what_a_real_response_invented_and_says_so(tmp_path: Path) -> None:
    """SmolLM2's recorded v2 answer for 304 has two 'tariffs' whose target is a made-up timestamp."""
    args = ("--backend", "replay", "--model", "SmolLM2-135M-Instruct", "--prompt", "v2")
    case = ("--case", "304_eu-china-ev-provisional-duties")
    loose = _run(tmp_path / "loose", *args, *case).cases[0].samples[0].result
    strict = _run(tmp_path / "strict", *args, *case, "--require-grounding").cases[0].samples[0].result
    assert loose is not None
    assert strict is not None
    invented = [t.target for t in loose.record.tariffs if t.target.startswith("2018-06-")]
    assert len(invented) == 2
    assert [t for t in strict.record.tariffs if t.target in invented] == []
    assert len(strict.record.tariffs) == len(loose.record.tariffs) - 2  # the verified ones stay
    dropped = [w for w in strict.provenance.warnings if w.startswith("dropped tariff")]
    assert len(dropped) == 2
    assert all("(require_grounding): ungrounded:" in w and "2018-06-" in w for w in dropped)
    assert not [w for w in loose.provenance.warnings if w.startswith("dropped")]


def test_require_grounding_keeps_every_quote_of_a_real_hybrid_answer(tmp_path: Path) -> None:
    """Qwen 1.5B's recorded state answer for 101: the hybrid's quotes are the rules' spans, all verified."""
    run = _run(
        tmp_path,
        *("--backend", "hybrid", "--model", "qwen2.5-coder-1.5b"),
        *("--case", "101_geneva-us-china-talks", "--require-grounding"),
    )
    result = run.cases[0].samples[0].result
    assert result is not None
    assert result.provenance.prompt_version == "h2"
    assert len(result.record.quotes) >= 2
    assert not [w for w in result.provenance.warnings if w.startswith("dropped quote")]
    assert {e.status.value for e in result.grounding if e.field == "quotes"} == {"verified"}


def test_require_grounding_drops_narrative_quotes_of_a_real_answer_and_keeps_the_real_one(tmp_path: Path) -> None:
    """Qwen 1.5B's recorded v4 answer for 102 returns two sentences of narration as 'quotes' and one real quote."""
    args = ("--backend", "replay", "--model", "qwen2.5-coder-1.5b", "--prompt", "v4")
    case = ("--case", "102_liberation-day-tariffs")
    loose = _run(tmp_path / "loose", *args, *case).cases[0].samples[0].result
    strict = _run(tmp_path / "strict", *args, *case, "--require-grounding").cases[0].samples[0].result
    assert loose is not None
    assert strict is not None
    statuses = {q.text: loose.evidence("quotes", i)[0].status.value for i, q in enumerate(loose.record.quotes)}
    assert statuses["This is our declaration of economic independence."] == "verified"
    narrative = [text for text, status in statuses.items() if status == "not_quoted"]
    assert narrative, "the recorded answer passes narration off as quotes"
    kept = [q.text for q in strict.record.quotes]
    assert "This is our declaration of economic independence." in kept
    assert not set(narrative) & set(kept)
    dropped = [w for w in strict.provenance.warnings if w.startswith("dropped quote")]
    assert len(dropped) == len(loose.record.quotes) - len(kept) >= len(narrative)
    assert any("not_quoted" in w for w in dropped)
