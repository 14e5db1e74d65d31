"""Tariffs: the rates of a tariff passage, each turned into records by the rule tables of :mod:`.rules`.

A rate belongs to the tariff word the parse ties it to, else the nearest in its clause; old, replaced and
counterfactual rates, shares and market moves are skipped here. Each remaining rate becomes a
:class:`~.site.Site` (the rate in its sentence with the countries and people around it); :mod:`.rules`
decides who imposes it, on whom, and its status. A tariff sentence without a rate only updates the
passage's imposer and target. Measures without a rate are in :mod:`.measures`. ``README.md`` in this
folder shows the whole pipeline and where a new rule goes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from summarizer.backends.extractive.boxes import box_tariffs
from summarizer.backends.extractive.frames import attached_cue, clause_end, cue_token
from summarizer.backends.extractive.lexicon import (
    CHANGE,
    COMPARED,
    CONDITION,
    COUNTERFACTUAL,
    DATELINE_CITIES,
    DATELINE_CITY,
    DECIDING,
    DESTINATION,
    DESTINATION_LEADS,
    ECONOMY_NOUN,
    EXTENDED,
    HELD_AT,
    MOVES,
    NOT_AGENT_LEAD,
    NOT_TARIFF_NOUN,
    RATE,
    RATE_WORD,
    REPLACED,
    TARIFF_CUE,
    TARIFF_WORDS,
    UNDERGOING,
    VISITING,
)
from summarizer.backends.extractive.measures import rateless_measures
from summarizer.backends.extractive.nlp import doc_text, entities
from summarizer.backends.extractive.parse import HEAD
from summarizer.backends.extractive.parties import side
from summarizer.backends.extractive.passage import Context, Lead
from summarizer.backends.extractive.people import People
from summarizer.backends.extractive.rules import (
    STATUS_RULES,
    TARGET_RULES,
    Rated,
    answered,
    clause_target,
    first_hit,
    self_tax,
    the_party,
)
from summarizer.backends.extractive.site import Actor, Site, countries_pay, listed_countries
from summarizer.backends.extractive.syntax import governor, in_quotation, token_at
from summarizer.names import party_key, place
from summarizer.schema import Tariff, TariffStatus

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def find_tariffs(doc: Doc, people: People, published: date | None) -> list[Tariff]:
    tariffs: list[Tariff] = []
    context = Context(_usual_imposer(doc) or _deciders_country(doc, people), _dateline_sides(doc))
    context.so_far = tariffs
    in_tariff_passage = False
    tariff_story = bool(TARIFF_CUE.search(doc_text(doc)))
    headline: list[Tariff] = []  # what the headline says, kept only where the body says nothing of it
    in_body = False
    last: list[Tariff] = []  # the records of the previous prose sentence's rates
    for sent in doc.sents:
        if not _prose_line(sent):  # a headline, caption, link or cut-off line: no passage, no usual imposer
            boxed = box_tariffs(sent, context, published)  # ... but a bullet line of rates says what it lists
            tariffs.extend(boxed)
            if not boxed and not in_body and not headline and TARIFF_CUE.search(sent.text):
                headline = _headline_tariffs(sent, people, context.default, published)
            in_tariff_passage, context.starts, context.last_start = False, None, None
            continue
        in_body = True
        context.lead = _lead(sent, people, context, published)
        mentioned = TARIFF_CUE.search(sent.text) or (tariff_story and RATE_WORD.search(sent.text))
        rates = _rates(sent, tariffs)
        cues = [cue_token(sent, rate) for rate in rates]  # the tariff word of each rate, found once
        # "China will face an additional 34%": a rate sentence right after a tariff sentence continues it
        # ... as does a list of countries each with its rate ("Among them: Taiwan 20%, South Africa 30%")
        listing = any(listed_countries(sent.text, r) for r in rates)
        facing = UNDERGOING.search(sent.text) or HELD_AT.search(sent.text)
        # ... and in a tariff story, so does 'The European Union and Japan ... will pay 15 percent' on its own
        continues = rates and (
            (in_tariff_passage and (facing or listing)) or (tariff_story and countries_pay(sent, rates))
        )
        extended = [] if rates else _extended(sent, last)  # '..., but also on South Korea and India'
        in_tariff_passage = bool(mentioned or continues or extended)
        if _body(sent.text):
            rated = [word for word in cues if word is not None]
            tariffs.extend(rateless_measures(sent, rated, people, context.answered, context.default))
        if not in_tariff_passage:
            context.starts = context.last_start = None
            last = []
            continue
        actors = _actors(sent, people)
        previous_end, previous_targets = 0, list[str]()
        tariffs.extend(extended)
        last = [*extended]
        for rate, cue in zip(rates, cues, strict=True):
            site = Site(sent, rate, cue, actors, people, context, previous_end, previous_targets, published)
            found = _tariffs_at(site)
            tariffs.extend(found)
            last.extend(found)
            context.last_start = site.later_start or context.last_start
            previous_end, previous_targets = rate.end(), [t.target for t in found]
        if not rates:
            site = Site(sent, None, cue_token(sent, None), actors, people, context, published=published)
            if TARIFF_CUE.search(sent.text):  # 'Mexico keeps its current rates': 'rates' alone say not who charges
                _passage_sides(site)
            context.starts = site.later_start
    # "Trump trims Philippine tariff to 19%": the body's U.S. 19% on the Philippines is that headline's rate
    swapped = {(t.target, t.imposed_by, t.rate_percent) for t in tariffs}
    headline = [t for t in headline if (t.imposed_by, t.target, t.rate_percent) not in swapped]
    return answered(_unique(tariffs + headline), context.default)


def _extended(sent: Span, last: list[Tariff]) -> list[Tariff]:
    """'The increases fall mainly on China, but also on South Korea, India and Indonesia' right after a rated
    sentence: its last rate, carried on to the countries named after 'also'."""
    also = EXTENDED.search(sent.text)
    if also is None or not last or place(last[-1].target) is None:
        return []
    source, had = last[-1], {t.target for t in last}
    named = [place(e.text) for e in entities(sent) if e.start_char - sent.start_char > also.start()]
    return [
        source.model_copy(update={"target": country})
        for country in dict.fromkeys(named)
        if country and country not in had and country != source.imposed_by
    ]


def _headline_tariffs(sent: Span, people: People, default: str | None, published: date | None) -> list[Tariff]:
    """The rates of the headline, each read on its own: it starts no passage and outranks no body sentence."""
    found: list[Tariff] = []
    actors = _actors(sent, people)
    for rate in RATE.finditer(sent.text):
        if not _old_rate(sent.text, rate) and not _not_a_tariff(sent, rate):
            site = Site(sent, rate, cue_token(sent, rate), actors, people, Context(default), 0, [], published)
            found += _tariffs_at(site)
    return found


def _passage_sides(site: Site) -> None:
    """A tariff sentence without a rate names the passage's sides. A line ending in a colon that names only who
    charges ('the United States will keep these rates:') opens a box of rates on a target still to come."""
    party = the_party(site)
    target = clause_target(site, party)
    if party and not target and party != site.context.imposer and _opens_box(site.sent):
        site.context.begin(party)
    site.context.update(party, target)


def _opens_box(sent: Span) -> bool:
    """The sentence ends its line with a colon: what follows is a list or a box."""
    text, end = doc_text(sent.doc), sent.start_char + len(sent.text.rstrip())
    line_end = text.find("\n", end)
    return text[end - 1 : end] == ":" and not text[end : len(text) if line_end < 0 else line_end].strip()


def _lead(sent: Span, people: People, context: Context, published: date | None) -> Lead | None:
    """A line ending in a colon that gives a start date ('will keep in place the reciprocal tariff rates that took
    effect on August 7, 2025:', 'The following are due to take effect on Aug. 1 unless deals are reached:')
    dates the box of rates below it, with the status and condition the status table reads from it."""
    if not _opens_box(sent):
        return None
    site = Site(sent, None, None, [], people, context, published=published)
    if site.effective is None:
        return None
    condition = CONDITION.search(site.text)
    status = first_hit(STATUS_RULES, site) or TariffStatus.IN_EFFECT
    return Lead(status, site.effective, condition.group(1).strip().rstrip(":") if condition else None)


def _body(text: str) -> bool:
    """A sentence of the story, not a headline or link: it ends like a sentence."""
    return bool(re.search(r"[.!?][\"”’]?\s*$", text)) and "](" not in text


def _prose_line(sent: Span) -> bool:
    """The sentence sits in a paragraph that ends like a sentence: not a headline, a photo caption and its
    credit, a link list or a last paragraph cut off mid-sentence (page furniture, never a source)."""
    return _line_is_prose(sent.doc, sent.start_char)


def _line_is_prose(doc: Doc, offset: int) -> bool:
    text = doc_text(doc)
    breaks = doc.user_data.get("line_ends")
    if breaks is None:  # where each line ends, found once per document
        breaks = doc.user_data["line_ends"] = [m.start() for m in re.finditer(r"\n", text)] + [len(text)]
    end = breaks[bisect_left(breaks, offset)]
    tail = text[max(offset, end - 40) : end].rstrip()
    return bool(re.search(r"[.!?:][\"”’)]?$", tail))


def _old_rate(text: str, rate: re.Match[str]) -> bool:
    """Not a tariff of its own: the old rate of a change ('from 20% to 10%', 'to 10% from 27.5%'), the
    low end of a range ('5% to 10%'), a rate another replaces ('replacing the 30% rate'), or one that
    never was ('a 30% tariff would have hurt')."""
    before = re.sub(r"\s+(?:the\s+)?(?:current|existing|present|previous)$", "", text[: rate.start()].rstrip())
    if before.endswith("from") and (re.search(r"\bto\s+(?:an?\s+)?\d", text) or CHANGE.search(before)):
        return True
    if before.endswith("down from"):  # "15%, down from the 25% they paid": the rate a cut replaces
        return True
    if re.match(r"\s*(?:to|-|–)\s*\d", text[rate.end() :]):  # "17.4% to 37.6%": a range is its upper bound
        return True
    after = text[rate.end() : clause_end(text, rate.end())]
    return bool(REPLACED.search(text[: rate.start()]) or COUNTERFACTUAL.search(after))


def _rates(sent: Span, so_far: list[Tariff]) -> list[re.Match[str]]:
    """The sentence's rates that are tariffs of their own: no old rate, share or market move, and no rate that a
    quotation repeats ('"... a 50 per cent rate makes most of their models uncompetitive"' after the 50%)."""
    text, found = doc_text(sent.doc), []
    for rate in RATE.finditer(sent.text):
        repeated = any(t.rate_percent == float(rate.group(1)) for t in so_far)
        if repeated and in_quotation(text, sent.start_char + rate.start()):
            continue
        if not _old_rate(sent.text, rate) and not _not_a_tariff(sent, rate):
            found.append(rate)
    return found


def _not_a_tariff(sent: Span, rate: re.Match[str]) -> bool:
    """A share or a market move in a tariff sentence: 'shares fell 3%', '40% of its exports',
    'accounting for 15% of imports', 'duties on 90% of US goods'. Else a rate the parse ties to a tariff word is
    never one."""
    share = re.match(r"\s+of\b(.{0,40})", sent.text[rate.end() :])
    if share:  # "24 percentage points of its reciprocal tariff" is a tariff; "duties on 90% of US goods" is not
        return not TARIFF_CUE.search(share.group(1))
    if attached_cue(sent, rate) is not None:
        return False
    if COMPARED.match(sent.text, rate.end()):
        return True
    if NOT_TARIFF_NOUN.match(sent.text, rate.end()):  # "its 50 percent affiliates rule", "a 51% stake"
        return True
    token = token_at(sent.doc, sent.start_char + rate.start())
    verb = governor(token, 3) if token is not None else None
    return verb is not None and bool(MOVES.fullmatch(verb.text))


def _usual_imposer(doc: Doc) -> str | None:
    """The country most often written right before a tariff word ('U.S. tariffs'), or that goods
    enter ('goods entering the United States'): tariffs are levied by the importing country."""
    counts: Counter[str] = Counter()
    text = doc_text(doc)
    for token in doc:
        if token.lower_ not in TARIFF_WORDS or token.i == 0:
            continue
        owned_rate = token.lower_ in {"rate", "rates"} and doc[token.i - 1].lower_ in {"'s", "’s"}  # pays it
        if not owned_rate and _line_is_prose(doc, token.idx):
            country = place(doc[token.i - 1].text) or (place(doc[token.i - 2].text) if token.i > 1 else None)
            if country:
                counts[country] += 1
    for match in DESTINATION.finditer(text):
        if not _line_is_prose(doc, match.start()):
            continue
        country = place(match.group(1)) or place(match.group(1).split()[0])
        if country:
            counts[country] += 1
    if counts:
        return counts.most_common(1)[0][0]
    return _dateline_country(doc)


def _deciders_country(doc: Doc, people: People) -> str | None:
    """No country is written before a tariff word or as where goods go, and no dateline names one: the country of
    the person who most often decides a tariff in a prose tariff sentence ('an order Trump signed', 'a proclamation
    signed by President Donald Trump'), through the leaders table when the text gives no affiliation."""
    counts: Counter[str] = Counter()
    for person in people.people:
        country = side(person)
        if country is None:
            continue
        for start, _ in person.mentions:
            token = token_at(doc, start)
            while token is not None and token.dep_ in {"compound", "flat"}:
                token = token.head
            if token is None or not TARIFF_CUE.search(token.sent.text) or not _line_is_prose(doc, start):
                continue
            verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "by" else token.head
            if token.dep_ in {"nsubj", "pobj", "relcl"} and DECIDING.fullmatch(verb.text):
                counts[country] += 1
    return counts.most_common(1)[0][0] if counts else None


def _dateline_sides(doc: Doc) -> tuple[str, ...]:
    """The two countries of a two-city dateline ('SEOUL/WASHINGTON (Reuters) -'), else none."""
    dateline = DATELINE_CITIES.search(doc_text(doc)[:HEAD])
    found = tuple(c for c in (place(dateline.group(1)), place(dateline.group(2))) if c) if dateline else ()
    return found if len(set(found)) == 2 else ()


def _dateline_country(doc: Doc) -> str | None:
    """No tariff names its country: the dateline's ('WASHINGTON (AP) -'), if the story names that country as a
    side too ('U.S. companies'), not only the city where something happens ('talks in London')."""
    dateline = DATELINE_CITY.search(doc_text(doc)[:HEAD])
    country = place(dateline.group(1)) if dateline else None
    if dateline is None or country is None:
        return None
    sides = (
        e
        for e in doc.ents
        if e.start_char > dateline.end() and e.start > 0 and doc[e.start - 1].lower_ not in {"in", "to", "at"}
    )
    city = dateline.group(1).lower()
    return country if any(place(e.text) == country and e.text.lower() != city for e in sides) else None


def _actors(sent: Span, people: People) -> list[Actor]:
    found = []
    for ent in entities(sent):
        country = place(ent.text) if ent.label_ in {"GPE", "NORP", "ORG"} else None
        if country:
            offset = ent.start_char - sent.start_char
            lead = sent.text[:offset].lower().rstrip()
            if not VISITING.search(lead):  # a place someone travels to neither imposes nor is taxed
                # 'applied to Brazilian goods': goods of a country, not where goods go ('to Brazil')
                goods_of = ent.label_ == "NORP" and not lead.endswith(" by")
                # 'Canada, the largest supplier to the US, hit back': where an apposition's goods go acts for no one
                aside = any(t.dep_ == "appos" for t in ent.root.ancestors)
                agent = lead.endswith(DESTINATION_LEADS) and not NOT_AGENT_LEAD.search(lead)
                bystander = ent.root.dep_ == "poss" and bool(ECONOMY_NOUN.fullmatch(ent.root.head.text))
                found.append(Actor(offset, country, agent and not goods_of and not aside, bystander))
    for offset, person in people.at(sent.start_char, sent.end_char):
        acting = side(person)
        if acting:
            found.append(Actor(offset - sent.start_char, acting, False))
    return sorted(found, key=lambda a: a.offset)


def _tariffs_at(site: Site) -> list[Tariff]:
    """The records of one rate: the rule tables of :mod:`.rules` in order."""
    assert site.rate is not None
    rated = Rated(site)
    targets = first_hit(TARGET_RULES, rated) or []
    imposer = self_tax(site, rated.imposer, targets)
    if imposer is None or not targets:
        return []
    if targets != site.charged_goods:  # goods named as a subject are that sentence's own
        site.context.update(imposer, targets[0])
    status = first_hit(STATUS_RULES, site) or TariffStatus.IN_EFFECT
    return [
        Tariff(
            imposed_by=imposer,
            target=target,
            rate_percent=float(site.rate.group(1)),
            rate_text=site.rate.group(0).strip(),
            scope=site.scope,
            status=status,
            effective_date=site.effective,
            condition=site.condition,
        )
        for target in targets
    ]


def _unique(tariffs: list[Tariff]) -> list[Tariff]:
    """One record per imposer, target, rate and kind of status (:func:`_change`), as the annotation guidelines
    identify a measure ('cut its tariff on copper to 10%' and 'suspended its 10% tariff on wine' are two); two that
    say they started on different dates are two tranches ('an additional 25% took effect on Wednesday', 'a 25%
    tariff that took effect on August 7')."""
    seen: dict[tuple[str, str, float | None, str, str | None], Tariff] = {}
    for tariff in tariffs:
        key = (tariff.imposed_by, party_key(tariff.target), tariff.rate_percent, _change(tariff.status))
        dated = [k[4] for k in seen if k[:4] == key and k[4]]
        tranche = tariff.effective_date if dated and tariff.effective_date not in {None, *dated} else None
        if tranche or not any(k[:4] == key for k in seen):
            seen[(*key, tranche or (dated[0] if dated else tariff.effective_date))] = tariff
    return list(seen.values())


_CHANGES = {TariffStatus.REDUCED, TariffStatus.SUSPENDED, TariffStatus.DELAYED, TariffStatus.RETALIATORY}


def _change(status: TariffStatus) -> str:
    """A record's status as it identifies a measure: a cut, a suspension, a delay or a counter-measure is a measure of
    its own; in force, announced, threatened and proposed are one standing measure told at different moments (the
    same rate reads 'will take effect' in one paragraph and 'took effect' in the next)."""
    return status.value if status in _CHANGES else "standing"
