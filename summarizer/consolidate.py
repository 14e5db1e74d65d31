"""Merge several results about one event: people resolved across sources, facts de-duplicated,
quotes linked, differences kept side by side. Works on the output of any backend."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from summarizer.blocking import WINDOW_DAYS, article_date, candidate_pairs, undated
from summarizer.digest import (
    DigestMeeting,
    DigestParticipant,
    DigestTariff,
    Disagreement,
    EventDigest,
    Source,
    Statement,
)
from summarizer.grounding import fold
from summarizer.names import party_key, person_key, plain
from summarizer.result import Result
from summarizer.schema import MeetingStatus, Participant

SAME_NAME = 85.0  # rapidfuzz ratio: Sergei/Sergey Lavrov ≈ 92, Donald Trump/Donald Tusk ≈ 78
SAME_WORDS = 90.0  # two quotes this alike are one statement reported twice
VARIANT_OVERLAP = 0.25  # share of content-word stems two quotes of one speaker need to be possible variants
SAME_EVENT = 0.3  # share of people two articles need in common to be about one event
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "have",
        "been",
        "they",
        "their",
        "there",
        "were",
        "what",
        "will",
        "would",
        "which",
        "about",
        "from",
        "into",
        "than",
        "them",
        "then",
        "when",
        "where",
        "while",
        "your",
        "just",
        "very",
        "also",
        "only",
        "some",
        "such",
    ]
)


class People:
    """Participants resolved across articles: one entry per person, every spelling an alias."""

    def __init__(self) -> None:
        self.people: list[DigestParticipant] = []
        self.used: dict[str, set[str]] = {}  # each name form → the articles that use it

    def add(self, person: Participant, article: str, spans: list[Source]) -> DigestParticipant:
        found = self.find(person.name, person.aliases)
        if found is None:
            found = DigestParticipant(name=person.name, role=person.role, affiliation=person.affiliation)
            self.people.append(found)
        for form in [person.name, *person.aliases]:
            self.used.setdefault(form, set()).add(article)
            if form != found.name and form not in found.aliases:
                found.aliases.append(form)
        found.role = found.role or person.role
        found.affiliation = found.affiliation or person.affiliation
        found.sources.extend(spans or [Source(article=article)])
        return found

    def find(self, name: str, aliases: Sequence[str] = ()) -> DigestParticipant | None:
        forms = [person_key(f) for f in (name, *aliases)]
        for person in self.people:
            theirs = [person_key(f) for f in (person.name, *person.aliases)]
            if any(fuzz.ratio(a, b) >= SAME_NAME for a in forms for b in theirs):
                return person
            if _surname_match(forms, theirs):
                return person
        return None

    def canonical(self, name: str) -> str:
        person = self.find(name)
        return person.name if person else name


def _surname_match(ours: list[str], theirs: list[str]) -> bool:
    """'Rubio' and 'Marco Rubio'; multi-word forms must share the surname and a similar given name."""
    for a in ours:
        for b in theirs:
            short, long = sorted((a.split(), b.split()), key=len)
            if len(short) == 1 and len(long) > 1 and short[0] in (long[0], long[-1]):
                return True
    return False


def stems(text: str) -> set[str]:
    """Content-word stems (first four letters), so 'China'/'Chinese' and 'supporting'/'supportive' agree."""
    words = re.findall(r"[a-z]+", fold(text)[0])
    return {w[:4] for w in words if len(w) > 3 and w not in _STOP}


def overlap(a: str, b: str) -> float:
    x, y = stems(a), stems(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def _spans(result: Result, field: str, index: int, article: str, text: str | None = None) -> list[Source]:
    spans = [s for e in result.grounding if e.field == field and e.index == index for s in e.spans]
    return [Source(article=article, text=text, spans=spans)]


def consolidate(results: Mapping[str, Result], published: Mapping[str, str | None] | None = None) -> list[EventDigest]:
    """One digest per event: articles sharing people (or a meeting) are grouped; a mix is split apart.

    ``published`` (article → ISO date) dates articles for grouping; without it, their meeting dates do.
    """
    return [_digest({k: results[k] for k in group}, reason) for group, reason in group_by_event(results, published)]


def group_by_event(
    results: Mapping[str, Result], published: Mapping[str, str | None] | None = None
) -> list[tuple[list[str], str]]:
    """Connected groups of articles whose participants overlap by ``SAME_EVENT`` or more, within a date window.

    Only the candidate pairs of :mod:`summarizer.blocking` are compared (a shared name, dates within
    ``WINDOW_DAYS``), so grouping grows with the corpus, not with its square. An undated article joins
    at most one dated group, so it never bridges two events.
    """
    dates = {i: article_date(results[i], (published or {}).get(i)) for i in results}
    people = {i: len({person_key(p.name) for p in results[i].record.participants}) or 1 for i in results}
    parent = {i: i for i in results}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def same_event(a: str, b: str) -> bool:
        shared = _shared(results[a].record.participants, results[b].record.participants)
        return shared / min(people[a], people[b]) >= SAME_EVENT

    for a, b in candidate_pairs(results, dates):
        if root(a) != root(b) and same_event(a, b):
            parent[root(b)] = root(a)
    near = undated(results, dates)
    cluster, joined = {a: root(a) for a in near}, set()
    for article, dated in near.items():
        match = None if cluster[article] in joined else next((b for b in dated if same_event(article, b)), None)
        if match is not None:
            parent[root(article)] = root(match)
            joined.add(cluster[article])
    groups: dict[str, list[str]] = {}
    for i in results:
        groups.setdefault(root(i), []).append(i)
    reason = (
        f"articles grouped when at least {SAME_EVENT:.0%} of the people in the smaller one appear in the "
        f"other and their dates are within {WINDOW_DAYS} days (an undated article joins one such group); "
        "a lone article is its own event"
    )
    return [(g, reason) for g in groups.values()]


def _shared(a: list[Participant], b: list[Participant]) -> int:
    index = People()
    for person in a:
        index.add(person, "a", [])
    return sum(1 for person in b if index.find(person.name, person.aliases) is not None)


def _digest(results: Mapping[str, Result], reason: str) -> EventDigest:
    people = People()
    for article, result in results.items():
        for i, person in enumerate(result.record.participants):
            people.add(person, article, _spans(result, "participants", i, article))
    digest = EventDigest(articles=list(results), grouping=reason, participants=people.people)
    _meetings(digest, results, people)
    _statements(digest, results, people)
    _tariffs(digest, results)
    _name_spellings(digest, people)
    return digest


def _meetings(digest: EventDigest, results: Mapping[str, Result], people: People) -> None:
    for article, result in results.items():
        for i, meeting in enumerate(result.record.meetings):
            names = sorted({people.canonical(n) for n in meeting.participants})
            known = next((m for m in digest.meetings if _same_meeting(m, names, meeting.status, meeting.date)), None)
            if known is None:
                known = DigestMeeting(
                    participants=names,
                    location=meeting.location,
                    date=meeting.date,
                    occasion=meeting.occasion,
                    status=meeting.status,
                )
                digest.meetings.append(known)
            else:
                _differs(
                    digest,
                    f"place of the meeting of {' and '.join(names)}",
                    known.location,
                    meeting.location,
                    known.sources,
                    article,
                )
                known.participants = sorted({*known.participants, *names})  # one outlet may name fewer people
                known.location = known.location or meeting.location
                known.date = known.date or meeting.date
                known.occasion = known.occasion or meeting.occasion
            known.sources.extend(_spans(result, "meetings", i, article))


def _same_meeting(known: DigestMeeting, names: list[str], status: MeetingStatus, day: str | None) -> bool:
    """One meeting if one source's people include the other's, with the same status and no clashing dates."""
    ours, theirs = set(names), set(known.participants)
    nested = ours <= theirs or theirs <= ours
    return nested and known.status == status and (known.date is None or day is None or known.date == day)


def _statements(digest: EventDigest, results: Mapping[str, Result], people: People) -> None:
    for article, result in results.items():
        for i, quote in enumerate(result.record.quotes):
            speaker = people.canonical(quote.speaker)
            source = _spans(result, "quotes", i, article, quote.text)
            match, score = _closest(digest.statements, speaker, quote.text, article)
            if match is None:
                digest.statements.append(Statement(speaker=speaker, relation="single", sources=source))
                continue
            match.sources.extend(source)
            words = fuzz.ratio(quote.text, match.sources[0].text or "", processor=default_process)
            match.relation = (
                "same" if words >= SAME_WORDS and match.relation != "possible variants" else ("possible variants")
            )
            match.similarity = round(min(score, match.similarity or 1.0), 3)
            if match.relation == "possible variants":
                digest.disagreements = [d for d in digest.disagreements if d.fact != _wording(speaker, match)]
                digest.disagreements.append(
                    Disagreement(
                        fact=_wording(speaker, match),
                        values={s.text or "": [s.article] for s in match.sources},
                    )
                )


def _wording(speaker: str, statement: Statement) -> str:
    return f"wording of {speaker}'s statement ({len(statement.sources)} sources, word overlap {statement.similarity})"


def _closest(statements: list[Statement], speaker: str, text: str, article: str) -> tuple[Statement | None, float]:
    """The statement by the same speaker, from another article, with the most words in common."""
    best: tuple[Statement | None, float] = (None, 0.0)
    for statement in statements:
        if plain(statement.speaker) != plain(speaker) or article in {s.article for s in statement.sources}:
            continue
        same = fuzz.ratio(text, statement.sources[0].text or "", processor=default_process) >= SAME_WORDS
        score = 1.0 if same else overlap(text, statement.sources[0].text or "")
        if score >= VARIANT_OVERLAP and score > best[1]:
            best = (statement, score)
    return best


def _tariffs(digest: EventDigest, results: Mapping[str, Result]) -> None:
    for article, result in results.items():
        for i, tariff in enumerate(result.record.tariffs):
            key = (party_key(tariff.imposed_by), party_key(tariff.target), tariff.rate_percent)
            known = next(
                (t for t in digest.tariffs if (party_key(t.imposed_by), party_key(t.target), t.rate_percent) == key),
                None,
            )
            if known is None:
                known = DigestTariff(
                    imposed_by=tariff.imposed_by,
                    target=tariff.target,
                    rate_percent=tariff.rate_percent,
                    status=tariff.status,
                    effective_date=tariff.effective_date,
                )
                digest.tariffs.append(known)
            else:
                label = f"{tariff.imposed_by} tariff on {tariff.target} at {tariff.rate_percent}%"
                _differs(
                    digest, f"status of the {label}", known.status.value, tariff.status.value, known.sources, article
                )
                _differs(
                    digest,
                    f"effective date of the {label}",
                    known.effective_date,
                    tariff.effective_date,
                    known.sources,
                    article,
                )
            known.sources.extend(_spans(result, "tariffs", i, article))


def _differs(
    digest: EventDigest, fact: str, kept: str | None, new: str | None, sources: list[Source], article: str
) -> None:
    if kept is None or new is None or kept == new:
        return
    earlier = sorted({s.article for s in sources})
    digest.disagreements.append(Disagreement(fact=fact, values={kept: earlier, new: [article]}))


def _name_spellings(digest: EventDigest, people: People) -> None:
    """Two full-name spellings of one person (Sergei / Sergey Lavrov) are a disagreement worth showing."""
    for person in digest.participants:
        spellings = [f for f in (person.name, *person.aliases) if len(f.split()) > 1]
        if len({plain(f) for f in spellings}) > 1:
            values = {f: sorted(people.used.get(f, set())) for f in spellings}
            digest.disagreements.append(Disagreement(fact=f"spelling of {person.name}'s name", values=values))
