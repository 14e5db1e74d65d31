"""Dates as written → ISO dates, resolving relative ones against the publication date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

_SPECIFIC = re.compile(
    r"\b(\d{1,2}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow)\b",
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(
    r"^(?:in\s+|early\s+|mid-?|late\s+)?(january|february|march|april|may|june|july|august|september|october|"
    r"november|december)(?:\s+(\d{4}))?$",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2})\s*$")


@cache
def _parser() -> Any:
    import dateparser  # imported lazily: slow to import, only needed by the extractive backend

    return dateparser


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def resolve(text: str, published: date | None, future: bool = False) -> str | None:
    """'August 1' → '2025-08-01'; 'on Tuesday' → the Tuesday on or before ``published`` (on or after
    when ``future``); 'in July' → '2025-07'."""
    cleaned = re.sub(r"^(on|by|from|until|since|as of|this|last)\s+", "", text.strip(), flags=re.IGNORECASE)
    weekday = cleaned.lower().rstrip(".")
    if weekday in _WEEKDAYS and published is not None:
        shift = (_WEEKDAYS.index(weekday) - published.weekday()) % 7
        day = published + timedelta(days=shift) if future else published - timedelta(days=(7 - shift) % 7)
        return day.isoformat()
    month = _MONTH_ONLY.match(cleaned)
    if month:
        year = month.group(2) or (published.year if published else None)
        parsed = _parse(f"{month.group(1)} {year}", published, future) if year else None
        return parsed.strftime("%Y-%m") if parsed else None
    if not _SPECIFIC.search(cleaned):
        return None  # 'earlier this week', 'last month': not a day
    if published is None and not re.search(r"\d{4}", cleaned):
        return None
    parsed = _parse(cleaned, published, future)
    return parsed.date().isoformat() if parsed else None


def _parse(text: str, published: date | None, future: bool) -> datetime | None:
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    result: datetime | None = _parser().parse(text, languages=["en"], settings=settings)
    return result


def published_date(text: str, given: str | None) -> date | None:
    """The publication date: given, or a dateline among the article's first lines."""
    if given:
        try:
            return date.fromisoformat(given)
        except ValueError:
            return None
    for line in text.splitlines()[:8]:
        if _DATELINE.match(line):
            parsed = _parse(line.strip(), None, False)
            return parsed.date() if parsed else None
    return None
