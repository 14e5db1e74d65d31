"""Drive the `summarizer` CLI in process with click's CliRunner, ending as ``summarizer.cli.main`` ends.

``main`` turns a ``SummarizerError`` into one stderr line and its exit code; ``invoke`` does the same
with the exception CliRunner caught, so tests see the codes and lines a user sees without a process.
"""

from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import SummarizerError


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def invoke(*args: str, env: dict[str, str] | None = None) -> Ran:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200", **(env or {})})
    error = result.exception
    if isinstance(error, SummarizerError):
        return Ran(error.exit_code, result.stdout, f"{result.stderr}summarizer: error: {error}\n")
    if error is not None and not isinstance(error, SystemExit):
        raise error
    return Ran(result.exit_code, result.stdout, result.stderr)
