"""Meetings: who met whom, where, when and on what occasion, from meeting cues in each sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from summarizer.backends.extractive.dates import resolve
from summarizer.backends.extractive.nlp import entities
from summarizer.backends.extractive.people import People
from summarizer.schema import Meeting, MeetingStatus

_CUE = re.compile(
    r"\b(?:met(?: in person)?|meets?|meeting|meetings|talks|talked|sat down|spoke|speaks|speak|phone call|call|"
    r"summit|hosted|hosts|received|receives|dialogue|discussions?|conversations?|encounter|clash(?:ed|es)? with)\b",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:will|would|plans? to|planning to|scheduled to|expected to|set to|due (?:to|in|at)|is to|are to|to meet)\b",
    re.IGNORECASE,
)
_HE_SHE = re.compile(r"\b(?:he|she)\b(?!.*\b(?:he|she)\b)", re.IGNORECASE)
_PLURAL = re.compile(r"meetings|talks|conversations|discussions", re.IGNORECASE)
_ROLE = re.compile(
    r"\bthe\s+((?:[A-Z][\w-]*\s+){1,4}(?:Minister|Secretary|President|Premier|Chancellor|Envoy|Ambassador|"
    r"Representative|Commissioner))\b"
)
_OCCASION = re.compile(
    r"\b(?:on the sidelines of|during|at)\s+(?:the\s+)?((?:[\w'’-]+\s+){0,6}?(?:summit|meetings?|conference|forum|"
    r"talks|gathering|gatherings|Assembly|G7|G20|Summit|Conference|Forum)(?:\s+(?:summit|meetings?|conference|forum))?)\b",
    re.IGNORECASE,
)
# "also present at the talks between A and B", "talks in Beijing in June between A and B"
_BETWEEN = re.compile(r"[^,;]{0,40}?\bbetween\b", re.IGNORECASE)
_COUNTERPART = re.compile(r"\s*with\b", re.IGNORECASE)  # "A and B will lead the team in talks with China"
_GENERIC_OCCASION = {"talks", "meeting", "meetings"}  # "at the talks" names no occasion
_CONJOINED_VERB = re.compile(r"\band\s+(?:then\s+|later\s+|also\s+)?$", re.IGNORECASE)  # "X met Y and then hosted Z"
_AGAIN = re.compile(r"\s+again\b", re.IGNORECASE)  # "spoke again later on Monday": a second occasion
_POSSESSIVE_PRONOUN = re.compile(r"\b(his|her)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


@dataclass
class Draft:
    participants: list[str]
    status: MeetingStatus
    location: str | None = None
    date: str | None = None
    date_text: str | None = None
    occasion: str | None = None
    topics: list[str] = field(default_factory=list)
    again: bool = False  # "spoke again", "a second call": another occasion of the same people

    def key(self) -> frozenset[str]:
        return frozenset(self.participants)


def find_meetings(doc: Any, people: People, published: date | None) -> list[Meeting]:
    drafts: dict[frozenset[str], Draft] = {}
    repeats: list[Draft] = []
    for sent in doc.sents:
        for draft in _from_sentence(sent, people, published):
            known = drafts.get(draft.key())
            if known is None:
                drafts[draft.key()] = draft
            elif draft.again and len(repeats) < 8:
                repeats.append(draft)
            else:
                known.location = known.location or draft.location
                known.date, known.date_text = (
                    (known.date, known.date_text) if known.date else (draft.date, draft.date_text)
                )
                known.occasion = known.occasion or draft.occasion
    return [Meeting(**{k: v for k, v in vars(d).items() if k != "again"}) for d in [*drafts.values(), *repeats]]


def _from_sentence(sent: Any, people: People, published: date | None) -> list[Draft]:
    text, base = sent.text, sent.start_char
    drafts = []
    for cue in _CUE.finditer(text):
        head, tail = text[: cue.start()], _clause(text[cue.end() :])
        clause_head = re.split(r"[;,]\s", head)[-1]
        objects = _objects(tail, base + cue.end(), people)
        if objects:
            subject = _subject(head, base, people)
            if _BETWEEN.match(tail):  # those named meet; whoever is named before joins them
                groups = [[*objects, subject] if subject else objects]
            elif subject is None:
                continue
            elif _PLURAL.fullmatch(cue.group(0)):
                groups = [[subject, o] for o in objects]
            else:
                groups = [[subject, *objects]]
        elif _COUNTERPART.match(tail):  # one side's team, the other side not a person named here
            continue
        else:  # "Putin and Trump held talks"
            start = base + len(head) - len(clause_head)
            groups = [[p.name for _, p in people.at(start, base + len(head))]]
        status = MeetingStatus.PLANNED if _PLANNED.search(clause_head) else MeetingStatus.HELD
        for group in groups:
            names = list(dict.fromkeys(group))
            if len(names) >= 2:
                draft = Draft(participants=names, status=status, again=bool(_AGAIN.match(text, cue.end())))
                drafts.append(_describe(draft, sent, published, future=status is MeetingStatus.PLANNED))
    return drafts


def _clause(tail: str) -> str:
    return re.split(r"[;:]|\b(?:after|before|while|but|which|who|and then)\b", tail, maxsplit=1)[0]


def _subject(head: str, base: int, people: People) -> str | None:
    """The person before the cue; 'his talks with ...' means the sentence's or the text's last person, and
    a verb conjoined to an earlier one ('X met Y and then hosted Z') has the sentence's first person."""
    mentioned = people.at(base, base + len(head))
    if _POSSESSIVE_PRONOUN.search(head):
        person = mentioned[0][1] if mentioned else people.last_before(base)
        return person.name if person else None
    if mentioned and _CONJOINED_VERB.search(head):
        return mentioned[0][1].name
    if mentioned:
        return mentioned[-1][1].name
    pronoun = _HE_SHE.search(head)  # "... where he is expected to meet X"
    person = people.last_before(base + pronoun.start()) if pronoun else None
    return person.name if person else None


def _objects(tail: str, base: int, people: People) -> list[str]:
    """People (or unnamed officials by title) the subject met, in order of mention."""
    found = [(offset, person.name) for offset, person in people.at(base, base + len(tail))]
    found += [(base + m.start(1), m.group(1).strip()) for m in _ROLE.finditer(tail)]
    return list(dict.fromkeys(name for _, name in sorted(found)))


def _describe(draft: Draft, sent: Any, published: date | None, future: bool) -> Draft:
    for ent in entities(sent):
        before = sent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if ent.label_ in {"GPE", "FAC", "LOC"} and before in {"in", "at"} and draft.location is None:
            draft.location = ent.text
        elif ent.label_ == "DATE" and draft.date is None:
            iso = resolve(ent.text, published, future=future)
            if iso:
                draft.date, draft.date_text = iso, ent.text
    occasion = _OCCASION.search(sent.text)
    if occasion and occasion.group(1).lower() not in _GENERIC_OCCASION:
        draft.occasion = occasion.group(1)
    return draft
