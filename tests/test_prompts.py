"""Prompts are versioned data; a released prompt file never changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import prompts
from summarizer.errors import ConfigError


def test_every_prompt_file_is_released_and_unchanged() -> None:
    released = prompts.manifest()
    on_disk = sorted(p.stem for p in prompts.prompts_dir().glob("*.yaml"))  # v*, and the hybrid's h*
    assert on_disk, "no prompt files found"
    for version in on_disk:
        assert version in released, f"prompts/{version}.yaml is not in prompts/manifest.json"
        path = prompts.prompts_dir() / f"{version}.yaml"
        assert prompts.file_hash(path) == released[version], (
            f"released prompt {version} changed; write a new version instead of editing it"
        )


def test_render_puts_the_article_in_the_user_message() -> None:
    messages = prompts.load("v1").render("ARTICLE BODY", published="2025-07-11")
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "ARTICLE BODY" in messages[1]["content"]
    assert "2025-07-11" in messages[1]["content"]


def test_unknown_version_names_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="choose one of v1"):
        prompts.load("v404")


def test_malformed_prompt_file_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "v7.yaml").write_text("version: v7\nsystem: hi\n")
    with pytest.raises(ConfigError, match="malformed"):
        prompts.load("v7", tmp_path)
