"""Dates as written → ISO dates, resolving relative ones against the publication date.

Absolute dates go through python-dateutil with the publication date filling in what the text
leaves out (the year of 'August 1'); weekday names and 'today'/'yesterday' are simple arithmetic.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?"
)
_DAY_OF_MONTH = re.compile(
    rf"^(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?$|^\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?$",
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(rf"^(?:in\s+|early\s+|mid-?|late\s+)?({_MONTHS})(?:\s+(\d{{4}}))?$", re.IGNORECASE)
_WEEKDAY_LEAD = re.compile(rf"^(?:{'|'.join(_WEEKDAYS)}),?\s+(.+)$", re.IGNORECASE)
_LAPSED = timedelta(days=60)  # a start date written without a year this long before publication is next year's
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
_DATELINE = re.compile(r"^\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2})\s*$")


def resolve(text: str, published: date | None, future: bool = False) -> str | None:
    """'August 1' → '2025-08-01'; 'on Tuesday' → the Tuesday on or before ``published`` (on or after
    when ``future``); 'in July' → '2025-07'; vague spans ('earlier this week') → None."""
    cleaned = re.sub(r"^(?:on|by|from|until|since|as of|this|last|next)\s+", "", text.strip(), flags=re.IGNORECASE)
    cleaned = cleaned.rstrip(".,").strip()
    dated = _WEEKDAY_LEAD.match(cleaned)  # "Friday, July 4": the day of the month says it all
    if dated and _DAY_OF_MONTH.match(dated.group(1)):
        cleaned = dated.group(1)
    lowered = cleaned.lower()
    if published is not None and lowered in _WEEKDAYS:
        shift = (_WEEKDAYS.index(lowered) - published.weekday()) % 7
        day = published + timedelta(days=shift) if future else published - timedelta(days=(7 - shift) % 7)
        return day.isoformat()
    if published is not None and lowered in _RELATIVE:
        return (published + timedelta(days=_RELATIVE[lowered])).isoformat()
    month = _MONTH_ONLY.match(cleaned)
    if month:
        year = month.group(2) or (str(published.year) if published else None)
        parsed = _parse(f"{month.group(1)} 1 {year}", None) if year else None
        return parsed.strftime("%Y-%m") if parsed else None
    has_year = bool(re.search(r"\d{4}", cleaned))
    if _DAY_OF_MONTH.match(cleaned) and (published is not None or has_year):
        parsed = _parse(cleaned, published)
        if parsed and future and published and not has_year and parsed.date() < published - _LAPSED:
            parsed = parsed.replace(year=parsed.year + 1)  # 'from January 1' written in December: next year's
        return parsed.date().isoformat() if parsed else None
    return None


def _parse(text: str, published: date | None) -> datetime | None:
    default = datetime(published.year, published.month, published.day) if published else datetime(2000, 1, 1)
    try:
        return dateutil_parser.parse(text, default=default, fuzzy=False)
    except (ValueError, OverflowError):
        return None


def published_date(text: str, given: str | None) -> date | None:
    """The publication date: given, or a dateline among the article's first lines."""
    if given:
        try:
            return date.fromisoformat(given)
        except ValueError:
            return None
    for line in text.splitlines()[:8]:
        if _DATELINE.match(line):
            parsed = _parse(line.strip(), None)
            return parsed.date() if parsed else None
    return None
