"""Score an EventDigest against a hand-made gold digest (``digests/`` of a fixtures folder), field by field.

People, meetings and tariffs are matched by the judge's own rules; a statement counts only when its
speaker agrees and it groups exactly the gold's quotes.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from summarizer.config import Settings
from summarizer.digest import EventDigest
from summarizer.errors import InputError
from summarizer.evals.judge import Context, FieldScore, match, meetings, people, same_speaker, tariffs
from summarizer.evals.matching import TEXT_MIN, text_similarity
from summarizer.evals.metrics import Counts, micro
from summarizer.merge import merge_files

DIGEST_FIELDS = ("participants", "meetings", "statements", "tariffs")


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldQuote(_Gold):
    article: str
    text: str


class GoldStatement(_Gold):
    speaker: str
    relation: str
    quotes: list[GoldQuote]


class GoldPerson(_Gold):
    name: str
    aliases: list[str] = []
    articles: list[str]


class GoldMeeting(_Gold):
    participants: list[str]
    articles: list[str]


class GoldTariff(_Gold):
    imposed_by: str
    target: str
    rate_percent: float | None
    articles: list[str]


class GoldDigest(_Gold):
    event: str
    articles: list[str]
    notes: str = ""
    participants: list[GoldPerson]
    meetings: list[GoldMeeting]
    statements: list[GoldStatement]
    tariffs: list[GoldTariff]


def load_gold_digests(dataset: Path) -> list[GoldDigest]:
    """``dataset/digests/*.json``; none is an error (zero events score nothing, not 1.0)."""
    found = sorted((dataset / "digests").glob("*.json")) if dataset.is_dir() else []
    if not found:
        raise InputError(f"--dataset {dataset}: no digest gold (expected digests/*.json in a fixtures folder)")
    return [GoldDigest.model_validate(json.loads(p.read_text(encoding="utf-8"))) for p in found]


def _grouped_alike(pred: Any, gold: GoldStatement) -> float:
    """Share of quotes grouped alike (same article, same words)."""
    sources = [(s.article, s.text or "") for s in pred.sources]
    matched = sum(
        1 for q in gold.quotes if any(a == q.article and text_similarity(t, q.text) >= TEXT_MIN for a, t in sources)
    )
    return matched / max(len(sources), len(gold.quotes))


def statements(pred: Sequence[Any], gold: Sequence[Any], context: Context, /) -> FieldScore:
    """Statements: the same quotes grouped alike, and the speaker agrees."""
    score = match(
        pred,
        gold,
        lambda p, g: _grouped_alike(p, g) if same_speaker(p.speaker, g.speaker, context.names) else 0.0,
        0.999,
    )
    for p, g in score.matched:
        score.attribute("relation", p.relation == g.relation)
    return score


def score_digest(pred: EventDigest, gold: GoldDigest) -> dict[str, FieldScore]:
    """Every digest field against gold; names resolve through the gold digest's people only."""
    context = Context.from_gold(gold.participants)
    rules = {"participants": people, "meetings": meetings, "statements": statements, "tariffs": tariffs}
    return {name: rule(getattr(pred, name), getattr(gold, name), context) for name, rule in rules.items()}


def summary(per_event: dict[str, dict[str, Counts]]) -> dict[str, Any]:
    """Micro P/R/F1 per field over all events (``None`` where nothing was scored), plus each event's F1."""
    if not per_event:
        raise InputError("no digest events to score: give --dataset a fixtures folder with digests/*.json")
    out: dict[str, Any] = {field: micro(s[field] for s in per_event.values()) for field in DIGEST_FIELDS}
    out["events"] = {event: {f: micro([s[f]])["f1"] for f in DIGEST_FIELDS} for event, s in per_event.items()}
    relation = [s["statements"].attributes.get("relation", (0, 0)) for s in per_event.values()]
    agree, total = sum(r[0] for r in relation), sum(r[1] for r in relation)
    out["statement_relation_accuracy"] = agree / total if total else None
    return out


def evaluate_digests(dataset: Path, settings: Settings) -> dict[str, Any]:
    """Merge each gold event's articles into digests and score the largest against the gold digest."""
    per_event: dict[str, dict[str, Counts]] = {}
    grouped: dict[str, bool] = {}
    for gold in load_gold_digests(dataset):
        paths = [dataset / "articles" / f"{a}.txt" for a in gold.articles]
        digests = asyncio.run(merge_files(paths, settings))
        best = max(digests, key=lambda d: len(d.articles))  # if the event was split, score the larger part
        per_event[gold.event] = {name: s.counts() for name, s in score_digest(best, gold).items()}
        grouped[gold.event] = len(digests) == 1
    return {**summary(per_event), "grouped_as_one_event": grouped}
