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


def print_comparison(document: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    labels = [v["label"] for v in document["variants"]]
    scores = Table("field", *labels, title=f"F1 (P/R) on {document['cases']} cases", title_justify="left")
    for name in FIELDS:
        cells = [
            f"[bold]{s['f1']:.3f}[/] ({s['precision']:.2f}/{s['recall']:.2f})"
            for s in (document["fields"][name][label] for label in labels)
        ]
        scores.add_row(name, *cells)
    console.print(scores)
    boot = document["bootstrap"]
    deltas = Table(
        "field",
        "variant",
        "ΔF1",
        f"{boot['confidence']:.0%} CI (paired bootstrap)",
        "",
        title=f"against {labels[0]} · {boot['samples']} resamples · seed {boot['seed']}",
        title_justify="left",
    )
    for d in document["deltas"]:
        mark = "[green]significant[/]" if d["significant"] else "[dim]not significant[/]"
        deltas.add_row(d["field"], d["b"], f"{d['delta']:+.3f}", f"[{d['low']:+.3f}, {d['high']:+.3f}]", mark)
    console.print(deltas)
    costs = Table(
        "variant",
        "tokens",
        "mean attempts",
        "mean latency",
        "schema failures",
        "grounding",
        title="cost",
        title_justify="left",
    )
    for label in labels:
        c = document["costs"][label]
        grounding = "-" if c["grounding_rate"] is None else f"{c['grounding_rate']:.2f}"
        costs.add_row(
            label,
            str(c["tokens"]),
            f"{c['mean_attempts']:.2f}",
            f"{c['mean_latency_s']:.2f}s",
            f"{c['schema_failure_rate']:.2f}",
            grounding,
        )
    console.print(costs)
    worst = Table("article", *labels, "spread", title="where the variants disagree most", title_justify="left")
    for row in document["disagreements"]:
        worst.add_row(row["id"], *(f"{row['f1'][label]:.2f}" for label in labels), f"{row['spread']:.2f}")
    console.print(worst)
