"""Sentences, paragraphs and quoted regions of a source text, as character ranges.

Grounding checks ask "is this inside quotation marks?" and "do these words share a sentence?";
a regex splitter answers both in well under a millisecond per article, so no spaCy is needed.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

Range = tuple[int, int]

# A sentence ends at . ! or ? (plus closing quotes/brackets) before white space and a capital, digit or
# opening quote, or at a line break. Abbreviations that end in a full stop are merged back below.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*[ \t]+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|"
    r"Sept|Oct|Nov|Dec|vs|Inc|Corp|Co|Ltd)|\b[A-Z](?:\.[A-Z])*)\.$"
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*")
# Quoted regions. Double quotes: curly pairs, or straight pairs within a paragraph; an unclosed opening mark
# runs to the end of its paragraph (journalism leaves a multi-paragraph quote open). Single quotes: an
# opening mark after a non-word character, and a closing one before a non-word character, so the
# apostrophes in "don't" or "China's" neither open nor close a region.
_QUOTED = (
    re.compile(r"“[^“”\n]*(?:”|(?=\n)|$)"),
    re.compile(r"\"[^\"\n]*(?:\"|(?=\n)|$)"),
    re.compile(r"(?<!\w)‘(?:[^‘’\n]|’(?=\w))*’(?!\w)"),
    re.compile(r"(?<![\w'])'(?:[^'\n]|'(?=\w))*'(?![\w'])"),
)
_WORD = re.compile(r"[\w][\w.'’\-]*")
_POSSESSIVE = ("'s", "’s")


class Passages:
    """Character ranges of the sentences, paragraphs and quoted regions of ``text``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = _sentences(text)
        self._starts = [s for s, _ in self.sentences]

    @cached_property
    def paragraphs(self) -> list[Range]:
        out, start = [], 0
        for brk in _PARAGRAPH_BREAK.finditer(self.text):
            if brk.start() > start:
                out.append((start, brk.start()))
            start = brk.end()
        if start < len(self.text):
            out.append((start, len(self.text)))
        return out

    @cached_property
    def quoted(self) -> list[Range]:
        """Every region between quotation marks, marks excluded, sorted by start."""
        regions = {
            (m.start() + 1, m.end() - (1 if m.group(0)[-1:] in "”\"’'" else 0))
            for p in _QUOTED
            for m in p.finditer(self.text)
        }
        return sorted(regions)

    def quoted_share(self, start: int, end: int) -> float:
        """The share of the letters and digits of ``[start, end)`` that lie inside quotation marks."""
        chars = [i for i in range(start, end) if self.text[i].isalnum()]
        if not chars:
            return 0.0
        inside = set[int]()
        for a, b in self.quoted:
            if a >= end:
                break
            if b > start:
                inside.update(range(max(a, start), min(b, end)))
        return sum(1 for i in chars if i in inside) / len(chars)

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the one before, if it falls in a gap)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def paragraph_at(self, offset: int) -> int:
        starts = [s for s, _ in self.paragraphs]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def lead_in(self, index: int) -> int:
        """Where sentence ``index`` starts together with the sentence before it, if that one is in the same
        paragraph (a quote's or a rate's lead-in: "He said on Friday: ..."); else where it starts itself."""
        start = self.sentences[index][0]
        before = self.sentences[index - 1][0] if index else start
        return before if self.paragraph_at(before) == self.paragraph_at(start) else start

    def sentence_text(self, index: int) -> str:
        if not 0 <= index < len(self.sentences):
            return ""
        start, end = self.sentences[index]
        return self.text[start:end]

    def unquoted(self, start: int, end: int) -> str:
        """The text of ``[start, end)`` with quoted regions blanked out: the narrator's words only."""
        chars = list(self.text[start:end])
        for a, b in self.quoted:
            for i in range(max(a, start), min(b, end)):
                chars[i - start] = " "
        return "".join(chars)


def _sentences(text: str) -> list[Range]:
    out: list[Range] = []
    start = 0
    for brk in _SENTENCE_END.finditer(text):
        piece = text[start : brk.start()]
        if "\n" not in brk.group(0) and _ABBREVIATION.search(piece.rstrip("\"”’')]")):
            continue  # "U.S. President ..." or "Mr. Li": not the end of a sentence
        if piece.strip():
            out.append((start, brk.start()))
        start = brk.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out or [(0, len(text))]


def words(text: str) -> set[str]:
    """Lower-case word forms of ``text``, possessive 's removed: "China's" → "china"."""
    return {_form(w) for w in set(_WORD.findall(text))}  # each distinct word once: texts repeat words


def _form(word: str) -> str:
    word = word.lower()
    return (word[:-2] if word.endswith(_POSSESSIVE) else word).rstrip(".")
