"""Rich tables of eval results."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from eval.scoring import FIELDS


def _attrs(values: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v:.2f}" if v is not None else f"{k} -" for k, v in values.items())


def print_summary(summary: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    run = summary["run"]
    table = Table(
        "field",
        "P",
        "R",
        "F1",
        "macro F1",
        "tp/fp/fn",
        "attributes (accuracy on matches)",
        title=f"{run['backend']} · {run['model'] or '-'} · prompt {run['prompt'] or '-'} · {summary['cases']} cases",
        title_justify="left",
    )
    for name in FIELDS:
        f = summary[name]
        table.add_row(
            name,
            f"{f['precision']:.3f}",
            f"{f['recall']:.3f}",
            f"[bold]{f['f1']:.3f}[/]",
            f"{f['macro']['f1']:.3f}",
            f"{f['tp']}/{f['fp']}/{f['fn']}",
            _attrs(f["attributes"]),
        )
    console.print(table)
    grounding = summary["grounding_rate"]
    console.print(
        f"grounding rate {grounding:.3f}" if grounding is not None else "grounding rate -",
        f"· schema failures {summary['schema_failure_rate']:.3f} · tokens {summary['tokens']} · "
        f"mean attempts {summary['mean_attempts']:.2f} · mean latency {summary['mean_latency_s']:.2f}s",
    )
