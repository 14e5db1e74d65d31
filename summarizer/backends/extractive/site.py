"""The one input of the tariff rules: a rate in its sentence, with the evidence around it.

:class:`Site` holds what the rules of :mod:`.rules` may look at for one rate (or, with ``rate=None``, for a
tariff sentence without one): the tariff word, the countries and people named, the subject of the verb, the
passage so far. Each piece of evidence is computed on first use and kept, so a rule that never fires
costs nothing and two rules that look at the same thing parse it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from summarizer.backends.extractive import lexicon as words
from summarizer.backends.extractive.dates import resolve
from summarizer.backends.extractive.frames import (
    Subject,
    clause_end,
    modifier_country,
    on_target,
    rate_owner,
    relative,
    subject_of,
    undergoers,
)
from summarizer.backends.extractive.goods import charged_goods
from summarizer.backends.extractive.lexicon import CONDITION, EFFECTIVE, SCOPE, UNDERGOING
from summarizer.backends.extractive.nlp import doc_text, entities
from summarizer.backends.extractive.parties import origins
from summarizer.backends.extractive.passage import Context
from summarizer.backends.extractive.people import People
from summarizer.backends.extractive.syntax import governor, subject, token_at
from summarizer.names import place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


_POSSESSIVE = re.compile(r"['’]s\b")


@dataclass(frozen=True)
class Actor:
    """A country, bloc or affiliated person mentioned in a sentence."""

    offset: int  # in the sentence
    country: str
    agent: bool  # named with 'by', or where goods go ('exports to the United States'): imposes, never a target
    bystander: bool = False  # owns an industry or economy named ("Ireland's export sector"): affected, never imposes


def countries_pay(sent: Span, rates: list[re.Match[str]]) -> bool:
    """A country is the subject that pays or is held at the sentence's first rate ('The European Union and Japan,
    which both reached agreements with Trump last month, will pay 15 percent')."""
    before = sent.text[: rates[0].start()]
    verb = UNDERGOING.search(before) or words.HELD_AT.search(before)
    if verb is None:
        return False
    named = [e for e in entities(sent) if e.start_char - sent.start_char < verb.start()]
    return any(place(e.text) and e.root.dep_ in {"nsubj", "nsubjpass"} for e in named)


def listed_countries(text: str, rate: re.Match[str], since: int = 0) -> list[str]:
    """The countries written right before ``rate`` in a list of countries each with its rate ('Taiwan 20%, South
    Africa 30% and Laos and Myanmar 40%'), after ``since``; none unless every name there is a country."""
    found = words.LISTED_RATE.search(text, since, rate.start())
    if found is None or words.RATE_NOUN_AFTER.match(text, rate.end()):
        return []
    names = [n.strip() for n in re.split(r",|\band\b", found.group(1)) if n.strip()]
    countries = [place(n) for n in names if not re.search(r"['’]s$", n)]
    return [c for c in countries if c] if len(countries) == len(names) and all(countries) else []


