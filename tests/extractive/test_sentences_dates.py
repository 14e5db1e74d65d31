"""Dates (``dates.py``): a date as written → ISO, against a publication date (Tuesday 1 July 2025)."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer.backends.extractive.dates import published_date, resolve

TUESDAY = date(2025, 7, 1)

RESOLVE = [
    ("August 1", False, "2025-08-01"),
    ("Aug. 1", False, "2025-08-01"),
    ("1 August 2024", False, "2024-08-01"),
    ("July 9, 2025", False, "2025-07-09"),
    ("on Friday", False, "2025-06-27"),  # a weekday: the one on or before publication
    ("Friday", True, "2025-07-04"),  # ... or after it, for what is to come
    ("Tuesday", False, "2025-07-01"),
    ("today", False, "2025-07-01"),
    ("yesterday", False, "2025-06-30"),
    ("in March", False, "2025-03"),
    ("September 2026", False, "2026-09"),
    ("earlier this week", False, None),  # vague: no date
    ("last year", False, None),
    ("next Monday", True, "2025-07-07"),
    ("Friday, July 4", False, "2025-07-04"),  # a day with its weekday
    ("Wednesday, April 9", False, "2025-04-09"),  # the day the 2025 reciprocal tariffs were paused
    ("Monday, 3 March 2025", False, "2025-03-03"),
    ("January 1", True, "2026-01-01"),  # a start date months before publication, without a year: next year's
    ("January 1", False, "2025-01-01"),  # ... but a date in the past stays in this year
    ("June 4", True, "2025-06-04"),  # ... and a start date weeks before publication is no new year
]


@pytest.mark.parametrize(("text", "future", "expected"), RESOLVE)
def test_resolve(text: str, future: bool, expected: str | None) -> None:
    assert resolve(text, TUESDAY, future=future) == expected


def test_weekdays_need_a_publication_date() -> None:
    assert resolve("Friday", None) is None
    assert resolve("August 1, 2025", None) == "2025-08-01"


PUBLISHED = [
    ("Trade talks resume\nJuly 11, 2025\nOfficials met on Friday.", None, date(2025, 7, 11)),
    ("Trade talks resume\n11 July 2025\nOfficials met on Friday.", None, date(2025, 7, 11)),
    ("Trade talks resume\nOfficials met on Friday.", "2025-07-01", date(2025, 7, 1)),  # given wins
    ("Trade talks resume\nOfficials met on Friday.", None, None),
    ("Trade talks resume", "not a date", None),
]


@pytest.mark.parametrize(("text", "given", "expected"), PUBLISHED)
def test_published_date(text: str, given: str | None, expected: date | None) -> None:
    assert published_date(text, given) == expected
