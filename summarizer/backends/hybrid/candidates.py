"""The candidate stage: numbered spans the rules find, which the model may choose among but never extend.

P people (with title and affiliation), Q every quoted span of two words or more (with its paragraph and the
one before, and the rules' speaker if they found one), R rates (with their sentence), L places, D dates,
C countries. Ids are stable for one article and text: P1, P2, ... in order of first mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from summarizer.backends.extractive.people import People, Person
from summarizer.backends.extractive.quotes import MIN_WORDS, Found, QuoteFinder
from summarizer.names import place
from summarizer.passages import Passages

MAX_QUOTE_CHARS = 600  # the schema's bound on Quote.text
CONTEXT_CHARS = 700  # of the paragraph before a quote: enough for "Rubio told reporters:" leads
_RATE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """One numbered span of the article."""

    id: str
    start: int
    end: int
    text: str
    context: str = ""  # quotes: the paragraph before and the quote's own; rates: the sentence


@dataclass(frozen=True)
class PersonCandidate:
    id: str
    person: Person

    @property
    def label(self) -> str:
        about = ", ".join(x for x in (self.person.role, self.person.affiliation) if x)
        return f"{self.person.name} ({about})" if about else self.person.name


@dataclass
class Candidates:
    """Everything the model may refer to in one article, by id."""

    people: list[PersonCandidate] = field(default_factory=list)
    quotes: list[Candidate] = field(default_factory=list)
    rates: list[Candidate] = field(default_factory=list)
    places: list[Candidate] = field(default_factory=list)
    dates: list[Candidate] = field(default_factory=list)
    countries: list[Candidate] = field(default_factory=list)
    rule_speakers: dict[str, Found] = field(default_factory=dict)  # quote id → the rules' attribution

    def person(self, candidate_id: str) -> Person | None:
        return next((p.person for p in self.people if p.id == candidate_id), None)

    def span(self, candidate_id: str) -> Candidate | None:
        """The span behind any non-person id: Q3 → the quote's characters."""
        pools = (self.quotes, self.rates, self.places, self.dates, self.countries)
        return next((c for pool in pools for c in pool if c.id == candidate_id), None)


def quoted_spans(passages: Passages) -> list[tuple[int, int]]:
    """Quoted regions of two words or more, trimmed like the rules trim them; a quote inside a quote is skipped."""
    out: list[tuple[int, int]] = []
    for start, end in passages.quoted:
        if out and start < out[-1][1]:
            continue
        body = passages.text[start:end].strip().rstrip(",")
        if len(body.split()) >= MIN_WORDS and "\n" not in body and len(body) <= MAX_QUOTE_CHARS:
            lead = len(passages.text[start:end]) - len(passages.text[start:end].lstrip())
            out.append((start + lead, start + lead + len(body)))
    return out


def _context(passages: Passages, start: int) -> str:
    k = passages.paragraph_at(start)
    own = passages.paragraphs[k]
    before = passages.text[slice(*passages.paragraphs[k - 1])][-CONTEXT_CHARS:] if k else ""
    return " ".join(f"{before}\n{passages.text[own[0] : own[1]]}".split())


def _entities(doc: Any, labels: set[str], prefix: str) -> list[Candidate]:
    seen: dict[str, Candidate] = {}
    for ent in doc.ents:
        if ent.label_ in labels and ent.text not in seen:
            seen[ent.text] = Candidate(f"{prefix}{len(seen) + 1}", ent.start_char, ent.end_char, ent.text)
    return list(seen.values())


def candidates(doc: Any, people: People) -> Candidates:
    """Number every person, quoted span, rate, place, date and country of ``doc``."""
    passages = Passages(doc.text)
    found = {f.start: f for f in QuoteFinder(doc, people).find()}
    out = Candidates(people=[PersonCandidate(f"P{i + 1}", p) for i, p in enumerate(people.people)])
    for start, end in quoted_spans(passages):
        quote = Candidate(f"Q{len(out.quotes) + 1}", start, end, doc.text[start:end], _context(passages, start))
        out.quotes.append(quote)
        if start in found:
            out.rule_speakers[quote.id] = found[start]
    for i, match in enumerate(_RATE.finditer(doc.text)):
        sentence = passages.sentences[passages.sentence_at(match.start())]
        out.rates.append(Candidate(f"R{i + 1}", *match.span(), match.group(0), doc.text[slice(*sentence)]))
    out.places = _entities(doc, {"GPE", "LOC", "FAC"}, "L")
    out.dates = _entities(doc, {"DATE"}, "D")
    countries = [c for c in _entities(doc, {"GPE", "NORP"}, "C") if place(c.text)]
    out.countries = [Candidate(f"C{i + 1}", c.start, c.end, c.text) for i, c in enumerate(countries)]
    return out
