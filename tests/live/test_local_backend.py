"""llama-cpp-python in process (the `local` backend), and the grammar llama.cpp builds from our schema."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import ArticleSummary, ExtractionError, Result, Settings, summarize
from summarizer.backends import local
from summarizer.backends.local import default_model_path

pytestmark = pytest.mark.live


@pytest.fixture
def unload() -> Iterator[None]:
    """Free the cached in-process model now: freed at interpreter exit, llama_cpp's __del__ raises TypeError."""
    yield
    local._load.cache_clear()
    gc.collect()


def test_extraction_schema_compiles_to_a_llama_cpp_grammar(schema_problems: list[str]) -> None:
    """TOOLS mode turns the schema into a grammar; one llama.cpp cannot parse crashes the server."""
    assert not schema_problems, "llama.cpp cannot parse the grammar for:\n" + "\n".join(schema_problems)


def test_default_model_path_finds_smollm2(smollm2: Path) -> None:
    assert default_model_path() == smollm2


@pytest.mark.usefixtures("unload")
def test_local_backend_returns_a_schema_valid_result(smollm2: Path, schema_grammar: None, seed_text: str) -> None:
    settings = Settings(backend="local")
    try:
        result = summarize(seed_text, settings=settings)
    except ExtractionError as exc:
        errors = [a.errors for a in exc.attempts]
        pytest.fail(f"SmolLM2 output never validated in process: {exc}; errors per attempt: {errors}", pytrace=False)
    ArticleSummary.model_validate(result.record.model_dump())
    assert Result.model_validate_json(result.model_dump_json()) == result
    assert result.provenance.backend == "local"
    assert result.provenance.model == smollm2.stem
    assert result.provenance.usage.total_tokens > 0
    assert 1 <= result.provenance.attempts <= 1 + settings.max_reasks
