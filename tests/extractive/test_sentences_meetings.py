"""Meetings (``meetings.py``): sentence → (participants, status, location, date, occasion)."""

from __future__ import annotations

import pytest

from tests.extractive.sentences import gap, record

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
        [(["Anna Keller", "Tomas Brandt"], "held", "Rome", None, "G7")],
    ),
    (  # people who will lead future talks have not met
        "Trade Minister Omar Reyes and Economy Minister Clara Soto will lead the next round of negotiations.",
        [],
    ),
    ("The talks in Geneva ended without a statement.", []),
    gap(
        "receiving a visitor is not a meeting cue",
        "President Tomas Brandt received Prime Minister Lena Holm in Oslo on Monday.",
        [(["Tomas Brandt", "Lena Holm"], "held", "Oslo", "2025-06-30", None)],
    ),
    gap(
        "a confrontational verb is not a meeting cue",
        "President Tomas Brandt clashed with Chancellor Anna Keller in the Oval Office on Monday.",
        [(["Tomas Brandt", "Anna Keller"], "held", None, "2025-06-30", None)],
    ),
    gap(
        "'also present' is split into pairs with the person before the cue, not one meeting of three",
        "Foreign Minister Paul Ardent was also present at the talks between President Tomas Brandt and "
        "Chancellor Anna Keller.",
        [(["Tomas Brandt", "Anna Keller", "Paul Ardent"], "held", None, None, None)],
    ),
    gap(
        "'due in <capital> for talks' is read as held, not planned",
        "A delegation led by Trade Minister Omar Reyes is due in Madrid on Monday for talks with Economy "
        "Minister Clara Soto.",
        [(["Omar Reyes", "Clara Soto"], "planned", "Madrid", "2025-07-07", None)],
    ),
    gap(
        "the occasion stops at the first occasion word ('G7', not 'G7 summit')",
        "Chancellor Anna Keller met President Tomas Brandt at the G7 summit in Rome.",
        [(["Anna Keller", "Tomas Brandt"], "held", "Rome", None, "G7 summit")],
    ),
    ("Talks next week will be led by Trade Minister Omar Reyes and Economy Minister Clara Soto.", []),
    gap(
        "two people who will lead one side's team in future talks are taken to meet each other",
        "Trade Minister Omar Reyes and Economy Minister Clara Soto will lead the U.S. team in talks with China "
        "next month.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MEETINGS)
def test_meetings(text: str, expected: list[Row]) -> None:
    found = [(m.participants, m.status.value, m.location, m.date, m.occasion) for m in record(text).meetings]
    assert found == expected
