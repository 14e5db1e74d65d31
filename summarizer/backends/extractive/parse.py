"""Article text → spaCy ``Doc``, within a time and memory budget.

An article up to ``LONG`` characters (every news article; the fixtures are under 5,000) is parsed whole,
as it always was. A longer one is cut into lines and parsed line by line through ``nlp.pipe``, so
spaCy never holds the activations of the whole text at once, and what the rules cannot use is left out:
a line that repeats an earlier one (scraped pages and feeds repeat stories and furniture) and page noise
(a line with no sentence end, link lists, table rows, runs of words without a full stop). The head of
the article (headline, byline, dateline) is always kept. The rules then run over the parsed lines only.
Every string they copy is still the article's own, so grounding finds it in the full text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from summarizer.chunking import split

LONG = 100_000  # characters; shorter articles are parsed whole, exactly as before
HEAD = 2_000  # characters at the start kept whatever they look like: headline, byline, dateline
PIECE = 10_000  # a longer line is cut after sentences into pieces of at most this many characters
MAX_RUN = 120  # words without a sentence end: a sentence this long is page noise, not prose
BATCH = 64  # lines per nlp.pipe batch
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s|$)")


def pipe(nlp: Any, articles: Iterable[str], batch_size: int, n_process: int = 1) -> Iterator[Any]:
    """One ``Doc`` per article, in order: short articles through one ``nlp.pipe`` call, long ones line by line."""
    items = list(articles)
    short = nlp.pipe((a for a in items if len(a) <= LONG), batch_size=batch_size, n_process=n_process)
    for article in items:
        yield next(short) if len(article) <= LONG else parse_long(nlp, article)


def parse_long(nlp: Any, text: str) -> Any:
    """The head and every first-seen prose line of ``text``, parsed in pieces and joined into one ``Doc``."""
    from spacy.tokens import Doc

    docs = list(nlp.pipe(lines_to_parse(text), batch_size=BATCH))
    return Doc.from_docs(docs, ensure_whitespace=True) if docs else nlp.make_doc("")


def lines_to_parse(text: str) -> list[str]:
    """The pieces of ``text`` worth parsing, in order (each ends with its own line break, if it had one):
    each prose line once, and the short lines of the head whatever they look like."""
    kept: list[str] = []
    seen: set[str] = set()
    offset = 0
    for match in _LINE.finditer(text):
        line, offset = match.group(0), offset + len(match.group(0))
        key = line.strip()
        head = offset - len(line) < HEAD and len(line) <= PIECE
        if not key or key in seen or not (head or prose(key)):
            continue
        seen.add(key)
        kept.extend(split(line, PIECE))
    return kept


def prose(line: str) -> bool:
    """A line of running text: it has sentence ends, no run of ``MAX_RUN`` words without one, and is not a
    list of links or a table row."""
    if line.startswith("|") or line.count("](") >= 3:
        return False
    runs = _SENTENCE_END.split(line)
    if len(runs) < 2:
        return False
    return all(len(run.split()) <= MAX_RUN for run in runs)
