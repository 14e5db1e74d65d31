"""The parse around one tariff word: which word a rate belongs to, the clause it sits in, who charges it
('U.S. tariffs', 'the 10% tariff Brussels charges') and who undergoes it ('Steel from Canada ... will be hit
with')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.backends.extractive.goods import goods_targets
from summarizer.backends.extractive.lexicon import ACCEPTING, CHARGING, HITTING, HOLDING, TARIFF_WORDS, UNDERGOING
from summarizer.backends.extractive.nlp import entities
from summarizer.backends.extractive.parties import aimed_at, institution, origins, party, side
from summarizer.backends.extractive.syntax import VERBS, governor, subject, token_at, who
from summarizer.names import place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from summarizer.backends.extractive.people import People


def cue_token(sent: Span, rate: re.Match[str] | None) -> Token | None:
    """The tariff word a rate belongs to: the one the parse ties it to, else the nearest one in its
    clause, preferring one just after it."""
    attached = attached_cue(sent, rate) if rate is not None else None
    if attached is not None:
        return attached
    cues = [t for t in sent if t.lower_ in TARIFF_WORDS]
    if rate is not None:
        low, high = clause_start(sent.text, rate.start()), clause_end(sent.text, rate.end())
        cues = [t for t in cues if low <= t.idx - sent.start_char < high] or cues
    if not cues:
        return None
    if rate is None:
        return cues[0]
    at = sent.start_char + rate.end()
    nearest = min(cues, key=lambda t: abs(t.idx - at) + (0 if t.idx >= at else 5))
    return _own_verb(sent, rate, nearest) or nearest


def _own_verb(sent: Span, rate: re.Match[str], cue: Token) -> Token | None:
    """'..., and Beijing has responded with 125% on American products': the rate hangs from a verb with a subject of
    its own, not the tariff word's; the rate itself stands for the tariff word."""
    token = token_at(sent.doc, sent.start_char + rate.end() - 1)
    verb = governor(token, 3) if token is not None else None
    subj = subject(verb) if verb is not None else None
    if token is None or verb is None or subj is None or subj.lower_ in TARIFF_WORDS or verb == governor(cue, 3):
        return None
    if cue in verb.ancestors:  # a clause on the tariff word itself: "Chile's tariffs, some of which exceed 40%"
        return None
    # the subject is the verb's own, not a conjoined verb's ('X will face ..., and be charged 40%'), and does not
    # hold the rate ('The 40% penalty is aimed at ...')
    own = subj.head == verb and not subj.left_edge.i <= token.i <= subj.right_edge.i
    return token if own else None


