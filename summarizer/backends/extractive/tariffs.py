"""Tariffs: a rate near a tariff cue, who imposes it on whom, its status, date and condition."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from summarizer.backends.extractive.dates import resolve
from summarizer.backends.extractive.people import People
from summarizer.names import place
from summarizer.schema import Tariff, TariffStatus

_CUE = re.compile(r"\b(?:tariffs?|duty|duties|levy|levies|customs)\b", re.IGNORECASE)
_RATE = re.compile(
    r"(?:\b(?:an?|the)\s+)?(?:\b(?:additional|extra|further|new|blanket|baseline|reciprocal|flat)\s+)?"
    r"(\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)"
)
_OLD_RATE = re.compile(r"\s+to\s+(?:an?\s+)?\d")
# Status cues, strongest first: the first that matches a sentence decides.
_STATUS = [
    (TariffStatus.SUSPENDED, r"\b(?:suspend\w*|lift\w*|scrap\w*|revok\w*|drop(?:ped)?)\b"),
    (TariffStatus.REDUCED, r"\b(?:cut|cuts|reduc\w*|lower\w*|halv\w*|slash\w*|eas(?:e|ed|ing))\b"),
    (TariffStatus.DELAYED, r"\b(?:delay\w*|postpon\w*|paus\w*|truce|extend\w* the deadline|push\w* back)\b"),
    (TariffStatus.THREATENED, r"\b(?:threat\w*|warn\w*|prepared to|could|would|may|might|if|unless|vow\w*)\b"),
    (TariffStatus.PROPOSED, r"\b(?:propos\w*|consider\w*|weigh\w*|draft\w*)\b"),
    (TariffStatus.RETALIATORY, r"\b(?:retaliat\w*|counter-?measures?|counter-?tariffs?|in response)\b"),
    (TariffStatus.IN_EFFECT, r"\b(?:already|in effect|in place|took effect|imposed|currently|existing|levied)\b"),
]
_EFFECTIVE = re.compile(
    r"\b(?:effective|from|starting|beginning|takes? effect(?: on)?|took effect(?: on)?|as of|come into force on)\s+$",
    re.IGNORECASE,
)
_CONDITION = re.compile(r"\b((?:if|unless)\s+[^,.;]{3,120})", re.IGNORECASE)
_SCOPE = re.compile(
    r"\b((?:[\w-]+\s+){0,2}?(?:imports|exports|goods|products|vehicles|cars|autos|auto parts|steel|aluminium|"
    r"aluminum|copper|lumber|timber|pharmaceuticals|drugs|semiconductors|chips|electronics|energy|oil|"
    r"agricultural products|machinery|textiles))\b",
    re.IGNORECASE,
)


def find_tariffs(doc: Any, people: People, published: date | None) -> list[Tariff]:
    tariffs: list[Tariff] = []
    context = Context()
    for sent in doc.sents:
        cue = _CUE.search(sent.text)
        if cue is None:
            continue
        actors = _actors(sent, people)
        for rate in _RATE.finditer(sent.text):
            if _OLD_RATE.match(sent.text, rate.end()) and sent.text[: rate.start()].rstrip().endswith("from"):
                continue  # 'from 20% to 10%': only the new rate is a tariff
            tariffs.extend(_tariffs_at(sent, rate, actors, context, published))
        context.update(actors, cue.start())
    return _unique(tariffs)


class Context:
    """Who imposes tariffs on whom in the text so far, for sentences that leave it implicit."""

    def __init__(self) -> None:
        self.imposer: str | None = None
        self.target: str | None = None

    def update(self, actors: list[tuple[int, str, bool]], cue: int) -> None:
        agents = [c for o, c, by in actors if by or o < cue]
        targets = [c for o, c, by in actors if not by and o > cue and agents and c != agents[-1]]
        if targets:
            self.imposer, self.target = agents[-1], targets[0]


def _actors(sent: Any, people: People) -> list[tuple[int, str, bool]]:
    """(offset in sentence, country, named as agent with 'by') for each country, bloc or affiliated person."""
    found = []
    for ent in sent.ents:
        country = place(ent.text) if ent.label_ in {"GPE", "NORP", "ORG"} else None
        if country:
            offset = ent.start_char - sent.start_char
            found.append((offset, country, sent.text[:offset].rstrip().endswith(" by")))
    for offset, person in people.at(sent.start_char, sent.end_char):
        if person.affiliation:
            found.append((offset - sent.start_char, person.affiliation, False))
    return sorted(found)


def _tariffs_at(
    sent: Any, rate: re.Match[str], actors: list[tuple[int, str, bool]], context: Context, published: date | None
) -> list[Tariff]:
    text = sent.text
    clause_end = _clause_end(text, rate.end())
    agents = [c for o, c, by in actors if by]
    targets = list(dict.fromkeys(c for o, c, by in actors if rate.end() <= o < clause_end and not by))
    before = [c for o, c, by in actors if o < rate.start() and c not in targets]
    imposer = (agents or before)[-1] if agents or before else context.imposer
    scope = _SCOPE.search(text, rate.end(), clause_end)
    if not targets and context.target:
        targets = [context.target]
    elif not targets and scope:
        targets = [scope.group(1)]
    if imposer is None or not targets:
        return []
    clause = text[max(text.rfind(",", 0, rate.start()), text.rfind(";", 0, rate.start()), 0) : clause_end]
    status = next((s for s, cue in _STATUS if re.search(cue, clause, re.IGNORECASE)), TariffStatus.IN_EFFECT)
    effective = _effective(sent, published)
    if status is TariffStatus.IN_EFFECT and effective and published and effective > published.isoformat():
        status = TariffStatus.ANNOUNCED
    condition = _CONDITION.search(clause) or _CONDITION.search(text)
    return [
        Tariff(
            imposed_by=imposer,
            target=target,
            rate_percent=float(rate.group(1)),
            rate_text=rate.group(0).strip(),
            scope=scope.group(1) if scope else None,
            status=status,
            effective_date=effective,
            condition=condition.group(1).strip() if condition else None,
        )
        for target in targets
        if target != imposer
    ]


def _clause_end(text: str, start: int) -> int:
    stop = re.compile(r"[;]|,\s+(?:while|but|which|and the|though)\b|\.\s")
    match = stop.search(text, start)
    return match.start() if match else len(text)


def _effective(sent: Any, published: date | None) -> str | None:
    for ent in sent.ents:
        if ent.label_ == "DATE" and _EFFECTIVE.search(sent.doc.text[max(0, ent.start_char - 40) : ent.start_char]):
            iso = resolve(ent.text, published, future=True)
            if iso:
                return iso
    return None


def _unique(tariffs: list[Tariff]) -> list[Tariff]:
    seen: dict[tuple[str, str, float | None], Tariff] = {}
    for tariff in tariffs:
        seen.setdefault((tariff.imposed_by, tariff.target, tariff.rate_percent), tariff)
    return list(seen.values())
