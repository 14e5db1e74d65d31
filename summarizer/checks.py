"""Grounding that checks meaning: quotes inside quotation marks, speakers where the text attributes them,
tariff parts in one place, meetings with two participants and a meeting cue.

Each check returns an Evidence with a reason. The windows are sentences and paragraphs from
:mod:`summarizer.passages`; names are compared as word sets, with demonyms and capitals mapped to
their country by :func:`summarizer.names.place`.
"""

from __future__ import annotations

import re
from functools import cache

from summarizer.names import PLACES, person_key, place, plain
from summarizer.passages import Passages, words
from summarizer.result import Evidence, GroundingStatus, Span
from summarizer.schema import Meeting, Participant, Quote, Tariff

QUOTED_MIN = 0.9  # share of a quote's letters that must lie inside quotation marks
MEETING_CUE = re.compile(
    r"\b(?:met|meet|meets|meeting|meetings|talks|talked|call|calls|called|phoned|phone|hosted|hosts|host|"
    r"summit|visit|visits|visited|visiting|held|discussions?|discussed|conversation|spoke|speak|negotiat\w*|"
    r"welcomed|received|bilateral|sat down|dialogue|conference|together)\b",
    re.IGNORECASE,
)
TARIFF_CUE = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levy|levies|surtax\w*|customs|rate)\b", re.IGNORECASE)
SPEECH_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|stated|noted|declared|asked|replied|posted|according)\b",
    re.IGNORECASE,
)
PRONOUNS = {"he", "she", "his", "her", "they", "their", "it", "its", "we"}
_STOP = {"the", "of", "and", "for", "on", "in", "a", "an", "to", "its", "their", "from", "other", "all"}
_TRADE = {"imports", "imported", "import", "goods", "products", "exports", "items"}
_ROLE_WORDS = {
    "minister",
    "secretary",
    "president",
    "chancellor",
    "premier",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ministry",
    "ambassador",
    "envoy",
    "representative",
    "commissioner",
    "leader",
    "official",
    "officials",
    "king",
    "governor",
    "negotiator",
    "chief",
    "adviser",
    "advisor",
}


def _evidence(field: str, index: int, text: str, ok: bool, reason: str, span: Span | None = None) -> Evidence:
    status = GroundingStatus.VERIFIED if ok else GroundingStatus.UNSUPPORTED
    return Evidence.model_validate(
        {
            "field": field,
            "index": index,
            "text": text,
            "status": status,
            "score": 100.0 if ok else 0.0,
            "spans": [span] if span else [],
            "reason": reason,
        }
    )


@cache
def party_terms(name: str) -> frozenset[str]:
    """Words that mention a person, country, bloc or goods: 'Chinese goods' → chinese, china, beijing."""
    terms: set[str] = set()
    for word in words(plain(name)) - _STOP - _TRADE:
        terms |= {word, re.sub(r"(?<=[a-z]{3})s$", "", word)}
        country = place(word)
        if country:
            terms |= {k for k, v in PLACES.items() if v == country and " " not in k} | words(plain(country))
    country = place(name)
    if country:
        terms |= {k for k, v in PLACES.items() if v == country and " " not in k}
        terms |= {plain(country)} if " " not in country else {plain(country).split()[-1]}
    return frozenset(t.rstrip(".") for t in terms if len(t) > 1)  # words() drops a final "." too: "u.s"


def mentions(name: str, window: str, people: list[Participant] | None = None) -> bool:
    """Whether ``window`` names ``name``: any of its words, a demonym, capital or seat of its country
    ('White House'), or a participant affiliated with it ('Trump' for the United States)."""
    text = plain(window)
    found = words(text)
    found |= {re.sub(r"(?<=[a-z]{3})s$", "", w) for w in found}
    terms = party_terms(name) or frozenset(words(plain(name)) - _STOP)
    country = place(name)
    if country and any(f" {k} " in f" {text} " for k, v in PLACES.items() if v == country and " " in k):
        return True
    for person in people or []:
        if country and person.affiliation and place(person.affiliation) == country:
            terms |= person_terms(person.name, people or [])
    return bool(terms & found)


def person_terms(name: str, participants: list[Participant]) -> frozenset[str]:
    """The name, its aliases and their words (surnames), from the participant it refers to."""
    key = person_key(name)
    names = {name}
    for person in participants:
        forms = [person.name, *person.aliases]
        if key in {person_key(f) for f in forms}:
            names |= set(forms)
    terms = set().union(*(party_terms(person_key(n)) for n in names))
    # a person is named by their name, not a title word; an institution by its head noun ('the ministry')
    return frozenset(terms - _ROLE_WORDS) if len(names) > 1 and terms - _ROLE_WORDS else frozenset(terms)


def role_terms(name: str, participants: list[Participant]) -> set[str]:
    """Title words that stand for the person in this article: 'Secretary of State' → secretary."""
    key = person_key(name)
    out: set[str] = set()
    for person in participants:
        if key in {person_key(f) for f in [person.name, *person.aliases]} and person.role:
            out |= words(plain(person.role)) & _ROLE_WORDS
    return out


def check_quote(passages: Passages, index: int, quote: Quote, spans: list[Span]) -> Evidence | None:
    """None when the quote sits inside quotation marks; else a NOT_QUOTED evidence."""
    if not spans or any(passages.quoted_share(s.start, s.end) >= QUOTED_MIN for s in spans):
        return None
    return Evidence.model_validate(
        {
            "field": "quotes",
            "index": index,
            "text": quote.text,
            "status": GroundingStatus.NOT_QUOTED,
            "score": 0.0,
            "spans": spans[:1],
            "reason": "the words are in the source but not inside quotation marks",
        }
    )


