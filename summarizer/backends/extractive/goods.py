"""Goods a tariff is put on, as written: the targets when no country is ('on steel and aluminum',
'Every car imported into the United States will be hit with ...')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.backends.extractive.lexicon import (
    ANYWHERE,
    CHARGED_VERB,
    GOODS,
    TARIFF_WORDS,
    TRADED,
    UNDERGO_VERB,
    VAGUE,
)
from summarizer.backends.extractive.parties import origins
from summarizer.backends.extractive.syntax import governor, subject
from summarizer.names import place

if TYPE_CHECKING:
    from spacy.tokens import Token

_KEEP = {"compound", "amod", "nmod"}


def goods_targets(cue: Token, country_in_context: bool, preps: frozenset[str] = frozenset({"on"})) -> list[str]:
    """The goods in the 'on ...' phrase of a tariff word (or of the clause that charges it), or the
    subject of 'face' / 'be hit with' it. A
    closing 'and other X' names the class ('engines, transmissions and other key auto parts' → auto parts).
    Goods of a country ('Chinese EVs', 'vehicles from China') give the country. Goods from anywhere
    ('all imported cars', 'every car imported into ...') are the target even when the passage is about a
    country; other goods are only when it is not ('25% on cars' in a story on Mexico is on Mexico)."""
    heads = _on_phrase(cue, preps)
    verb = cue.head.head if cue.dep_ == "pobj" else cue.head
    if not heads and cue.dep_ == "dobj":  # "imposing a 25% tariff on all steel imports": the verb has the 'on'
        heads = _on_phrase(verb, preps)
    if not heads and UNDERGO_VERB.fullmatch(verb.text):
        found = subject(verb)
        heads = [found] if found is not None else []
    if not heads:
        return []
    origin = origins(heads[0])
    if origin:
        return origin
    anywhere = any(t.lower_ in ANYWHERE for t in heads[0].subtree)
    if country_in_context and not anywhere:
        return []
    head = _of_goods(heads[0])
    items = [head, *[t for t in head.subtree if t.dep_ == "conj" and t.head.i >= head.i]]
    classes = [t for t in items if any(c.lower_ == "other" for c in t.children)]
    named = [n for t in (classes or items) for n in _phrases(t)]
    return [n for n in named if GOODS.search(n) and not place(n) and (_specific(n) or "all" in n.split())]


def _on_phrase(word: Token, preps: frozenset[str]) -> list[Token]:
    return [o for p in word.children if p.dep_ == "prep" and p.lower_ in preps for o in p.children if o.dep_ == "pobj"]


def _of_goods(head: Token) -> Token:
    """'imports of semi-finished copper products' → the products: a word that only says things are traded
    stands for the goods its 'of' phrase names."""
    if head.lower_ not in TRADED:
        return head
    named = _on_phrase(head, frozenset({"of"}))
    return named[0] if named and GOODS.search(named[0].text) else head


def charged_goods(number: Token) -> list[str]:
    """Goods owned by no country that are the subject of the verb charging the rate: 'kitchen cabinets and
    bathroom vanities would be charged 50 percent', 'softwood lumber now carries a 10% duty'."""
    verb = governor(number, 4)
    found = subject(verb) if verb is not None and CHARGED_VERB.fullmatch(verb.text) else None
    if found is None or found.pos_ != "NOUN" or found.lower_ in TARIFF_WORDS or origins(found):
        return []
    items = [found, *[t for t in found.subtree if t.dep_ == "conj" and t.head.i >= found.i and t.pos_ == "NOUN"]]
    return [n for n in (_phrase(t) for t in items) if not place(n)]


def _specific(phrase: str) -> bool:
    """More than a word that only says the things are traded ('goods', 'imports')."""
    return any(w.lower() not in TRADED for w in phrase.split())


def _phrases(noun: Token) -> list[str]:
    """The goods a noun names: 'steel and aluminium imports' → 'steel', 'aluminium imports' (a modifier with
    conjuncts names goods of its own), else the one phrase."""
    doc = noun.doc
    for modifier in (c for c in noun.lefts if c.dep_ in _KEEP):
        joined = [c for c in modifier.children if c.dep_ == "conj" and c.i < noun.i]
        if not joined:
            continue
        if all(GOODS.search(t.text) for t in (modifier, *joined)):
            return [doc[t.i : t.i + 1].text for t in (modifier, *joined[:-1])] + [doc[joined[-1].i : noun.i + 1].text]
        return [doc[modifier.i : noun.i + 1].text]  # 'branded or patented drugs': one kind of goods
    return [_phrase(noun)]


def _phrase(noun: Token) -> str:
    """'imported steel', 'auto parts', 'car': the noun and the modifiers right before it, up to a
    determiner or a vague word, copied verbatim so that it grounds."""
    start = noun.i
    while start > 0:
        word = noun.doc[start - 1]
        if word.head.i < start - 1 or word.head.i > noun.i or word.dep_ not in _KEEP or word.lower_ in VAGUE:
            break
        start -= 1
    return str(noun.doc[start : noun.i + 1].text)
