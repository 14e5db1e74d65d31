"""The openai backend against a real loopback HTTP server with a scripted (fake) model."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from summarizer import ConfigError, ExtractionError, MissingAPIKeyError, Settings, TransportError, summarize
from summarizer.errors import AuthenticationError
from tests.fake_server import (
    FakeOpenAIServer,
    Reply,
    completion,
    cut_off,
    echoing_auth,
    html_page,
    rate_limited,
    truncated,
    wrong_content_type,
)

RECORD = {
    "summary": "Rubio met Wang Yi in Kuala Lumpur.",
    "participants": [{"name": "Marco Rubio", "aliases": ["Rubio"]}, {"name": "Wang Yi"}],
    "meetings": [{"participants": ["Marco Rubio", "Wang Yi"], "location": "Kuala Lumpur", "status": "held"}],
    "quotes": [{"speaker": "Marco Rubio", "text": "China is supporting Russia"}],
    "tariffs": [
        {
            "imposed_by": "United States",
            "target": "China",
            "rate_percent": 10,
            "rate_text": "10%",
            "status": "threatened",
            "condition": "if talks fail",
        }
    ],
}


def settings(server: FakeOpenAIServer, **extra: object) -> Settings:
    return Settings(backend="openai", base_url=server.base_url, model="fake-model", cache=False, **extra)


def test_valid_reply_gives_grounded_result(seed_text: str) -> None:
    with FakeOpenAIServer([completion(RECORD)]).running() as server:
        result = summarize(seed_text, settings=settings(server))
    assert result.record.participants[0].name == "Marco Rubio"
    assert result.provenance.backend == "openai"
    assert result.provenance.prompt_version == "v1"
    assert result.provenance.usage.total_tokens == 120
    quote = result.evidence("quotes", 0)[0]
    assert quote.status == "verified"
    assert seed_text[quote.spans[0].start : quote.spans[0].end] == "China is supporting Russia"
    sent = server.requests[0]
    assert sent["tool_choice"]["function"]["name"] == "ArticleSummary"
    assert seed_text.strip()[:40] in sent["messages"][1]["content"]


def test_429_with_retry_after_is_honoured_then_succeeds(seed_text: str) -> None:
    script = [rate_limited("1"), completion(RECORD)]
    with FakeOpenAIServer(script).running() as server:
        started = time.monotonic()
        result = summarize(seed_text, settings=settings(server))
        waited = time.monotonic() - started
    assert len(server.requests) == 2
    assert result.provenance.attempts == 2
    assert waited >= 1.0, "Retry-After: 1 must be waited out before the second attempt"


def test_transport_budget_runs_out_with_typed_error(seed_text: str) -> None:
    failing = Reply(status=503, body={"error": {"message": "overloaded"}}, headers={"Retry-After": "0"})
    with FakeOpenAIServer(default=failing).running() as server, pytest.raises(TransportError) as caught:
        summarize(seed_text, settings=settings(server, transport_retries=2))
    assert len(server.requests) == 3
    assert "after 3 attempt(s)" in str(caught.value)


def test_invalid_output_is_reasked_then_fails_with_every_attempt(seed_text: str) -> None:
    bad = {"summary": "x", "tariffs": [{"imposed_by": "US", "target": "China", "status": "imaginary"}]}
    with (
        FakeOpenAIServer(default=completion(bad, usage=(50, 5))).running() as server,
        pytest.raises(ExtractionError) as caught,
    ):
        summarize(seed_text, settings=settings(server, max_reasks=2))
    assert len(server.requests) == 3
    attempts = caught.value.attempts
    assert len(attempts) == 3
    assert all('"imaginary"' in (a.raw or "") for a in attempts)
    assert all("status" in a.errors[0] for a in attempts)
    # the re-ask carries the validation error back to the model
    assert "imaginary" in str(server.requests[1]["messages"])


def test_usage_is_summed_over_reasks(seed_text: str) -> None:
    bad = {"summary": "x", "tariffs": [{"imposed_by": "US", "target": "China", "status": "imaginary"}]}
    script = [completion(bad, usage=(50, 5)), completion(RECORD, usage=(70, 30))]
    with FakeOpenAIServer(script).running() as server:
        result = summarize(seed_text, settings=settings(server))
    assert result.provenance.usage.prompt_tokens == 120
    assert result.provenance.usage.total_tokens == 155
    assert result.provenance.attempts == 2


def test_no_key_and_no_base_url_is_a_config_error(seed_text: str) -> None:
    with pytest.raises(MissingAPIKeyError, match="set OPENAI_API_KEY or SUMMARIZER_BASE_URL"):
        summarize(seed_text, backend="openai")


def test_request_carries_no_key_beyond_the_authorization_header(seed_text: str, tmp_path: Path) -> None:
    canary = "sk-canary-0123456789abcdef0123456789abcdef"
    with FakeOpenAIServer([completion(RECORD)]).running() as server:
        result = summarize(seed_text, settings=settings(server, api_key=canary))
    assert {k.lower(): v for k, v in server.headers[0].items()}["authorization"] == f"Bearer {canary}"
    assert canary not in result.model_dump_json()
    assert canary not in str(server.requests)


def test_malformed_body_is_a_transport_retry_not_a_reask(seed_text: str) -> None:
    script = [Reply(body=b'{"id": "x", "choices": ['), completion(RECORD)]
    with FakeOpenAIServer(script).running() as server:
        result = summarize(seed_text, settings=settings(server, max_reasks=0))
    assert len(server.requests) == 2
    assert result.provenance.attempts == 2
    assert server.requests[0] == server.requests[1], "a transport retry resends the same request"


def test_rejected_key_fails_fast_and_names_the_setting(seed_text: str) -> None:
    denied = Reply(status=401, body={"error": {"message": "invalid api key"}})
    with FakeOpenAIServer(default=denied).running() as server, pytest.raises(AuthenticationError) as caught:
        summarize(seed_text, settings=settings(server, api_key="sk-wrong"))
    assert len(server.requests) == 1, "a rejected key is never retried"
    assert "check OPENAI_API_KEY" in str(caught.value)
    assert caught.value.exit_code == 2


def test_key_with_a_trailing_newline_is_sent_without_it(seed_text: str) -> None:
    with FakeOpenAIServer([completion(RECORD)]).running() as server:
        summarize(seed_text, settings=settings(server, api_key="sk-from-a-file\n"))
    assert {k.lower(): v for k, v in server.headers[0].items()}["authorization"] == "Bearer sk-from-a-file"


def test_key_with_a_line_break_inside_is_a_config_error(seed_text: str) -> None:
    with pytest.raises(ConfigError, match="check OPENAI_API_KEY"):
        summarize(seed_text, backend="openai", api_key="sk-one\nsk-two")


def test_dead_base_url_says_is_the_server_up(seed_text: str) -> None:
    with socket.socket() as probe:  # a loopback port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dead = Settings(backend="openai", base_url=f"http://127.0.0.1:{port}/v1", model="m", cache=False)
    with pytest.raises(TransportError, match=r"connection refused.*is the server up\?"):
        summarize(seed_text, settings=dead)


def test_html_gateway_page_with_status_200_is_a_transport_retry(seed_text: str) -> None:
    with FakeOpenAIServer([html_page(), completion(RECORD)]).running() as server:
        result = summarize(seed_text, settings=settings(server, max_reasks=0))
    assert result.provenance.attempts == 2
    assert server.requests[0] == server.requests[1], "resent as is: a transport retry, not a re-ask"


def test_html_gateway_page_forever_is_a_transport_error(seed_text: str) -> None:
    with FakeOpenAIServer(default=html_page()).running() as server, pytest.raises(TransportError):
        summarize(seed_text, settings=settings(server, transport_retries=1))
    assert len(server.requests) == 2


def test_truncated_body_gets_the_transport_budget_once_not_per_reask(seed_text: str) -> None:
    with FakeOpenAIServer(default=truncated()).running() as server, pytest.raises(TransportError) as caught:
        summarize(seed_text, settings=settings(server, transport_retries=2, max_reasks=2))
    assert len(server.requests) == 3, "1 try + 2 transport retries; instructor never re-asks a transport failure"
    assert "after 3 attempt(s)" in str(caught.value)


def test_cut_off_output_forever_is_an_extraction_error_not_an_internal_one(seed_text: str) -> None:
    with FakeOpenAIServer(default=cut_off(RECORD)).running() as server, pytest.raises(ExtractionError) as caught:
        summarize(seed_text, settings=settings(server, max_reasks=1))
    assert len(server.requests) == 2
    assert "cut off at max_tokens" in str(caught.value)
    assert all("finish_reason=length" in a.errors[0] for a in caught.value.attempts)


def test_wrong_content_type_on_a_json_completion_still_parses(seed_text: str) -> None:
    with FakeOpenAIServer([wrong_content_type(completion(RECORD))]).running() as server:
        result = summarize(seed_text, settings=settings(server))
    assert len(server.requests) == 1
    assert result.record.summary == RECORD["summary"]


def test_key_echoed_in_an_error_body_is_redacted_everywhere(seed_text: str, tmp_path: Path) -> None:
    canary = "sk-canary-echo-0123456789abcdef01234567"
    with FakeOpenAIServer(default=echoing_auth()).running() as server, pytest.raises(TransportError) as caught:
        summarize(seed_text, settings=settings(server, api_key=canary, transport_retries=0, record_to=tmp_path))
    assert {k.lower(): v for k, v in server.headers[0].items()}["authorization"] == f"Bearer {canary}"
    assert canary not in str(caught.value)
    assert "Bearer [redacted]" in str(caught.value)
    assert canary not in "".join(p.read_text() for p in tmp_path.rglob("*.json"))
