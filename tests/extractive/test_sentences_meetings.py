"""Meetings (``meetings.py``): sentence → (participants, status, location, date, occasion)."""

from __future__ import annotations

import pytest

from tests.extractive.sentences import record

Row = tuple[list[str], str, str | None, str | None, str | None]

MEETINGS = [
    (
        "Prime Minister Anna Keller met President Tomas Brandt in Vienna on Monday.",
        [(["Anna Keller", "Tomas Brandt"], "held", "Vienna", "2025-06-30", None)],
    ),
    (
        "President Tomas Brandt will meet Chancellor Anna Keller in Paris on Friday.",
        [(["Tomas Brandt", "Anna Keller"], "planned", "Paris", "2025-07-04", None)],
    ),
    (  # a phone call is a meeting
        "President Tomas Brandt spoke by phone with Chancellor Anna Keller on Monday about energy prices.",
        [(["Tomas Brandt", "Anna Keller"], "held", None, "2025-06-30", None)],
    ),
    (
        "President Tomas Brandt held a phone call with Chancellor Anna Keller on Monday.",
        [(["Tomas Brandt", "Anna Keller"], "held", None, "2025-06-30", None)],
    ),
    (  # so is a video call
        "Chancellor Anna Keller and President Tomas Brandt held a video call on Monday.",
        [(["Anna Keller", "Tomas Brandt"], "held", None, "2025-06-30", None)],
    ),
    (  # and a leader hosting another
        "President Tomas Brandt hosted Chancellor Anna Keller at his residence on Monday.",
        [(["Tomas Brandt", "Anna Keller"], "held", None, "2025-06-30", None)],
    ),
    (
        "Chancellor Anna Keller and President Tomas Brandt held talks on the sidelines of the G7 summit in Rome.",
        [(["Anna Keller", "Tomas Brandt"], "held", "Rome", None, "G7 summit")],
    ),
    (  # people who will lead future talks have not met
        "Trade Minister Omar Reyes and Economy Minister Clara Soto will lead the next round of negotiations.",
        [],
    ),
    ("The talks in Geneva ended without a statement.", []),
    (  # receiving a visitor is a meeting
        "President Tomas Brandt received Prime Minister Lena Holm in Oslo on Monday.",
        [(["Tomas Brandt", "Lena Holm"], "held", "Oslo", "2025-06-30", None)],
    ),
    (  # so is a clash ('clashed with')
        "President Tomas Brandt clashed with Chancellor Anna Keller in the Oval Office on Monday.",
        [(["Tomas Brandt", "Anna Keller"], "held", None, "2025-06-30", None)],
    ),
    (  # 'also present at the talks between A and B': one meeting of three
        "Foreign Minister Paul Ardent was also present at the talks between President Tomas Brandt and "
        "Chancellor Anna Keller.",
        [(["Tomas Brandt", "Anna Keller", "Paul Ardent"], "held", None, None, None)],
    ),
    (  # 'due in <capital> for talks' is planned
        "A delegation led by Trade Minister Omar Reyes is due in Madrid on Monday for talks with Economy "
        "Minister Clara Soto.",
        [(["Omar Reyes", "Clara Soto"], "planned", "Madrid", "2025-07-07", None)],
    ),
    (  # the occasion runs to its last word ('G7 summit')
        "Chancellor Anna Keller met President Tomas Brandt at the G7 summit in Rome.",
        [(["Anna Keller", "Tomas Brandt"], "held", "Rome", None, "G7 summit")],
    ),
    ("Talks next week will be led by Trade Minister Omar Reyes and Economy Minister Clara Soto.", []),
    (  # two people leading one side's team in talks with a country have not met
        "Trade Minister Omar Reyes and Economy Minister Clara Soto will lead the U.S. team in talks with China "
        "next month.",
        [],
    ),
]


MEETINGS += [  # the same categories on real events (Beijing 2024, the Oval Office 2025, Anchorage and London 2025)
    (
        "Chinese President Xi Jinping received U.S. Secretary of State Antony Blinken in Beijing on Friday.",
        [(["Xi Jinping", "Antony Blinken"], "held", "Beijing", "2025-06-27", None)],
    ),
    (
        "Ukrainian President Volodymyr Zelenskyy clashed with U.S. President Donald Trump at the White House "
        "on Friday.",
        [(["Volodymyr Zelenskyy", "Donald Trump"], "held", "the White House", "2025-06-27", None)],
    ),
    (  # 'took part in the talks between A and B', another wording of 'also present'
        "Secretary of State Marco Rubio also took part in the talks between President Vladimir Putin and "
        "President Donald Trump in Anchorage.",
        [(["Vladimir Putin", "Donald Trump", "Marco Rubio"], "held", "Anchorage", None, None)],
    ),
    (
        "A Chinese delegation led by Vice Premier He Lifeng is due in London on Monday for talks with Treasury "
        "Secretary Scott Bessent.",
        [(["He Lifeng", "Scott Bessent"], "planned", "London", "2025-07-07", None)],
    ),
    (  # 'talks ... between A and B' with nobody named before
        "The tariffs followed talks in Geneva in May between Treasury Secretary Scott Bessent and Vice Premier "
        "He Lifeng.",
        [(["Scott Bessent", "He Lifeng"], "held", "Geneva", "2025-05", None)],
    ),
    (  # a second verb of the same subject ('and then hosted') is a meeting of its own
        "President Donald Trump met President Volodymyr Zelensky in the Oval Office on Monday and then hosted "
        "European leaders including Chancellor Friedrich Merz.",
        [
            (["Donald Trump", "Volodymyr Zelensky"], "held", None, "2025-06-30", None),
            (["Donald Trump", "Friedrich Merz"], "held", None, "2025-06-30", None),
        ],
    ),
    (
        "Treasury Secretary Scott Bessent and Trade Representative Jamieson Greer will lead the U.S. side in "
        "talks with China in Geneva.",
        [],
    ),
]


MEETINGS += [  # wire copy: a second call between the same two people, 'speak with' as a planned call
    (  # 'spoke again' is another occasion, not the same call restated
        "President Tomas Brandt spoke by phone with Chancellor Anna Keller on Monday morning. Keller and Brandt "
        "spoke again on Tuesday.",
        [
            (["Tomas Brandt", "Anna Keller"], "held", None, "2025-06-30", None),
            (["Anna Keller", "Tomas Brandt"], "held", None, "2025-07-01", None),
        ],
    ),
    (  # 'would speak with': a planned call
        "President Tomas Brandt said he would speak with Chancellor Anna Keller on Friday.",
        [(["Tomas Brandt", "Anna Keller"], "planned", None, "2025-07-04", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MEETINGS)
def test_meetings(text: str, expected: list[Row]) -> None:
    found = [(m.participants, m.status.value, m.location, m.date, m.occasion) for m in record(text).meetings]
    assert found == expected
