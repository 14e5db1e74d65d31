"""Tariff measures stated without a rate: countermeasures, threatened tariffs, retaliation without a figure.

A record needs a measure noun ("countermeasures", "duties", "trade actions") that is the object of an
imposing verb ("would take", "respond with", "imposed", "face"), a country doing it and a country (or
described group) it is aimed at; mentions with no identifiable party stay out, as the guidelines say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from summarizer.backends.extractive.lexicon import IMPOSING, MEASURE_NOUN, UNDERGO_VERB
from summarizer.backends.extractive.parties import aimed_at, countries, party, speaker_subject
from summarizer.backends.extractive.people import People
from summarizer.backends.extractive.rules import MEASURE_STATUS_RULES, MeasureInput, first_hit
from summarizer.backends.extractive.syntax import governor, subject
from summarizer.schema import Tariff, TariffStatus

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_OBJECTS = {"dobj", "pobj", "conj", "attr", "appos"}
_REACH = 5  # heads between a measure noun and the verb it hangs from


def rateless_measures(
    sent: Span, rated: list[Token], people: People, imposer_for: Callable[[str], str | None], default: str | None
) -> list[Tariff]:
    """Measures in one sentence apart from the ``rated`` tariff words and the verbs they hang from.
    ``imposer_for(country)`` is the party ``country`` is answering (the article's usual imposer, or
    whoever imposes on it); ``default`` imposes when the sentence names no one."""
    busy = {t.i for t in rated} | {v.i for v in (governor(t, _REACH) for t in rated) if v is not None}
    found = []
    for token in sent:
        if not MEASURE_NOUN.fullmatch(token.lower_) or token.pos_ != "NOUN" or not _is_measure(token):
            continue
        verb = governor(token, _REACH)  # 'respond with [countermeasures]', 'take the form of [surtaxes]'
        if verb is None or token.i in busy or verb.i in busy:
            continue
        if UNDERGO_VERB.fullmatch(verb.text) and token.dep_ in _OBJECTS:
            targets = countries(subject(verb))
            imposer = party(speaker_subject(verb), people) or default
        elif IMPOSING.fullmatch(verb.lower_) and (token.dep_ in _OBJECTS or token.dep_ == "nsubjpass"):
            imposer = party(subject(verb), people, verb) if token.dep_ != "nsubjpass" else default
            targets = aimed_at(token, verb) or _condition_subject(verb)
            if not targets and imposer:
                answered = imposer_for(imposer)
                targets = [answered] if answered else []
        else:
            continue
        for target in targets:
            if imposer and target and target != imposer:
                found.append(_record(sent, token, imposer, target, default))
    return found


def _condition_subject(verb: Token) -> list[str]:
    """Whom a threat answers: 'threatened retaliatory action if [the United States] proceeds ...'."""
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in {"if", "unless", "after", "because"} for m in clause.children):
            named = countries(subject(clause))
            if named:
                return named
    return []


def _is_measure(token: Token) -> bool:
    """'trade actions', 'retaliatory action', but not 'the American action'; no noun phrase with a rate."""
    if any(t.like_num or t.text == "%" for t in token.subtree):
        return False
    if token.lower_.startswith("action"):
        return any(c.lower_ in {"trade", "retaliatory"} for c in token.children)
    return True


def _record(sent: Span, token: Token, imposer: str, target: str, default: str | None) -> Tariff:
    left = token.doc[token.left_edge.i : token.i + 1].text
    scope = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", left, flags=re.IGNORECASE)
    status = first_hit(MEASURE_STATUS_RULES, MeasureInput(sent.text, imposer != default)) or TariffStatus.IN_EFFECT
    return Tariff(imposed_by=imposer, target=target, status=status, scope=scope or None)
