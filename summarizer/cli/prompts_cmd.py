"""`summarizer prompts list`: the prompt versions on disk."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from summarizer import prompts, tokens

app = typer.Typer(help="Prompt versions.", no_args_is_help=True)


@app.command("list")
def list_prompts() -> None:
    """Versions, descriptions, hashes and token counts."""
    released = prompts.manifest()
    table = Table("version", "description", "sha256", "released", f"tokens ({tokens.ENCODING}, empty article)")
    for version in prompts.versions():
        prompt = prompts.load(version)
        used = sum(tokens.count(m["content"]) for m in prompt.render(article="", published=None))
        table.add_row(
            version,
            prompt.spec.description,
            prompt.sha256[:12],
            "yes" if released.get(version) == prompt.sha256 else "CHANGED" if version in released else "no",
            str(used),
        )
    Console().print(table)
