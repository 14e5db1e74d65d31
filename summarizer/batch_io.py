"""A batch's files: the articles read lazily from a folder or a JSONL/Parquet dataset, and the JSONL of outcomes.

Reading never aborts a batch for one bad article: an unreadable file, a special file, a link out of
the folder or a row whose text is not a string becomes an article with a ``problem`` (its error line).
What makes the whole input unusable (malformed JSONL, not Parquet, no rows, no id column, clashing
ids) is an ``InputError`` that says what to fix, raised by one streaming pass before any article runs;
the articles themselves are read again, one at a time, as the batch pulls them, so memory does not
grow with the corpus (only its ids are held, for resume).
"""

from __future__ import annotations

import json
import os
import threading
from collections import defaultdict
from collections.abc import Iterator, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.text import MAX_BYTES, check_regular, decode

INPUT_SUFFIXES = {".txt", ".html", ".htm"}
PARQUET_BATCH_ROWS = 1024


@dataclass(frozen=True)
class Article:
    id: str
    text: str | None  # None when the input could not be read; ``problem`` says why
    problem: str | None = None
    published: str | None = None


class Inputs:
    """A validated input, read lazily: ``total`` articles, ``skipped`` of them already done; iterate for the rest.

    A folder of .txt/.html files, or a JSONL/Parquet dataset with ``id`` and ``text`` columns.
    """

    def __init__(self, path: Path, *, follow_symlinks: bool = False, done: Set[str] = frozenset()) -> None:
        self.path, self.follow_symlinks, self.done = path, follow_symlinks, done
        self.kind = _kind(path)
        self._names: list[str] = _folder_names(path) if self.kind == "folder" else []
        if self._names:
            self.total, self.skipped = len(self._names), sum(Path(n).stem in done for n in self._names)
        else:  # JSONL is read whole once to check it; Parquet's columns are checked from its schema
            columns = ("id", "text") if self.kind == "jsonl" else ("id",)
            self.total, self.skipped = _count(path, self._rows(columns), done, columns_checked=self.kind == "parquet")

    @property
    def pending(self) -> int:
        return self.total - self.skipped

    def __iter__(self) -> Iterator[Article]:
        if self.kind == "folder":
            root = self.path.resolve()
            for name in self._names:
                if Path(name).stem not in self.done:
                    yield _read_file(self.path / name, root, self.follow_symlinks)
            return
        for row in self._rows(("id", "text", "published")):
            if str(row["id"]) not in self.done:
                yield _article(str(row["id"]), row)

    def _rows(self, columns: tuple[str, ...]) -> Iterator[dict[str, Any]]:
        return _jsonl_rows(self.path) if self.kind == "jsonl" else _parquet_rows(self.path, columns)


def read_inputs(path: Path, follow_symlinks: bool = False) -> list[Article]:
    """Every article of ``path`` in a list (for small inputs; a batch iterates :class:`Inputs`)."""
    return list(Inputs(path, follow_symlinks=follow_symlinks))


def _kind(path: Path) -> str:
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".parquet"):
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        return suffix[1:]
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    raise InputError(f"{path}: give a folder of .txt/.html files, or a .jsonl/.parquet dataset with id and text")


def _folder_names(folder: Path) -> list[str]:
    names = sorted(e.name for e in os.scandir(folder) if Path(e.name).suffix.lower() in INPUT_SUFFIXES)
    if not names:
        raise InputError(f"{folder}: no .txt or .html files")
    by_id: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_id[Path(name).stem].append(name)
    clashes = [f"{', '.join(named)} share the id {stem!r}" for stem, named in by_id.items() if len(named) > 1]
    if clashes:
        raise InputError(
            f"{folder}: {'; '.join(clashes)}; rename them (an article's id is its file name without extension)"
        )
    return names


def _read_file(path: Path, root: Path, follow_symlinks: bool) -> Article:
    try:
        if path.is_symlink() and not follow_symlinks and not path.resolve().is_relative_to(root):
            raise InputError(
                f"{path.name}: is a link to {path.resolve()}, outside {root}; pass --follow-symlinks to read it"
            )
        check_regular(path, path.name)
        with path.open("rb") as handle:
            return Article(id=path.stem, text=decode(handle.read(MAX_BYTES + 1), path.name))
    except InputError as exc:
        return Article(id=path.stem, text=None, problem=str(exc))
    except OSError as exc:
        return Article(id=path.stem, text=None, problem=f"{path.name}: cannot be read ({exc.strerror})")


