"""People named in an article: one entry per person, surname-only and variant spellings folded in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from summarizer.backends.extractive.lexicon import TITLE_WORDS
from summarizer.names import place

_POSSESSIVE = re.compile(r"\s*['’]s?$")


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def tokens(self) -> list[str]:
        return self.name.split()

    def matches(self, text: str) -> bool:
        """Is ``text`` this person: the full name, a listed alias, or one of the name's words?"""
        return text == self.name or text in self.aliases or (len(text.split()) == 1 and text in self.tokens())


class People:
    """All people in a document, with a lookup from character offset to person."""

    def __init__(self, doc: Any) -> None:
        self.people: list[Person] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                self._add(ent)

    def _add(self, ent: Any) -> None:
        name = _POSSESSIVE.sub("", ent.text).strip()
        if not name or not name[0].isupper() or len(name) < 2:
            return
        person = self.find(name)
        if person is None:
            person = self._variant(name)
            if person is not None:
                person.aliases.append(name)
        if person is None:
            person = Person(name=name)
            self.people.append(person)
        elif len(name.split()) > len(person.name.split()):  # "Rubio" came first, "Marco Rubio" later
            person.aliases = [a for a in person.aliases if a != name] + [person.name]
            person.name = name
        elif name != person.name and name not in person.aliases:
            person.aliases.append(name)
        person.mentions.append((ent.start_char, ent.start_char + len(name)))
        if person.role is None:
            person.role, affiliation = title_before(ent) or title_after(ent) or (None, None)
            person.affiliation = person.affiliation or affiliation

    def find(self, text: str) -> Person | None:
        """The person ``text`` names, if any (full name, alias, or a word of the name)."""
        text = _POSSESSIVE.sub("", text).strip()
        exact = [p for p in self.people if text == p.name or text in p.aliases]
        if exact:
            return exact[0]
        if len(text.split()) == 1:
            partial = [p for p in self.people if text in p.tokens()]
            return partial[-1] if partial else None
        return None

    def _variant(self, name: str) -> Person | None:
        """Another spelling of a known multi-word name: same surname, similar given name (Sergei/Sergey)."""
        words = name.split()
        if len(words) < 2:
            return None
        for person in self.people:
            theirs = person.tokens()
            if len(theirs) >= 2 and theirs[-1] == words[-1] and fuzz.ratio(theirs[0], words[0]) >= 60:
                return person
        return None

    def at(self, start: int, end: int) -> list[tuple[int, Person]]:
        """(offset, person) for each mention inside ``[start, end)``, in order."""
        hits = [(s, p) for p in self.people for s, e in p.mentions if s >= start and e <= end]
        return sorted(hits, key=lambda hit: hit[0])

    def last_before(self, offset: int, window: int = 2000) -> Person | None:
        hits = self.at(max(0, offset - window), offset)
        return hits[-1][1] if hits else None


def _split_affiliation(words: list[str]) -> tuple[str | None, str | None]:
    """'U.S. Secretary of State' → ('Secretary of State', 'United States')."""
    for size in (2, 1):
        head = " ".join(words[:size])
        country = place(head)
        if country and len(words) > size:
            return " ".join(words[size:]), country
    return " ".join(words) or None, None


def title_before(ent: Any) -> tuple[str | None, str | None] | None:
    """A title written before the name: 'Chinese Foreign Minister Wang Yi', 'China's Foreign Minister ...'."""
    words: list[str] = []
    token = ent.start - 1
    doc = ent.doc
    while token >= max(ent.sent.start, ent.start - 8):
        if doc[token].ent_type_ == "PERSON":  # never take another person's name as a title
            break
        text = doc[token].text
        if text in {"'s", "’s"} and token > 0:
            words.insert(0, doc[token - 1].text + text)
            token -= 2
            continue
        if not (text[:1].isupper() or text in {"of", "for", "and", "-"}):
            break
        words.insert(0, text)
        token -= 1
    while words and words[0].lower() in {"of", "for", "and", "-"}:
        words.pop(0)
    if not any(w.lower().strip(".") in TITLE_WORDS for w in words):
        return None
    return _split_affiliation([re.sub(r"['’]s$", "", w) if i == 0 else w for i, w in enumerate(words)])


def title_after(ent: Any) -> tuple[str | None, str | None] | None:
    """An appositive after the name: 'Wang Yi, China's foreign minister, said ...'."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return None
    words = []
    for token in doc[ent.end + 1 : min(ent.end + 9, ent.sent.end)]:
        if token.is_punct and token.text not in {"'s", "’s", "-"}:
            break
        words.append(token.text)
    if not any(w.lower() in TITLE_WORDS for w in words):
        return None
    if words and words[0].lower() in {"the", "a", "an"}:
        words.pop(0)
    joined = " ".join(words).replace(" 's", "'s").replace(" ’s", "’s")
    head, _, rest = joined.partition("'s ") if "'s " in joined else joined.partition("’s ")
    if rest and place(head):
        return rest, place(head)
    return _split_affiliation(joined.split())
