"""The CLI: one JSON document on stdout, one-line errors with exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from summarizer import Result
from tests.cli_runner import invoke
from tests.conftest import SEEDS, run_cli


def test_json_from_stdin_validates_as_a_result() -> None:
    done = run_cli("summarize", "-", "--format", "json", stdin=SEEDS[0].read_text())
    assert done.returncode == 0, done.stderr
    result = Result.model_validate_json(done.stdout)
    assert {p.name for p in result.record.participants} >= {"Marco Rubio", "Wang Yi"}
    assert "using the extractive backend" in done.stderr


def test_pretty_output_names_the_main_facts() -> None:
    done = run_cli("summarize", str(SEEDS[0]))
    out = done.stdout
    assert done.returncode == 0
    for fact in ("Marco Rubio", "Wang Yi", "Kuala Lumpur", "10%", "25%", "threatened", "announced"):
        assert fact in out


def _one_line_error(done: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    err = done.stderr.strip()
    assert done.returncode == code, err
    assert "Traceback" not in err
    last = err.splitlines()[-1]
    assert last.startswith("summarizer: error:")
    for word in words:
        assert word in last


def test_openai_backend_without_key_says_how_to_fix() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"OPENAI_API_KEY", "SUMMARIZER_BASE_URL"}}
    done = run_cli("summarize", str(SEEDS[0]), "--backend", "openai", env=env)
    _one_line_error(done, 2, "no API key", "OPENAI_API_KEY", "--backend extractive")


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("SUMMARIZER_TIMEOUT_S", "abc", ("invalid setting timeout_s", "valid number", "'abc'")),
        ("SUMMARIZER_HYBRID_DECIDES", '["price"]', ("hybrid_decides", "'tariff' or 'meeting'", "'price'")),
    ],
)
def test_a_bad_setting_in_the_environment_exits_2_with_one_line(
    variable: str, value: str, words: tuple[str, ...]
) -> None:
    done = run_cli("summarize", str(SEEDS[0]), env={**os.environ, variable: value})
    _one_line_error(done, 2, variable, *words)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", ("is empty",)),
        ("blank.txt", b"  \n\t \n", ("is empty",)),
        ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00", ("NUL bytes",)),
        ("latin1.txt", "Café au lait à Genève".encode("latin-1"), ("not valid UTF-8",)),
    ],
)
def test_bad_files_exit_2_with_one_line(tmp_path: Path, name: str, content: bytes, words: tuple[str, ...]) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    _one_line_error(run_cli("summarize", str(path)), 2, name, *words)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    _one_line_error(run_cli("summarize", str(tmp_path / "nope.txt")), 2, "nope.txt", "no such file")
    _one_line_error(run_cli("summarize", str(tmp_path)), 2, "is a directory")


def test_unknown_prompt_version_exits_2() -> None:
    _one_line_error(
        run_cli(
            "summarize", str(SEEDS[0]), "--prompt", "v99", "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1"
        ),
        2,
        "unknown prompt version",
    )


def test_usage_error_exits_2() -> None:
    done = run_cli("summarize", str(SEEDS[0]), "--format", "yaml")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_html_file_keeps_the_html_note_in_provenance(tmp_path: Path) -> None:
    from tests.test_hostile import HTML

    page = tmp_path / "page.html"
    page.write_text(HTML)
    done = invoke("summarize", str(page), "--format", "json", "--backend", "extractive")
    assert done.returncode == 0, done.stderr
    result = Result.model_validate_json(done.stdout)
    assert any("HTML input" in w for w in result.provenance.warnings), "the CLI hands the page to the pipeline"
    assert "Marco Rubio" in {p.name for p in result.record.participants}


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    _one_line_error(run_cli("summarize", str(fifo), timeout=120), 2, "FIFO", "not a regular file")


def test_utf16_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(SEEDS[0].read_text().encode("utf-16"))
    done = invoke("summarize", str(path), "--format", "json", "--backend", "extractive")
    assert done.returncode == 0, done.stderr
    assert "Wang Yi" in {p.name for p in Result.model_validate_json(done.stdout).record.participants}
