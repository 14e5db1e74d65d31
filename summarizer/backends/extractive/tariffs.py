"""Tariffs: a rate tied to a tariff word, who imposes it on whom, its status, date and condition.

A rate belongs to the tariff word the parse ties it to, else the nearest in its clause; old, replaced,
counterfactual rates and shares or market moves are skipped. Who imposes it, in order: the country of a
relative clause ("the 10% tariff Brussels charges"), a country modifying the tariff noun ("U.S. tariff"),
an agent or destination ("by Washington", "into the United States"), the subject of the governing verb
("Canada imposed ..."), whoever reports what others "face", the passage's imposer, the country most
often written before "tariff". Whom: the tariff's own "on ..." phrase, the goods' origin in the subject
("Steel from Canada and Mexico will be hit with ..."), countries named in the clause, else goods when
no country is in play ("Tariffs on steel and aluminum imported into ..."). Measures without a rate are
in ``measures``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from summarizer.backends.extractive.dates import resolve
from summarizer.backends.extractive.frames import (
    attached_cue,
    clause_end,
    cue_token,
    modifier_country,
    on_target,
    relative,
    undergoers,
)
from summarizer.backends.extractive.goods import goods_targets
from summarizer.backends.extractive.lexicon import TARIFF_CUE, TARIFF_WORDS, UNDERGOING
from summarizer.backends.extractive.measures import rateless_measures
from summarizer.backends.extractive.nlp import entities
from summarizer.backends.extractive.parties import reporter
from summarizer.backends.extractive.people import People
from summarizer.backends.extractive.syntax import VERBS, governor, subject, token_at, who
from summarizer.names import party_key, place
from summarizer.schema import Tariff, TariffStatus

# "the rate could rise to 50%" in a story about tariffs; not an interest, inflation or growth rate
_RATE_WORD = re.compile(
    r"\b(?<!interest )(?<!inflation )(?<!unemployment )(?<!growth )(?<!tax )(?<!exchange )rates?\b", re.IGNORECASE
)
_RATE = re.compile(
    r"(?:\b(?:an?|the)\s+)?(?:\b(?:additional|extra|further|new|blanket|baseline|reciprocal|flat|universal)\s+)?"
    r"(\d{1,3}(?:\.\d+)?)\s?(?:%|percent(?:age points?)?\b|per cent\b)"
)
# Status cues, strongest first: the first that matches the rate's clause decides.
_STATUS = [
    (TariffStatus.SUSPENDED, r"\b(?:suspend\w*|lift\w*|scrap\w*|revok\w*|drop(?:ped)?|exempt\w*)\b"),
    (TariffStatus.DELAYED, r"\b(?:delay\w*|postpon\w*|paus\w*|truce|hold\w* off|push\w* back)\b"),
    (TariffStatus.REDUCED, r"\b(?:cut|cuts|reduc\w*|lower\w*|halv\w*|slash\w*|fall\w*|fell|down)\b"),
    (TariffStatus.RETALIATORY, r"\b(?:retaliat\w*|counter-?measures?|counter-?tariffs?|in response)\b"),
    (TariffStatus.IN_EFFECT, r"\b(?:already|existing|in place|took effect|currently)\b"),
    (TariffStatus.THREATENED, r"\b(?:threat\w*|warn\w*|prepared to|could|would|may|might|if|unless|vow\w*)\b"),
    (TariffStatus.PROPOSED, r"\b(?:propos\w*|consider\w*|weigh\w*|draft\w*)\b"),
    (TariffStatus.IN_EFFECT, r"\b(?:in effect|imposed|remain\w*)\b"),
]
_EFFECTIVE = re.compile(
    r"\b(?:(?P<future>effective|from|starting|beginning|takes? effect(?: on)?|will take effect(?: on)?|as of|"
    r"start on|due to start on)|(?P<past>took effect(?: on)?|on))\s+$",
    re.IGNORECASE,
)
_CONDITION = re.compile(r"\b((?:if|unless)\s+[^,.;]{3,120})", re.IGNORECASE)
_SCOPE = re.compile(
    r"\b(?!on\b|to\b|of\b)((?:[\w-]+\s+){0,2}?(?:imports|exports|goods|products|vehicles|cars|autos|"
    r"auto parts|steel|aluminium|aluminum|copper|lumber|timber|pharmaceuticals|drugs|semiconductors|chips|"
    r"electronics|energy|oil|agricultural products|machinery|textiles))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Actor:
    """A country, bloc or affiliated person mentioned in a sentence."""

    offset: int  # in the sentence
    country: str
    agent: bool  # named with 'by', or where goods go ('exports to the United States'): imposes, never a target


class Context:
    """Who imposes tariffs on whom in the text so far, for sentences that leave it implicit."""

    def __init__(self, default: str | None) -> None:
        self.imposer: str | None = None
        self.target: str | None = None
        self.default = default

    def answered(self, country: str, so_far: list[Tariff]) -> str | None:
        """Whom ``country`` answers with a counter-measure: whoever taxes it most often so far, else the
        usual imposer, else whoever that one taxes."""
        imposers = Counter(t.imposed_by for t in so_far if t.target == country and t.imposed_by != country)
        if imposers:
            return imposers.most_common(1)[0][0]
        if country != self.default:
            return self.default
        return self.target if self.target != country else None

    def update(self, imposer: str | None, target: str | None) -> None:
        if imposer and target:
            self.imposer, self.target = imposer, target


def find_tariffs(doc: Any, people: People, published: date | None) -> list[Tariff]:
    tariffs: list[Tariff] = []
    context = Context(_usual_imposer(doc))
    in_tariff_passage = False
    tariff_story = bool(TARIFF_CUE.search(doc.text))
    for sent in doc.sents:
        mentioned = TARIFF_CUE.search(sent.text) or (tariff_story and _RATE_WORD.search(sent.text))
        rates = [r for r in _RATE.finditer(sent.text) if not _old_rate(sent.text, r) and not _not_a_tariff(sent, r)]
        cues = [cue_token(sent, rate) for rate in rates]  # the tariff word of each rate, found once
        # "China will face an additional 34%": a rate sentence right after a tariff sentence continues it
        continues = in_tariff_passage and rates and UNDERGOING.search(sent.text)
        in_tariff_passage = bool(mentioned or continues)
        if _body(sent.text):
            rated = [word for word in cues if word is not None]
            tariffs.extend(
                rateless_measures(
                    sent, rated, people, lambda country: context.answered(country, tariffs), context.default
                )
            )
        if not in_tariff_passage:
            continue
        actors = _actors(sent, people)
        previous_end, previous_targets = 0, list[str]()
        for rate, cue in zip(rates, cues, strict=True):
            found = _tariffs_at(sent, rate, cue, (previous_end, previous_targets), actors, people, context, published)
            tariffs.extend(found)
            previous_end, previous_targets = rate.end(), [t.target for t in found]
        if not rates:
            context.update(*_who_on_whom(sent, None, cue_token(sent, None), actors, people, context))
    return _retaliation(_unique(tariffs))


def _body(text: str) -> bool:
    """A sentence of the story, not a headline or link: it ends like a sentence."""
    return bool(re.search(r"[.!?][\"”’]?\s*$", text)) and "](" not in text


_APPLIED = {TariffStatus.IN_EFFECT, TariffStatus.ANNOUNCED, TariffStatus.RETALIATORY, TariffStatus.REDUCED}


def _retaliation(tariffs: list[Tariff]) -> list[Tariff]:
    """A tariff in force or announced against a country that earlier taxed the imposer is a counter-measure."""
    marked = []
    for i, tariff in enumerate(tariffs):
        earlier = any(
            t.imposed_by == tariff.target and t.target == tariff.imposed_by and t.status in _APPLIED
            for t in tariffs[:i]
        )
        if earlier and tariff.status in {TariffStatus.IN_EFFECT, TariffStatus.ANNOUNCED}:
            tariff = tariff.model_copy(update={"status": TariffStatus.RETALIATORY})
        marked.append(tariff)
    return marked


_REPLACED = re.compile(r"\b(?:replac\w+|instead of|rather than)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
_COUNTERFACTUAL = re.compile(r"\bwould have\s+(?:\w+ly\s+)?\w+ed\b", re.IGNORECASE)


def _old_rate(text: str, rate: re.Match[str]) -> bool:
    """Not a tariff of its own: the old rate of a change ('from 20% to 10%', 'to 10% from 27.5%'), the
    low end of a range ('5% to 10%'), a rate another replaces ('replacing the 30% rate'), or one that
    never was ('a 30% tariff would have hurt')."""
    before = text[: rate.start()].rstrip()
    if before.endswith("from") and re.search(r"\bto\s+(?:an?\s+)?\d", text):
        return True
    if re.match(r"\s*(?:to|-|–)\s*\d", text[rate.end() :]):  # "17.4% to 37.6%": a range is its upper bound
        return True
    after = text[rate.end() : clause_end(text, rate.end())]
    return bool(_REPLACED.search(text[: rate.start()]) or _COUNTERFACTUAL.search(after))


_MOVES = re.compile(
    r"fell|falls?|rose|rises?|dropped|drops?|slid|slipped|climbed|jumped|gained|lost|declined|surged|tumbled|"
    r"plunged|grew|shrank|sank|soared|edged|shed|slumped|rallied|accounted|account|accounts|makes?|made",
    re.IGNORECASE,
)


def _not_a_tariff(sent: Any, rate: re.Match[str]) -> bool:
    """A share or a market move in a tariff sentence: 'shares fell 3%', '40% of its exports',
    'accounting for 15% of imports'. A rate the parse ties to a tariff word is never one."""
    if attached_cue(sent, rate) is not None:
        return False
    share = re.match(r"\s+of\b(.{0,40})", sent.text[rate.end() :])
    if share:  # "24 percentage points of its reciprocal tariff" is a tariff
        return not TARIFF_CUE.search(share.group(1))
    token = token_at(sent.doc, sent.start_char + rate.start())
    verb = governor(token, 3) if token is not None else None
    return verb is not None and bool(_MOVES.fullmatch(verb.text))


_DESTINATION = re.compile(
    r"\b(?:entering|enter|enters|into|imported into|exports? to|shipped to|sold in)\s+"
    r"(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z]\w*)?)"
)


def _usual_imposer(doc: Any) -> str | None:
    """The country most often written right before a tariff word ('U.S. tariffs'), or that goods
    enter ('goods entering the United States'): tariffs are levied by the importing country."""
    counts: Counter[str] = Counter()
    for token in doc:
        if token.lower_ in TARIFF_WORDS and token.i > 0:
            country = place(doc[token.i - 1].text) or (place(doc[token.i - 2].text) if token.i > 1 else None)
            if country:
                counts[country] += 1
    for match in _DESTINATION.finditer(doc.text):
        country = place(match.group(1)) or place(match.group(1).split()[0])
        if country:
            counts[country] += 1
    return counts.most_common(1)[0][0] if counts else None


def _actors(sent: Any, people: People) -> list[Actor]:
    found = []
    for ent in entities(sent):
        country = place(ent.text) if ent.label_ in {"GPE", "NORP", "ORG"} else None
        if country:
            offset = ent.start_char - sent.start_char
            lead = sent.text[:offset].lower().rstrip()
            found.append(
                Actor(offset, country, lead.endswith((" by", " to", " to the", " into", " into the", " entering")))
            )
    for offset, person in people.at(sent.start_char, sent.end_char):
        if person.affiliation:
            found.append(Actor(offset - sent.start_char, person.affiliation, False))
    return sorted(found, key=lambda a: a.offset)


@dataclass(frozen=True)
class Subject:
    """Who governs the tariff word: a country, whether the verb means 'faces', and whether it is a person."""

    country: str | None = None
    facing: bool = False
    person: bool = False


def _subject(cue: Any, people: People) -> Subject:
    verb = cue if cue.pos_ in VERBS else governor(cue)
    subj = subject(verb) if verb is not None else None
    if verb is None or subj is None:
        return Subject()
    # "X will face ...", "X will be hit with ...": a passive subject other than the tariff itself undergoes it
    facing = bool(UNDERGOING.search(verb.text)) or (subj.dep_ == "nsubjpass" and subj != cue)
    speaker = who(subj, people)
    if speaker is not None:
        name, person = speaker
        found = person.affiliation if person else place(name)
        if found or person:
            return Subject(found, facing, person is not None)
    inside = [place(t.text) for t in subj.subtree if place(t.text)]  # "imports from Mexico would face ..."
    return Subject(inside[-1] if inside else place(subj.text), facing)


def _who_on_whom(
    sent: Any, rate: re.Match[str] | None, cue: Any | None, actors: list[Actor], people: People, context: Context
) -> tuple[str | None, str | None]:
    cue_at = cue.idx - sent.start_char if cue is not None else 0
    start = min(rate.start(), cue_at) if rate else cue_at
    end = clause_end(sent.text, rate.end() if rate else cue_at)
    modifier = modifier_country(cue) if cue is not None else None
    agent = next((a.country for a in actors if a.agent), None)
    subj = _subject(cue, people) if cue is not None else Subject()
    imposer = modifier or agent or (reporter(sent, people) if subj.facing else subj.country)
    after = [a.country for a in actors if start <= a.offset < end and not a.agent and a.country != imposer]
    target = after[0] if after else (subj.country if subj.facing else None)
    if imposer is None:
        # an unaffiliated person ("Trump ordered ...") acts for the passage's imposer, not for a country
        # mentioned in passing ("... purchases of Russian oil")
        before = [a.country for a in actors if a.offset < start and a.country != target and not a.agent]
        usable = before and not subj.facing and not subj.person
        imposer = before[-1] if usable else (context.imposer or context.default)
    return imposer, (target if target != imposer else None)


def _tariffs_at(
    sent: Any,
    rate: re.Match[str],
    cue: Any | None,
    previous: tuple[int, list[str]],
    actors: list[Actor],
    people: People,
    context: Context,
    published: date | None,
) -> list[Tariff]:
    text = sent.text
    previous_end, previous_targets = previous
    imposer, target = _who_on_whom(sent, rate, cue, actors, people, context)
    start = min(rate.end(), cue.idx - sent.start_char) if cue is not None and cue.idx > sent.start_char else rate.end()
    end = clause_end(text, rate.end())
    named = [a.country for a in actors if start <= a.offset < end and not a.agent and a.country != imposer]
    on = [c for c in on_target(sent, rate, cue) if c != imposer]
    # "Japan was assigned 24%, and Vietnam, ..., 46%": each rate goes with the first country since the last rate
    segment = [a.country for a in actors if previous_end <= a.offset < rate.start() and not a.agent]
    facing = segment and UNDERGOING.search(text[: rate.start()])
    targets = on or ([segment[0]] if facing else []) or list(dict.fromkeys(named)) or ([target] if target else [])
    undergoing = undergoers(cue)
    if undergoing is not None:  # "Steel from Canada, Mexico and the EU will be hit with a 25% duty, and
        targets = undergoing or previous_targets or targets  # aluminum from the three with a 10% duty"
    charged = relative(cue)
    if charged is not None:  # "the 6.1% duty Canada already applies to Chinese electric cars"
        imposer, targets = charged[0], charged[1] or targets
    scope = _SCOPE.search(text, rate.end(), end)
    if not on and not (facing or named) and cue is not None:
        targets = goods_targets(cue, bool(context.target and place(context.target))) or targets
    if not targets and context.target and context.target != imposer:
        targets = [context.target]
    elif not targets and context.target == imposer and context.imposer:  # the other side's turn
        targets = [context.imposer]
    if not targets and scope:
        targets = [scope.group(1)]
    if imposer in targets:  # a country does not tax itself: the sentence named only the target
        imposer = next((c for c in (context.imposer, context.default) if c and c not in targets), None)
    if imposer is None or not targets:
        return []
    context.update(imposer, targets[0])
    status = _status(text, rate)
    effective = _effective(sent, published)
    if status is TariffStatus.IN_EFFECT and effective and published and effective > published.isoformat():
        status = TariffStatus.ANNOUNCED
    condition = _CONDITION.search(text, rate.start()) or _CONDITION.search(text)
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
    ]


def _status(text: str, rate: re.Match[str]) -> TariffStatus:
    """From the cues in the rate's own comma-delimited clause; retaliation may be said anywhere in the sentence."""
    left = max(text.rfind(",", 0, rate.start()), text.rfind(";", 0, rate.start()), 0)
    right = min([i for i in (text.find(",", rate.end()), text.find(";", rate.end())) if i >= 0] or [len(text)])
    clause = text[left:right]
    status = next((s for s, cue in _STATUS if re.search(cue, clause, re.IGNORECASE)), TariffStatus.IN_EFFECT)
    if status in {TariffStatus.IN_EFFECT, TariffStatus.ANNOUNCED} and re.search(r"retaliat", text, re.IGNORECASE):
        return TariffStatus.RETALIATORY
    return status


def _effective(sent: Any, published: date | None) -> str | None:
    for ent in entities(sent):
        cue = _EFFECTIVE.search(sent.doc.text[max(0, ent.start_char - 40) : ent.start_char])
        if ent.label_ == "DATE" and cue:
            iso = resolve(ent.text, published, future=cue.group("future") is not None)
            if iso:
                return iso
    return None


def _unique(tariffs: list[Tariff]) -> list[Tariff]:
    seen: dict[tuple[str, str, float | None], Tariff] = {}
    for tariff in tariffs:
        seen.setdefault((tariff.imposed_by, party_key(tariff.target), tariff.rate_percent), tariff)
    return list(seen.values())
