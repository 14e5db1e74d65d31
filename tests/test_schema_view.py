"""A prompt's view of the schema (order, required, descriptions, omissions) and the `grammar` mode."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarizer import ArticleSummary, ConfigError, Settings, summarize
from summarizer import prompts as prompt_files
from summarizer.schema_view import SchemaView, render, response_model
from tests.fake_server import FakeOpenAIServer, Reply, completion

RECORD: dict[str, Any] = {
    "participants": [{"name": "Marco Rubio", "role": None, "affiliation": None, "aliases": ["Rubio"]}],
    "quotes": [{"speaker": "Marco Rubio", "text": "China is supporting Russia"}],
    "tariffs": [],
    "meetings": [{"participants": ["Marco Rubio", "Wang Yi"], "location": None, "date": None, "status": "held"}],
    "summary": "Rubio met Wang Yi.",
}


def content_reply(record: dict[str, Any]) -> Reply:
    """A plain-content completion, as llama.cpp answers a response_format request."""
    body = completion({}).body
    body["choices"][0]["finish_reason"] = "stop"
    body["choices"][0]["message"] = {"role": "assistant", "content": json.dumps(record)}
    return Reply(body=body)


def test_v4_lists_come_first_every_field_is_required_and_noise_is_gone() -> None:
    schema = prompt_files.load("v4").response_model.model_json_schema()
    assert list(schema["properties"]) == ["participants", "quotes", "tariffs", "meetings", "summary"]
    assert schema["required"] == list(schema["properties"])
    quote = schema["$defs"]["Quote"]
    assert list(quote["properties"]) == ["speaker", "text"]  # attribution and meeting omitted
    assert quote["required"] == ["speaker", "text"]
    assert all("description" not in p for p in quote["properties"].values())  # v4 says it in the prompt
    assert schema["title"] == "ArticleSummary"
    assert "title" not in json.dumps(schema["$defs"])
    assert '"default"' not in json.dumps(schema)


def test_descriptions_are_only_those_the_view_gives() -> None:
    schema = render(SchemaView(descriptions={"Quote.text": "Copied exactly.", "ArticleSummary": "One article."}))
    assert schema["description"] == "One article."
    assert schema["$defs"]["Quote"]["properties"]["text"]["description"] == "Copied exactly."
    assert "description" not in schema["$defs"]["Quote"]["properties"]["speaker"]
    assert "description" not in schema["$defs"]["Tariff"]


def test_plain_nullables_drop_the_anyof_but_keep_patterns() -> None:
    schema = render(SchemaView(plain_nullables=True))
    tariff = schema["$defs"]["Tariff"]["properties"]
    assert tariff["rate_text"] == {"type": ["string", "null"]}
    assert "anyOf" in tariff["effective_date"]  # an ISO pattern is worth its tokens


def test_the_view_validates_like_the_record_and_converts_back() -> None:
    model = prompt_files.load("v4").response_model
    parsed = model.model_validate(RECORD)
    record = ArticleSummary.model_validate(parsed.model_dump())
    assert record.quotes[0].attribution is None  # omitted field, default on validation
    assert record.meetings[0].topics == []
    with pytest.raises(ValueError, match="extra"):
        model.model_validate({**RECORD, "invented": 1})


def test_views_naming_unknown_or_required_fields_are_refused() -> None:
    with pytest.raises(ConfigError, match=r"Quote\.tone"):
        render(SchemaView(descriptions={"Quote.tone": "x"}))
    with pytest.raises(ConfigError, match="no default"):
        render(SchemaView(omit=("Quote.speaker",)))


def test_no_view_is_the_record_itself() -> None:
    assert response_model(None) is ArticleSummary
    assert prompt_files.load("v1").response_model is ArticleSummary


def test_grammar_mode_sends_the_schema_as_a_llama_cpp_response_format(seed_text: str) -> None:
    with FakeOpenAIServer([content_reply(RECORD)]).running() as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="m", prompt="v4", cache=False)
        result = summarize(seed_text, settings=settings)
    sent = server.requests[0]
    assert "tools" not in sent
    assert sent["response_format"]["type"] == "json_object"
    assert next(iter(sent["response_format"]["schema"]["properties"])) == "participants"
    assert "json_schema" not in json.dumps(sent["messages"])  # the schema is not in the prompt
    assert result.record.quotes[0].text == "China is supporting Russia"
    assert result.provenance.prompt_version == "v4"


def test_an_explicit_mode_wins_over_the_prompts(seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_MODE", "tools")
    with FakeOpenAIServer([completion(RECORD)]).running() as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="m", prompt="v4", cache=False)
        summarize(seed_text, settings=settings)
    sent = server.requests[0]
    assert "response_format" not in sent
    assert next(iter(sent["tools"][0]["function"]["parameters"]["properties"])) == "participants"


def test_views_that_differ_in_any_option_get_their_own_model() -> None:
    plain, bounded = response_model(SchemaView(plain_nullables=True)), response_model(SchemaView())
    assert plain is not bounded
    assert plain.model_json_schema() != bounded.model_json_schema()
    assert response_model(SchemaView(plain_nullables=True)) is plain  # equal views share one class
