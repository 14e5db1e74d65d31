"""Several reports of one event: summarize each file, then consolidate them into event digests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from summarizer.config import Settings
from summarizer.consolidate import consolidate
from summarizer.digest import EventDigest
from summarizer.errors import InputError
from summarizer.pipeline import Summarizer
from summarizer.result import Result
from summarizer.text import read_source


async def summarize_files(paths: Sequence[Path], settings: Settings | None = None) -> dict[str, Result]:
    """Each file's result, keyed by file stem (the article id)."""
    if len({p.stem for p in paths}) != len(paths):
        raise InputError("two files share a name; merge uses file names as article ids")
    async with Summarizer(settings) as summarizer:
        return {p.stem: await summarizer.run(read_source(str(p)), case_id=p.stem) for p in paths}


async def merge_files(paths: Sequence[Path], settings: Settings | None = None) -> list[EventDigest]:
    """The files' results grouped by event, one digest per event."""
    return consolidate(await summarize_files(paths, settings))
