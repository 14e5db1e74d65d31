"""People named in an article: one entry per person, surname-only and variant spellings folded in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from summarizer.backends.extractive.lexicon import TITLE_WORDS
from summarizer.names import place, plain

_POSSESSIVE = re.compile(r"\s*['’]s?$")
_PARTICLES = {"von", "van", "der", "de", "da", "del", "di", "bin", "al", "la", "le", "ibn"}
_NOT_AFTER = {"in", "at", "from", "to", "near", "outside"}  # "in Busan": a place spaCy took for a person
# News agencies spaCy takes for people ('Liang told Xinhua'); a newsroom is never a participant
# A name spaCy's small model misses ('Lydia Kwan', or 'Wendell Park' taken for a place) is still a person when an
# appositive says what the person does: 'Lydia Kwan, a senior economist at Harbourline Research'
_PROFESSIONS = (
    "economist|analyst|lawyer|attorney|partner|researcher|professor|strategist|fellow|executive|official|director|"
    "chief|head|adviser|advisor|spokesperson|spokesman|spokeswoman|president|chairman|chairwoman|founder|trader|"
    "consultant|scholar|expert"
)
_APPOSITIVE_NAME = re.compile(
    r"(?:\b(?:Dr|Mr|Ms|Mrs|Prof)\.? )?\b(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}), (?:(?:a|an|the) )?"
    rf"(?:[\w&.-]+ ){{0,4}}?(?:{_PROFESSIONS})\b"
)
_AGENCIES = {"xinhua", "reuters", "afp", "ap", "dpa", "kyodo", "yonhap", "tass", "bloomberg", "pti", "ani", "bernama"}


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def tokens(self) -> list[str]:
        return self.name.split()

    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


class People:
    """All people in a document, with a lookup from character offset to person."""

    def __init__(self, doc: Any) -> None:
        self.people: list[Person] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON" and _is_person(ent):
                self._add(ent)
        for match in _APPOSITIVE_NAME.finditer(doc.text):
            span = doc.char_span(*match.span("name"))
            if span is not None and not any(t.ent_type_ in {"PERSON", "GPE", "NORP"} for t in span):
                self._add(span)
        self._fold_short_names()
        self._find_mentions(doc.text)
        self._affiliate_by_place(doc)

    def _add(self, ent: Any) -> None:
        name = _full_name(ent)
        person = self.find(name) or self._variant(name)
        if person is None:
            person = Person(name=name)
            self.people.append(person)
        elif len(name.split()) > len(person.name.split()):  # "Rubio" came first, "Marco Rubio" later
            person.aliases = [a for a in person.aliases if a != name] + [person.name]
            person.name = name
        elif name != person.name and name not in person.aliases:
            person.aliases.append(name)
        if person.role is None:
            person.role, affiliation = title_before(ent) or title_after(ent) or (None, None)
            person.affiliation = person.affiliation or affiliation
        if person.affiliation is None:  # "Jamieson Greer, the top U.S. negotiator"; a later "U.S. President X"
            person.affiliation = (title_after(ent) or (None, None))[1] or (title_before(ent) or (None, None))[1]

    def _fold_short_names(self) -> None:
        """A one-word person ('Zelensky', 'Xi') who is a word of a longer name joins that person."""
        for short in [p for p in self.people if len(p.tokens()) == 1]:
            longer = [p for p in self.people if len(p.tokens()) > 1 and short.name in p.tokens()]
            if len(longer) == 1:
                target = longer[0]
                target.aliases += [f for f in short.forms() if f not in target.forms()]
                target.role = target.role or short.role
                target.affiliation = target.affiliation or short.affiliation
                self.people.remove(short)

    def _find_mentions(self, text: str) -> None:
        """Every occurrence of each name form or surname, whatever label spaCy gave it."""
        taken: list[tuple[int, int]] = []
        forms = [(form, p) for p in self.people for form in {*p.forms(), *_surnames(p)}]
        for form, person in sorted(forms, key=lambda fp: -len(fp[0])):
            for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                span = match.span()
                if any(s < span[1] and span[0] < e for s, e in taken):
                    continue
                taken.append(span)
                person.mentions.append(span)
                if form != person.name and form not in person.aliases:
                    person.aliases.append(form)
        for person in self.people:
            person.mentions.sort()

    def _affiliate_by_place(self, doc: Any) -> None:
        """'In Ottawa, Prime Minister Mark Carney said ...': an official with a title but no country,
        introduced in a sentence that opens on a capital, serves that country."""
        for person in (p for p in self.people if p.role and not p.affiliation and p.mentions):
            span = doc.char_span(*person.mentions[0], alignment_mode="expand")
            opening = re.match(r"\s*In ([A-Z][\w.]*(?: [A-Z]\w*)?),", span.sent.text) if span is not None else None
            person.affiliation = place(opening.group(1)) if opening else None

    def find(self, text: str) -> Person | None:
        """The person ``text`` names, if any (full name, alias, or a word of the name)."""
        text = _POSSESSIVE.sub("", text).strip()
        exact = [p for p in self.people if text in p.forms()]
        if exact:
            return exact[0]
        if len(text.split()) == 1:
            partial = [p for p in self.people if text in p.tokens()]
            return partial[-1] if partial else None
        return None

    def by_role(self, phrase: str) -> Person | None:
        """'the Commission president' → the one person whose role and affiliation cover those words."""
        words = set(plain(phrase).split()) - {"the", "a", "an", "'s"}
        if not words or not words & TITLE_WORDS:
            return None
        found = [p for p in self.people if words <= set(plain(f"{p.role or ''} {p.affiliation or ''}").split())]
        return found[0] if len(found) == 1 else None

    def _variant(self, name: str) -> Person | None:
        """Another spelling of a known multi-word name: same surname, similar given name (Sergei/Sergey)."""
        words = name.split()
        if len(words) < 2:
            return None
        for person in self.people:
            theirs = person.tokens()
            if _squashed(person.name) == _squashed(name):  # Lee Jae-myung / Lee Jae Myung
                return person
            if len(theirs) >= 2 and theirs[-1] == words[-1] and fuzz.ratio(theirs[0], words[0]) >= 60:
                return person
        return None

    def at(self, start: int, end: int) -> list[tuple[int, Person]]:
        """(offset, person) for each mention inside ``[start, end)``, in order."""
        hits = [(s, p) for p in self.people for s, e in p.mentions if s >= start and e <= end]
        return sorted(hits, key=lambda hit: hit[0])

    def covering(self, offset: int) -> Person | None:
        """The person whose mention covers character ``offset``."""
        return next((p for p in self.people for s, e in p.mentions if s <= offset < e), None)

    def last_before(self, offset: int, window: int = 2000) -> Person | None:
        hits = self.at(max(0, offset - window), offset)
        return hits[-1][1] if hits else None


def _squashed(name: str) -> str:
    return re.sub(r"[\s-]", "", plain(name))


def _surnames(person: Person) -> list[str]:
    """The surname, from its particle on ('von der Leyen'), also capitalised as at a sentence start."""
    words = person.tokens()
    particle = next((i for i, w in enumerate(words[1:-1], 1) if w in _PARTICLES), None)
    if particle is not None:
        surname = " ".join(words[particle:])
        return [surname, surname[:1].upper() + surname[1:]]
    return [words[-1] if len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 2 else person.name]


def _is_person(ent: Any) -> bool:
    """Reject spaCy's usual PERSON mistakes: places after 'in', known places, news agencies, name-as-modifier
    ('X plant')."""
    name = _POSSESSIVE.sub("", ent.text).strip()
    if not name[:1].isupper() or len(name) < 2 or place(name) or name.lower() in _AGENCIES:
        return False
    if any(w.islower() and w not in _PARTICLES for w in name.split()):  # a headline: 'Trump Widens Relief for Auto'
        return False
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    modifier = after is not None and after.pos_ == "NOUN" and after.is_lower and ent.root.dep_ == "compound"
    return before not in _NOT_AFTER and not modifier


def _full_name(ent: Any) -> str:
    """The entity's name, cut at a possessive and extended over particles ('Ursula von' + 'der Leyen') or a
    hyphenated given name the entity stops short of ('Choi Sang' + '-mok')."""
    name = re.split(r"['’]s\b", ent.text)[0].strip()
    doc, end = ent.doc, ent.end
    while end + 1 < len(doc) and doc[end - 1].lower_ in _PARTICLES | {name.split()[-1].lower()}:
        if doc[end].lower_ in _PARTICLES:
            end += 1
            continue
        if doc[end].text[:1].isupper() and doc[end - 1].lower_ in _PARTICLES:
            name = doc[ent.start : end + 1].text
        break
    hyphen = end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_
    if name == ent.text and hyphen and doc[end + 1].is_alpha:  # 'Choi Sang' + '-mok': a Korean given name
        name = f"{name}-{doc[end + 1].text}"
    return name


def _split_affiliation(words: list[str]) -> tuple[str | None, str | None]:
    """'U.S. Secretary of State' → ('Secretary of State', 'United States')."""
    for size in (2, 1):
        head = " ".join(words[:size])
        country = place(head)
        if country and len(words) > size:
            return " ".join(words[size:]), country
    return " ".join(words) or None, None


def title_before(ent: Any) -> tuple[str | None, str | None] | None:
    """A title written before the name: 'Chinese Foreign Minister Wang Yi', 'China's Foreign Minister ...', or
    before it in commas as British copy writes it: 'the Nato secretary general, Mark Rutte,'."""
    words: list[str] = []
    token = ent.start - 1
    doc = ent.doc
    if token > ent.sent.start and doc[token].text == ",":
        return _title_in_commas(ent)
    while token >= max(ent.sent.start, ent.start - 8):
        if doc[token].ent_type_ == "PERSON":  # never take another person's name as a title
            break
        text = doc[token].text
        if text in {"'s", "’s"} and token > 0:
            words.insert(0, doc[token - 1].text + text)
            token -= 2
            continue
        if not (text[:1].isupper() or text in {"of", "for", "and"}):
            break
        words.insert(0, text)
        token -= 1
    while words and words[0].lower() in {"of", "for", "and"}:
        words.pop(0)
    if not any(w.lower().strip(".") in TITLE_WORDS for w in words):
        return None
    return _split_affiliation([re.sub(r"['’]s$", "", w) if i == 0 else w for i, w in enumerate(words)])


def _title_in_commas(ent: Any) -> tuple[str | None, str | None] | None:
    """'The European Commission president, Ursula von der Leyen, said': the words back to the article before
    the comma, when the name closes with a comma too and a title word is among them."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].text[:1].isupper() and doc[end].text != ",":  # 'von der' + 'Leyen'
        end += 1
    if end >= len(doc) or doc[end].text != ",":
        return None
    tokens: list[Any] = []
    for token in reversed(doc[max(ent.sent.start, ent.start - 8) : ent.start - 1]):
        if token.lower_ in {"the", "a", "an"} or not (token.is_alpha or token.text in {"'s", "’s", "."}):
            break
        tokens.insert(0, token)
    if not any(t.lower_ in TITLE_WORDS for t in tokens):
        return None
    org = next((i for i, t in enumerate(tokens) if t.ent_type_ != "ORG"), len(tokens))  # 'Nato secretary general'
    if 0 < org < len(tokens):
        name = " ".join(t.text for t in tokens[:org])
        return " ".join(t.text for t in tokens[org:]), place(name) or name
    joined = " ".join(t.text for t in tokens).replace(" 's", "'s").replace(" ’s", "’s")
    return _split_affiliation(joined.split())


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
    role, country = _split_affiliation(joined.split())
    return role, country or next((place(w) for w in words if w[:1].isupper() and place(w)), None)
