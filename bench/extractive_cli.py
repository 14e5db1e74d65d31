"""The extractive backend through the command users run: ``summarizer batch FOLDER --out X --backend extractive``."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.table import Row, busy, check

ROOT = Path(__file__).resolve().parent.parent
TARGET = 15.0  # articles per second
COPIES = 4  # the larger run: the fixtures four times over, to tell the per-article rate from start-up


def _command(folder: Path, out: Path) -> float:
    """Wall seconds of one ``summarizer batch`` process, start-up included."""
    exe = Path(sys.executable).with_name("summarizer")
    started = time.perf_counter()
    subprocess.run(
        [str(exe), "batch", str(folder), "--out", str(out), "--backend", "extractive"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def _folder(root: Path, copies: int) -> Path:
    folder = root / f"articles-x{copies}"
    folder.mkdir()
    for source in sorted((ROOT / "fixtures" / "articles").glob("*.txt")):
        for i in range(copies):
            shutil.copy(source, folder / f"{source.stem}-{i}.txt")
    return folder


def _best(folder: Path, work: Path, runs: int = 2) -> float:
    best = float("inf")
    for i in range(runs):
        best = min(best, _command(folder, work / f"{folder.name}-{i}.jsonl"))
    return best


def extractive_cli(_: object) -> Row:
    """Articles per second through the batch command: the whole command on the 45 fixtures, and the
    rate once started, (180 - 45) articles / (time for 180 - time for 45)."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        small, large = _folder(work, 1), _folder(work, COPIES)
        n_small = len(list(small.glob("*.txt")))
        n_large = n_small * COPIES
        t_small, t_large = _best(small, work), _best(large, work)
    whole = n_small / t_small
    running = (n_large - n_small) / max(t_large - t_small, 1e-9)
    startup = t_small - n_small / running
    ok = running >= TARGET
    return Row(
        f"extractive through `summarizer batch` ({n_small} fixtures; {n_large} for the rate once started)",
        f"{running:.1f} articles/s once started",
        f"whole command {whole:.1f} articles/s on {n_small} ({t_small:.1f} s, of which ~{startup:.1f} s start-up)",
        f"{running / TARGET:.2f}x the target",
        f">= {TARGET:.0f} articles/s",
        check(ok),
        "" if ok else busy() or "spaCy's parser and NER cost ~0.1 s of CPU per article; 2 cores give about 2 x 8/s",
    )
