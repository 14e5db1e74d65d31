"""The `summarizer` command: a thin layer over the public API. Exit codes: 0 ok, 1 failure, 2 bad input."""

from __future__ import annotations

import logging
import os
import sys

import typer

from summarizer.cli import batch_cmd, eval_cmd, merge_cmd, prompts_cmd, summarize_cmd
from summarizer.errors import SummarizerError

app = typer.Typer(
    name="summarizer",
    help="Grounded records of meetings, participants, quotes and tariffs from news articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("summarize")(summarize_cmd.summarize)
app.command("batch")(batch_cmd.batch)
app.command("merge")(merge_cmd.merge)
app.add_typer(eval_cmd.app, name="eval")
app.add_typer(prompts_cmd.app, name="prompts")


def main() -> None:
    """Run the CLI; errors become one line on stderr and an exit code, never a traceback."""
    # instructor logs each failed attempt at ERROR; our own one-line message says it better.
    logging.getLogger("instructor").addHandler(logging.NullHandler())
    logging.getLogger("instructor").propagate = False
    try:
        app()
    except SummarizerError as exc:
        print(f"summarizer: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("summarizer: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("SUMMARIZER_DEBUG"):
            raise
        print(
            f"summarizer: internal error: {type(exc).__name__}: {exc} (SUMMARIZER_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        sys.exit(1)
