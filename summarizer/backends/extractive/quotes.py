"""Direct quotations and who said them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from summarizer.backends.extractive.lexicon import SPEECH
from summarizer.backends.extractive.people import People, Person
from summarizer.backends.extractive.syntax import subject, token_at, who

_QUOTED = re.compile(r"“([^”“\n]{2,1500})”|\"([^\"\n]{2,1500})\"")
_ACCORDING = re.compile(r"according to\s+(?:the\s+)?(.{3,80}?)(?:[,.;:]|$)", re.IGNORECASE)
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
            start, end = match.span(1) if match.group(1) is not None else match.span(2)
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
                found.append(Found(start, start + len(body), body, name, attribution, person))
        return found

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
        return who(subj, self.people, pronoun_before) if subj is not None else None

    def _after(self, offset: int, quote_start: int) -> Speaker | None:
        """`"...," Rubio told reporters.` / `"...," said the ministry.` (the verb leads the clause)."""
        clause = _clause_after(self.text, offset)
        verb = SPEECH.search(clause)
        if verb is None or verb.start() > 40 or "," in clause[: verb.start()].lstrip(" ,"):
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
            return None
        verb = verbs[-1]
        speaker = self._speaker_of(start + verb.start())
        return (speaker[0], _attribution(lead[verb.start() :]), speaker[1]) if speaker else None

    def _continuation(self, found: list[Found], start: int) -> Speaker | None:
        """`"A," he said, "B."`: the second part belongs to the first part's speaker."""
        if not found:
            return None
        gap = self.text[found[-1].end : start]
        if len(gap) < 80 and "\n" not in gap and SPEECH.search(gap):
            previous = found[-1]
            return previous.speaker, previous.attribution, previous.person
        return None


def _attribution(clause: str) -> str | None:
    text = re.split(r"[“\"]", clause)[0].strip(" ,.:;\n")
    return text[:160] or None
