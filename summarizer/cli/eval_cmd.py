"""`summarizer eval run`: score a backend against hand-labelled fixtures."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from summarizer.cli.options import Backend, BaseUrl, Model, Prompt, overrides
from summarizer.config import Settings
from summarizer.errors import InputError

app = typer.Typer(help="Evaluate against hand-labelled fixtures.", no_args_is_help=True)

Dataset = Annotated[Path | None, typer.Option("--dataset", "-d", help="Fixtures folder, .jsonl or .parquet.")]


@app.command("run")
def run(
    backend: Backend = None,
    model: Model = None,
    base_url: BaseUrl = None,
    prompt: Prompt = None,
    dataset: Dataset = None,
    out: Annotated[Path, typer.Option(help="Each run is saved in a new folder here.")] = Path("runs"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    min_f1: Annotated[list[str] | None, typer.Option(help="FIELD=FLOOR; exit 1 if micro F1 is lower.")] = None,
    record: Annotated[bool, typer.Option(help="Record every HTTP exchange for later replay.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Bypass the on-disk response cache.")] = False,
    concurrency: Annotated[int, typer.Option(min=1, help="Articles in flight at once.")] = 4,
    case: Annotated[list[str] | None, typer.Option(help="Only these case ids.")] = None,
    split: Annotated[str | None, typer.Option(help="Only cases of this split: dev or heldout.")] = None,
) -> None:
    """Run a backend over the fixtures and print per-field precision, recall and F1."""
    from eval import gate, runner, table
    from summarizer.pipeline import Summarizer

    if fmt not in {"table", "json"}:
        raise typer.BadParameter("use table or json", param_hint="--format")
    floors = gate.parse_floors(min_f1 or [])
    given = overrides(backend=backend, model=model, base_url=base_url, prompt=prompt, cache=False if no_cache else None)
    settings = Settings(**given)
    if record:
        settings = Settings(**given, record_to=settings.recordings)
    outcomes = asyncio.run(_run(_cases(dataset, case, split), Summarizer(settings), concurrency))
    scores = runner.report(outcomes)
    run_info = runner.describe(outcomes)
    run_info["backend"] = run_info["backend"] or settings.resolved_backend()  # every case failed
    run_info["model"] = run_info["model"] or settings.model
    summary: dict[str, Any] = {"run": run_info, **scores.as_dict()}
    saved = runner.save(
        outcomes, summary, out / runner.run_name(**{k: summary["run"][k] for k in ("backend", "model", "prompt")})
    )
    errors = [o for o in outcomes if o.error]
    console = Console(stderr=True)
    for outcome in errors:
        console.print(f"[red]error[/] {outcome.case.id}: {outcome.error}", highlight=False)
    if fmt == "json":
        typer.echo(json.dumps(summary, indent=2))
    else:
        table.print_summary(summary)
    console.print(f"saved {saved}", highlight=False)
    below = gate.failures(scores, floors)
    for line in below:
        console.print(f"[red]gate failed:[/] {line}", highlight=False)
    if below:
        raise typer.Exit(1)


def _cases(dataset: Path | None, ids: list[str] | None, split: str | None) -> list[Any]:
    from eval.cases import load_cases

    cases = [c for c in load_cases(dataset) if (not ids or c.id in ids) and (not split or c.split == split)]
    if not cases:
        raise InputError("no cases selected: check --case and --split")
    return cases


@app.command("compare")
def compare(
    variants: Annotated[
        list[str],
        typer.Argument(
            help="Prompt versions (v1 v2), backends (extractive), or backend:model@prompt. The first is the baseline."
        ),
    ],
    backend: Backend = None,
    model: Model = None,
    base_url: BaseUrl = None,
    dataset: Dataset = None,
    split: Annotated[str | None, typer.Option(help="Only cases of this split: dev or heldout.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    html: Annotated[Path | None, typer.Option(help="Also write a self-contained HTML report here.")] = None,
    samples: Annotated[int, typer.Option(min=100, help="Bootstrap resamples.")] = 2000,
    seed: Annotated[int, typer.Option(help="Bootstrap seed (results are reproducible).")] = 0,
    concurrency: Annotated[int, typer.Option(min=1)] = 4,
) -> None:
    """Score several variants on the same cases, with paired bootstrap 95% intervals for each delta."""
    from eval import compare as comparing
    from eval import table
    from summarizer.pipeline import Summarizer

    if fmt not in {"table", "json"}:
        raise typer.BadParameter("use table or json", param_hint="--format")
    if len(variants) < 2:
        raise InputError("compare needs at least two variants, e.g. 'summarizer eval compare v1 v2'")
    try:
        specs = [comparing.parse_variant(v) for v in variants]
    except ValueError as exc:
        raise InputError(str(exc)) from None
    cases = _cases(dataset, None, split)
    common = overrides(backend=backend, model=model, base_url=base_url)
    runs = {}
    for spec in specs:
        settings = Settings(**{**common, **spec.overrides})
        runs[spec.label] = asyncio.run(_run(cases, Summarizer(settings), concurrency))
    document = comparing.compare(runs, samples=samples, seed=seed)
    if html is not None:
        from eval.html import render

        html.write_text(render(document, comparing.html_cases(runs)), encoding="utf-8")
        Console(stderr=True).print(f"wrote {html}", highlight=False)
    if fmt == "json":
        typer.echo(json.dumps(document, indent=2))
    else:
        table.print_comparison(document)


@app.command("digest")
def digest(
    backend: Backend = None,
    model: Model = None,
    base_url: BaseUrl = None,
    prompt: Prompt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
) -> None:
    """Merge each multi-report event in fixtures/digests/ and score the digest against its gold."""
    from eval.cases import DEFAULT_FIXTURES
    from eval.digest import DIGEST_FIELDS, load_gold_digests, score_digest, summary
    from summarizer.cli.merge_cmd import summarize_files
    from summarizer.consolidate import consolidate

    settings = Settings(**overrides(backend=backend, model=model, base_url=base_url, prompt=prompt))
    per_event, grouped = {}, {}
    for gold in load_gold_digests():
        paths = [DEFAULT_FIXTURES / "articles" / f"{a}.txt" for a in gold.articles]
        digests = consolidate(asyncio.run(summarize_files(paths, settings)))
        best = max(digests, key=lambda d: len(d.articles))  # if the pair was split, score the larger part
        per_event[gold.event] = score_digest(best, gold)
        grouped[gold.event] = len(digests) == 1
    result = {**summary(per_event), "grouped_as_one_event": grouped}
    if fmt == "json":
        typer.echo(json.dumps(result, indent=2))
        return
    from rich.table import Table

    table = Table(
        "field", "P", "R", "F1", "tp/fp/fn", title=f"event digests: {len(per_event)} events", title_justify="left"
    )
    for name in DIGEST_FIELDS:
        f = result[name]
        table.add_row(
            name,
            f"{f['precision']:.3f}",
            f"{f['recall']:.3f}",
            f"[bold]{f['f1']:.3f}[/]",
            f"{f['tp']}/{f['fp']}/{f['fn']}",
        )
    Console().print(table)
    for event, f1 in result["events"].items():
        together = "grouped as one event" if grouped[event] else "SPLIT into several events"
        Console().print(f"{event} ({together}): " + ", ".join(f"{k} {v:.2f}" for k, v in f1.items()), highlight=False)
    accuracy = result["statement_relation_accuracy"]
    Console().print(
        f"statement relation accuracy on matched statements: {'-' if accuracy is None else f'{accuracy:.2f}'}",
        highlight=False,
    )


async def _run(cases: list[Any], summarizer: Any, concurrency: int) -> list[Any]:
    from eval.runner import run_cases

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("eval", total=len(cases))
        async with summarizer:
            return await run_cases(cases, summarizer, concurrency, on_done=lambda _: bar.advance(task))
