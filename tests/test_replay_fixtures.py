"""The committed SmolLM2 recordings replay offline for every recorded prompt version, and go stale loudly."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from summarizer import ReplayError, Settings
from summarizer.backends.openai import recorded_models
from summarizer.evals import evaluate, load_cases
from summarizer.prompts import Prompt

SETTINGS = Settings(backend="replay")
MODEL = recorded_models(SETTINGS)[0]
VERSIONS = sorted(p.name for p in (SETTINGS.recordings / MODEL).iterdir())


def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network blocked: replay must not connect anywhere, not even to loopback")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_case_replays_offline(version: str, monkeypatch: pytest.MonkeyPatch) -> None:
    no_network(monkeypatch)
    cases = load_cases()
    run = evaluate(cases, Settings(backend="replay", model=MODEL, prompt=version))
    assert len(run.cases) == len(cases)
    for case in run.cases:
        (sample,) = case.samples
        assert sample.result is not None or "ExtractionError" in (sample.error or ""), sample.error
        if sample.result is not None:
            assert sample.result.provenance.model == MODEL
            assert sample.result.provenance.prompt_version == version
            assert sample.result.provenance.usage.total_tokens > 0, "recorded usage comes back"


def test_edited_prompt_wording_stops_the_run_with_the_record_command(monkeypatch: pytest.MonkeyPatch) -> None:
    no_network(monkeypatch)
    original = Prompt.render

    def reworded(self: Prompt, article: str, published: str | None = None) -> list[dict[str, str]]:
        messages = original(self, article, published)
        messages[0]["content"] = messages[0]["content"].replace("Use only", "Only use")
        return messages

    monkeypatch.setattr(Prompt, "render", reworded)

    settings = Settings(backend="replay", model=MODEL, prompt=VERSIONS[0])
    with pytest.raises(ReplayError, match=r"stale recording for case .* re-record with: summarizer eval run --record"):
        evaluate(load_cases()[:3], settings)
