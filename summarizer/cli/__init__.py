"""The `summarizer` command: a thin layer over the public API. Exit codes: 0 ok, 1 failure, 2 bad input."""

from __future__ import annotations

import logging
import os
import sys

import typer
from pydantic import ValidationError

from summarizer.cli import batch_cmd, eval_cmd, merge_cmd, models_cmd, prompts_cmd, summarize_cmd
from summarizer.errors import ConfigError, SummarizerError
from summarizer.transport import redact

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
app.add_typer(models_cmd.app, name="models")


def main() -> None:
    """Run the CLI; errors become one line on stderr and an exit code, never a traceback."""
    # instructor logs each failed attempt at ERROR; our own one-line message says it better.
    logging.getLogger("instructor").addHandler(logging.NullHandler())
    logging.getLogger("instructor").propagate = False
    try:
        app()
    except SummarizerError as exc:
        print(_redacted(f"summarizer: error: {exc}"), file=sys.stderr)
        sys.exit(exc.exit_code)
    except ValidationError as exc:
        if exc.title != "Settings":
            raise
        print(_redacted(f"summarizer: error: {_bad_setting(exc)}"), file=sys.stderr)
        sys.exit(ConfigError.exit_code)
    except KeyboardInterrupt:
        print("summarizer: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("SUMMARIZER_DEBUG"):
            raise
        message = f"summarizer: internal error: {type(exc).__name__}: {exc} (SUMMARIZER_DEBUG=1 shows the traceback)"
        print(_redacted(message), file=sys.stderr)
        sys.exit(1)


def _bad_setting(exc: ValidationError) -> str:
    """One line for a setting that does not validate, naming its environment variable."""
    first = exc.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else "settings"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    where = f"SUMMARIZER_{name.upper()} or its option"
    return f"invalid setting {name} ({where}): {first['msg']}, got {first.get('input')!r}{more}"


def _redacted(message: str) -> str:
    """``message`` without any configured API key, however an error came to quote it."""
    keys = [os.environ.get(name, "") for name in ("OPENAI_API_KEY", "SUMMARIZER_API_KEY")]
    return redact(message, sorted({k for key in keys for k in (key, key.strip())}, key=len, reverse=True))
