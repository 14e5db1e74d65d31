"""Rate boxes: bullet lines that list tariff rates outside the prose ('- Brazil: 50 percent', '- Steel and aluminum:
50 per cent', '- 25% on steel and aluminium, since 12 March', '- China's tariffs on US goods: 10%').

A box line is no sentence, so the rule tables of :mod:`.rules` do not read it. What a box says is simpler: a label
(a country, goods, or a tariff named with its sides) and its rates. The box is about the passage it sits in: a
label that names no country is charged on the passage's target when that is a country (a box of what Canadian
exporters pay), else on the goods it names; the passage's imposer, else the article's usual one, charges it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from summarizer.backends.extractive.dates import resolve
from summarizer.backends.extractive.lexicon import GOODS, PROPOSAL_CUE, RATE, TARIFF_CUE
from summarizer.backends.extractive.nlp import doc_text, entities
from summarizer.backends.extractive.passage import Context
from summarizer.names import place
from summarizer.schema import Tariff, TariffStatus

if TYPE_CHECKING:
    from spacy.tokens import Span

BULLET = re.compile(r"\s*(?:--?|[•*·–])\s+")  # '- ', '-- ' (Xinhua), '• ', '· ', '– '
_CELL = re.compile(r"\s*\|\s*")  # a table row, 'Malaysia | 25%': the label's cell, then the rate's
_LABEL_SEP = re.compile(r":|\s*\|\s*(?=\S)")
_TO_NEXT = re.compile(r"\s*(?:to|->|→)\s*\d")  # '5% to 2.5%': the first rate is the old one
_FIRMS = re.compile(r"\b(?:compan(?:y|ies)|firms?|manufacturers?|makers?|carmakers?|producers?|exporters?)\b", re.I)
_MOVE = re.compile(r"\b(?:up|down|fell|rose|gained|lost|shares?|stocks?|index)\b", re.IGNORECASE)
_RATE_ON = re.compile(r"\s+on\s+([^,;:]+?)(?=\s+(?:from|since|until|effective|starting)\b|[,;:]|$)")
_LABEL_END = re.compile(r"\s*\([^)]*\)")  # 'Semi-finished products (pipe, wire, rod)': the list in brackets is scope
_SINCE = re.compile(r"\b(?P<past>since)\s+$|\b(?P<future>from|effective|starting)\s+$", re.IGNORECASE)
_UNDER_REVIEW = re.compile(rf"{PROPOSAL_CUE}|\bunder review\b|\brecommend\w*", re.IGNORECASE)


def box_tariffs(sent: Span, context: Context, published: date | None) -> list[Tariff]:
    """The records of the bullet line ``sent`` opens, if it lists a rate; none for any other sentence (the parse
    may break a line in two: '- ' and 'Brazil: 50 percent')."""
    text = doc_text(sent.doc)
    start = text.rfind("\n", 0, sent.start_char) + 1
    end = text.find("\n", sent.start_char)
    end = len(text) if end < 0 else end
    if text[start : sent.start_char].strip() or not (BULLET.match(text, start) or _row(text[start:end])):
        return []
    line = sent.doc.char_span(start, end, alignment_mode="expand")
    if line is None or not RATE.search(line.text):
        return []
    return _box(line, context, published)


def _row(line: str) -> bool:
    """A table row of two cells, a label and a rate ('Malaysia | 25%'), with or without the outer bars."""
    cells = [c for c in _CELL.split(line.strip().strip("|")) if c]
    return len(cells) == 2 and bool(RATE.fullmatch(cells[1].strip()))


def _box(line: Span, context: Context, published: date | None) -> list[Tariff]:
    text = line.text
    bullet = BULLET.match(text) or re.match(r"\s*\|?\s*", text)
    assert bullet is not None
    ents = _entities(line)
    split = _LABEL_SEP.search(text, bullet.end())  # the label ends at a colon or a table's bar
    label = text[bullet.end() : split.start()] if split else text[bullet.end() :]
    if split and RATE.search(text, split.end()) and not RATE.search(label):  # '- Brazil: 50 percent'
        start = split.end()
        return _records(line, ents, [_side(line, ents, bullet.end(), label, context)], start, context, published)
    found: list[Tariff] = []
    for rate in RATE.finditer(text):  # '- 25% on steel and aluminium, since 12 March'
        on = _RATE_ON.match(text, rate.end())
        if on is None:
            continue
        goods = re.split(r",\s*|\s+and\s+", on.group(1)) if not place(on.group(1)) else [on.group(1)]
        sides = [_side(line, ents, on.start(1), g, context) for g in goods]
        found += _records(line, ents, sides, rate.start(), context, published, only=rate)
    return found


def _side(line: Span, ents: list[Span], offset: int, label: str, context: Context) -> tuple[str | None, str | None]:
    """Imposer and target of a label: 'US tariffs on Chinese goods' names both; 'Brazil' the target; goods name
    none, so the passage's country target, else the goods."""
    named = [
        (e.start_char - line.start_char, country)
        for e in ents
        if offset <= e.start_char - line.start_char < offset + len(label) and (country := place(e.text))
    ]
    imposer = context.imposer or context.default
    cue = TARIFF_CUE.search(label)
    if cue is not None:
        before = [c for at, c in named if at < offset + cue.start()]
        after = [c for at, c in named if at >= offset + cue.end()]
        return (before[0] if before else imposer), (after[0] if after else context.target)
    if place(label.strip()):
        return imposer, place(label.strip())
    goods = _LABEL_END.sub("", label).strip()
    country_passage = context.target is not None and place(context.target) is not None
    if country_passage and _firm(line, label):  # '- BYD: 17.0%' in a box of what Chinese makers pay
        return imposer, context.target
    if not GOODS.search(goods) or resolve(goods, None):  # 'Toyota shares: down 3%', '3% on Monday': no tariff
        return None, None
    return imposer, (context.target if country_passage else goods)


