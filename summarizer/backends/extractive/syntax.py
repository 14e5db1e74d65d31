"""Who did it: the grammatical subject of a verb, resolved to a person or an institution."""

from __future__ import annotations

import re
from typing import Any

from summarizer.backends.extractive.people import People, Person

_SUBJECTS = {"nsubj", "nsubjpass"}
_CLIMB = {"conj", "xcomp", "advcl", "ccomp", "relcl"}
_PRONOUNS = {"he", "she", "him", "her", "they"}


def token_at(doc: Any, offset: int) -> Any | None:
    """The token covering character ``offset``."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def subject(verb: Any) -> Any | None:
    """The subject token of ``verb``, climbing through conjoined and embedded verbs ('he turned and said')."""
    current = verb
    for _ in range(4):
        found = [child for child in current.children if child.dep_ in _SUBJECTS]
        if found:
            return found[0]
        if current.dep_ not in _CLIMB or current.head is current:
            return None
        current = current.head
    return None


def phrase(token: Any) -> str:
    """The whole noun phrase a subject token heads, without a leading article or trailing clause."""
    words = [t for t in token.subtree if t.i <= token.i or t.dep_ in {"compound", "poss", "case", "prep", "pobj"}]
    text = token.doc[words[0].i : words[-1].i + 1].text if words else token.text
    return re.sub(r"^(?:the|a|an)\s+", "", text.split(",")[0], flags=re.IGNORECASE).strip()


def who(token: Any, people: People, pronoun_before: int | None = None) -> tuple[str, Person | None] | None:
    """A subject token as (speaker name, person if it is one); pronouns mean the last person before
    ``pronoun_before`` (default: the pronoun itself)."""
    if token.lower_ in _PRONOUNS:
        person = people.last_before(token.idx if pronoun_before is None else pronoun_before)
        return (person.name, person) if person else None
    covering = people.covering(token.idx)
    if covering:
        return covering.name, covering
    text = phrase(token)
    person = people.find(text) or people.by_role(text)
    if person:
        return person.name, person
    if token.pos_ in {"PROPN", "NOUN"} and any(w[:1].isupper() for w in text.split()):
        return text, None  # an institution: "China's Commerce Ministry", "the White House"
    return None
