"""`summarizer batch INPUT --out results.jsonl`: many articles, one outcome line each, resumable.

Also ``--engine ray`` (a Parquet folder, on a Ray cluster) and OpenAI Batch API request/answer files.
"""

from __future__ import annotations

import asyncio
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.text import Text

from summarizer.batch import Batch, Outcome, default_processes
from summarizer.batch_io import Inputs, done_ids
from summarizer.cli.options import Backend, BaseUrl, Model, Prompt, RequireGrounding, settings_for
from summarizer.config import Settings
from summarizer.errors import InputError


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class RateColumn(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} articles/s" if task.speed else "- articles/s")


def batch(
    source: Annotated[Path, typer.Argument(help="Folder of .txt/.html files, or a .jsonl/.parquet dataset.")],
    out: Annotated[
        Path | None,
        typer.Option(help="JSONL file; one line per article is appended as it finishes (a Parquet folder with ray)."),
    ] = None,
    backend: Backend = None,
    model: Model = None,
    base_url: BaseUrl = None,
    prompt: Prompt = None,
    concurrency: Annotated[
        int,
        typer.Option(
            min=1,
            help="Articles in flight at once, all processes together (per actor with ray); with the openai "
            "backend, model calls out at once, while as many articles again are prepared.",
        ),
    ] = 8,
    processes: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Worker processes, each with its own event loop and a share of --concurrency "
            "(default: one per core, up to 4, for the openai and replay backends; else 1).",
        ),
    ] = None,
    resume: Annotated[bool, typer.Option(help="Skip ids already in --out.")] = False,
    follow_symlinks: Annotated[
        bool, typer.Option(help="Read links in the folder that point outside it (refused by default).")
    ] = False,
    require_grounding: RequireGrounding = False,
    engine: Annotated[
        Engine, typer.Option(help="local: this process; ray: Ray Data (pip install 'summarizer[ray]').")
    ] = Engine.local,
    address: Annotated[str | None, typer.Option(help="Ray cluster to join, e.g. auto or ray://head:10001.")] = None,
    actors: Annotated[int, typer.Option(min=1, help="Ray actors, each with one backend.")] = 2,
    openai_batch_export: Annotated[
        Path | None, typer.Option(help="Write one OpenAI Batch API request per article here instead of calling.")
    ] = None,
    openai_batch_import: Annotated[
        Path | None, typer.Option(help="Read a Batch API output file; write results to --out, list re-asks.")
    ] = None,
) -> None:
    """Summarize many articles; every one ends as a result or an error record, exactly once."""
    if openai_batch_export is not None or openai_batch_import is not None:
        backend = backend or "openai"  # Batch API files are the openai backend's requests and answers
    settings = settings_for(
        backend=backend, model=model, base_url=base_url, prompt=prompt, require_grounding=require_grounding or None
    )
    console = Console(stderr=True)
    if openai_batch_export is not None:
        return _export(source, openai_batch_export, settings, concurrency, follow_symlinks, console)
    if out is None:
        raise InputError("give --out (or --openai-batch-export FILE to write Batch API requests)")
    if openai_batch_import is not None:
        return _import(source, openai_batch_import, out, settings, concurrency, follow_symlinks, console)
    if engine is Engine.ray:
        return _ray(source, out, settings, concurrency, resume, follow_symlinks, address, actors, console)
    job = Batch.open(source, out, resume=resume, follow_symlinks=follow_symlinks)
    if job.skipped:
        console.print(f"resuming: {job.skipped} done, {job.pending} to go", highlight=False)
    columns = (TextColumn("batch"), BarColumn(), MofNCompleteColumn(), RateColumn(), TimeRemainingColumn())
    bar = Progress(*columns, console=console, transient=True)
    task = bar.add_task("batch", total=job.pending)

    def advance(_: Outcome) -> None:
        if not bar.live.is_started:  # started late: its refresh thread would make worker processes spawn, not fork
            bar.start()
        bar.advance(task)

    try:
        job.run(concurrency, settings, advance, processes=processes or default_processes(settings))
    finally:
        bar.stop()
    _done(console, job.ok, job.failed, job.skipped, out)


def _done(console: Console, ok: int, failed: int, skipped: int, out: Path) -> None:
    console.print(f"{ok} ok, {failed} failed, {skipped} skipped → {out}", highlight=False)
    if failed:
        raise typer.Exit(1)


def _ray(
    source: Path,
    out: Path,
    settings: Settings,
    concurrency: int,
    resume: bool,
    follow_symlinks: bool,
    address: str | None,
    actors: int,
    console: Console,
) -> None:
    from summarizer.engines.ray_engine import run_ray

    report = run_ray(
        source,
        out,
        settings,
        resume=resume,
        follow_symlinks=follow_symlinks,
        address=address,
        actors=actors,
        concurrency=concurrency,
    )
    _done(console, report.ok, report.failed, report.skipped, out)


def _export(
    source: Path, path: Path, settings: Settings, concurrency: int, follow_symlinks: bool, console: Console
) -> None:
    from summarizer.openai_batch import aexport

    report = asyncio.run(aexport(Inputs(source, follow_symlinks=follow_symlinks), path, settings, concurrency))
    console.print(f"{report.written} requests → {path}", highlight=False)
    _listed(console, report.not_exported, "not exported; run them live")


def _import(
    source: Path,
    answers: Path,
    out: Path,
    settings: Settings,
    concurrency: int,
    follow_symlinks: bool,
    console: Console,
) -> None:
    from summarizer.openai_batch import aimport

    inputs = Inputs(source, follow_symlinks=follow_symlinks, done=done_ids(out))
    report = asyncio.run(aimport(inputs, answers, out, settings, concurrency))
    _listed(console, report.live, f"need a live pass: summarizer batch {source} --out {out} --resume")
    _done(console, report.ok, report.failed, inputs.skipped, out)


def _listed(console: Console, articles: dict[str, str], what: str) -> None:
    if articles:
        console.print(f"{len(articles)} article(s) {what}:", highlight=False)
        for article, why in sorted(articles.items()):
            console.print(f"  {article}: {why}", highlight=False, markup=False)
