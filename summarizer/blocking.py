"""Candidate pairs for event grouping at corpus scale: articles that share a person and a date window.

Comparing every pair of articles is O(n²) and, with no date, groups the same two people's meetings
years apart into one event. Blocking keeps a pair only if the two articles share a name token (the
first or last word of a participant's name or alias, so 'Rubio' meets 'Marco Rubio' and 'Sergei' meets
'Sergey Lavrov') and their dates lie within ``WINDOW_DAYS`` of each other. An article's date is the one
given (its publication date) or else the earliest date of a meeting it reports; a month-only date is
the whole month. Articles without a date are paired only with each other here; :func:`undated` says
which dated articles each could join, so a caller can attach it to one group without bridging two.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date
from itertools import chain, combinations, product

from summarizer.names import person_key
from summarizer.result import Result

SURNAME_CHARS = 5  # 'zelensky'/'zelenskyy', 'jinping'/'jingping' share a block
WINDOW_DAYS = 14  # reports of one event appear within days of it; the same people meet again months later

Interval = tuple[int, int]  # first and last day (proleptic ordinals) the article's date may mean


def interval(value: str | None) -> Interval | None:
    """'2025-07-10' → that day; '2025-07' → the whole of July; anything else → None."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) >= 3:
            day = date(parts[0], parts[1], parts[2]).toordinal()
            return day, day
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1).toordinal(), date(parts[0], parts[1], last).toordinal()
    except ValueError:
        return None
    return None


def article_date(result: Result, published: str | None = None) -> Interval | None:
    """The publication date when known, else the earliest meeting date the record gives."""
    given = interval(published)
    if given is not None:
        return given
    found = [i for i in (interval(m.date) for m in result.record.meetings) if i is not None]
    return min(found) if found else None


def name_keys(result: Result) -> set[tuple[str, str]]:
    """Blocking keys of every participant's name and alias forms.

    ``("last", x)``: the start of a surname (or of a one-word name), so spellings that differ at the end
    still meet; ``("first", x)``: the first word of a full name; ``("one", x)``: a one-word name, which
    the grouping also matches against first words ('Wang' for 'Wang Yi').
    """
    keys: set[tuple[str, str]] = set()
    for person in result.record.participants:
        for form in (person.name, *person.aliases):
            words = person_key(form).split()
            if not words:
                continue
            keys.add(("last", words[-1][:SURNAME_CHARS]))
            keys.add(("first", words[0]) if len(words) > 1 else ("one", words[0]))
    return keys


def candidate_pairs(results: Mapping[str, Result], dates: Mapping[str, Interval | None]) -> Iterator[tuple[str, str]]:
    """Each pair of dated articles (or of undated ones) that share a surname key, or whose one-word name is
    the other's first word, within the window; once each, earlier article first."""
    blocks: dict[tuple[str, str, int | None], list[str]] = defaultdict(list)
    for article, result in results.items():
        span = dates.get(article)
        buckets = [None] if span is None else range(span[0] // WINDOW_DAYS, span[1] // WINDOW_DAYS + 1)
        for kind, key in name_keys(result):
            for bucket in buckets:
                blocks[(kind, key, bucket)].append(article)
    seen: set[tuple[str, str]] = set()
    order = {article: n for n, article in enumerate(results)}
    for (kind, key, bucket), members in list(blocks.items()):
        if kind == "first":
            continue  # a shared first name alone is no reason to compare
        nearby = [bucket] if bucket is None else [bucket - 1, bucket, bucket + 1]
        others = [b for n in nearby for b in blocks.get(("first", key, n), [])]
        if kind == "last":
            others += [b for n in nearby[2:] for b in blocks.get(("last", key, n), [])]
        for a, b in chain(combinations(members, 2) if kind == "last" else (), product(members, others)):
            pair = (a, b) if order[a] < order[b] else (b, a)
            if a != b and pair not in seen and close(dates.get(a), dates.get(b)):
                seen.add(pair)
                yield pair


def close(a: Interval | None, b: Interval | None) -> bool:
    """Both undated, or dated within ``WINDOW_DAYS`` of each other."""
    if a is None or b is None:
        return a is None and b is None
    return a[0] - WINDOW_DAYS <= b[1] and b[0] - WINDOW_DAYS <= a[1]


def undated(results: Mapping[str, Result], dates: Mapping[str, Interval | None]) -> dict[str, list[str]]:
    """For each undated article, the dated articles sharing a name key with it, in input order."""
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article, result in results.items():
        if dates.get(article) is not None:
            for key in name_keys(result):
                by_key[key].append(article)
    order = {article: n for n, article in enumerate(results)}
    found: dict[str, list[str]] = {}
    for article, result in results.items():
        if dates.get(article) is None:
            keys = name_keys(result)
            near = {o for kind, key in keys if kind != "first" for o in by_key.get((kind, key), [])}
            near |= {o for kind, key in keys if kind == "one" for o in by_key.get(("first", key), [])}
            found[article] = sorted(near, key=order.__getitem__)
    return found