def check_speaker(passages: Passages, index: int, quote: Quote, span: Span, people: list[Participant]) -> Evidence:
    """The speaker is named (or a pronoun/title resolved to them) where the text attributes the quote: the
    narrator's words in the quote's sentence, or, for a quote that stands alone (no speech verb around it),
    the sentences before it in its paragraph and the paragraph before."""
    first, last = passages.sentence_at(span.start), passages.sentence_at(max(span.start, span.end - 1))
    lo, hi = passages.sentences[first][0], passages.sentences[last][1]
    narrator = passages.unquoted(lo, hi)
    k = passages.paragraph_at(span.start)
    before = passages.unquoted(passages.paragraphs[max(0, k - 1)][0], lo)
    names, roles = person_terms(quote.speaker, people), role_terms(quote.speaker, people)
    said = words(plain(narrator))
    if names & said:
        ok, reason = True, "speaker named in the quote's sentence"
    elif said & (PRONOUNS | roles) and mentions_any(names, before):
        ok, reason = True, "a pronoun or title in the quote's sentence resolves to the speaker named just before"
    elif not SPEECH_CUE.search(narrator) and mentions_any(names, before):
        ok, reason = True, "quote stands alone; speaker named in the sentence or paragraph before"
    else:
        ok, reason = False, f"{quote.speaker!r} is not named where the quote is attributed"
    status = GroundingStatus.VERIFIED if ok else GroundingStatus.UNATTRIBUTED
    return Evidence.model_validate(
        {
            "field": "quotes",
            "index": index,
            "text": quote.speaker,
            "status": status,
            "score": 100.0 if ok else 0.0,
            "spans": [Span(start=lo, end=hi)],
            "reason": reason,
        }
    )


def mentions_any(terms: frozenset[str], window: str) -> bool:
    return bool(terms & words(plain(window)))


def rate_spans(passages: Passages, tariff: Tariff, found: list[Span]) -> list[Span]:
    """Where the rate is written: its rate_text, else its number followed by % or 'percent'."""
    if found or tariff.rate_percent is None:
        return found
    number = f"{tariff.rate_percent:g}"
    pattern = re.compile(rf"(?<![\d.]){re.escape(number)}(?:\.0+)?\s*(?:%|per\s?cent)", re.IGNORECASE)
    return [Span(start=m.start(), end=m.end()) for m in pattern.finditer(passages.text)]


def check_tariff(
    passages: Passages, index: int, tariff: Tariff, found: list[Span], people: list[Participant]
) -> Evidence:
    """Rate, target and imposer in the same or adjacent sentences or the rate's paragraph; an imposer the
    article never names (directly, or through a participant affiliated with it) fails."""
    label = f"{tariff.rate_text or tariff.rate_percent or 'no rate'} | {tariff.target} | {tariff.imposed_by}"
    if not mentions(tariff.imposed_by, passages.text, people):
        reason = f"the imposer {tariff.imposed_by!r} is not named in the source"
        return _evidence("tariffs", index, label, False, reason)
    anchors = rate_spans(passages, tariff, found)
    if not anchors and (tariff.rate_text or tariff.rate_percent is not None):
        return _evidence("tariffs", index, label, False, "its rate is not in the source")
    sentences = (
        [passages.sentence_at(s.start) for s in anchors]
        if anchors
        else [i for i, _ in enumerate(passages.sentences) if TARIFF_CUE.search(passages.sentence_text(i))]
    )
    for k in sentences:
        lo, hi = passages.sentences[max(0, k - 1)][0], passages.sentences[min(len(passages.sentences) - 1, k + 1)][1]
        para = passages.paragraphs[passages.paragraph_at(passages.sentences[k][0])]
        lo, hi = min(lo, para[0]), max(hi, para[1])
        window = passages.text[lo:hi]
        if mentions(tariff.target, window, people) and mentions(tariff.imposed_by, window, people):
            what = "rate, target" if anchors else "a tariff word, target"
            return _evidence(
                "tariffs",
                index,
                label,
                True,
                f"{what} and imposer in the same or adjacent sentences or the rate's paragraph",
                Span(start=lo, end=hi),
            )
    missing = "target and imposer do not occur near the rate" if anchors else "no tariff sentence names the target"
    return _evidence("tariffs", index, label, False, missing)


def check_meeting(passages: Passages, index: int, meeting: Meeting, people: list[Participant]) -> Evidence:
    """At least two participants (one, if only one is listed) with a meeting cue in a sentence; a participant
    may be named in the sentence before, in the same paragraph ("he is due to meet May" after "Trump ...")."""
    terms = [person_terms(name, people) for name in meeting.participants]
    need = min(2, len(terms))
    label = " / ".join(meeting.participants) or "(no participants)"
    if need == 0:
        return _evidence("meetings", index, label, False, "the meeting lists no participants")
    for k, (lo, hi) in enumerate(passages.sentences):
        sentence = passages.sentence_text(k)
        if not MEETING_CUE.search(sentence):
            continue
        said = words(plain(sentence))
        if sum(1 for t in terms if t & said) >= need:
            return _evidence(
                "meetings",
                index,
                label,
                True,
                f"{need} participant(s) with a meeting cue in one sentence",
                Span(start=lo, end=hi),
            )
        start = passages.lead_in(k)
        context = words(plain(passages.text[start:hi]))
        if sum(1 for t in terms if t & context) >= need:
            return _evidence(
                "meetings",
                index,
                label,
                True,
                "participants with a meeting cue in a sentence and the one before it",
                Span(start=start, end=hi),
            )
    return _evidence("meetings", index, label, False, "no sentence has two participants and a meeting cue")