@dataclass(frozen=True)
class Site:
    """A rate (or a tariff word alone) in its sentence: everything a tariff rule may look at."""

    sent: Span
    rate: re.Match[str] | None
    cue: Token | None  # the tariff word the rate belongs to
    actors: list[Actor]
    people: People
    context: Context
    previous_end: int = 0  # where the sentence's previous rate ended
    previous_targets: list[str] = field(default_factory=list)  # whom that rate was put on
    published: date | None = None

    @cached_property
    def text(self) -> str:
        return str(self.sent.text)

    @cached_property
    def subject(self) -> Subject:
        return subject_of(self.cue, self.people) if self.cue is not None else Subject()

    @cached_property
    def modifier(self) -> str | None:
        """'U.S. tariff', "China's duties"."""
        return modifier_country(self.cue) if self.cue is not None else None

    @cached_property
    def agent(self) -> str | None:
        """The first country named with 'by' or as where goods go."""
        return next((a.country for a in self.actors if a.agent), None)

    @cached_property
    def party_window(self) -> tuple[int, int]:
        """From the rate or tariff word, whichever comes first, to the end of its clause."""
        cue_at = self.cue.idx - self.sent.start_char if self.cue is not None else 0
        start = min(self.rate.start(), cue_at) if self.rate else cue_at
        return start, clause_end(self.text, self.rate.end() if self.rate else cue_at)

    def after(self, imposer: str | None) -> list[str]:
        """Countries in the party window other than ``imposer`` and agents."""
        start, end = self.party_window
        return [a.country for a in self.actors if start <= a.offset < end and not a.agent and a.country != imposer]

    def before(self, target: str | None) -> list[str]:
        """Countries before the party window other than ``target`` and agents."""
        start = self.party_window[0]
        return [
            a.country
            for a in self.actors
            if a.offset < start and a.country != target and not a.agent and not a.bystander
        ]

    @cached_property
    def owner_pays(self) -> tuple[str, str] | None:
        """'Brazil's 40% levy was imposed under a separate order' after a U.S. 40% on Brazil: the country owning the
        tariff word ('s, not 'U.S. tariff'), with no other country in the clause, is on record as paying that rate
        and not as charging it, so it owns the tariff as the one taxed. (imposer, owner), else None."""
        owner = self.modifier
        cue = self.cue
        possessive = cue is not None and any(c.dep_ == "poss" and place(c.text) == owner for c in cue.children)
        if self.rate is None or owner is None or not possessive or self.named(owner) or self.on(owner):
            return None
        rate, so_far = float(self.rate.group(1)), self.context.so_far
        charged = [t.imposed_by for t in so_far if t.target == owner and t.rate_percent == rate]
        charging = any(t.imposed_by == owner and t.rate_percent == rate for t in so_far)
        return (charged[-1], owner) if charged and not charging else None

    @cached_property
    def rate_owner(self) -> str | None:
        """The country owning the rate word, when the clause names no other country and no 'on' phrase."""
        named = [(a.offset, a.country) for a in self.actors]
        owner = rate_owner(self.sent, self.rate, self.cue, named) if self.rate else None
        charging = owner == self.context.default  # the usual imposer charges: 'If talks fail, the US rate would climb'
        return None if charging or owner is None or self.named(owner) or self.on(owner) else owner

    @cached_property
    def relative(self) -> tuple[str, list[str]] | None:
        """Imposer and targets of a relative clause: 'the 6.1% duty Canada already applies to ...'."""
        return relative(self.cue, self.people)

    @cached_property
    def undergoers(self) -> list[str] | None:
        """Countries whose goods 'face' the tariff; [] for a gapped clause ('aluminum from the three with')."""
        return undergoers(self.cue)

    # The evidence below is about a rate: rules that use it only run when there is one.

    @cached_property
    def named_window(self) -> tuple[int, int]:
        """From the rate's end (or the tariff word, if it comes first) to the end of the rate's clause."""
        assert self.rate is not None
        cue = self.cue
        start = (
            min(self.rate.end(), cue.idx - self.sent.start_char)
            if cue is not None and cue.idx > self.sent.start_char
            else self.rate.end()
        )
        return start, clause_end(self.text, self.rate.end())

    def on(self, party: str | None) -> list[str]:
        """Countries in the tariff's own 'on ...' phrase, other than ``party``."""
        assert self.rate is not None
        return [c for c in on_target(self.sent, self.rate, self.cue) if c != party]

    def named(self, party: str | None) -> list[str]:
        """Countries named in the rate's clause, other than ``party`` and agents."""
        start, end = self.named_window
        return [a.country for a in self.actors if start <= a.offset < end and not a.agent and a.country != party]

    @cached_property
    def since_previous(self) -> list[Actor]:
        """The actors since the previous rate, agents aside."""
        assert self.rate is not None
        return [a for a in self.actors if self.previous_end <= a.offset < self.rate.start() and not a.agent]

    @cached_property
    def segment(self) -> list[str]:
        """Countries since the previous rate: 'Japan was assigned 24%, and Vietnam, ..., 46%'."""
        return [a.country for a in self.since_previous]

    @cached_property
    def listed_together(self) -> list[str]:
        """The first country since the previous rate and the countries conjoined with it ('Malaysia and Thailand now
        face 19 per cent'): the parse's conjuncts of that country's name, each a country."""
        first = self.since_previous[0] if self.since_previous else None
        token = token_at(self.sent.doc, self.sent.start_char + first.offset) if first is not None else None
        if first is None or token is None:
            return []
        names = entities(self.sent)
        root = next((e.root for e in names if e.start <= token.i < e.end), token)
        heads = {e.root.i: e.text for e in names}
        together = [place(heads.get(c.i, c.text)) for c in root.conjuncts]
        return [first.country, *dict.fromkeys(c for c in together if c and c != first.country)]

    @cached_property
    def charged_goods(self) -> list[str]:
        """Goods that are the subject charged the rate, or, after such a rate, the goods written right before
        this one ('..., upholstered furniture 30 percent')."""
        assert self.rate is not None
        number = token_at(self.sent.doc, self.sent.start_char + self.rate.start(1))
        goods = charged_goods(number) if number is not None else []
        anywhere = any(w.lower() in words.ANYWHERE for g in goods for w in g.split())  # 'Imported solar panels'
        if self.context.target and place(self.context.target) and not anywhere:  # '70% on chickpeas' on the U.S.
            return []
        gapped = words.GAPPED_GOODS.fullmatch(self.text[self.previous_end : self.rate.start()])
        goods_before = self.previous_targets and not any(place(t) for t in self.previous_targets)
        if gapped and goods_before and self.previous_end:
            start = self.sent.start_char + self.previous_end + gapped.start(1)
            span = self.sent.doc.char_span(start, start + len(gapped.group(1)))
            nouns = span is not None and span[-1].pos_ == "NOUN" and all(t.pos_ in {"NOUN", "ADJ"} for t in span)
            return [gapped.group(1)] if nouns else []
        return goods

    @cached_property
    def listed_rates(self) -> list[str]:
        """Countries written each with its rate, right before this one: 'Taiwan 20%, South Africa 30% and Laos and
        Myanmar 40%' → [Laos, Myanmar] for the 40%; none when a tariff word follows ('a U.S. 25% tariff') or a
        name is no country or a possessive ("China's 34%")."""
        assert self.rate is not None
        return listed_countries(self.text, self.rate, self.previous_end)

    @cached_property
    def rate_holders(self) -> list[str]:
        """Countries whose goods are the subject of the verb the rate hangs on: 'Steel and aluminum from the United
        Kingdom will stay at 25%' → United Kingdom."""
        assert self.rate is not None
        number = token_at(self.sent.doc, self.sent.start_char + self.rate.start(1))
        verb = governor(number, 3) if number is not None else None
        goods = subject(verb) if verb is not None else None
        if goods is None or goods.lower_ in words.TARIFF_WORDS or not words.GOODS.search(goods.text):
            return []
        first = self.sent[0]  # 'BRUSSELS - Electric vehicles shipped from China': the dateline is no origin
        dateline = place(first.text) if first.is_upper and self.sent[1:2].text in {"-", "—", "–"} else None
        return [c for c in origins(goods) if c != dateline]

    @cached_property
    def paying_owner(self) -> list[str]:
        """'the EU, whose goods face 15%', 'the UK, which pays 10 per cent': the country right before the clause."""
        assert self.rate is not None
        clause = words.PAYING_OWNER.search(self.text, self.previous_end, self.rate.start())
        if clause is None or clause.end() != self.rate.start():
            return []
        return [a.country for a in self.actors if a.offset < clause.start()][-1:]

    @cached_property
    def compared_in(self) -> str | None:
        """The country of a rate set against the previous one for comparison: '10% on imported cars, against 2.5%
        in the United States' → United States, which charges it on the same goods."""
        assert self.rate is not None
        if not self.previous_end or not words.COMPARED_LEAD.search(self.text[self.previous_end : self.rate.start()]):
            return None
        return self.charged_in

    @cached_property
    def charged_in(self) -> str | None:
        """The country named with 'in' right after the rate: '2.5% in the United States', '50% in Mexico.'"""
        assert self.rate is not None
        found = words.CHARGED_IN.match(self.text, self.rate.end())
        return (place(found.group(1)) or place(found.group(1).rstrip("."))) if found else None

    @cached_property
    def listed_facing(self) -> bool:
        """A country listed since the previous rate, with 'face' / 'charged' / 'assigned' before the rate."""
        assert self.rate is not None
        charging = self.subject.country is not None and not self.subject.facing  # "Norway has charged a 12% duty"
        before = self.text[: self.rate.start()]
        held = words.HELD_AT.search(before, self.previous_end)  # held at a rate only since the previous one
        return bool(self.segment and (UNDERGOING.search(before) or held)) and not charging

    @cached_property
    def scope(self) -> str | None:
        """The goods named after the rate in its clause: 'on steel imports'."""
        assert self.rate is not None
        found = SCOPE.search(self.text, self.rate.end(), self.named_window[1])
        return found.group(1) if found else None

    @cached_property
    def clause_bounds(self) -> tuple[int, int]:
        """Where the rate's own clause starts and ends in the sentence, between commas or semicolons (without a
        rate, the whole sentence)."""
        text, rate = self.text, self.rate
        if rate is None:
            return 0, len(text)
        left = max(text.rfind(",", 0, rate.start()), text.rfind(";", 0, rate.start()), 0)
        if words.AS_ARE.match(text, left):  # "Both are now on hold, as are Canada's 25% counter-tariffs"
            left = max(text.rfind(",", 0, left), text.rfind(";", 0, left), 0)
        right = min([i for i in (text.find(",", rate.end()), text.find(";", rate.end())) if i >= 0] or [len(text)])
        return left, right

    @cached_property
    def clause(self) -> str:
        """The rate's own clause: where status cues count."""
        left, right = self.clause_bounds
        return self.text[left:right]

    @cached_property
    def main_clause(self) -> str:
        """The rate's clause without what its condition says: 'unless Seoul cuts its own duties' is no cut."""
        return CONDITION.sub(lambda m: m.group(1).split()[0], self.clause)

    def says(self, cue: str) -> bool:
        """The cue (a pattern of :mod:`.lexicon`) is in the rate's own clause, outside its condition."""
        return bool(re.search(cue, self.main_clause, re.IGNORECASE))

    def verb_says(self, cue: str) -> bool:
        """The verb governing the tariff word is the cue: 'Mexico's 20% tariff ..., which ..., was paused'."""
        verb = governor(self.cue) if self.cue is not None else None
        return verb is not None and bool(re.fullmatch(cue, verb.text, re.IGNORECASE))

    @cached_property
    def reported_decision(self) -> bool:
        """'China said it would apply 15% tariffs': 'would' only reports a decision; no other threat cue."""
        reported = self.says(r"\bwould\b") and bool(words.REPORTED_WOULD.search(self.text))
        return reported and not self.says(words.THREAT_NOT_WOULD)

    @cached_property
    def threatened(self) -> bool:
        return self.says(words.THREAT_CUE) and not self.reported_decision

    @cached_property
    def tentative(self) -> bool:
        """Threatened or proposed, with no cue that it is in force already."""
        threat = self.threatened or self.says(words.PROPOSAL_CUE)
        return threat and not self.says(words.IN_FORCE_CUE)

    @cached_property
    def effective(self) -> str | None:
        """The first date written after 'from', 'starting', 'took effect on', ..., in the rate's clause, else in the
        sentence; a date after a bare 'on' only when none is ('said on May 30 that ... from June 10' → June 10)."""
        bare: str | None = None
        # a date in the rate's own clause comes first: '25% on cars since April 3, and 25% on parts from May 3'
        left, right = self.clause_bounds
        own = [d for d in self._cued_dates if left <= d[1].start_char - self.sent.start_char < right]
        for cue, ent in own + [d for d in self._cued_dates if d not in own]:
            iso = resolve(ent.text, self.published, future=cue.group("future") is not None)
            if iso and cue.group(0).strip().lower() != "on":
                return iso
            bare = bare or iso
        if bare:
            return bare
        if self.rate is not None and self.context.last_start and words.SAME_DAY.search(self.text):
            return self.context.last_start  # "..., all starting the same day"
        # "Higher rates are due to start on April 9. China will face an additional 34%": the passage's start date
        inherited = self.rate is not None and self.context.starts and not self.says(words.IN_FORCE_CUE)
        return self.context.starts if inherited else None

    @cached_property
    def later_start(self) -> str | None:
        """The first date written after 'from', 'take effect on', 'due to start on', ... that is after publication
        ('unveiled on Monday, take effect on Feb. 7' → Feb. 7)."""
        for cue, ent in self._cued_dates:
            if cue.group("future") is not None:
                iso = resolve(ent.text, self.published, future=True)
                if iso and self.published and iso > self.published.isoformat():
                    return iso
        return None

    @cached_property
    def _cued_dates(self) -> list[tuple[re.Match[str], Span]]:
        """The sentence's dates written after a start cue ('from', 'took effect on', 'on', ...), with the cue."""
        text = doc_text(self.sent.doc)
        found = []
        for ent in entities(self.sent):
            if _POSSESSIVE.match(text, ent.end_char - 2) or _POSSESSIVE.match(text, ent.end_char):
                continue  # "not on Thursday's list": a day that owns something dates nothing
            cue = EFFECTIVE.search(text[max(0, ent.start_char - 40) : ent.start_char]) if ent.label_ == "DATE" else None
            if cue:
                found.append((cue, ent))
        return found

    @cached_property
    def starts_later(self) -> bool:
        """It takes effect after the publication date."""
        return bool(self.effective and self.published and self.effective > self.published.isoformat())

    @cached_property
    def condition(self) -> str | None:
        """'if ...' / 'unless ...' from the rate on, else anywhere in the sentence."""
        assert self.rate is not None
        found = CONDITION.search(self.text, self.rate.start()) or CONDITION.search(self.text)
        return found.group(1).strip() if found else None
