"""The hybrid backend offline: candidates, the per-article schema, the answer applied, and a replayed answer."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from summarizer import prompts
from summarizer.backends.extractive import ExtractiveBackend
from summarizer.backends.hybrid import PROMPT
from summarizer.backends.hybrid.candidates import Candidate, candidates
from summarizer.backends.hybrid.choices import LABELS, apply, disagreements, messages, states, status_model
from summarizer.config import Settings
from summarizer.evals import evaluate
from summarizer.evals.cases import load_cases, select
from summarizer.grounding import Source
from summarizer.pipeline import Summarizer
from summarizer.schema import ArticleSummary

RECORDINGS = Path(__file__).parents[1] / "fixtures" / "recordings" / "qwen2.5-coder-1.5b" / PROMPT
ARTICLE = (
    "KUALA LUMPUR (Reuters) - U.S. Secretary of State Marco Rubio met Chinese Foreign Minister Wang Yi on Friday.\n\n"
    '"We had a constructive and positive meeting," Rubio told reporters afterwards. The talks lasted an hour.\n\n'
    "The United States will impose a 25% tariff on imports from Japan from August 1, the White House said.\n\n"
    "Critics called the plan a 'so-called' fix."
)


@pytest.fixture(scope="module")
def record() -> ArticleSummary:
    return ExtractiveBackend(Settings(backend="extractive")).run_batch([(ARTICLE, "2025-07-11")])[0].record


@pytest.fixture(scope="module")
def found(record: ArticleSummary) -> list[Candidate]:
    return candidates(record, Source(ARTICLE))


def test_candidates_are_the_rules_tariffs_and_meetings_with_their_sentences(
    record: ArticleSummary, found: list[Candidate]
) -> None:
    assert [(c.id, c.kind, c.index) for c in found] == [("T1", "tariff", 0), ("M1", "meeting", 0)]
    tariff, meeting = found
    assert tariff.label == f"United States on Japan, {record.tariffs[0].rate_text} ({record.tariffs[0].scope})"
    assert "will impose a 25% tariff on imports from Japan from August 1" in tariff.context
    assert tariff.rules == record.tariffs[0].status.value
    assert meeting.label == "Marco Rubio and Wang Yi"
    assert meeting.context.startswith("KUALA LUMPUR (Reuters) - U.S. Secretary of State Marco Rubio met")


def test_a_finding_the_grounding_checks_cannot_place_is_not_asked_about(record: ArticleSummary) -> None:
    unplaced = record.model_copy(update={"tariffs": [record.tariffs[0].model_copy(update={"target": "Brazil"})]})
    assert [c.id for c in candidates(unplaced, Source(ARTICLE))] == ["M1"]


def test_the_schema_is_an_enum_of_labels_with_a_slot_per_candidate(found: list[Candidate]) -> None:
    model = status_model(found)
    assert model is not None
    schema = model.model_json_schema()
    assert schema["required"] == ["T1", "M1"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["T1"]["enum"] == list(LABELS["tariff"])
    assert schema["properties"]["M1"]["enum"] == list(LABELS["meeting"])


@pytest.mark.parametrize(
    "answer",
    [
        {"T1": "in_effect", "M1": "took_place"},  # a status word, not one of the labels
        {"T1": "took_place", "M1": "took_place"},  # a meeting's label on a tariff
        {"T1": "starts_later"},  # a slot left out
        {"T1": "starts_later", "M1": "took_place", "T2": "rate_cut"},  # an invented tariff
    ],
)
def test_validation_makes_anything_but_a_label_per_candidate_impossible(
    found: list[Candidate], answer: dict[str, str]
) -> None:
    model = status_model(found)
    assert model is not None
    with pytest.raises(ValidationError):
        model.model_validate(answer)


def test_nothing_to_ask_skips_the_call() -> None:
    assert status_model([]) is None


def test_the_policy_decides_whose_state_is_kept(record: ArticleSummary, found: list[Candidate]) -> None:
    model = status_model(found)
    assert model is not None
    chosen = states(model.model_validate({"T1": "threat_or_condition", "M1": "will_happen"}))
    assert chosen == {"T1": "threat_or_condition", "M1": "will_happen"}
    mixed = apply(record, found, chosen, {"tariff"})
    assert mixed.tariffs[0].status.value == "threatened"
    assert mixed.meetings[0].status == record.meetings[0].status
    # The model changes a state, never a string: everything else is the rules' record.
    assert mixed.model_dump(exclude={"tariffs": {0: {"status"}}}) == record.model_dump(
        exclude={"tariffs": {0: {"status"}}}
    )
    assert apply(record, found, chosen, set()) == record
    review = disagreements(found, chosen, {"tariff"})
    assert review[0].startswith("review tariff 'United States on Japan")
    assert "kept the model's" in review[0]
    assert (
        review[1]
        == "review meeting 'Marco Rubio and Wang Yi': the model reads planned, the rules held; kept the rules'"
    )


def test_the_prompt_lists_ids_and_sentences_after_a_static_system_message(found: list[Candidate]) -> None:
    prompt = prompts.load(PROMPT)
    sent = messages(prompt, found)
    assert [m["role"] for m in sent] == ["system", "user"]
    assert sent[0]["content"] == prompt.spec.system.strip()
    assert "T1: United States on Japan" in sent[1]["content"]
    assert "M1: Marco Rubio and Wang Yi" in sent[1]["content"]
    assert prompt.spec.mode == "grammar"  # the schema is a grammar, not prompt text: the system prefix is shared


def _recorded_answer(case_id: str) -> dict[str, Any]:
    exchange = json.loads((RECORDINGS / f"{case_id}.json").read_text(encoding="utf-8"))["exchanges"][-1]
    answer: dict[str, Any] = json.loads(exchange["response"]["body"]["choices"][0]["message"]["content"])
    return answer


@pytest.mark.parametrize("decides", [frozenset(), frozenset({"tariff", "meeting"})])
async def test_a_recorded_answer_replays_into_the_rules_record_with_review_flags(decides: frozenset[str]) -> None:
    """Qwen 1.5B's real answer for 102 (fixtures/recordings), through the replay transport."""
    case = select(load_cases(), ids=["102_liberation-day-tariffs"])[0]
    settings = Settings(backend="hybrid", model="qwen2.5-coder-1.5b", hybrid_decides=decides)
    async with Summarizer(settings) as summarizer:
        result = await summarizer.run(case.text, case_id=case.id, published=case.published)
    rules = ExtractiveBackend(Settings(backend="extractive")).run_batch([(case.text, case.published)])[0].record
    assert result.provenance.backend == "hybrid"
    assert result.provenance.prompt_version == PROMPT
    assert result.provenance.attempts >= 1
    answer = _recorded_answer(case.id)
    found = {c.id: c for c in candidates(rules, Source(case.text))}
    assert set(answer) == set(found)
    differ = [k for k, label in answer.items() if LABELS["tariff"][label] != found[k].rules]
    assert differ  # this answer disagrees with the rules somewhere, so the flags below are exercised
    flags = [w for w in result.provenance.warnings if w.startswith("review tariff")]
    assert len(flags) == len(differ)
    for key, label in answer.items():
        status = result.record.tariffs[found[key].index].status
        assert status == (LABELS["tariff"][label] if decides else rules.tariffs[found[key].index].status)
    strip = {"tariffs": {i: {"status"} for i in range(len(rules.tariffs))}}
    assert result.record.model_dump(exclude=strip) == rules.model_dump(exclude=strip)


def test_hybrid_is_a_variant_of_eval_compare() -> None:
    from summarizer.evals.compare import parse_variant

    variant = parse_variant("hybrid:qwen2.5-coder-1.5b")
    assert variant.overrides == {"backend": "hybrid", "model": "qwen2.5-coder-1.5b"}
    assert Settings(**variant.overrides).resolved_backend() == "hybrid"


def test_every_case_replays_offline_through_the_hybrid(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules' candidates are part of each recorded request: a rule change that alters them stales the
    recordings, and this test names it (re-record with the command in the error)."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network blocked: replay must not connect anywhere")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    cases = load_cases()
    run = evaluate(cases, Settings(backend="hybrid", model="qwen2.5-coder-1.5b"))
    assert len(run.cases) == len(cases)
    errors = [(c.id, c.samples[0].error) for c in run.cases if c.samples[0].result is None]
    assert errors == []
    asked = [c for c in run.cases if c.samples[0].result and c.samples[0].result.provenance.attempts]
    assert len(asked) >= 40  # articles with no tariff or meeting the checks can place make no call
    assert {c.samples[0].result.provenance.prompt_version for c in asked if c.samples[0].result} == {PROMPT}
