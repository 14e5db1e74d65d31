"""Direct quotations and who said them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.backends.extractive.lexicon import INSTITUTION, SPEECH
from summarizer.backends.extractive.people import People, Person

_QUOTED = re.compile(r"“([^”“\n]{2,1500})”|\"([^\"\n]{2,1500})\"")
_PRONOUN = re.compile(r"\b(he|she)\b", re.IGNORECASE)
_ACCORDING = re.compile(r"according to\s+(.{3,80}?)(?:[,.;:]|$)", re.IGNORECASE)
MIN_WORDS = 4  # shorter quoted phrases are scare quotes or titles, not statements


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
    """Finds quotations and resolves their speakers from nearby attribution cues."""

    def __init__(self, text: str, people: People) -> None:
        self.text, self.people = text, people

    def find(self) -> list[Found]:
        found: list[Found] = []
        for match in _QUOTED.finditer(self.text):
            start, end = match.span(1) if match.group(1) is not None else match.span(2)
            body = self.text[start:end].strip().rstrip(",")
            if len(body.split()) < MIN_WORDS:
                continue
            speaker = self._after(end + 1) or self._before(start - 1) or self._continuation(found, start)
            if speaker is None:
                continue
            name, attribution, person = speaker
            found.append(Found(start, start + len(body), body, name, attribution, person))
        return found

    def _who(self, window_start: int, window_end: int, near_end: bool) -> tuple[str, Person | None] | None:
        """The speaker named in a window: a person, a pronoun for the last person, or an institution."""
        window = self.text[window_start:window_end]
        candidates: list[tuple[int, str, Person | None]] = [
            (offset, person.name, person) for offset, person in self.people.at(window_start, window_end)
        ]
        for m in _PRONOUN.finditer(window):
            person = self.people.last_before(window_start + m.start())
            if person is not None:
                candidates.append((window_start + m.start(), person.name, person))
        for m in INSTITUTION.finditer(window):
            candidates.append((window_start + m.start(), re.sub(r"^the\s+", "", m.group(0)), None))
        if not candidates:
            return None
        _, name, person = max(candidates) if near_end else min(candidates)
        return name, person

    def _after(self, offset: int) -> tuple[str, str | None, Person | None] | None:
        """`"...," Rubio told reporters.` / `"...," said the ministry.`"""
        clause = _clause_after(self.text, offset)
        verb = SPEECH.search(clause)
        if verb is None or verb.start() > 60:
            return None
        who = self._who(offset, offset + len(clause), near_end=False)
        if who is None:
            return None
        return who[0], _attribution(clause[verb.start() :]), who[1]

    def _before(self, offset: int) -> tuple[str, str | None, Person | None] | None:
        """`Rubio remarked, "..."` / `According to the ministry, they "..."`."""
        start = _sentence_start(self.text, offset)
        lead = self.text[start:offset]
        according = _ACCORDING.search(lead)
        if according:
            return according.group(1).strip(), "according to " + according.group(1).strip(), None
        verbs = list(SPEECH.finditer(lead))
        if not verbs:
            return None
        verb = verbs[-1]
        who = self._who(start, start + verb.start(), near_end=True)
        if who is None:
            return None
        return who[0], _attribution(lead[verb.start() :]), who[1]

    def _continuation(self, found: list[Found], start: int) -> tuple[str, str | None, Person | None] | None:
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
