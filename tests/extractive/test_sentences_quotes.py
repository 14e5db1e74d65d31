"""Quotes (``quotes.py``): text → [(speaker, quoted words)]."""

from __future__ import annotations

import pytest

from tests.extractive.sentences import gap, record

QUOTES = [
    (
        '"We will not accept these terms," Chancellor Anna Keller told reporters on Tuesday.',
        [("Anna Keller", "We will not accept these terms")],
    ),
    (
        'President Tomas Brandt said the deal was "a very good outcome for both of our countries".',
        [("Tomas Brandt", "a very good outcome for both of our countries")],
    ),
    (  # after a colon
        'Chancellor Anna Keller told the press conference: "Our farmers deserve better than this deal."',
        [("Anna Keller", "Our farmers deserve better than this deal.")],
    ),
    (  # curly quotation marks, the speaker before
        "Keller remarked, “Nobody wins a trade war, and everybody pays for one.”",
        [("Keller", "Nobody wins a trade war, and everybody pays for one.")],
    ),
    (  # one quote broken by its attribution
        '"Tariffs hurt everyone," Keller said, "and nobody wins a trade war."',
        [("Keller", "Tariffs hurt everyone"), ("Keller", "and nobody wins a trade war.")],
    ),
    (
        'According to the Foreign Ministry, the two sides "agreed to deepen cooperation on climate and trade".',
        [("Foreign Ministry", "agreed to deepen cooperation on climate and trade")],
    ),
    (  # "he" after two people: the subject of the sentence before
        'President Tomas Brandt met Chancellor Anna Keller in Vienna. "The door remains open to a fair '
        'agreement," he said.',
        [("Tomas Brandt", "The door remains open to a fair agreement")],
    ),
    ('Markets were calm on Tuesday. The "so-called" deal was not signed.', []),  # one word: a scare quote
    ('The minister called the plan "deeply flawed" in an interview.', []),  # no named speaker
    gap(
        "'he' after two people is the sentence subject even when that is a woman and the man is named second",
        'Chancellor Anna Keller met President Tomas Brandt in Vienna on Tuesday. "The door remains open to a '
        'fair agreement," he said.',
        [("Tomas Brandt", "The door remains open to a fair agreement")],
    ),
    (  # a quote as its own paragraph: the person the paragraph before names
        "Chancellor Anna Keller spoke to reporters after the meeting.\n\n"
        '"This is a turning point for our trade relationship and we intend to keep it that way."\n\n'
        "The talks will continue next month.",
        [("Anna Keller", "This is a turning point for our trade relationship and we intend to keep it that way.")],
    ),
    (  # no named speaker: 'Officials' is capitalised only because it starts the sentence
        'Officials described the measure as "very unfair".',
        [],
    ),
    gap(
        "a three-word fragment is returned as a quote",
        'Chancellor Anna Keller called the offer "simply not serious" on Tuesday.',
        [],
    ),
]

QUOTES += [  # quotes as their own paragraph, in stories about the 2025 steel and lumber duties (speakers invented)
    (
        "Canadian trade official Maria Lund briefed reporters in Ottawa after the steel talks.\n\n"
        '"We will answer every dollar of these tariffs with a dollar of our own."\n\n'
        "The talks resume next week.",
        [("Maria Lund", "We will answer every dollar of these tariffs with a dollar of our own.")],
    ),
    (  # the paragraph before ends with a colon
        "Commerce spokesperson Daniel Ortiz took questions in Washington on Thursday:\n\n"
        '"The lumber duties stay until the other side changes its subsidy rules."',
        [("Daniel Ortiz", "The lumber duties stay until the other side changes its subsidy rules.")],
    ),
    (  # a common noun starting the sentence names no speaker (the 2025 EU steel safeguard)
        'Steelmakers called the new quota system "a lifeline for the whole European industry".',
        [],
    ),
    (  # a paragraph quote after a paragraph naming nobody has no speaker
        'The talks ended late on Thursday.\n\n"Nobody expected a deal this week, and nobody got one."',
        [],
    ),
]


