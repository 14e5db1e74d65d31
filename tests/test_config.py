"""Settings precedence: explicit argument > environment variable > default."""

from __future__ import annotations

import pytest

from summarizer import Settings
from summarizer.pipeline import merge_settings


def test_default_then_environment_then_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().model == "gpt-4o-mini"
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    assert Settings().model == "from-env"
    assert Settings(model="from-arg").model == "from-arg"


def test_overrides_win_over_a_given_settings_object(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_PROMPT", "v9")
    base = Settings(model="base-model")
    merged = merge_settings(base, {"prompt": "v1"})
    assert (merged.model, merged.prompt) == ("base-model", "v1")


def test_openai_api_key_is_read_and_kept_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    settings = Settings()
    assert settings.api_key is not None
    assert settings.api_key.get_secret_value() == "sk-test-secret"
    assert "sk-test-secret" not in repr(settings)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "extractive"),
        ({"OPENAI_API_KEY": "sk-x"}, "openai"),
        ({"SUMMARIZER_BASE_URL": "http://127.0.0.1:1/v1"}, "openai"),
    ],
)
def test_auto_backend(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert Settings().resolved_backend() == expected


def test_settings_are_frozen() -> None:
    with pytest.raises(Exception, match="frozen"):
        Settings().model = "x"  # type: ignore[misc]