def _jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise InputError(f"{path}: line {number} is not valid JSON ({exc}); fix or remove that line") from None
            if not isinstance(row, dict):
                raise InputError(
                    f'{path}: line {number} is not a JSON object; write each article as {{"id": ..., "text": ...}}'
                )
            yield row


def _parquet_rows(path: Path, columns: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]  # (a dependency of datasets) only Parquet needs it

    try:
        dataset = pq.ParquetFile(path)
        present = [c for c in ("id", "text", "published") if c in dataset.schema_arrow.names]
        missing = [c for c in ("id", "text") if c not in present]
        if missing and dataset.metadata.num_rows:
            raise InputError(f"{path}: dataset lacks column(s) {', '.join(missing)}")
        for batch in dataset.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=[c for c in columns if c in present]):
            yield from batch.to_pylist()
    except (ValueError, OSError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(
            f"{path}: not a readable Parquet file ({exc}); check that it is Parquet, or use JSONL"
        ) from None


def _count(path: Path, rows: Iterator[dict[str, Any]], done: Set[str], columns_checked: bool) -> tuple[int, int]:
    """Rows and rows already ``done``, after one pass that rejects what makes the whole input unusable."""
    total = skipped = 0
    nameless: int | None = None
    seen: set[str] = set()
    duplicates: set[str] = set()
    columns: set[str] = {"id", "text"} if columns_checked else set()
    for number, row in enumerate(rows, 1):
        total = number
        if len(columns) < 2:
            columns.update(k for k in ("id", "text") if k in row)
        if row.get("id") is None:
            nameless = nameless or number
            continue
        article_id = str(row["id"])
        (duplicates if article_id in seen else seen).add(article_id)
        skipped += article_id in done
    if not total:
        raise InputError(f'{path}: has no rows; give one article per row with "id" and "text"')
    missing = [column for column in ("id", "text") if column not in columns]
    if missing:
        raise InputError(f"{path}: dataset lacks column(s) {', '.join(missing)}")
    if nameless:
        raise InputError(f"{path}: row {nameless} has no id; every article needs its own id")
    if duplicates:
        shown = ", ".join(sorted(duplicates)[:5])
        raise InputError(f"{path}: duplicate ids {shown}; every article needs its own id")
    return total, skipped


def _article(article_id: str, row: dict[str, Any]) -> Article:
    text, published = row.get("text"), row.get("published")
    published = None if published is None else str(published)
    if isinstance(text, str):
        return Article(id=article_id, text=text, published=published)
    what = "missing or null" if text is None else f"a {type(text).__name__}, not a string"
    return Article(id=article_id, text=None, problem=f"{article_id}: text is {what}; give the article text as a string")


def done_ids(out: Path) -> set[str]:
    """Ids with an outcome already in ``out``; a torn last line does not count. Read line by line."""
    if not out.exists():
        return set()
    done = set()
    with out.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                done.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                continue
    return done


class Appender:
    """Appends whole lines to a JSONL file, one ``write`` each; a background thread fsyncs them.

    A line is in the file (the kernel's page cache) once ``write`` returns, so a killed process loses
    nothing written. The fsync is a group commit: one fsync covers every line written since the last,
    and it runs off the caller's thread, because one fsync per line on a busy disk (100 ms measured)
    would cap a batch at ten articles a second. ``close`` fsyncs what is left.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        if path.stat().st_size and not _ends_with_newline(path):
            os.write(self._fd, b"\n")  # seal a torn line left by a kill, so the next line starts clean
        self._dirty, self._closing = threading.Event(), False
        self._syncer = threading.Thread(target=self._sync, name="summarizer-fsync", daemon=True)
        self._syncer.start()

    def write(self, line: str) -> None:
        os.write(self._fd, (line + "\n").encode("utf-8"))
        self._dirty.set()

    def _sync(self) -> None:
        while not self._closing:
            self._dirty.wait()
            self._dirty.clear()
            os.fsync(self._fd)

    def __enter__(self) -> Appender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._closing = True
        self._dirty.set()
        self._syncer.join()
        os.fsync(self._fd)
        os.close(self._fd)


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as file:
        file.seek(-1, os.SEEK_END)
        return file.read(1) == b"\n"
