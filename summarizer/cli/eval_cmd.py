"""`summarizer eval run|compare|digest`: print what ``summarizer.evals`` computes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from summarizer.cli.options import Backend, BaseUrl, Model, Prompt, RequireGrounding, overrides
from summarizer.config import Settings
from summarizer.errors import InputError, ReplayError

if TYPE_CHECKING:
    from summarizer.evals import Case, EvalRun

app = typer.Typer(help="Evaluate against hand-labelled fixtures.", no_args_is_help=True)

Dataset = Annotated[
    Path | None,
    typer.Option(
        "--dataset", "-d", help="Fixtures folder (articles/, gold/, digests/), .jsonl or .parquet [default: bundled]."
    ),
]
Recordings = Annotated[
    Path | None, typer.Option("--recordings", help="Recordings folder for --backend replay and --record.")
]
Epochs = Annotated[int, typer.Option(min=1, help="Samples per case (repeats), with --temperature > 0.")]
Temperature = Annotated[float | None, typer.Option(min=0.0, help="Sampling temperature sent to the model.")]
Format = Annotated[str, typer.Option("--format", "-f", help="table | json")]
Split = Annotated[str | None, typer.Option(help="Only cases of this split: dev or heldout.")]
CaseIds = Annotated[list[str] | None, typer.Option("--case", help="Only these case ids (repeat the option).")]


def _settings(epochs: int = 1, **given: Any) -> Settings:
    settings = Settings(**overrides(**given))
    if epochs > 1 and settings.temperature == 0:
        raise InputError("--epochs repeats samples of a random model: add --temperature T (> 0)")
    return settings


def _check_format(fmt: str) -> None:
    if fmt not in {"table", "json"}:
        raise typer.BadParameter("use table or json", param_hint="--format")


@contextmanager
def _progress(total: int) -> Iterator[Callable[..., None]]:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("eval", total=total)
        yield lambda *_: bar.advance(task)


def _evaluate(cases: list[Case], settings: Settings, epochs: int, concurrency: int, label: str | None) -> EvalRun:
    from summarizer.evals import evaluate

    with _progress(len(cases) * epochs) as advance:
        try:
            return evaluate(cases, settings, epochs=epochs, concurrency=concurrency, label=label, on_sample=advance)
        except ReplayError as exc:
            raise ReplayError(f"{exc} (recordings read from {settings.recordings}; see --recordings)") from None


@app.command("run")
def run(
    backend: Backend = None,
    model: Model = None,
    base_url: BaseUrl = None,
    prompt: Prompt = None,
    dataset: Dataset = None,
    recordings: Recordings = None,
    out: Annotated[
        Path | None, typer.Option(help="Save each run in a new folder here [default: user data dir].")
    ] = None,
    fmt: Format = "table",
    min_f1: Annotated[list[str] | None, typer.Option(help="FIELD=FLOOR; exit 1 if micro F1 is lower.")] = None,
    record: Annotated[bool, typer.Option(help="Record every HTTP exchange for later replay.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Bypass the on-disk response cache.")] = False,
    concurrency: Annotated[int, typer.Option(min=1, help="Articles in flight at once.")] = 4,
    case: CaseIds = None,
    split: Split = None,
    epochs: Epochs = 1,
    temperature: Temperature = None,
    require_grounding: RequireGrounding = False,
) -> None:
    """Run a backend over the fixtures and print per-field precision, recall and F1."""
    from summarizer.evals import load_cases, select, table
    from summarizer.evals.gate import parse_floors

    _check_format(fmt)
    floors = parse_floors(min_f1 or [])
    given: dict[str, Any] = {"backend": backend, "model": model, "base_url": base_url, "prompt": prompt}
    given |= {"recordings": recordings, "require_grounding": require_grounding or None}
    settings = _settings(epochs, **given, temperature=temperature, cache=False if no_cache else None)
    if record:
        if recordings is None and settings.recordings.is_relative_to(Path(__file__).resolve().parents[1]):
            raise InputError("--record writes recordings: pass --recordings DIR (not the installed package's folder)")
        settings = Settings(**{**settings.model_dump(exclude_unset=True), "record_to": settings.recordings})
    evaluated = _evaluate(select(load_cases(dataset), case, split), settings, epochs, concurrency, None)
    summary = evaluated.summary()
    saved = evaluated.save(out or settings.runs_dir)
    console = Console(stderr=True)
    for row in evaluated.cases:
        for sample in row.samples:
            if sample.error:
                console.print(f"[red]error[/] {row.id} (epoch {sample.epoch}): {sample.error}", highlight=False)
    if fmt == "json":
        typer.echo(json.dumps(summary, indent=2))
    else:
        table.print_summary(summary)
    console.print(f"saved {saved}", highlight=False)
    below = evaluated.below(floors)
    for line in below:
        console.print(f"[red]gate failed:[/] {line}", highlight=False)
    if below:
        raise typer.Exit(1)


@app.command("compare")
def compare(
    variants: Annotated[
        list[str],
        typer.Argument(
            help="Prompt versions (v1 v2), backends (extractive), backend:model@prompt, or folders saved by "
            "'eval run --out' (scored as they were saved). The first is the baseline."
        ),
    ],
    backend: Backend = None,
    model: Model = None,
    base_url: BaseUrl = None,
    dataset: Dataset = None,
    recordings: Recordings = None,
    case: CaseIds = None,
    split: Split = None,
    fmt: Format = "table",
    html: Annotated[Path | None, typer.Option(help="Also write a self-contained HTML report here.")] = None,
    samples: Annotated[int, typer.Option(min=100, help="Bootstrap resamples.")] = 2000,
    seed: Annotated[int, typer.Option(help="Bootstrap seed (results are reproducible).")] = 0,
    concurrency: Annotated[int, typer.Option(min=1)] = 4,
    epochs: Epochs = 1,
    temperature: Temperature = None,
    require_grounding: RequireGrounding = False,
) -> None:
    """Score several variants on the same cases, with paired bootstrap 95% intervals for each delta."""
    from summarizer.evals import EvalRun, load_cases, select, table
    from summarizer.evals.compare import html_cases, parse_variant

    _check_format(fmt)
    if len(variants) < 2:
        raise InputError("compare needs at least two variants, e.g. 'summarizer eval compare v1 v2'")
    saved = {v: Path(v) for v in variants if (Path(v) / "run.json").is_file()}
    try:
        specs = {v: parse_variant(v) for v in variants if v not in saved}
    except ValueError as exc:
        raise InputError(f"{exc}, or a folder saved by 'eval run --out'") from None
    cases = select(load_cases(dataset), case, split)
    common: dict[str, Any] = {"backend": backend, "model": model, "base_url": base_url, "recordings": recordings}
    common["require_grounding"] = require_grounding or None
    runs = []
    for v in variants:
        if v in saved:
            try:
                runs.append(EvalRun.load(saved[v]).only([c.id for c in cases]))
            except ValueError as exc:
                raise InputError(str(exc)) from None
            continue
        settings = _settings(epochs, **{**common, **specs[v].overrides}, temperature=temperature)
        runs.append(_evaluate(cases, settings, epochs, concurrency, specs[v].label))
    document = runs[0].compare(*runs[1:], samples=samples, seed=seed)
    if html is not None:
        from summarizer.evals.html import render

        html.write_text(render(document, html_cases(runs)), encoding="utf-8")
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
    dataset: Dataset = None,
    recordings: Recordings = None,
    fmt: Format = "table",
) -> None:
    """Merge each multi-report event in the dataset's digests/ and score the digest against its gold."""
    from summarizer.evals import table
    from summarizer.evals.cases import default_dataset
    from summarizer.evals.digest import evaluate_digests

    _check_format(fmt)
    settings = _settings(backend=backend, model=model, base_url=base_url, prompt=prompt, recordings=recordings)
    result = evaluate_digests(dataset or default_dataset(), settings)
    if fmt == "json":
        typer.echo(json.dumps(result, indent=2))
    else:
        table.print_digest(result)
