"""A non-editable install ships the package, the eval harness and the prompts."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_contains_prompts_and_packages(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if "No module named 'hatchling'" in done.stderr:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("summarizer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "summarizer/_prompts/v1.yaml",
        "summarizer/_prompts/v2.yaml",
        "summarizer/_prompts/manifest.json",
        "summarizer/py.typed",
        "summarizer/schema.py",
        "eval/scoring.py",
    } <= names
    assert not any(n.startswith(("tests/", "fixtures/")) for n in names)
