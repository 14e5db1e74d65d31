"""Record real HTTP exchanges, replay them offline through the same SDK path, cache repeats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import ReplayError, Settings, summarize
from summarizer.backends.openai import recorded_models
from summarizer.prompts import Prompt
from summarizer.transport import slug
from tests.conftest import ROOT
from tests.fake_server import FakeOpenAIServer, completion
from tests.test_client import RECORD


def live(server: FakeOpenAIServer, **extra: object) -> Settings:
    return Settings(backend="openai", base_url=server.base_url, model="fake-model", **extra)


def replay(root: Path) -> Settings:
    return Settings(backend="replay", model="fake-model", recordings=root)


def test_record_then_replay_gives_the_identical_result(seed_text: str, tmp_path: Path) -> None:
    bad = {"summary": "x", "tariffs": [{"imposed_by": "US", "target": "China", "status": "imaginary"}]}
    with FakeOpenAIServer([completion(bad), completion(RECORD)]).running() as server:
        recorded = summarize(seed_text, case_id="seed", settings=live(server, record_to=tmp_path, cache=False))
    path = tmp_path / "fake-model" / "v1" / "seed.json"
    exchanges = json.loads(path.read_text())["exchanges"]
    assert len(exchanges) == 2, "the re-ask must be recorded too, in order"
    replayed = summarize(seed_text, case_id="seed", settings=replay(tmp_path))
    assert replayed.record == recorded.record
    assert replayed.provenance.usage == recorded.provenance.usage
    assert replayed.provenance.attempts == 2


def test_recordings_hold_no_headers(seed_text: str, tmp_path: Path) -> None:
    canary = "sk-canary-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    with FakeOpenAIServer([completion(RECORD)]).running() as server:
        summarize(seed_text, case_id="seed", settings=live(server, record_to=tmp_path, cache=False, api_key=canary))
    text = (tmp_path / "fake-model" / "v1" / "seed.json").read_text()
    assert canary not in text
    assert "authorization" not in text.lower()


def test_missing_recording_names_case_prompt_and_record_command(seed_text: str, tmp_path: Path) -> None:
    (tmp_path / "fake-model").mkdir()
    with pytest.raises(ReplayError, match=r"no recording for case nope, prompt v1.*summarizer eval run --record"):
        summarize(seed_text, case_id="nope", settings=replay(tmp_path))


def test_changed_prompt_wording_makes_replay_stale(
    seed_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeOpenAIServer([completion(RECORD)]).running() as server:
        summarize(seed_text, case_id="seed", settings=live(server, record_to=tmp_path, cache=False))
    original = Prompt.render

    def reworded(self: Prompt, article: str, published: str | None = None) -> list[dict[str, str]]:
        messages = original(self, article, published)
        messages[0]["content"] += " Be brief."
        return messages

    monkeypatch.setattr(Prompt, "render", reworded)
    with pytest.raises(
        ReplayError, match=r"stale recording for case seed, prompt v1, model fake-model: request 1 no longer matches"
    ):
        summarize(seed_text, case_id="seed", settings=replay(tmp_path))


def test_second_identical_call_is_served_from_the_cache(seed_text: str, tmp_path: Path) -> None:
    with FakeOpenAIServer([completion(RECORD), completion(RECORD)]).running() as server:
        first = summarize(seed_text, settings=live(server, cache_dir=tmp_path))
        second = summarize(seed_text, settings=live(server, cache_dir=tmp_path))
        assert len(server.requests) == 1
        summarize(seed_text, settings=live(server, cache_dir=tmp_path, cache=False))
    assert second.record == first.record
    assert len(server.requests) == 2, "--no-cache must reach the server"
    cached = "".join(p.read_text() for p in tmp_path.glob("*.json"))
    assert "Marco Rubio" in cached
    assert "authorization" not in cached.lower()


def test_cache_key_includes_the_prompt_version(seed_text: str, tmp_path: Path) -> None:
    from summarizer.transport import CachingTransport, CallContext, current_call

    transport = CachingTransport(inner=None, directory=tmp_path)  # type: ignore[arg-type]
    import httpx

    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions", json={"model": "m"})
    keys = set()
    for version in ("v1", "v2"):
        token = current_call.set(CallContext("case", version, "m"))
        keys.add(transport._key(request))
        current_call.reset(token)
    assert len(keys) == 2


COMMITTED = ROOT / "fixtures" / "recordings" / "SmolLM2-135M-Instruct"


def test_slugs_are_injective_and_leave_safe_ids_alone() -> None:
    assert slug("dup/1") != slug("dup_1")
    assert slug("dup_1") == "dup_1"
    assert slug("a b") != slug("a?b")
    assert slug("SmolLM2-135M-Instruct") == "SmolLM2-135M-Instruct"
    stems = [p.stem for p in COMMITTED.rglob("*.json")]
    assert stems
    assert all(slug(stem) == stem for stem in stems), "committed recordings keep their file names"


def test_unsafe_model_names_still_replay_by_name(seed_text: str, tmp_path: Path) -> None:
    with FakeOpenAIServer([completion(RECORD)]).running() as server:
        live_settings = Settings(
            backend="openai", base_url=server.base_url, model="org/model:q4", record_to=tmp_path, cache=False
        )
        summarize(seed_text, case_id="seed", settings=live_settings)
    assert recorded_models(replay(tmp_path)) == ["org/model:q4"]
    replayed = summarize(seed_text, case_id="seed", settings=Settings(backend="replay", recordings=tmp_path))
    assert replayed.provenance.model == "org/model:q4"


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_recordings_made_before_headers_were_kept_replay_unchanged(version: str) -> None:
    case = "000_907d1024fca37082"
    recording = json.loads((COMMITTED / version / f"{case}.json").read_text())
    assert all("headers" not in e["response"] for e in recording["exchanges"]), "the old format, no headers key"
    text = (ROOT / "fixtures" / "articles" / f"{case}.txt").read_text(encoding="utf-8")
    model = COMMITTED.name
    result = summarize(text, case_id=case, published="2025-07-11", backend="replay", model=model, prompt=version)
    assert result.provenance.attempts == len(recording["exchanges"])