def _firm(line: Span, label: str) -> bool:
    """The label names a company ('BYD', 'Tesla (cars built in Shanghai)') or a group of them ('Companies that did
    not cooperate'), and the line is no market report ('Toyota shares: down 3%')."""
    if _MOVE.search(line.text):
        return False
    name = _LABEL_END.sub("", label).strip()
    return bool(_FIRMS.search(label) or re.fullmatch(r"(?:[A-Z][\w&.-]*\s?){1,3}", name)) and not place(name)


def _records(
    line: Span,
    ents: list[Span],
    sides: list[tuple[str | None, str | None]],
    start: int,
    context: Context,
    published: date | None,
    only: re.Match[str] | None = None,
) -> list[Tariff]:
    text = line.text
    status, effective = _status(line, ents, published, start)
    lead = context.lead if effective is None else None  # the box's lead-in dates a line that gives no date
    if lead is not None and status != TariffStatus.PROPOSED:
        status, effective = lead.status, lead.effective
    rates = [only] if only is not None else [r for r in RATE.finditer(text, start) if not _old(text, r)]
    return [
        Tariff(
            imposed_by=imposer,
            target=target,
            rate_percent=float(rate.group(1)),
            rate_text=rate.group(0).strip(),
            status=TariffStatus.REDUCED if _cut(text, rate) else status,
            effective_date=effective,
            condition=lead.condition if lead is not None else None,
        )
        for rate in rates
        for imposer, target in sides
        if imposer and target and imposer != target
    ]


def _entities(line: Span) -> list[Span]:
    sentences = {token.sent.start: token.sent for token in line}  # the line's sentences, each once
    return [e for sent in sentences.values() for e in entities(sent)]


def _old(text: str, rate: re.Match[str]) -> bool:
    """'35%, up from 25%', '5% to 2.5%': the rate before a change is none of the box's."""
    return bool(re.search(r"\b(?:up|down)?\s*from\s+$", text[: rate.start()]) or _TO_NEXT.match(text, rate.end()))


def _cut(text: str, rate: re.Match[str]) -> bool:
    """'5% to 2.5%': the new rate is lower than the one it replaces (the rate that ``_TO_NEXT`` leads to it)."""
    old = [
        r
        for r in RATE.finditer(text, 0, rate.start())
        if (to := _TO_NEXT.match(text, r.end())) and to.end() - 1 == rate.start(1)
    ]
    return bool(old) and float(old[-1].group(1)) > float(rate.group(1))


def _status(line: Span, ents: list[Span], published: date | None, start: int) -> tuple[TariffStatus, str | None]:
    """Proposed when the line says so ('under review'); announced from a later start date; else in force, since
    the date it gives (the first after ``start``, where the rate is: '25% on cars, since 3 April, and 25% on car
    parts, since 3 May')."""
    effective = None
    for ent in ents:
        cue = _SINCE.search(doc_text(line.doc)[max(line.start_char, ent.start_char - 20) : ent.start_char])
        if ent.label_ == "DATE" and cue and ent.start_char >= line.start_char + start:
            effective = resolve(ent.text, published, future=cue.group("future") is not None)
            break
    if _UNDER_REVIEW.search(line.text):
        return TariffStatus.PROPOSED, effective
    later = effective is not None and published is not None and effective > published.isoformat()
    return (TariffStatus.ANNOUNCED if later else TariffStatus.IN_EFFECT), effective
