"""`summarizer batch INPUT --out results.jsonl`: many articles, one outcome line each, resumable."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.text import Text

from summarizer.batch import Appender, Outcome, done_ids, read_inputs, summarize_many
from summarizer.cli.options import Backend, BaseUrl, Model, Prompt, settings_for


class RateColumn(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} articles/s" if task.speed else "- articles/s")


def batch(
    source: Annotated[Path, typer.Argument(help="Folder of .txt/.html files, or a .jsonl/.parquet dataset.")],
    out: Annotated[Path, typer.Option(help="JSONL file; one line per article is appended as it finishes.")],
    backend: Backend = None,
    model: Model = None,
    base_url: BaseUrl = None,
    prompt: Prompt = None,
    concurrency: Annotated[int, typer.Option(min=1, help="Articles in flight at once.")] = 8,
    resume: Annotated[bool, typer.Option(help="Skip ids already in --out.")] = False,
) -> None:
    """Summarize many articles; every one ends as a result or an error record, exactly once."""
    articles = read_inputs(source)
    if out.exists() and not resume and out.stat().st_size:
        raise typer.BadParameter(
            f"{out} exists; pass --resume to continue it or choose another file", param_hint="--out"
        )
    skip = done_ids(out) if resume else set()
    todo = [a for a in articles if a.id not in skip]
    settings = settings_for(backend=backend, model=model, base_url=base_url, prompt=prompt)
    console = Console(stderr=True)
    if skip:
        console.print(f"resuming: {len(skip)} done, {len(todo)} to go", highlight=False)
    appender = Appender(out)
    failed = 0
    columns = (TextColumn("batch"), BarColumn(), MofNCompleteColumn(), RateColumn(), TimeRemainingColumn())
    try:
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("batch", total=len(todo))

            def record(outcome: Outcome) -> None:
                nonlocal failed
                appender.write(outcome.as_json())
                failed += not outcome.ok
                bar.advance(task)

            summarize_many(todo, concurrency=concurrency, settings=settings, on_outcome=record)
    finally:
        appender.close()
    console.print(f"{len(todo) - failed} ok, {failed} failed, {len(skip)} skipped → {out}", highlight=False)
    if failed:
        raise typer.Exit(1)
