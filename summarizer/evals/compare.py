"""Compare prompt versions, backends and models on the same cases, with paired bootstrap intervals."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from summarizer.evals.metrics import micro
from summarizer.evals.records import CaseRun, RunInfo
from summarizer.evals.report import all_samples, case_f1, costs, mean_f1
from summarizer.evals.scoring import FIELDS
from summarizer.evals.stats import Counts, Share, paired_bootstrap, paired_bootstrap_share

_SPEC = re.compile(r"^(?P<backend>[a-z]+)?(?::(?P<model>[^@]+))?(?:@(?P<prompt>v\w+))?$")


@dataclass(frozen=True)
class Variant:
    """One row of a comparison: a label and the settings overrides that produce it."""

    label: str
    overrides: dict[str, str]


def parse_variant(spec: str) -> Variant:
    """'v2' (a prompt version), 'extractive', 'openai:gpt-4o-mini@v2' (backend:model@prompt)."""
    if re.fullmatch(r"v\w+", spec):
        return Variant(spec, {"prompt": spec})
    match = _SPEC.match(spec)
    if not match or not any(match.groupdict().values()):
        raise ValueError(f"variant {spec!r}: use a prompt version (v2), a backend (extractive) or backend:model@v2")
    parts = {k: v for k, v in match.groupdict().items() if v}
    return Variant(spec, parts)


def unique_labels(labels: Sequence[str]) -> list[str]:
    """The labels, a repeated one numbered from its second use on: extractive, extractive#2."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label}#{seen[label]}")
    return out


class Scored(Protocol):
    """What a comparison needs of a run (an ``EvalRun``)."""

    @property
    def label(self) -> str: ...

    @property
    def info(self) -> RunInfo: ...

    @property
    def cases(self) -> list[CaseRun]: ...


def _article_counts(cases: Sequence[CaseRun], name: str) -> list[Counts]:
    """Per article, the counts of all its epochs together: the bootstrap draws articles with every epoch."""
    return [
        (
            sum(s.scores[name].tp for s in c.samples),
            sum(s.scores[name].fp for s in c.samples),
            sum(s.scores[name].fn for s in c.samples),
        )
        for c in cases
    ]


def _check_same_cases(runs: Sequence[Scored], labels: Sequence[str]) -> list[str]:
    ids = [c.id for c in runs[0].cases]
    for label, run in zip(labels, runs, strict=True):
        if [c.id for c in run.cases] != ids:
            raise ValueError(f"variant {label} was run on different cases")
    return ids


def _deltas(
    runs: Sequence[Scored], labels: list[str], samples: int, seed: int, confidence: float
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    deltas, unscored = [], []
    for label, run in zip(labels[1:], runs[1:], strict=True):
        for field in FIELDS:
            a, b = _article_counts(runs[0].cases, field), _article_counts(run.cases, field)
            try:
                d = paired_bootstrap(a, b, samples=samples, seed=seed, confidence=confidence)
            except ValueError:  # nothing in gold and nothing predicted on any article, by A or by B
                unscored.append({"field": field, "a": labels[0], "b": label})
                continue
            deltas.append(
                {"field": field, "a": labels[0], "b": label, "delta": d.delta, "low": d.low, "high": d.high}
                | {"significant": d.significant}
            )
    return deltas, unscored


def _article_shares(cases: Sequence[CaseRun], name: str, attribute: str) -> list[Share]:
    """Per article, (agreeing, compared) of one attribute over the matched items of all its epochs."""
    return [
        (
            sum(s.scores[name].attributes.get(attribute, (0, 0))[0] for s in c.samples),
            sum(s.scores[name].attributes.get(attribute, (0, 0))[1] for s in c.samples),
        )
        for c in cases
    ]


def _attribute_deltas(
    runs: Sequence[Scored], labels: list[str], samples: int, seed: int, confidence: float
) -> list[dict[str, Any]]:
    """Accuracy of each attribute (a tariff's status, a quote's speaker...) of B against A, paired by article."""
    out = []
    for label, run in zip(labels[1:], runs[1:], strict=True):
        for field in FIELDS:
            names = {a for r in (runs[0], run) for s in all_samples(r.cases) for a in s.scores[field].attributes}
            for attribute in sorted(names):
                a = _article_shares(runs[0].cases, field, attribute)
                b = _article_shares(run.cases, field, attribute)
                try:
                    d = paired_bootstrap_share(a, b, samples=samples, seed=seed, confidence=confidence)
                except ValueError:  # no matched item on any article, for A or for B
                    continue
                out.append(
                    {"field": field, "attribute": attribute, "a": labels[0], "b": label, "accuracy_a": d.a}
                    | {"accuracy_b": d.b, "delta": d.delta, "low": d.low, "high": d.high, "significant": d.significant}
                )
    return out


def compare(runs: Sequence[Scored], samples: int = 2000, seed: int = 0, confidence: float = 0.95) -> dict[str, Any]:
    """The comparison document: scores side by side, deltas against the first run, costs, disagreements."""
    if len(runs) < 2:
        raise ValueError("a comparison needs at least two runs")
    labels = unique_labels([r.label for r in runs])
    ids = _check_same_cases(runs, labels)
    deltas, unscored = _deltas(runs, labels, samples, seed, confidence)
    spread: list[dict[str, Any]] = []
    for i, case_id in enumerate(ids):
        f1 = {label: mean_f1(run.cases[i]) for label, run in zip(labels, runs, strict=True)}
        defined = [v for v in f1.values() if v is not None]
        if len(defined) > 1 and max(defined) > min(defined):
            spread.append({"id": case_id, "spread": max(defined) - min(defined), "f1": f1})
    return {
        "variants": [{"label": label, **run.info.model_dump()} for label, run in zip(labels, runs, strict=True)],
        "fields": {
            f: {
                label: {k: micro(s.scores[f] for s in all_samples(run.cases))[k] for k in ("precision", "recall", "f1")}
                for label, run in zip(labels, runs, strict=True)
            }
            for f in FIELDS
        },
        "deltas": deltas,
        "unscored": unscored,
        "attribute_deltas": _attribute_deltas(runs, labels, samples, seed, confidence),
        "costs": {label: costs(run.cases) for label, run in zip(labels, runs, strict=True)},
        "disagreements": sorted(spread, key=lambda row: -row["spread"])[:5],
        "bootstrap": {"samples": samples, "seed": seed, "confidence": confidence},
        "cases": len(ids),
    }


def html_cases(runs: Sequence[Scored]) -> list[dict[str, Any]]:
    """Per-article material for the HTML report (each run's first epoch)."""
    labels = unique_labels([r.label for r in runs])
    rows = []
    for i, case in enumerate(runs[0].cases):
        per = {label: run.cases[i].samples[0] for label, run in zip(labels, runs, strict=True)}
        rows.append(
            {
                "id": case.id,
                "text": case.text,
                "gold": case.gold.model_dump(mode="json"),
                "predictions": {k: (s.result.model_dump(mode="json") if s.result else None) for k, s in per.items()},
                "errors": {k: s.error for k, s in per.items()},
                "f1": {label: case_f1(run.cases[i]) for label, run in zip(labels, runs, strict=True)},
            }
        )
    return rows
