"""One benchmark row: a measurement, its baseline from the same run, the ratio, the target and whether it was met."""

from __future__ import annotations

import os
from dataclasses import astuple, dataclass

MET, MISSED = "✓", "✗"


@dataclass(frozen=True)
class Row:
    name: str
    measured: str
    baseline: str
    ratio: str
    target: str
    verdict: str = "-"  # ✓, ✗ or - (no target)
    note: str = ""  # why a target was missed, or what the figure leaves out


def check(met: bool) -> str:
    return MET if met else MISSED


def busy() -> str | None:
    """Why a wall-time figure is not the code's: other processes wanted more CPUs than there are."""
    load, cpus = os.getloadavg()[0], os.cpu_count() or 1
    return f"machine busy: load average {load:.1f} on {cpus} cores" if load > cpus else None


def markdown(rows: list[Row]) -> list[str]:
    return [
        "| benchmark | measured | baseline (same run) | ratio | target | met | note |",
        "|---|---|---|---|---|---|---|",
        *("| " + " | ".join(astuple(r)) + " |" for r in rows),
    ]


def line(row: Row) -> str:
    tail = f" — {row.note}" if row.note else ""
    return f"{row.verdict} {row.name}: {row.measured} | baseline {row.baseline} | {row.ratio} | {row.target}{tail}"
