"""`summarizer summarize FILE`: one article to one result."""

from __future__ import annotations

from typing import Annotated

import typer

from summarizer.api import summarize as summarize_text
from summarizer.cli import render
from summarizer.cli.options import Backend, BaseUrl, Format, Model, Prompt, RequireGrounding, settings_for
from summarizer.text import read_source


def summarize(
    path: Annotated[str, typer.Argument(help="Article file (text or HTML), or - for standard input.")],
    backend: Backend = None,
    model: Model = None,
    base_url: BaseUrl = None,
    prompt: Prompt = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) to resolve relative dates.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json: one JSON document on stdout.")] = Format.pretty,
    require_grounding: RequireGrounding = False,
) -> None:
    """Extract meetings, participants, quotes and tariffs from one article."""
    text = read_source(path)
    settings = settings_for(
        backend=backend, model=model, base_url=base_url, prompt=prompt, require_grounding=require_grounding or None
    )
    result = summarize_text(text, published=published, settings=settings)
    if fmt is Format.json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        render.result(result, text)
