"""`summarizer merge FILE FILE...`: several reports of one event merged into one digest."""

from __future__ import annotations

import asyncio
import html as html_lib
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from summarizer.cli.options import Backend, BaseUrl, Model, Prompt, settings_for
from summarizer.digest import EventDigest
from summarizer.errors import InputError
from summarizer.merge import merge_files


class DigestFormat(StrEnum):
    json = "json"
    pretty = "pretty"
    html = "html"


def merge(
    files: Annotated[list[Path], typer.Argument(help="Two or more article files about one event (or a mix).")],
    backend: Backend = None,
    model: Model = None,
    base_url: BaseUrl = None,
    prompt: Prompt = None,
    fmt: Annotated[DigestFormat, typer.Option("--format", "-f")] = DigestFormat.pretty,
) -> None:
    """Merge reports: people resolved, facts de-duplicated with support counts, quotes linked, differences listed."""
    if len(files) < 2:
        raise InputError("merge needs at least two article files")
    settings = settings_for(backend=backend, model=model, base_url=base_url, prompt=prompt)
    digests = asyncio.run(merge_files(files, settings))
    if fmt is DigestFormat.json:
        typer.echo("[" + ",\n".join(d.model_dump_json(indent=2) for d in digests) + "]")
    elif fmt is DigestFormat.html:
        typer.echo(to_html(digests))
    else:
        for digest in digests:
            pretty(digest)


def pretty(digest: EventDigest) -> None:
    console = Console()
    console.print(f"[bold]Event from {len(digest.articles)} article(s):[/] {', '.join(digest.articles)}")
    console.print(f"[dim]{digest.grouping}[/]")
    people = Table("participant", "aliases", "support", title="Participants", title_justify="left")
    for p in digest.participants:
        people.add_row(p.name, ", ".join(p.aliases), str(p.support))
    meetings = Table("participants", "where", "when", "support", title="Meetings", title_justify="left")
    for m in digest.meetings:
        meetings.add_row(" + ".join(m.participants), m.location or "", m.date or "", str(m.support))
    statements = Table("speaker", "relation", "wording (source)", "support", title="Statements", title_justify="left")
    for s in digest.statements:
        words = "\n".join(f"“{src.text}” ({src.article})" for src in s.sources)
        relation = s.relation + (f" (overlap {s.similarity})" if s.similarity is not None else "")
        statements.add_row(s.speaker, relation, words, str(s.support))
    tariffs = Table("by", "on", "rate", "status", "support", title="Tariffs", title_justify="left")
    for t in digest.tariffs:
        rate = "" if t.rate_percent is None else f"{t.rate_percent:g}%"
        tariffs.add_row(t.imposed_by, t.target, rate, t.status.value, str(t.support))
    differences = Table("fact", "values (sources)", title="Disagreements", title_justify="left")
    for d in digest.disagreements:
        differences.add_row(d.fact, "\n".join(f"{v} ({', '.join(a) or '-'})" for v, a in d.values.items()))
    for table in (people, meetings, statements, tariffs, differences):
        console.print(table)


def to_html(digests: list[EventDigest]) -> str:
    """A self-contained page: one section per event, no external resources."""
    esc = html_lib.escape
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Event digest</title><style>",
        "body{font:15px/1.45 system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;"
        "margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}"
        "caption{text-align:left;font-weight:600}</style></head><body>",
    ]
    for digest in digests:
        parts.append(f"<h1>Event from {len(digest.articles)} article(s)</h1><p>{esc(', '.join(digest.articles))}</p>")
        rows = "".join(
            f"<tr><td>{esc(s.speaker)}</td><td>{esc(s.relation)}</td><td>"
            + "<br>".join(f"“{esc(src.text or '')}” ({esc(src.article)})" for src in s.sources)
            + f"</td><td>{s.support}</td></tr>"
            for s in digest.statements
        )
        parts.append(
            f"<table><caption>Statements</caption><tr><th>speaker</th><th>relation</th><th>wording</th>"
            f"<th>support</th></tr>{rows}</table>"
        )
        rows = "".join(
            f"<tr><td>{esc(d.fact)}</td><td>"
            + "<br>".join(f"{esc(v)} ({esc(', '.join(a))})" for v, a in d.values.items())
            + "</td></tr>"
            for d in digest.disagreements
        )
        parts.append(f"<table><caption>Disagreements</caption>{rows}</table>")
        rows = "".join(
            f"<tr><td>{esc(p.name)}</td><td>{esc(', '.join(p.aliases))}</td><td>{p.support}</td></tr>"
            for p in digest.participants
        )
        parts.append(f"<table><caption>Participants</caption>{rows}</table>")
    parts.append("</body></html>")
    return "".join(parts)
