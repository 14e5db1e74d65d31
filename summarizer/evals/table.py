"""Rich tables of eval results: a run, a comparison, event digests. A score of None prints as "–"."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from summarizer.evals.digest import DIGEST_FIELDS
from summarizer.evals.scoring import FIELDS


def _n(value: float | None, digits: int = 3, bold: bool = False) -> str:
    if value is None:
        return "–"
    return f"[bold]{value:.{digits}f}[/]" if bold else f"{value:.{digits}f}"


def _attrs(values: dict[str, Any]) -> str:
    return ", ".join(f"{k} {_n(v, 2)}" for k, v in values.items())


def _empty(f: dict[str, Any]) -> str:
    return f"{f['scored']} scored, {f['empty']} empty"


def print_summary(summary: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    run = summary["run"]
    epochs = summary["epochs"]
    title = f"{run['backend']} · {run['model'] or '-'} · prompt {run['prompt'] or '-'} · {summary['cases']} cases"
    columns = ["field", "P", "R", "F1", "macro F1", "tp/fp/fn", "cases", "attributes (accuracy on matches)"]
    if epochs > 1:
        title += f" × {epochs} epochs"
        columns.insert(5, "F1 per epoch (mean ± sd)")
    table = Table(*columns, title=title, title_justify="left")
    for name in FIELDS:
        f = summary[name]
        cells = [name, _n(f["precision"]), _n(f["recall"]), _n(f["f1"], bold=True), _n(f["macro"]["f1"])]
        if epochs > 1:
            cells.append(f"{_n(f['epoch_f1']['mean'])} ± {_n(f['epoch_f1']['sd'])}")
        cells += [f"{f['tp']}/{f['fp']}/{f['fn']}", _empty(f), _attrs(f["attributes"])]
        table.add_row(*cells)
    console.print(table)
    console.print(
        f"grounding rate {_n(summary['grounding_rate'])} · schema failures {summary['schema_failure_rate']:.3f} · "
        f"tokens {summary['tokens']} · mean attempts {summary['mean_attempts']:.2f} · "
        f"mean latency {summary['mean_latency_s']:.2f}s · empty = nothing in gold or predicted, not averaged"
    )


def print_comparison(document: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    labels = [v["label"] for v in document["variants"]]
    scores = Table("field", *labels, title=f"F1 (P/R) on {document['cases']} cases", title_justify="left")
    for name in FIELDS:
        cells = [
            f"{_n(s['f1'], bold=True)} ({_n(s['precision'], 2)}/{_n(s['recall'], 2)})"
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
    for u in document["unscored"]:
        deltas.add_row(u["field"], u["b"], "–", "–", "[dim]nothing to score[/]")
    console.print(deltas)
    attributes = Table(
        "field",
        "attribute",
        "variant",
        "accuracy",
        "Δ",
        f"{boot['confidence']:.0%} CI",
        "",
        title=f"attribute accuracy over matched items, against {labels[0]}",
        title_justify="left",
    )
    for d in document.get("attribute_deltas", []):
        mark = "[green]significant[/]" if d["significant"] else "[dim]not significant[/]"
        accuracy = f"{d['accuracy_a']:.2f} → {d['accuracy_b']:.2f}"
        interval = f"[{d['low']:+.3f}, {d['high']:+.3f}]"
        attributes.add_row(d["field"], d["attribute"], d["b"], accuracy, f"{d['delta']:+.3f}", interval, mark)
    if attributes.row_count:
        console.print(attributes)
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
        costs.add_row(
            label,
            str(c["tokens"]),
            f"{c['mean_attempts']:.2f}",
            f"{c['mean_latency_s']:.2f}s",
            f"{c['schema_failure_rate']:.2f}",
            _n(c["grounding_rate"], 2),
        )
    console.print(costs)
    worst = Table("article", *labels, "spread", title="where the variants disagree most", title_justify="left")
    for row in document["disagreements"]:
        worst.add_row(row["id"], *(_n(row["f1"][label], 2) for label in labels), f"{row['spread']:.2f}")
    console.print(worst)


def print_digest(result: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    events = result["events"]
    table = Table(
        "field", "P", "R", "F1", "tp/fp/fn", title=f"event digests: {len(events)} events", title_justify="left"
    )
    for name in DIGEST_FIELDS:
        f = result[name]
        table.add_row(
            name, _n(f["precision"]), _n(f["recall"]), _n(f["f1"], bold=True), f"{f['tp']}/{f['fp']}/{f['fn']}"
        )
    console.print(table)
    for event, f1 in events.items():
        together = "grouped as one event" if result["grouped_as_one_event"][event] else "SPLIT into several events"
        console.print(f"{event} ({together}): " + ", ".join(f"{k} {_n(v, 2)}" for k, v in f1.items()), highlight=False)
    accuracy = result["statement_relation_accuracy"]
    console.print(f"statement relation accuracy on matched statements: {_n(accuracy, 2)}", highlight=False)
