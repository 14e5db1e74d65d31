"""Which country a phrase of the parse stands for: 'Canada', "China's Commerce Ministry", 'his government',
an affiliated person, 'Steel from Canada, Mexico and the EU', 'on C$16.6 billion of American imports'."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.backends.extractive.lexicon import (
    INSTITUTIONS,
    LEADERS,
    MADE_IN,
    MAKING,
    PARTY_NOUNS,
    PRIVATE_ROLE,
    SPEECH,
)
from summarizer.backends.extractive.people import People, Person
from summarizer.backends.extractive.syntax import governor, subject, who
from summarizer.names import place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def speaker_subject(verb: Token) -> Token | None:
    """Whoever said or warned it: the subject of the verb the clause hangs from ('Trump warned that ...')."""
    above = governor(verb)
    head = verb.sent.root if above is None else above
    return subject(head) if head != verb else None


def party(token: Token | None, people: People, verb: Token | None = None) -> str | None:
    """The country a subject stands for: 'Canada', "China's Commerce Ministry", 'his government',
    an affiliated person; 'it' / 'the bloc' fall back to the subject of the reporting verb."""
    if token is None:
        return None
    if token.lower_ in {"it", "they"} or token.lower_.rstrip("s") in PARTY_NOUNS:
        owner = [c for c in token.children if c.dep_ == "poss"]
        if owner and owner[0].lower_ not in {"its", "their"}:
            return party(owner[0], people)
        if verb is not None:
            outer = speaker_subject(verb)
            return party(outer, people) if outer is not None and outer != token else None
        return None
    named = countries(token)
    if named:
        return named[0]
    speaker = who(token, people)
    acting = side(speaker[1]) if speaker and speaker[1] is not None else None
    if acting:
        return country_of(acting)
    return None


def side(person: Person) -> str | None:
    """Whom a person acts for in a tariff: the affiliation the text gives, else the country a known head of
    government or trade minister leads ("Donald J. Trump" → United States, "Ursula von der Leyen" → European
    Union); the longest ending of the name that the table knows. An analyst, economist or lawyer acts for no one
    ('Clemence Aubry, chief Europe economist at Meridien Macro in Paris' sets no French tariff)."""
    if person.role and PRIVATE_ROLE.search(person.role):
        return None
    if person.affiliation:
        return person.affiliation
    words = re.sub(r"\b[A-Z]\.\s+", "", person.name).lower().split()
    endings = (" ".join(words[i:]) for i in range(len(words)))
    return next((LEADERS[ending] for ending in endings if ending in LEADERS), None)


def country_of(text: str) -> str | None:
    """'China's Commerce Ministry' → China; 'European Commission' → European Union."""
    for candidate in (text, *re.split(r"['’]s\s+|\s+", text)):
        country = place(candidate)
        if country:
            return country
    return None


def countries(token: Token | None) -> list[str]:
    """Countries a phrase names at its own level: 'the European Union and Canada', "Mexico's Economy
    Ministry", but not 'buyers of Russian oil' (Russia is inside an 'of' phrase)."""
    if token is None:
        return []
    words = [token, *[c for c in token.children if c.dep_ in {"compound", "poss", "amod", "nmod", "conj"}]]
    found = []
    for word in words:
        span = word.doc[word.left_edge.i : word.i + 1] if word.dep_ in {"compound", "poss"} else None
        country = place(word.text) or (place(span.text) if span is not None else None) or _maker(word)
        if country is None and word.ent_type_ in {"GPE", "ORG", "NORP"}:
            ent = next((e for e in word.doc.ents if e.start <= word.i < e.end), None)
            country = place(ent.text) if ent is not None else None
        if word.dep_ == "conj" and word != token:
            found.extend(countries(word))
        elif country:
            found.append(country)
    if not found and token.pos_ == "PROPN":  # 'the Commerce Department imposed'
        found = [country] if (country := institution(token.doc[token.left_edge.i : token.i + 1].text)) else []
    return list(dict.fromkeys(found))


