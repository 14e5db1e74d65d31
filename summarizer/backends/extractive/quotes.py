"""Direct quotations and who said them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from summarizer.backends.extractive.lexicon import SPEECH
from summarizer.backends.extractive.people import People, Person
from summarizer.backends.extractive.syntax import phrase, subject, token_at, who

# '"...," Lydia Kwan, a senior economist at Harbourline Research, told AFP': a name, then who the person is
_APPOSITIVE = re.compile(r"\s*[A-Z][^,]{1,60},\s+(?:an?|the|former|chief|senior)\b[^,\n]{0,140},\s*")
# double marks, straight or curly; or British single marks, where a ’ before a letter is an apostrophe ('people’s')
_QUOTED = re.compile(r"“([^”“\n]{2,1500})”|\"([^\"\n]{2,1500})\"|(?<!\w)‘((?:[^‘’\n]|’(?=\w)){2,1500})’(?!\w)")
_SPOKESPERSON = re.compile(
    r"(?:(?:a|an|the|its|their)\s+)?(?P<org>.*?)\s*\b(?:spokesperson|spokesman|spokeswoman|spokespeople)", re.IGNORECASE
)
_INSTITUTION = re.compile(r"\b(?:Commission|Ministry|Department|Office|Council|Government|Parliament|Bank|Agency)\b")
_ACCORDING = re.compile(r"according to\s+(?:the\s+)?(.{3,80}?)(?:[,.;:]|$)", re.IGNORECASE)
_THE_BODY = re.compile(r"(?:(?:the|its)\s+)?(ministry|commission|department|council|government|agency)", re.IGNORECASE)
MIN_WORDS = 2  # a single quoted word is a scare quote ('so-called "reciprocal" tariffs'), not a statement

Speaker = tuple[str, str | None, Person | None]  # name, attribution, person


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    speaker: str
    attribution: str | None
    person: Person | None


def _sentence_start(text: str, offset: int) -> int:
    """Start of the sentence holding ``offset``: after the last full stop, paragraph break or quote end."""
    low = max(0, offset - 400)
    ends = [low + m.end() - 1 for m in re.finditer(r"[.!?][\"”’]?\s", text[low:offset])]
    cut = max(text.rfind("\n", low, offset), *ends, low - 1)
    return cut + 1


def _clause_after(text: str, offset: int) -> str:
    match = re.match(r"[^\n“\"]{0,160}?(?:[.!?](?=\s|$)|\n|$|(?=[“\"]))", text[offset:])
    return match.group(0) if match else text[offset : offset + 160]


class QuoteFinder:
    """Finds quotations and resolves their speakers from the attribution next to them."""

    def __init__(self, doc: Any, people: People) -> None:
        self.doc, self.text, self.people = doc, doc.text, people

    def find(self) -> list[Found]:
        found: list[Found] = []
        for match in _QUOTED.finditer(self.text):
            start, end = next(match.span(i) for i in (1, 2, 3) if match.group(i) is not None)
            if not _prose(self.text, start):
                continue
            body = self.text[start:end].strip().rstrip(",")
            if len(body.split()) < MIN_WORDS:
                continue
            ends_sentence = body[-1:] in ".!?"
            speaker = (
                (None if ends_sentence else self._after(end + 1, start))
                or self._before(start - 1)
                or self._continuation(found, start)
                or self._paragraph(start, end)
            )
            if speaker is not None:
                name, attribution, person = speaker
                name = name if person else self._spoken_for(name, start)
                found.append(Found(start, start + len(body), body, name, attribution, person))
        return found

    def _spoken_for(self, name: str, offset: int) -> str:
        """'a Commission spokesperson', 'Its spokesperson': the institution they speak for, under its fullest
        name in the text so far ('European Commission'); a possessive means the last institution named."""
        role = _SPOKESPERSON.fullmatch(name)
        if role is None:
            return name
        org = role.group("org").strip()
        if not org or org.lower() in {"its", "their"}:
            named = list(_INSTITUTION.finditer(self.text, max(0, offset - 600), offset))
            if not named:
                return name
            org = named[-1].group(0)
        forms = re.finditer(rf"(?:[A-Z][\w'’.-]*\s+){{0,3}}{re.escape(org)}\b", self.text[:offset])
        longest = max((m.group(0) for m in forms), key=len, default=org)
        return re.sub(r"^(?:The|A|An|Its)\s+", "", longest)

    def _paragraph(self, start: int, end: int) -> Speaker | None:
        """A quote that is a paragraph of its own: the first person named in the last sentence of the
        paragraph before ('Keller spoke to reporters after the meeting.' / '"This is a turning point ..."')."""
        own = self.text[self.text.rfind("\n", 0, start) + 1 : start - 1].strip()
        rest = self.text[end + 1 :].split("\n", 1)[0].strip()
        previous = self.text[: start - 1].rstrip()
        if own or rest or "\n" not in self.text[len(previous) : start]:
            return None
        sentence = _sentence_start(self.text, len(previous) - 1)
        named = self.people.at(sentence, len(previous))
        person = named[0][1] if named else None
        return (person.name, None, person) if person else None

    def _speaker_of(self, verb_offset: int, pronoun_before: int | None = None) -> tuple[str, Person | None] | None:
        verb = token_at(self.doc, verb_offset)
        subj = subject(verb) if verb is not None else None
        if subj is None:
            return None
        named = who(subj, self.people, pronoun_before)
        same = _THE_BODY.fullmatch(phrase(subj)) if named is None else None
        body = self._named_body(same.group(1), subj.idx) if same else None
        return (body, None) if body else named

    def _named_body(self, noun: str, offset: int) -> str | None:
        """'the ministry said' after "China's Commerce Ministry said ...": the last body of that kind the text
        names before, in full ("India's Ministry of External Affairs")."""
        pattern = rf"(?:[A-Z][\w.-]*(?:['’]s)?\s+){{0,4}}{noun.capitalize()}(?:\s+of(?:\s+[A-Z][\w-]*)+)?"
        named = list(re.finditer(pattern, self.text[max(0, offset - 3000) : offset]))
        return named[-1].group(0) if named else None

    def _after(self, offset: int, quote_start: int) -> Speaker | None:
        """`"...," Rubio told reporters.` / `"...," said the ministry.` (the verb leads the clause)."""
        clause = _clause_after(self.text, offset)
        verb = SPEECH.search(clause)
        lead = clause[: verb.start()] if verb is not None else ""
        if verb is None or ((verb.start() > 40 or "," in lead.lstrip(" ,")) and not _APPOSITIVE.fullmatch(lead)):
            return None
        speaker = self._speaker_of(offset + verb.start(), pronoun_before=quote_start)
        return (speaker[0], _attribution(clause[verb.start() :]), speaker[1]) if speaker else None

    def _before(self, offset: int) -> Speaker | None:
        """`Rubio remarked, "..."` / `According to the ministry, they "..."` / `X described it as "..."`."""
        start = _sentence_start(self.text, offset)
        lead = self.text[start:offset]
        according = _ACCORDING.search(lead)
        if according:
            name = according.group(1).strip()
            person = self.people.find(name)
            return (person.name if person else name), "according to " + name, person
        verbs = list(SPEECH.finditer(lead))
        if not verbs:
            return self._colon(start, lead)
        verb = verbs[-1]
        speaker = self._speaker_of(start + verb.start())
        return (speaker[0], _attribution(lead[verb.start() :]), speaker[1]) if speaker else None

    def _colon(self, start: int, lead: str) -> Speaker | None:
        """`Trump set out the exemption in plain terms: "..."`: a quote after a colon, said by the subject of
        the sentence's verb, whatever the verb."""
        if not lead.rstrip().endswith(":"):
            return None
        span = self.doc.char_span(start, start + len(lead.rstrip()) - 1, alignment_mode="contract")
        verbs = [t for t in reversed(span or ()) if t.pos_ in {"VERB", "AUX"} and subject(t) is not None]
        verbs = [t for t in verbs if subject(t).lower_ not in {"who", "which", "that"}]  # type: ignore[union-attr]
        # the last verb whose subject is someone: 'Menon was blunter about what the order means:' is Menon's
        found = next(((verb, said) for verb in verbs if (said := self._speaker_of(verb.idx)) is not None), None)
        if found is None:
            return None
        verb, speaker = found
        return speaker[0], _attribution(lead[verb.idx - start :]), speaker[1]

    def _continuation(self, found: list[Found], start: int) -> Speaker | None:
        """`"A," he said, "B."`: the second part belongs to the first part's speaker."""
        if not found:
            return None
        gap = self.text[found[-1].end : start]
        if len(gap) < 80 and "\n" not in gap and SPEECH.search(gap):
            previous = found[-1]
            return previous.speaker, previous.attribution, previous.person
        return None


def _prose(text: str, offset: int, reach: int = 5000) -> bool:
    """The quote sits in a paragraph of the story: not a link in a list ('- Ford says ...'), a headline or a
    caption (a line that does not end like a sentence). Only ``reach`` characters either side are read."""
    line_start = text.rfind("\n", max(0, offset - reach), offset) + 1 or max(0, offset - reach)
    line_end = text.find("\n", offset, offset + reach)
    if line_end < 0 and offset + reach < len(text):  # a run-on line: judged by its start only
        line_end = offset
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    if re.match(r"[-*•]\s", line):  # a list item is a link ('- Ford says "..."') unless it is a whole sentence
        return bool(re.search(r"[.!?][\"”’)]?$", line))
    return line_end == offset or bool(re.search(r"[.!?:][\"”’)]?$", line))


def _attribution(clause: str) -> str | None:
    text = re.split(r"[“\"]", clause)[0].strip(" ,.:;\n")
    return text[:160] or None
