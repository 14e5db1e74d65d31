"""Shared fixtures. Tests are offline: any connection off the loopback interface fails."""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "articles").glob("00*.txt"))
_real_connect = socket.socket.connect


def _loopback(address: Any) -> bool:
    if not isinstance(address, tuple):
        return True  # unix sockets
    host = address[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _loopback(address):
        raise RuntimeError(f"test tried to reach {address!r}: tests must stay offline (loopback only)")
    return _real_connect(self, address)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--live", action="store_true", help="run tests that start a real llama.cpp server")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--live"):
        return
    skip = pytest.mark.skip(reason="live test: run with --live (python3 dev.py test --live)")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    return


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user settings leak in; the response cache lives in the test's own folder."""
    for name in (
        "OPENAI_API_KEY",
        "SUMMARIZER_API_KEY",
        "SUMMARIZER_BASE_URL",
        "SUMMARIZER_BACKEND",
        "SUMMARIZER_MODEL",
        "SUMMARIZER_PROMPT",
        "SUMMARIZER_RECORDINGS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def seed_text() -> str:
    return SEEDS[0].read_text(encoding="utf-8")


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``python -m summarizer ARGS`` from the repository root, text in and out, wide tables."""
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**(env if env is not None else os.environ), "COLUMNS": "200"},
        timeout=timeout,
        check=False,
    )
