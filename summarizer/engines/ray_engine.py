"""``summarizer batch INPUT --engine ray --out OUT.parquet``: a corpus through Ray Data.

The input is checked on the driver in one streaming pass (the same exit-2 errors as the local batch),
then read with ``ray.data`` and summarised by ``map_batches`` on a pool of actors; each actor builds
one backend (one SDK client, or one spaCy model) and its own event loop, and summarises each batch
with the async pipeline, ``concurrency`` articles at a time. Rows (id, status, result JSON, error
JSON) are written as Parquet files into the ``OUT.parquet`` folder. Ray retries the batch of an actor
that dies on a restarted actor and keeps only finished batches' blocks, so every article gets exactly
one row; ``resume`` skips ids already in the folder. Ray (the ``ray`` extra) is imported only here.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.batch_io import Article, Inputs, _article, _read_file
from summarizer.batch_stream import Outcome, stream
from summarizer.config import Settings
from summarizer.errors import ConfigError, InputError
from summarizer.pipeline import Summarizer

COLUMNS = ("id", "status", "result", "error")
CPU_BOUND = ("extractive", "local", "hybrid")  # an actor of these needs a whole CPU; an LLM client mostly waits
IO_CPUS = 0  # reading lines and writing Parquet are light: reserving CPUs for them can starve them of the actors' CPUs


@dataclass
class RayReport:
    """What a Ray batch did: rows written this run, and input articles skipped as already done."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError("--engine ray needs Ray: pip install 'summarizer[ray]'") from None
    return ray


def done_rows(out: Path) -> set[str]:
    """Ids that already have a row in the Parquet folder ``out``."""
    import pyarrow.dataset as pads  # type: ignore[import-untyped]

    if not out.exists() or not any(out.glob("*.parquet")):
        return set()
    return {str(i) for i in pads.dataset(out, format="parquet").to_table(columns=["id"]).column("id").to_pylist()}


class Summarise:
    """The actor: one backend and one event loop for its lifetime; a batch of input rows → outcome rows."""

    def __init__(
        self, settings: Settings, kind: str, root: str, follow_symlinks: bool, done: Set[str], concurrency: int
    ):
        self.kind, self.root, self.follow_symlinks, self.done = kind, Path(root), follow_symlinks, done
        self.concurrency = concurrency
        self.loop = asyncio.new_event_loop()
        self.summarizer = Summarizer(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str | None]]:
        articles = [a for a in map(self._article, _rows(batch)) if a is not None and a.id not in self.done]
        outcomes = self.loop.run_until_complete(self._run(articles))
        rows = [o.as_row() for o in outcomes]
        return {column: [row[column] for row in rows] for column in COLUMNS}

    async def _run(self, articles: list[Article]) -> list[Outcome]:
        return [o async for o in stream(self.summarizer, iter(articles), self.concurrency)]

    def _article(self, row: dict[str, Any]) -> Article | None:
        if self.kind == "folder":
            return _read_file(self.root / str(row["name"]), self.root.resolve(), self.follow_symlinks)
        if self.kind == "jsonl":  # one raw line per row: a text that is a number stays that article's error
            parsed = json.loads(row["text"]) if str(row["text"]).strip() else None
            return None if parsed is None else _article(str(parsed["id"]), parsed)
        return _article(str(row["id"]), row)


def _rows(batch: dict[str, Any]) -> list[dict[str, Any]]:
    columns = list(batch)
    size = len(batch[columns[0]]) if columns else 0
    return [{c: _plain(batch[c][i]) for c in columns} for i in range(size)]


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value  # numpy scalars → Python


def _dataset(inputs: Inputs) -> Any:  # a ray.data.Dataset (Ray is optional, so untyped here)
    data = _ray().data
    if inputs.kind == "folder":
        names = [n for n in inputs._names if Path(n).stem not in inputs.done]
        return data.from_items([{"name": n} for n in names])
    if inputs.kind == "jsonl":
        return data.read_text(str(inputs.path.resolve()), num_cpus=IO_CPUS)
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    present = [c for c in ("id", "text", "published") if c in pq.ParquetFile(inputs.path).schema_arrow.names]
    return data.read_parquet(str(inputs.path.resolve()), columns=present, num_cpus=IO_CPUS)


def run_ray(
    source: Path,
    out: Path,
    settings: Settings,
    *,
    resume: bool = False,
    follow_symlinks: bool = False,
    address: str | None = None,
    actors: int = 2,
    concurrency: int = 8,
    batch_size: int = 16,
) -> RayReport:
    """Summarise ``source`` into the Parquet folder ``out`` on a Ray cluster (``address``; None: a local one)."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; --engine ray writes a folder of Parquet files, choose another --out")
    if out.exists() and any(out.iterdir()) and not resume:
        raise InputError(f"{out} exists; pass --resume to continue it, or choose another --out folder")
    done = done_rows(out) if resume else set()
    inputs = Inputs(source, follow_symlinks=follow_symlinks, done=done)
    report = RayReport(skipped=inputs.skipped)
    if inputs.pending == 0:
        return report
    ray = _ray()
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    kind, root = inputs.kind, str(source.resolve() if inputs.kind == "folder" else source.parent.resolve())
    summarised = _dataset(inputs).map_batches(
        Summarise,
        fn_constructor_kwargs={
            "settings": settings,
            "kind": kind,
            "root": root,
            "follow_symlinks": follow_symlinks,
            "done": done if kind != "folder" else frozenset(),
            "concurrency": concurrency,
        },
        batch_size=batch_size,
        concurrency=actors,
        num_cpus=1.0 if settings.resolved_backend() in CPU_BOUND else 0.5,
        batch_format="numpy",
    )
    summarised.write_parquet(str(out.resolve()), ray_remote_args={"num_cpus": IO_CPUS})
    statuses = done_rows_status(out, done)
    report.ok, report.failed = statuses.count("ok"), statuses.count("error")
    return report


def done_rows_status(out: Path, before: Set[str]) -> list[str]:
    """The status of every row in ``out`` whose id was not done before this run."""
    import pyarrow.dataset as pads

    table = pads.dataset(out, format="parquet").to_table(columns=["id", "status"])
    return [
        s
        for i, s in zip(table.column("id").to_pylist(), table.column("status").to_pylist(), strict=True)
        if str(i) not in before
    ]
