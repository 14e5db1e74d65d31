"""Tariff measures stated without a rate: countermeasures, threatened tariffs, retaliation without a figure.

A record needs a measure noun ("countermeasures", "duties", "trade actions") that is the object of an
imposing verb ("would take", "respond with", "imposed", "face"), a country doing it and a country (or
described group) it is aimed at; mentions with no identifiable party stay out, as the guidelines say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from summarizer.backends.extractive.lexicon import UNDERGO_VERB
from summarizer.backends.extractive.parties import aimed_at, countries, party, speaker_subject
from summarizer.backends.extractive.people import People
from summarizer.backends.extractive.syntax import governor, subject
from summarizer.schema import Tariff, TariffStatus

# The spaCy pipeline has no lemmatizer, so word forms are matched by pattern.
_MEASURES = re.compile(r"(?:counter-?)?measures?|tariffs?|dut(?:y|ies)|lev(?:y|ies)|surtax(?:es)?|actions?|retaliation")
_IMPOSING = re.compile(
    r"(?:take|respond|impose|put|answer|prepare|threaten|retaliate|slap|levy)(?:s|d|ed|n|ing)?|took|taking|"
    r"preparing|imposing|retaliating|put(?:s|ting)?"
)
_OBJECTS = {"dobj", "pobj", "conj", "attr", "appos"}
_REACH = 5  # heads between a measure noun and the verb it hangs from
_STATUS = [
    (TariffStatus.SUSPENDED, r"\b(?:suspend\w*|call\w* off|shelv\w*|drop\w*)\b"),
    (TariffStatus.DELAYED, r"\b(?:delay\w*|postpon\w*|hold\w* off|truce)\b"),
    (TariffStatus.THREATENED, r"\b(?:threat\w*|warn\w*|ready|prepar\w*|would|could|will|may|might|if|vow\w*)\b"),
    (TariffStatus.PROPOSED, r"\b(?:propos\w*|consult\w*|consider\w*)\b"),
]


def rateless_measures(
    sent: Any, rated: list[Any], people: People, imposer_for: Callable[[str], str | None], default: str | None
) -> list[Tariff]:
    """Measures in one sentence apart from the ``rated`` tariff words and the verbs they hang from.
    ``imposer_for(country)`` is the party ``country`` is answering (the article's usual imposer, or
    whoever imposes on it); ``default`` imposes when the sentence names no one."""
    busy = {t.i for t in rated} | {v.i for v in (governor(t, _REACH) for t in rated) if v is not None}
    found = []
    for token in sent:
        if not _MEASURES.fullmatch(token.lower_) or token.pos_ != "NOUN" or not _is_measure(token):
            continue
        verb = governor(token, _REACH)  # 'respond with [countermeasures]', 'take the form of [surtaxes]'
        if verb is None or token.i in busy or verb.i in busy:
            continue
        if UNDERGO_VERB.fullmatch(verb.text) and token.dep_ in _OBJECTS:
            targets = countries(subject(verb))
            imposer = party(speaker_subject(verb), people) or default
        elif _IMPOSING.fullmatch(verb.lower_) and (token.dep_ in _OBJECTS or token.dep_ == "nsubjpass"):
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


def _condition_subject(verb: Any) -> list[str]:
    """Whom a threat answers: 'threatened retaliatory action if [the United States] proceeds ...'."""
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in {"if", "unless", "after", "because"} for m in clause.children):
            named = countries(subject(clause))
            if named:
                return named
    return []


def _is_measure(token: Any) -> bool:
    """'trade actions', 'retaliatory action', but not 'the American action'; no noun phrase with a rate."""
    if any(t.like_num or t.text == "%" for t in token.subtree):
        return False
    if token.lower_.startswith("action"):
        return any(c.lower_ in {"trade", "retaliatory"} for c in token.children)
    return True


def _record(sent: Any, token: Any, imposer: str, target: str, default: str | None) -> Tariff:
    left = token.doc[token.left_edge.i : token.i + 1].text
    scope = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", left, flags=re.IGNORECASE)
    status = next((s for s, cue in _STATUS if re.search(cue, sent.text, re.IGNORECASE)), None)
    if status is None:
        status = TariffStatus.RETALIATORY if imposer != default else TariffStatus.IN_EFFECT
    return Tariff(imposed_by=imposer, target=target, status=status, scope=scope or None)