QUOTES += [  # wire copy: colon quotes after any verb, unnamed spokespeople, link lists, pronouns past a quote
    (  # a colon after a verb that is not a speech verb
        'Chancellor Anna Keller summed up the mood in one line: "Nobody leaves this room with everything."',
        [("Anna Keller", "Nobody leaves this room with everything.")],
    ),
    (  # past a relative clause, the subject of the verb before the colon
        "Finance Minister Jonas Berg, who drafted the package, put it plainly: "
        '"Every krone of these duties goes back to farmers."',
        [("Jonas Berg", "Every krone of these duties goes back to farmers.")],
    ),
    (  # an unnamed spokesperson speaks for the institution, under its fullest name
        "The Nordic Trade Commission opened an inquiry on Monday. "
        '"We expect answers within a month," a Commission spokesperson said.',
        [("Nordic Trade Commission", "We expect answers within a month")],
    ),
    (  # 'its spokesperson': the institution named last
        "The Nordic Trade Commission said it would write to both governments. "
        'Its spokesperson said: "The door stays open to anyone who plays by the rules."',
        [("Nordic Trade Commission", "The door stays open to anyone who plays by the rules.")],
    ),
    (  # a link list under 'Related coverage' is page furniture
        'Tariffs rose on Monday.\n\nRelated coverage\n- Keller says Vienna is ready to "hit back hard"\n',
        [],
    ),
    (  # 'he' does not mean a person named inside the quote before it
        "President Tomas Brandt spoke after the call.\n\n"
        'In a post he wrote: "The deal is done, pending sign-off from Chancellor Keller and myself." '
        'He added that farmers would see "lower costs within a year."',
        [
            ("Tomas Brandt", "The deal is done, pending sign-off from Chancellor Keller and myself."),
            ("Tomas Brandt", "lower costs within a year."),
        ],
    ),
]


QUOTES += [
    (  # a list item that is a whole sentence is story (Axios, fact sheets); a link in a list is not
        'Trump cut tariffs on Brazilian coffee on Thursday.\n\n- "Coffee was a little high, and now it is going to '
        'come down," Trump said.\n- Related: "Brazil\'s beef exports hit a record"\n',
        [("Trump", "Coffee was a little high, and now it is going to come down")],
    ),
    (  # the news agency told is no person, so 'he' is still the researcher
        'Liang Haoran, a senior researcher, said the measures were measured. "The response is proportionate," '
        'Liang told Xinhua.\n\nHe noted that the surtaxes came after similar moves.\n\n"It has only raised costs," '
        "he said.",
        [("Liang Haoran", "The response is proportionate"), ("Liang Haoran", "It has only raised costs")],
    ),
    (  # the name in commas after a lower-case title speaks, not the title
        'The European Commission president, Ursula von der Leyen, said in a statement: "Europe did not go looking '
        'for this fight."',
        [("Ursula von der Leyen", "Europe did not go looking for this fight.")],
    ),
    (  # who the speaker is, in commas between the quote and the verb; spaCy's small model misses the name
        '"Beijing is sending a signal rather than trying to inflict real pain," Lydia Kwan, a senior economist at '
        "Harbourline Research in Hong Kong, told AFP.",
        [("Lydia Kwan", "Beijing is sending a signal rather than trying to inflict real pain")],
    ),
    (  # British single marks; an apostrophe inside ('people’s') neither opens nor closes one
        "Sir Keir Starmer said the agreement would put ‘more money in people’s pockets’ across the country.",
        [("Keir Starmer", "more money in people’s pockets")],
    ),
    (  # 'the ministry said': the ministry the text named last, in full
        "India’s Ministry of External Affairs called the move unfair. “India will take every step needed to protect "
        "its national interests,” the ministry said.",
        [
            (
                "India’s Ministry of External Affairs",
                "India will take every step needed to protect its national interests",
            )
        ],
    ),
    (  # a colon quote after 'X was blunter about what Y means:': X, not the subject of the last verb
        "Ravi Menon, an analyst at Kestrel, said prices would rise. Menon was blunter about what the order means "
        'for fabricators: "Wire and tube makers just lost a big piece of their biggest market."',
        [("Ravi Menon", "Wire and tube makers just lost a big piece of their biggest market.")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quotes(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.text) for q in record(text).quotes] == expected
