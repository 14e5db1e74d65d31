"""Options shared by several commands, and turning them into Settings overrides."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Any

import typer

from summarizer.config import Settings


class Format(StrEnum):
    json = "json"
    pretty = "pretty"


Backend = Annotated[
    str | None, typer.Option("--backend", "-b", help="openai | extractive | hybrid | replay | local (default: auto).")
]
Model = Annotated[str | None, typer.Option("--model", "-m", help="Model name sent to the endpoint.")]
BaseUrl = Annotated[str | None, typer.Option("--base-url", help="An OpenAI-compatible endpoint.")]
Prompt = Annotated[str | None, typer.Option("--prompt", "-p", help="Prompt version, e.g. v1.")]
RequireGrounding = Annotated[
    bool, typer.Option("--require-grounding", help="Drop items a grounding check did not verify; warnings list them.")
]


def overrides(**given: Any) -> dict[str, Any]:
    """Only the options the user actually gave: they win over environment and defaults."""
    return {key: value for key, value in given.items() if value is not None}


def settings_for(**given: Any) -> Settings:
    """Settings from the command line, with a notice when ``auto`` falls back to extractive."""
    settings = Settings(**overrides(**given))
    if settings.backend == "auto" and settings.resolved_backend() == "extractive":
        print(
            "summarizer: no LLM configured (OPENAI_API_KEY and SUMMARIZER_BASE_URL unset), using the "
            "extractive backend; set one or pass --backend openai --base-url URL to use a model",
            file=sys.stderr,
        )
    return settings
