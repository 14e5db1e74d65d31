"""Parsing (``parse.py``): short articles exactly as one ``nlp(text)``; long ones line by line, without
repeats and page noise."""

from __future__ import annotations

import pytest

from summarizer.backends.extractive import nlp, parse
from summarizer.config import Settings
from tests.extractive.hostile import STORY, hostile_article


def _analysis(doc: object) -> list[tuple[str, str, int, str, bool]]:
    return [(t.text, t.dep_, t.head.i, t.ent_type_, bool(t.is_sent_start)) for t in doc]  # type: ignore[attr-defined]


def test_short_articles_are_parsed_whole_as_before() -> None:
    model = nlp.load(Settings().spacy_model)
    articles = [STORY, "Canada imposed a 25% tariff on steel from China on Monday."]
    docs = list(parse.pipe(model, articles, batch_size=4))
    assert [_analysis(d) for d in docs] == [_analysis(model(a)) for a in articles]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Canada imposed a 25% tariff on steel from China on Monday, the ministry said.", True),
        ('"We made progress," Bessent told reporters.', True),
        ("Trade envoys meet again in Geneva", False),  # no sentence end: a headline or label
        ("[Home](#) [World](#) [Markets](#) [Subscribe](#) now.", False),  # a list of links
        ("| row 1 | 12% | 40 percent |", False),  # a table row
        ("tariff " * 130 + "said.", False),  # a run of words with no full stop in it
    ],
)
def test_prose(line: str, expected: bool) -> None:
    assert parse.prose(line) is expected


def test_long_articles_keep_the_head_and_each_prose_line_once() -> None:
    text = hostile_article(parse.LONG + 50_000)
    kept = parse.lines_to_parse(text)
    body = [line for line in kept if line.strip()]
    assert len(set(body)) == len(body), "no line twice"
    assert kept[0].startswith("Trade envoys meet again")  # the head is kept, headline and all
    assert sum("We made substantial progress" in line for line in kept) == 1
    assert all(text.index(line) < parse.HEAD for line in kept if line.startswith("|")), "noise only in the head"


def test_a_long_article_parses_into_one_doc_of_its_prose() -> None:
    model = nlp.load(Settings().spacy_model)
    text = hostile_article(parse.LONG + 50_000)
    (doc,) = parse.pipe(model, [text], batch_size=4)
    assert doc.text == "".join(parse.lines_to_parse(text))
    assert len(doc.text) < len(text) // 10
    assert {e.text for e in doc.ents if e.label_ == "PERSON"} >= {"Scott Bessent", "He Lifeng"}


def test_a_long_article_of_noise_alone_is_an_empty_doc() -> None:
    model = nlp.load(Settings().spacy_model)
    text = "tariff duty trade " * (parse.LONG // 10)  # one line, no sentence end anywhere
    (doc,) = parse.pipe(model, [text], batch_size=4)
    assert parse.lines_to_parse(text) == []
    assert doc.text == ""