def attached_cue(sent: Span, rate: re.Match[str]) -> Token | None:
    """The tariff word the parse ties a rate to: 'a 25% [tariff]', '[Tariffs] ... doubled to 50%',
    'the [rate] could rise to 50%'."""
    token = token_at(sent.doc, sent.start_char + rate.start())
    for _ in range(4):
        if token is None or token.head == token:
            return None
        token = token.head
        if token.lower_ in TARIFF_WORDS:
            return token
        if token.pos_ in VERBS:  # "[tariffs] doubled to 50%", "quadruple its [tariff] ... to 100%"
            # every subject: "If the pause lapses, the US rate would climb to 54%" parses two
            found = [subject(token), *(c for c in token.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"})]
            return next((t for t in found if t is not None and t.lower_ in TARIFF_WORDS), None)
    return None


def on_target(sent: Span, rate: re.Match[str], cue: Token | None) -> list[str]:
    """Countries in the tariff's own 'on ...' / 'against ...' phrase: 'on imports from Canada and Mexico',
    'on Chinese goods'. Destinations ('exports to the United States') are skipped."""
    rate_token = token_at(sent.doc, sent.start_char + rate.start())
    for head in (t for t in (cue, rate_token) if t is not None):
        for prep in head.subtree:
            if prep.dep_ != "prep" or prep.lower_ not in {"on", "against"} or not sent.start <= prep.i < sent.end:
                continue
            if any(o.like_num or o.text == "%" for o in prep.children):  # "10% on cars, against 2.5% in the U.S."
                continue
            low, high = prep.i, prep.right_edge.i
            listed = [place(e.text) for e in entities(sent) if low < e.start <= high and not destination(e)]
            found = [c for c in listed if c]
            if found:
                return list(dict.fromkeys(found))
    return []


def destination(ent: Span) -> bool:
    """'to the United States', 'into China': where goods go, so the importer, never the target."""
    before = [t.lower_ for t in ent.doc[max(0, ent.start - 2) : ent.start]]
    return bool(before) and (before[-1] in {"to", "into"} or before[-2:] in (["to", "the"], ["into", "the"]))


def modifier_country(cue: Token) -> str | None:
    """'U.S. tariff', 'China's tariffs', 'American duties'."""
    for child in cue.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"} and child.i < cue.i:
            country = place(child.text) or place(cue.doc[child.left_edge.i : child.i + 1].text)
            if country:
                return country
    return None


def rate_owner(sent: Span, rate: re.Match[str], cue: Token | None, named: list[tuple[int, str]]) -> str | None:
    """The country owning the rate word the parse ties the rate to: "Vietnam's rate was set at 20%", 'the U.K. rate
    could rise'; 'the European Union, whose 20% rate', the last of ``named`` (offset in the sentence, country)
    before the comma. Unless it is the side that charges (the caller's test), a country owning a rate pays it."""
    if cue is None or cue.lower_ not in {"rate", "rates"} or attached_cue(sent, rate) != cue:
        return None
    subject_rate = cue.dep_ in {"nsubj", "nsubjpass"}  # 'the U.K. rate could rise', not 'face a U.S. rate of 10%'
    owners = (t for t in cue.children if t.dep_ == "poss" or (subject_rate and t.dep_ in {"compound", "amod"}))
    word = next((t for t in owners if t.dep_ == "poss" or place(t.text)), None)
    if word is None or word.lower_ != "whose":
        return place(word.text) if word is not None else None
    at = word.idx - sent.start_char
    before = [c for offset, c in named if offset < at] if sent.text[:at].rstrip().endswith(",") else []
    return before[-1] if before else None


def undergoers(cue: Token | None) -> list[str] | None:
    """Countries whose goods 'face' / 'are hit with' the tariff, named in the subject ('Steel from Canada,
    Mexico and the EU') or in a gapped clause ('aluminum from [the three] with ...': empty list)."""
    if cue is None or cue.dep_ not in {"dobj", "pobj"}:
        return None
    owner = cue.head.head if cue.dep_ == "pobj" and cue.head.lower_ == "with" else cue.head
    if owner.pos_ in {"NOUN", "PROPN"} and cue.head.lower_ == "with":  # gapped: 'and aluminum from X with'
        return origins(owner)
    if cue.head.lower_ == "with" and owner.tag_ != "VBN" and HITTING.fullmatch(owner.text):
        hit = next((c for c in owner.children if c.dep_ == "dobj"), None)  # 'to hit European goods with 30%'
        if hit is not None:
            return origins(hit)
    goods = subject(owner)
    active = goods is not None and goods.dep_ == "nsubj"  # "X has charged", "X has answered with": X imposes
    hit_with = cue.head.lower_ == "with" and owner.tag_ == "VBN" and not active  # "will be hit with"
    if (active and CHARGING.fullmatch(owner.text)) or not (UNDERGOING.search(owner.text) or hit_with):
        return None
    return None if goods is None else origins(goods)


def relative(cue: Token | None, people: People) -> tuple[str, list[str]] | None:
    """Imposer and targets from a relative clause on the tariff word: 'the 10% tariff Brussels charges
    on all imported cars' → (European Union, [all imported cars]); 'the 50 percent tariff Trump imposed'."""
    for clause in (c for c in (cue.children if cue is not None else ()) if c.dep_ == "relcl"):
        imposer = party(subject(clause), people)
        if imposer:
            preps = frozenset({"on", "to", "against"})
            return imposer, aimed_at(clause, preps=preps) or goods_targets(clause, False, preps)
    return None


def clause_start(text: str, end: int) -> int:
    starts = [m.end() for m in re.finditer(r"[;]|,\s+(?=while|but|which|though|with)\b|\.\s", text[:end])]
    return starts[-1] if starts else 0


def clause_end(text: str, start: int) -> int:
    stop = re.compile(
        r"[;]|,\s+(?:while|but|which|and the|though|a move|with|against(?=\s+\d))\b|\.\s"
        r"|,\s+(?!including|excluding|covering|targeting|affecting|hitting|bringing)[a-z]+ing\b"  # ', reviving fears'
    )
    match = stop.search(text, start)
    return match.start() if match else len(text)


@dataclass(frozen=True)
class Subject:
    """Who governs the tariff word: a country, whether the verb means 'faces', and whether it is a person."""

    country: str | None = None
    facing: bool = False
    person: bool = False


def subject_of(cue: Token, people: People) -> Subject:
    verb = cue if cue.pos_ in VERBS else governor(cue)
    subj = subject(verb) if verb is not None else None
    if verb is None or subj is None:
        return Subject()
    # "X will face ...", "X will be hit with ...": a passive subject other than the tariff itself undergoes it
    facing = undergoes(verb, subj) or (subj.dep_ == "nsubjpass" and subj != cue)
    speaker = who(subj, people)
    if speaker is not None:
        name, person = speaker
        found = side(person) if person else place(name) or institution(name)
        if found or person:
            return Subject(found, facing, person is not None)
    if subj.lower_ in TARIFF_WORDS:  # "Tariffs on Canadian goods took effect": a country in it is taxed, but
        return Subject(_owner(subj, people), facing)  # "President Trump's tariffs ... took effect" are his
    inside = [place(t.text) for t in subj.subtree if place(t.text)]  # "imports from Mexico would face ..."
    return Subject(inside[-1] if inside else place(subj.text), facing)


def undergoes(verb: Token, subj: Token | None) -> bool:
    """The verb has its subject undergo a tariff: 'will face', 'are charged'; not 'Canada has charged'."""
    active = subj is not None and subj.dep_ == "nsubj" and bool(CHARGING.fullmatch(verb.text))
    subject_to = any(c.dep_ == "acomp" and c.lower_ == "subject" for c in verb.children)  # 'remain subject to'
    # 'Singapore stays at the 10 per cent baseline', 'Japan remains at 15%': a country held at a rate pays it
    held_at = HOLDING.fullmatch(verb.text) and any(c.dep_ == "prep" and c.lower_ in {"at", "on"} for c in verb.children)
    accepts = ACCEPTING.fullmatch(verb.text)
    if accepts and accepts.group("prep"):
        accepts = accepts if any(c.dep_ == "prep" and c.lower_ in {"to", "on"} for c in verb.children) else None
    return bool(UNDERGOING.search(verb.text) or subject_to or held_at or accepts) and not active


def _owner(word: Token, people: People) -> str | None:
    """Who owns a tariff word: 'U.S. tariffs', "President Trump's tariffs" (the party of its possessor)."""
    possessor = next((c for c in word.children if c.dep_ == "poss"), None)
    return modifier_country(word) or party(possessor, people)
