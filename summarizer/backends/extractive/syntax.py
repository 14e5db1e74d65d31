"""Who did it: the grammatical subject of a verb, resolved to a person or an institution."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.backends.extractive.nlp import doc_text
from summarizer.backends.extractive.people import People, Person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = {"nsubj", "nsubjpass"}
VERBS = {"VERB", "AUX"}
_CLIMB = {"conj", "xcomp", "advcl", "ccomp", "relcl", "acomp"}
_PRONOUNS = {"he", "she", "him", "her", "his", "they"}


def token_at(doc: Doc, offset: int) -> Token | None:
    """The token covering character ``offset``."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def governor(token: Token, steps: int | None = None) -> Token | None:
    """The nearest verb above ``token`` within ``steps`` heads (any number by default), or None:
    'respond with [countermeasures]' → respond."""
    for _ in range(len(token.doc) if steps is None else steps):
        if token.head == token:
            return None
        token = token.head
        if token.pos_ in VERBS:
            return token
    return None


def subject(verb: Token) -> Token | None:
    """The subject token of ``verb``, climbing through conjoined and embedded verbs ('he turned and said')."""
    current = verb
    for _ in range(4):
        # "this month ordered ...": a parse error makes a time phrase the subject; the doer is further up
        found = [
            c
            for c in current.children
            if c.dep_ in _SUBJECTS and c.ent_type_ not in {"DATE", "TIME"} and not _dateline(c)
        ]
        if found:
            return found[0]
        if current.dep_ not in _CLIMB or current.head == current:
            return None
        current = current.head
    return None


def _dateline(token: Token) -> bool:
    """'WASHINGTON (AP) — Goods from ... will face': the parse may take the dateline for a subject."""
    dash = any(t.text in {"—", "–", "-"} for t in token.subtree)
    return token.i == token.sent.start and token.is_upper and len(token.text) > 1 and dash


def phrase(token: Token) -> str:
    """The whole noun phrase a subject token heads, without a leading article or trailing clause."""
    words = [t for t in token.subtree if t.i <= token.i or t.dep_ in {"compound", "poss", "case", "prep", "pobj"}]
    text = token.doc[words[0].i : words[-1].i + 1].text if words else token.text
    return re.sub(r"^(?:the|a|an)\s+", "", text.split(",")[0], flags=re.IGNORECASE).strip()


def who(token: Token, people: People, pronoun_before: int | None = None) -> tuple[str, Person | None] | None:
    """A subject token as (speaker name, person if it is one); pronouns mean the last person before
    ``pronoun_before`` (default: the pronoun itself)."""
    if token.lower_ in _PRONOUNS:
        person = antecedent(token, people, token.idx if pronoun_before is None else pronoun_before)
        return (person.name, person) if person else None
    covering = people.covering(token.idx)
    if covering:
        return covering.name, covering
    text = phrase(token)
    person = people.find(text) or people.by_role(text)
    if person:
        return person.name, person
    # an institution: "China's Commerce Ministry", "the White House"; not a common noun capitalised only
    # because it starts the sentence ("Officials described ...")
    capitals = [t for t in token.subtree if t.text[:1].isupper() and not (t.is_sent_start and t.pos_ == "NOUN")]
    if token.pos_ in {"PROPN", "NOUN"} and capitals and any(w[:1].isupper() for w in text.split()):
        return text, None
    return None


def antecedent(pronoun: Token, people: People, before: int) -> Person | None:
    """Whom 'he' / 'she' means: the person who is the main-clause subject in this sentence (ahead of
    ``before``) or the one before; else the last person named. 'Trump had warned ... if Putin did not
    agree. He had also threatened ...' → Trump, not Putin."""
    doc = pronoun.doc
    sentences = [pronoun.sent]
    if pronoun.sent.start > 0:
        sentences.append(doc[pronoun.sent.start - 1].sent)
    for sent in sentences:
        for token in reversed(sent):
            main = token.head == sent.root or (token.head.dep_ == "conj" and token.head.head == sent.root)
            if token.idx < before and token.dep_ in _SUBJECTS and main and token.lower_ not in _PRONOUNS:
                person = people.covering(token.idx)
                if person is not None:
                    return person
    text = doc_text(doc)
    hits = people.at(max(0, before - 2000), before)
    outside = [person for offset, person in hits if not in_quotation(text, offset)]
    return outside[-1] if outside else people.last_before(before)


def in_quotation(text: str, offset: int) -> bool:
    """The offset is inside a quotation of its paragraph: a name quoted is not one the narrative refers to."""
    low = max(0, offset - 2000)
    line = text[max(text.rfind("\n", low, offset) + 1, low) : offset]
    return line.count("“") > line.count("”") or line.count('"') % 2 == 1
