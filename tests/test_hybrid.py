"""The hybrid backend offline: candidates, the per-article schema, ids back to spans, and a replayed answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from summarizer import prompts
from summarizer.backends.extractive import nlp
from summarizer.backends.extractive.people import People
from summarizer.backends.hybrid.candidates import Candidates, candidates
from summarizer.backends.hybrid.choices import NONE, attribution_model, messages, quotes, speakers
from summarizer.config import Settings
from summarizer.evals.cases import load_cases, select
from summarizer.pipeline import Summarizer

RECORDINGS = Path(__file__).parent / "data" / "recordings"
ARTICLE = (
    "KUALA LUMPUR (Reuters) - U.S. Secretary of State Marco Rubio met Chinese Foreign Minister Wang Yi on Friday.\n\n"
    '"We had a constructive and positive meeting," Rubio told reporters afterwards. The talks lasted an hour.\n\n'
    "Wang said the two sides should “seek common ground while shelving differences.”\n\n"
    "The White House confirmed a 25% tariff on imports from Japan, effective August 1.\n\n"
    "Critics called the plan a 'so-called' fix."
)


@pytest.fixture(scope="module")
def found() -> Candidates:
    doc = nlp.load(Settings().spacy_model)(ARTICLE)
    return candidates(doc, People(doc))


def test_candidates_number_people_quotes_rates_places_and_dates(found: Candidates) -> None:
    assert [(p.id, p.person.name) for p in found.people] == [("P1", "Marco Rubio"), ("P2", "Wang Yi")]
    assert "Secretary of State" in found.people[0].label
    assert [q.id for q in found.quotes] == ["Q1", "Q2"]  # 'so-called' is one word: a scare quote, not a quote
    assert [r.text for r in found.rates] == ["25%"]
    assert "tariff on imports from Japan" in found.rates[0].context
    assert {"Japan", "U.S."} <= {p.text for p in found.places}
    assert any("August 1" in d.text for d in found.dates)
    assert "Japan" in {c.text for c in found.countries}


def test_every_candidate_id_maps_back_to_its_span(found: Candidates) -> None:
    for candidate in [*found.quotes, *found.rates, *found.places, *found.dates, *found.countries]:
        assert found.span(candidate.id) == candidate
        assert ARTICLE[candidate.start : candidate.end] == candidate.text
    assert found.quotes[0].text == "We had a constructive and positive meeting"
    assert "Rubio told reporters" in found.quotes[0].context  # the quote's paragraph travels with it


def test_the_schema_is_an_enum_of_this_articles_ids_with_a_slot_per_quote(found: Candidates) -> None:
    model = attribution_model(found)
    assert model is not None
    schema = model.model_json_schema()
    assert schema["required"] == ["Q1", "Q2"]
    assert schema["additionalProperties"] is False
    assert {slot["enum"][-1] for slot in schema["properties"].values()} == {NONE}
    assert all(slot["enum"] == ["P1", "P2", NONE] for slot in schema["properties"].values())


@pytest.mark.parametrize(
    "answer",
    [
        {"Q1": "P3", "Q2": "P1"},  # an id that is not in the list
        {"Q1": "Marco Rubio", "Q2": "P1"},  # a name instead of an id
        {"Q1": "P1"},  # a slot left out
        {"Q1": "P1", "Q2": "P2", "Q3": "P1"},  # an invented quote
    ],
)
def test_validation_makes_invention_impossible(found: Candidates, answer: dict[str, str]) -> None:
    model = attribution_model(found)
    assert model is not None
    with pytest.raises(ValidationError):
        model.model_validate(answer)


def test_no_quotes_or_no_people_skips_the_pass(found: Candidates) -> None:
    assert attribution_model(Candidates(people=found.people)) is None
    assert attribution_model(Candidates(quotes=found.quotes)) is None


def test_chosen_ids_become_verbatim_quotes(found: Candidates) -> None:
    model = attribution_model(found)
    assert model is not None
    chosen = speakers(model.model_validate({"Q1": "P2", "Q2": NONE}))
    assert chosen == {"Q1": "P2"}
    rules_first = quotes(found, chosen, rules_first=True)
    model_first = quotes(found, chosen, rules_first=False)
    said = "We had a constructive and positive meeting"
    assert (rules_first[0].speaker, rules_first[0].text) == ("Marco Rubio", said)
    assert (model_first[0].speaker, model_first[0].text) == ("Wang Yi", said)
    assert all(q.text in ARTICLE for q in [*rules_first, *model_first])


def test_the_prompt_lists_ids_and_context_after_a_static_system_message(found: Candidates) -> None:
    sent = messages(prompts.load("h1"), found)
    assert [m["role"] for m in sent] == ["system", "user"]
    assert sent[0]["content"] == prompts.load("h1").spec.system.strip()
    assert "P1: Marco Rubio" in sent[1]["content"]
    assert 'Q2: "seek common ground while shelving differences."' in sent[1]["content"]


def _recorded_answer(path: Path) -> dict[str, Any]:
    exchange = json.loads(path.read_text(encoding="utf-8"))["exchanges"][-1]
    arguments: dict[str, Any] = json.loads(
        exchange["response"]["body"]["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
    )
    return arguments


async def test_a_recorded_answer_replays_into_an_ordinary_record() -> None:
    """A real answer of qwen2.5-coder-0.5b (tests/data/recordings), through the replay transport."""
    case = select(load_cases(), ids=["101_geneva-us-china-talks"])[0]
    recording = RECORDINGS / "qwen2.5-coder-0.5b" / "h1" / f"{case.id}.json"
    settings = Settings(backend="hybrid", model="qwen2.5-coder-0.5b", recordings=RECORDINGS)
    async with Summarizer(settings) as summarizer:
        result = await summarizer.run(case.text, case_id=case.id, published=case.published)
    assert result.provenance.backend == "hybrid"
    assert result.provenance.model == "qwen2.5-coder-0.5b"
    assert result.provenance.attempts >= 1
    assert set(_recorded_answer(recording)) == {f"Q{i + 1}" for i in range(len(_recorded_answer(recording)))}
    assert result.record.quotes
    assert all(q.text in case.text for q in result.record.quotes)  # by construction: spans of the article
    assert not [e for e in result.grounding if e.field == "quotes" and e.status.value in {"not_quoted", "ungrounded"}]


def test_hybrid_is_a_variant_of_eval_compare() -> None:
    from summarizer.evals.compare import parse_variant

    variant = parse_variant("hybrid:qwen2.5-coder-1.5b")
    assert variant.overrides == {"backend": "hybrid", "model": "qwen2.5-coder-1.5b"}
    assert Settings(**variant.overrides).resolved_backend() == "hybrid"