def institution(name: str) -> str | None:
    """The country an institution acts for whatever the story: 'the Commerce Department', 'the Customs Tariff
    Commission of the State Council'."""
    return next((country for pattern, country in INSTITUTIONS if pattern.search(name)), None)


def aimed_at(*heads: Token, preps: frozenset[str] = frozenset({"on", "against"})) -> list[str]:
    """Who a measure is put on: 'on U.S. products' → United States, 'on China', 'on C$16.6 billion of
    American imports' or 'on $30 billion worth of U.S. products' → United States, 'on buyers of Russian oil' → that
    group."""
    for head in heads:
        for prep in head.children:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.dep_ != "prep" or prep.lower_ not in preps or not objects:
                continue
            goods = objects[0]
            measured = goods.ent_type_ == "MONEY" or goods.like_num or goods.lower_ == "worth"  # '$30 billion worth of'
            amount = _of_object(goods) if measured else None
            while amount is not None and amount.ent_type_ == "MONEY" and _of_object(amount) is not None:
                amount = _of_object(amount)  # 'billions of dollars of American imports'
            named = countries(amount if amount is not None else goods)
            if named:
                return named
            if amount is None and _of_object(goods) is not None:
                return [goods.doc[goods.left_edge.i : goods.right_edge.i + 1].text]
    return []


def _of_object(token: Token) -> Token | None:
    """'billion of [imports]', 'buyers of [oil]'."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def origins(goods: Token) -> list[str]:
    """'Steel from Canada, Mexico and the European Union' → those three; 'Japan' → Japan."""
    named = countries(goods)
    holders = [goods]
    if goods.dep_ == "pobj" and goods.head.head.pos_ in {"VERB", "AUX"}:  # 'put tariffs on steel from China':
        holders.append(goods.head.head)  # the parse hangs 'from China' on the verb
    if goods.dep_ == "dobj" and goods.head.pos_ in {"VERB", "AUX"}:  # ... as in 'hit all goods from the EU with'
        holders.append(goods.head)
    holders += [c for c in goods.children if c.dep_ == "acl"]  # 'vehicles shipped from the United States'
    froms = [c for holder in holders for c in holder.children if c.dep_ == "prep" and c.lower_ == "from"]
    for prep in froms:
        named += [c for o in prep.children if o.dep_ == "pobj" for c in countries(o)]
    if not named and any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in goods.children):
        named = _last_subject_country(goods)  # 'India is the case study. Its goods already pay 50 percent'
    return list(dict.fromkeys(named))


def _maker(word: Token) -> str | None:
    """'U.S.-made vehicles', 'Chinese-built ships': the country of the first half of a '-made' compound, one token
    ('U.S.-made') or three ('US - made', the country hanging from 'made')."""
    made = MADE_IN.fullmatch(word.text)
    if made:
        return place(made.group(1))
    if word.lower_ not in MAKING:
        return None
    return next((c for c in (place(t.text) for t in word.children if t.dep_ in {"npadvmod", "compound"}) if c), None)


def _last_subject_country(token: Token) -> list[str]:
    """Whom 'its' stands for: the last country that is a subject in the sentence before ``token``'s."""
    sent = token.sent
    if sent.start == 0:
        return []
    before = token.doc[sent.start - 1].sent
    found = [c for t in before if t.dep_ in {"nsubj", "nsubjpass"} for c in countries(t)]
    return found[-1:]


def reporter(sent: Span, people: People) -> str | None:
    """The country of whoever reports a sentence ('..., Brazilian officials said'; '..., U.S. Commerce
    Secretary Wilbur Ross told reporters'): the party that imposes what others 'face'."""
    root = sent.root
    if not SPEECH.fullmatch(root.text):
        return None
    speaker = subject(root)
    if speaker is None:
        return None
    named = countries(speaker)
    if named:
        return named[0]
    found = who(speaker, people)
    if found is None:
        return None
    name, person = found
    if person is None:  # an institution: 'the White House said'
        return country_of(name)
    acting = side(person)
    return country_of(acting) if acting else None
