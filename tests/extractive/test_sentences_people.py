"""People (``people.py``): text → [(name, role, affiliation, aliases)], one entry per person."""

from __future__ import annotations

import pytest

from summarizer.backends.extractive.people import People
from tests.extractive.sentences import parse

Row = tuple[str, str | None, str | None, list[str]]

PEOPLE = [
    (
        "U.S. Secretary of State Marco Rubio said the talks were constructive.",
        [("Marco Rubio", "Secretary of State", "United States", [])],
    ),
    (  # a title after the name, with the country in the possessive
        "Wang Yi, China's foreign minister, said the talks were useful.",
        [("Wang Yi", "foreign minister", "China", [])],
    ),
    (  # two spellings of one name
        "Russian Foreign Minister Sergei Lavrov arrived on Monday. Later, Sergey Lavrov met reporters.",
        [("Sergei Lavrov", "Foreign Minister", "Russia", ["Sergey Lavrov"])],
    ),
    (  # the surname alone later on folds into the person
        "Ukrainian President Volodymyr Zelensky arrived in Washington. Zelensky later met lawmakers.",
        [("Volodymyr Zelensky", "President", "Ukraine", ["Zelensky"])],
    ),
    (  # a particle inside the name
        "European Commission President Ursula von der Leyen spoke in Brussels on Monday.",
        [("Ursula von der Leyen", "Commission President", "European Union", [])],
    ),
    (  # an official introduced in a sentence opening on a capital serves that country
        "In Ottawa, Prime Minister Mark Carney said Canada would respond.",
        [("Mark Carney", "Prime Minister", "Canada", [])],
    ),
    (  # hyphenated and spaced forms of one name; the longer form is the name
        "South Korean President Lee Jae-myung met reporters. Lee Jae Myung said the alliance was strong.",
        [("Lee Jae Myung", "President", "South Korea", ["Lee Jae-myung"])],
    ),
    ("The leaders met in Busan on Thursday before flying home.", []),  # a city is not a person
    ("The Ford plant in Michigan will close, workers were told.", []),  # a name used as a modifier
    (  # an appositive that names the country ('the top U.S. negotiator') after a title that does not
        "Trade Representative Jamieson Greer, the top U.S. negotiator, flew to Stockholm.",
        [("Jamieson Greer", "Trade Representative", "United States", [])],
    ),
    (  # a capitalised 'Von der Leyen' at a sentence start is the surname from its particle on
        "Ursula von der Leyen spoke in Brussels. Von der Leyen said the bloc was ready.",
        [("Ursula von der Leyen", None, None, ["Von der Leyen"])],
    ),
    (  # the 2025 chip tariffs: the country in an appositive after a title
        "Commerce Secretary Howard Lutnick, the chief U.S. negotiator on chips, spoke on Tuesday.",
        [("Howard Lutnick", "Commerce Secretary", "United States", [])],
    ),
]


PEOPLE += [
    (  # no country at the first mention: a later title gives it (the role stays the first one)
        "President Tomas Brandt spoke on Monday. Later, Austrian President Tomas Brandt met reporters.",
        [("Tomas Brandt", "President", "Austria", [])],
    ),
]


PEOPLE += [
    (  # news agencies that spaCy takes for people are none
        'Liang Haoran backed the tariffs. "The response is proportionate," Liang told Xinhua. The talks went '
        "well, Kim Min-jae said in an interview with Yonhap on Monday.",
        [("Liang Haoran", None, None, ["Liang"]), ("Kim Min-jae", None, None, [])],
    ),
]


PEOPLE += [
    (  # British copy: the title before the name, in commas; an organisation leading it is the affiliation
        "He hosted the Nato secretary general, Mark Rutte, in the Oval Office on Thursday.",
        [("Mark Rutte", "secretary general", "Nato", [])],
    ),
    (
        "The European Commission president, Ursula von der Leyen, said the bloc was ready.",
        [("Ursula von der Leyen", "president", "European Commission", [])],
    ),
    ("In Ottawa, Mark Carney, said nothing more.", [("Mark Carney", None, None, [])]),  # no title: none
    (  # a name spaCy takes for a place is a person when an appositive says what the person does
        "Wendell Park, a former Commerce Department official, said the date left three weeks.",
        [("Wendell Park", "former Commerce Department official", None, [])],
    ),
]


def test_a_hyphenated_given_name_the_entity_stops_short_of() -> None:
    """spaCy's small model may end a Korean name at the hyphen ('Han Duck' of 'Han Duck-soo')."""
    doc = parse("Acting President Han Duck-soo spoke with Trump on April 8.")
    assert [e.text for e in doc.ents if e.label_ == "PERSON" and e.text.startswith("Han")] == ["Han Duck"]
    names = [p.name for p in People(doc).people]
    assert "Han Duck-soo" in names
    assert "Han Duck" not in names


@pytest.mark.parametrize(("text", "expected"), PEOPLE)
def test_people(text: str, expected: list[Row]) -> None:
    found = [(p.name, p.role, p.affiliation, p.aliases) for p in People(parse(text)).people]
    assert found == expected


def test_mentions_are_character_spans_of_every_form() -> None:
    text = "Chancellor Anna Keller spoke first. Keller then left, and Anna Keller returned."
    (person,) = People(parse(text)).people
    assert [text[s:e] for s, e in person.mentions] == ["Anna Keller", "Keller", "Anna Keller"]


def test_a_title_case_headline_is_no_person() -> None:
    """spaCy tags 'Trump Widens Relief for Auto Makers' a PERSON; a lowercase word that is no name particle
    ('for') says it is a headline, so 'Trump' in the body stays his own person."""
    text = "Trump Widens Relief for Auto Makers\n\nPresident Trump's tariffs on imported trucks took effect Saturday."
    assert [p.name for p in People(parse(text)).people] == ["Trump"]
