"""The committed SmolLM2 recordings replay offline for every recorded prompt version, and go stale loudly."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest

from eval.cases import load_cases
from eval.runner import run_cases
from summarizer import ReplayError, Settings
from summarizer.backends.openai import recorded_models
from summarizer.pipeline import Summarizer
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

    async def run() -> list[Any]:
        async with Summarizer(SETTINGS, prompt=version) as summarizer:
            return await run_cases(cases, summarizer)

    outcomes = asyncio.run(run())
    assert len(outcomes) == len(cases)
    for outcome in outcomes:
        assert outcome.result is not None or "ExtractionError" in (outcome.error or ""), outcome.error
        if outcome.result is not None:
            assert outcome.result.provenance.model == MODEL
            assert outcome.result.provenance.prompt_version == version
            assert outcome.result.provenance.usage.total_tokens > 0, "recorded usage comes back"


def test_edited_prompt_wording_stops_the_run_with_the_record_command(monkeypatch: pytest.MonkeyPatch) -> None:
    no_network(monkeypatch)
    original = Prompt.render

    def reworded(self: Prompt, article: str, published: str | None = None) -> list[dict[str, str]]:
        messages = original(self, article, published)
        messages[0]["content"] = messages[0]["content"].replace("Use only", "Only use")
        return messages

    monkeypatch.setattr(Prompt, "render", reworded)

    async def run() -> None:
        async with Summarizer(SETTINGS, prompt=VERSIONS[0]) as summarizer:
            await run_cases(load_cases()[:3], summarizer)

    with pytest.raises(ReplayError, match=r"stale recording for case .* re-record with: summarizer eval run --record"):
        asyncio.run(run())
