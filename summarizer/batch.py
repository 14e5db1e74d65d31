"""Many articles, each ending with exactly one outcome: a result or a typed failure record.

Outcomes are appended to a JSONL file as they finish, one whole line per write, and fsync'ed
after every line, so a killed batch loses at most the articles in flight; ``resume`` skips ids
already written. A torn last line (a kill mid-write on a filesystem that allows it) is ignored
on resume and its article is done again.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.config import Settings
from summarizer.errors import ExtractionError, InputError, SummarizerError
from summarizer.pipeline import Summarizer
from summarizer.result import Result
from summarizer.text import decode

INPUT_SUFFIXES = {".txt", ".html", ".htm"}


@dataclass(frozen=True)
class Article:
    id: str
    text: str | None  # None when the input could not be read; ``problem`` says why
    problem: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What became of one article."""

    id: str
    result: Result | None = None
    error_type: str | None = None
    error: str | None = None
    attempts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result is not None

    def as_json(self) -> str:
        body: dict[str, Any] = {"id": self.id, "status": "ok" if self.ok else "error"}
        if self.result is not None:
            body["result"] = self.result.model_dump(mode="json")
        else:
            body["error"] = {"type": self.error_type, "message": self.error, "attempts": self.attempts}
        return json.dumps(body, ensure_ascii=False)


def read_inputs(path: Path) -> list[Article]:
    """A folder of .txt/.html files, or a JSONL/Parquet dataset with ``id`` and ``text`` columns."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in INPUT_SUFFIXES and p.is_file())
        if not files:
            raise InputError(f"{path}: no .txt or .html files")
        return [_read_file(p) for p in files]
    if path.suffix in {".jsonl", ".parquet"}:
        return _read_dataset(path)
    raise InputError(f"{path}: give a folder of .txt/.html files, or a .jsonl/.parquet dataset with id and text")


def _read_file(path: Path) -> Article:
    try:
        return Article(id=path.stem, text=decode(path.read_bytes(), path.name))
    except InputError as exc:
        return Article(id=path.stem, text=None, problem=str(exc))


def _read_dataset(path: Path) -> list[Article]:
    from datasets import Dataset  # imported lazily: only dataset inputs need it

    data = Dataset.from_json(str(path)) if path.suffix == ".jsonl" else Dataset.from_parquet(str(path))
    missing = {"id", "text"} - set(data.column_names)
    if missing:
        raise InputError(f"{path}: dataset lacks column(s) {', '.join(sorted(missing))}")
    ids = [str(i) for i in data["id"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InputError(f"{path}: duplicate ids {', '.join(duplicates[:5])}; every article needs its own id")
    published = data["published"] if "published" in data.column_names else [None] * len(ids)
    return [Article(id=i, text=t, published=p) for i, t, p in zip(ids, data["text"], published, strict=True)]


def done_ids(out: Path) -> set[str]:
    """Ids with an outcome already in ``out``; a torn last line does not count."""
    if not out.exists():
        return set()
    done = set()
    for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            done.add(str(json.loads(line)["id"]))
        except (ValueError, KeyError, TypeError):
            continue
    return done


class Appender:
    """Appends whole lines to a JSONL file with one write and one fsync each."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        if path.stat().st_size and not _ends_with_newline(path):
            os.write(self._fd, b"\n")  # seal a torn line left by a kill, so the next line starts clean

    def write(self, line: str) -> None:
        os.write(self._fd, (line + "\n").encode("utf-8"))
        os.fsync(self._fd)

    def close(self) -> None:
        os.close(self._fd)


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as file:
        file.seek(-1, os.SEEK_END)
        return file.read(1) == b"\n"


def _as_articles(articles: Iterable[Article | str]) -> list[Article]:
    """Plain strings become articles with ids 0, 1, ..."""
    return [a if isinstance(a, Article) else Article(id=str(i), text=a) for i, a in enumerate(articles)]


async def _one(summarizer: Summarizer, article: Article) -> Outcome:
    if article.text is None:
        return Outcome(article.id, error_type="InputError", error=article.problem)
    try:
        result = await summarizer.run(article.text, case_id=article.id, published=article.published)
    except ExtractionError as exc:
        attempts = [{"raw": a.raw, "errors": a.errors} for a in exc.attempts]
        return Outcome(article.id, error_type=type(exc).__name__, error=str(exc), attempts=attempts)
    except SummarizerError as exc:
        return Outcome(article.id, error_type=type(exc).__name__, error=str(exc))
    return Outcome(article.id, result=result)


async def asummarize_many(
    articles: Iterable[Article | str], concurrency: int = 8, settings: Settings | None = None, **overrides: Any
) -> AsyncIterator[Outcome]:
    """Outcomes in the order they finish; every article yields exactly one. Plain strings get ids 0, 1, ..."""
    items = _as_articles(articles)
    gate = asyncio.Semaphore(concurrency)
    async with Summarizer(settings, **overrides) as summarizer:

        async def guarded(article: Article) -> Outcome:
            async with gate:
                return await _one(summarizer, article)

        for finished in asyncio.as_completed([guarded(a) for a in items]):
            yield await finished


def summarize_many(
    articles: Iterable[Article | str],
    concurrency: int = 8,
    settings: Settings | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    **overrides: Any,
) -> list[Outcome]:
    """Blocking form of :func:`asummarize_many`; returns outcomes in input order."""
    items = _as_articles(articles)

    async def collect() -> list[Outcome]:
        found = []
        async for outcome in asummarize_many(items, concurrency, settings, **overrides):
            if on_outcome:
                on_outcome(outcome)
            found.append(outcome)
        return found

    order = {a.id: i for i, a in enumerate(items)}
    return sorted(asyncio.run(collect()), key=lambda o: order[o.id])
