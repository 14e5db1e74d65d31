"""Score an EventDigest against a hand-made gold digest (fixtures/digests/), field by field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from eval.cases import DEFAULT_FIXTURES
from eval.matching import NAME_MIN, TEXT_MIN, Names, assign, participant_similarity, party_similarity, text_similarity
from eval.scoring import FieldScore, prf
from summarizer.digest import EventDigest
from summarizer.schema import Participant

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


def load_gold_digests(directory: Path | None = None) -> list[GoldDigest]:
    folder = directory or DEFAULT_FIXTURES / "digests"
    return [GoldDigest.model_validate(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.json"))]


def _statement_similarity(pred: Any, gold: GoldStatement, names: Names) -> float:
    """Share of quotes grouped alike (same article, same words), if the speaker agrees; else 0."""
    if not names.same(pred.speaker, gold.speaker) and text_similarity(pred.speaker, gold.speaker) < NAME_MIN:
        return 0.0
    sources = [(s.article, s.text or "") for s in pred.sources]
    matched = sum(
        1 for q in gold.quotes if any(a == q.article and text_similarity(t, q.text) >= TEXT_MIN for a, t in sources)
    )
    return matched / max(len(sources), len(gold.quotes))


def score_digest(pred: EventDigest, gold: GoldDigest) -> dict[str, FieldScore]:
    """A statement counts only when its speaker agrees and it groups exactly the gold's quotes."""
    people = [Participant(name=p.name, aliases=p.aliases) for p in gold.participants]
    predicted = [Participant(name=p.name, aliases=p.aliases) for p in pred.participants]
    names = Names(people, predicted)
    scores: dict[str, FieldScore] = {}
    pairs = assign(predicted, people, participant_similarity, NAME_MIN)
    scores["participants"] = FieldScore(len(pairs), len(predicted) - len(pairs), len(people) - len(pairs))
    meeting_pairs = assign(
        pred.meetings, gold.meetings, lambda p, g: names.overlap(p.participants, g.participants), 0.5
    )
    scores["meetings"] = FieldScore(
        len(meeting_pairs), len(pred.meetings) - len(meeting_pairs), len(gold.meetings) - len(meeting_pairs)
    )
    statement_pairs = assign(pred.statements, gold.statements, lambda p, g: _statement_similarity(p, g, names), 0.999)
    scores["statements"] = FieldScore(
        len(statement_pairs), len(pred.statements) - len(statement_pairs), len(gold.statements) - len(statement_pairs)
    )
    for i, j, _ in statement_pairs:
        scores["statements"].attribute("relation", pred.statements[i].relation == gold.statements[j].relation)

    def tariff_similarity(p: Any, g: GoldTariff) -> float:
        same_rate = p.rate_percent == g.rate_percent or (
            p.rate_percent is not None and g.rate_percent is not None and abs(p.rate_percent - g.rate_percent) < 0.01
        )
        ok = (
            party_similarity(p.imposed_by, g.imposed_by) >= NAME_MIN
            and party_similarity(p.target, g.target) >= NAME_MIN
        )
        return 1.0 if ok and same_rate else 0.0

    tariff_pairs = assign(pred.tariffs, gold.tariffs, tariff_similarity, 1.0)
    scores["tariffs"] = FieldScore(
        len(tariff_pairs), len(pred.tariffs) - len(tariff_pairs), len(gold.tariffs) - len(tariff_pairs)
    )
    return scores


def summary(per_event: dict[str, dict[str, FieldScore]]) -> dict[str, Any]:
    """Micro P/R/F1 per field over all events, plus each event's F1."""
    out: dict[str, Any] = {}
    for field in DIGEST_FIELDS:
        tp, fp, fn = (sum(getattr(s[field], k) for s in per_event.values()) for k in ("tp", "fp", "fn"))
        precision, recall, f1 = prf(tp, fp, fn)
        out[field] = {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}
    out["events"] = {event: {f: s[f].f1 for f in DIGEST_FIELDS} for event, s in per_event.items()}
    relation = [s["statements"].attributes.get("relation", [0, 0]) for s in per_event.values()]
    agree, total = sum(r[0] for r in relation), sum(r[1] for r in relation)
    out["statement_relation_accuracy"] = agree / total if total else None
    return out
