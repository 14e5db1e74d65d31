"""The tariff rules as tables: who imposes a rated tariff, on whom, and its status.

Each table is an ordered list of named rules over one :class:`~.site.Site`; the first rule that finds
something wins. ``README.md`` in this folder says where a new rule goes. In order, for one rate:

1. ``PARTY_RULES``: the country the sentence has act (also kept as the passage's imposer).
2. ``IMPOSER_RULES``: a relative clause on the tariff word overrides that party.
3. ``TARGET_RULES``: whom it is put on, given the imposer.
4. ``self_tax``: a country does not tax itself; the passage's imposer stands in.
5. ``STATUS_RULES``: the status, from cues in the rate's clause and its effective date.
6. ``answered``: across the article, a tariff in force on a country that taxed the imposer first is
   retaliatory (the one status rule that needs the whole article).

Rate-less measures (:mod:`.measures`) have a status table of their own, ``MEASURE_STATUS_RULES``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from summarizer.backends.extractive import lexicon as words
from summarizer.backends.extractive.goods import goods_targets
from summarizer.backends.extractive.parties import reporter
from summarizer.backends.extractive.site import Site
from summarizer.names import place
from summarizer.schema import Tariff, TariffStatus

T = TypeVar("T")
In = TypeVar("In")


@dataclass(frozen=True)
class Rule(Generic[In, T]):
    """A named rule: ``find`` returns its answer, or None (or an empty list) when it does not apply."""

    name: str
    find: Callable[[In], T | None]


def first_hit(rules: Sequence[Rule[In, T]], given: In) -> T | None:
    """The answer of the first rule in ``rules`` that finds one."""
    for rule in rules:
        found = rule.find(given)
        if found:
            return found
    return None


# --- 1. The party: who the sentence has impose it ------------------------------------------------------------


def _subject_country(site: Site) -> str | None:
    return None if site.subject.facing else site.subject.country


def _faced_in(site: Site) -> str | None:
    return site.charged_in if site.rate and site.subject.facing else None


def _reporter_of_facing(site: Site) -> str | None:
    """'Wine from France will face a 20% duty, Brazilian officials said': whoever reports what others face."""
    return reporter(site.sent, site.people) if site.subject.facing else None


def _reporter_of_tariff_subject(site: Site) -> str | None:
    """'The duty on Brazilian coffee was set at 50%, U.S. officials said', 'A 10% tariff on Chinese goods took
    effect, the White House said': when the tariff itself is the subject, the reporter's country sets it."""
    subject = site.cue is not None and site.cue.dep_ in {"nsubj", "nsubjpass"}
    found = reporter(site.sent, site.people) if subject else None
    cue = site.cue
    froms = [o for c in cue.children if c.lower_ == "from" for o in c.children] if cue is not None else []
    taxed = site.rate is not None and found in [*site.on(None), *(place(o.text) for o in froms)]
    return None if taxed else found  # 'any tariff on medicines from the EU would be capped at 15%', the EU says


def _named_before(site: Site) -> str | None:
    """The last country before the tariff, unless the subject undergoes it or is an unaffiliated person
    ('Trump ordered ...' acts for the passage's imposer, not for a country mentioned in passing)."""
    undergo = site.undergoers or []  # 'the threat Trump made to hit European goods with a 30% tariff'
    before = [c for c in site.before(clause_target(site, None)) if c not in undergo]
    usable = before and not site.subject.facing and not site.subject.person
    return before[-1] if usable else None


def _passage_other_side(site: Site) -> str | None:
    """The passage's imposer is what the tariff's own 'on' phrase names ('he would seek a 10% tariff on Chinese
    goods' after paragraphs on China's duties): the other side of the passage imposes this one."""
    context = site.context
    if site.rate is None or not context.imposer or not context.target:
        return None
    return context.target if context.imposer in site.on(None) else None


def _usual_on_third(site: Site) -> str | None:
    """The passage is about a counter-measure ('Mexico's response is on hold'), and the tariff's 'on' phrase names
    a third country ('Tariffs of 25% on Canadian goods are due on Tuesday'): the article's usual imposer."""
    context = site.context
    if site.rate is None or not context.imposer or not context.default or context.imposer == context.default:
        return None
    on = site.on(None)
    third = on and not {context.imposer, context.target, context.default} & set(on)
    return context.default if third else None


def _dateline_other_side(site: Site) -> str | None:
    """'OTTAWA/WASHINGTON (Reuters) - Trump put off the 25% tariffs on Canadian goods': with no imposer known yet,
    the dateline's side that is not taxed."""
    if site.rate is None or len(site.context.sides) != 2:
        return None
    taxed = [c for c in site.context.sides if c in site.on(None) or c in site.named(None)]
    return next(c for c in site.context.sides if c not in taxed) if len(taxed) == 1 else None


def _charging_owner(site: Site) -> str | None:
    """The country owning a rate word pays it: the passage's imposer, else the article's usual one, charges it."""
    owner = site.rate_owner
    return next((c for c in (site.context.imposer, site.context.default) if c and c != owner), None) if owner else None


PARTY_RULES: list[Rule[Site, str]] = [
    Rule("a compared rate's country ('..., against 2.5% in the United States')", lambda s: s.rate and s.compared_in),
    Rule("who charges a country's rate ('Vietnam's rate was set at 20%')", _charging_owner),
    Rule("country modifying the tariff word ('U.S. tariffs')", lambda s: s.modifier),
    Rule("agent or destination ('by Washington', 'into the United States')", lambda s: s.agent),
    Rule("where the goods face it ('Chinese cars will face tariffs of 50% in Mexico')", _faced_in),
    Rule("reporter of what others face", _reporter_of_facing),
    Rule("reporter of a sentence whose subject is the tariff", _reporter_of_tariff_subject),
    Rule("country of the governing verb's subject ('Canada imposed')", _subject_country),
    Rule("last country named before the tariff", _named_before),
    Rule("the passage's other side, when the passage's imposer is in the 'on' phrase", _passage_other_side),
    Rule("the usual imposer, when the 'on' phrase names a third country", _usual_on_third),
    Rule("the passage's imposer, else the article's usual one", lambda s: s.context.imposer or s.context.default),
    Rule("the other side of a two-city dateline ('OTTAWA/WASHINGTON')", _dateline_other_side),
]


def the_party(site: Site) -> str | None:
    return first_hit(PARTY_RULES, site)


def clause_target(site: Site, party: str | None) -> str | None:
    """Whom the sentence names in the tariff's clause (the first country after it), else the subject that
    faces it; never the party itself."""
    after = site.after(party)
    target = after[0] if after else (site.subject.country if site.subject.facing else None)
    return target if target != party else None


# --- 2. The imposer of a rated tariff ------------------------------------------------------------------------


@dataclass(frozen=True)
class Rated:
    """A rate's site with its party (before any relative clause) and its imposer, each found once."""

    site: Site

    @cached_property
    def party(self) -> str | None:
        return the_party(self.site)

    @cached_property
    def imposer(self) -> str | None:
        return first_hit(IMPOSER_RULES, self)


IMPOSER_RULES: list[Rule[Rated, str]] = [
    Rule(
        "relative clause ('the 10% tariff Brussels charges')",
        lambda r: r.site.relative[0] if r.site.relative else None,
    ),
    Rule(
        "who charges the modifying country that rate on record ('Brazil's 40% levy')",
        lambda r: r.site.owner_pays[0] if r.site.owner_pays else None,
    ),
    Rule("the party", lambda r: r.party),
]


# --- 3. Targets, given the imposer ---------------------------------------------------------------------------


def _goods(r: Rated) -> list[str] | None:
    """Goods when no country is in the 'on' phrase, the clause, or listed as facing it."""
    site = r.site
    if site.on(r.party) or site.listed_facing or site.named(r.party) or site.cue is None:
        return None
    return goods_targets(site.cue, bool(site.context.target and place(site.context.target)))


def _step(r: Rated) -> list[str] | None:
    """The rate is the next step of the sentence's previous rate: the same targets."""
    site = r.site
    assert site.rate is not None
    between = site.text[site.previous_end : site.rate.start()]
    stepping = site.previous_end and words.SCHEDULE_STEP.search(between)
    return list(site.previous_targets) if stepping and site.previous_targets else None


def _compared(r: Rated) -> list[str] | None:
    return r.site.previous_targets if r.site.compared_in else None


def _exporter(r: Rated) -> list[str] | None:
    subject = r.site.subject.country
    return [subject] if subject and r.site.agent == r.imposer and subject != r.imposer else None


def _other_side(r: Rated) -> list[str] | None:
    """The passage's target imposes now: the other side's turn."""
    context = r.site.context
    return [context.imposer] if context.target == r.imposer and context.imposer else None


def _first_listed(r: Rated) -> list[str]:
    """The first country since the previous rate, with those conjoined with it ('Malaysia and Thailand now face
    19 per cent'), the party's own last ('Trump said Japan could be charged')."""
    listed = [c for c in r.site.listed_together if c != r.party]
    return listed or ([c for c in r.site.segment if c != r.party] or r.site.segment)[:1]


def _named_goods(r: Rated) -> list[str] | None:
    scope = r.site.scope  # 'exports' alone, as in 'the 31% tariff hanging over its exports', names no goods
    return [scope] if scope and scope.lower() not in {"imports", "exports", "goods", "products"} else None


TARGET_RULES: list[Rule[Rated, list[str]]] = [
    Rule(
        "the modifying country that pays that rate on record ('Brazil's 40% levy')",
        lambda r: [p[1]] if (p := r.site.owner_pays) and p[0] == r.imposer else None,
    ),
    Rule("the country owning the rate word ('Vietnam's rate')", lambda r: [o] if (o := r.site.rate_owner) else None),
    Rule("a compared rate: the previous rate's targets", _compared),
    Rule("goods charged it as subject ('Cabinets would be charged 50%, sofas 30%')", lambda r: r.site.charged_goods),
    Rule("countries whose goods hold the rate ('Steel from the UK will stay at 25%')", lambda r: r.site.rate_holders),
    Rule("goods, when no country is named ('on steel and aluminum')", _goods),
    Rule("countries whose goods face it ('Steel from Canada ... will be hit')", lambda r: r.site.undergoers),
    Rule(
        "relative clause ('... Canada applies to Chinese cars')",
        lambda r: r.site.relative[1] if r.site.relative else None,
    ),
    Rule(
        "gapped clause: the previous rate's targets ('and aluminum from the three with 10%')",
        lambda r: r.site.previous_targets if r.site.undergoers is not None else None,
    ),
    Rule("the country whose goods pay it ('the EU, whose goods face 15%')", lambda r: r.site.paying_owner),
    Rule(
        "countries listed each with its rate ('Taiwan 20%, South Africa 30%')",
        lambda r: [c for c in r.site.listed_rates if c != r.party],
    ),
    Rule("the tariff's 'on' phrase ('on imports from Mexico')", lambda r: r.site.on(r.party)),
    Rule(
        "first country listed since the previous rate, the party's own last ('Trump said Japan could be charged')",
        lambda r: _first_listed(r) if r.site.listed_facing else None,
    ),
    Rule("countries named in the rate's clause", lambda r: list(dict.fromkeys(r.site.named(r.party)))),
    Rule("the clause target", lambda r: [t] if (t := clause_target(r.site, r.party)) else None),
    Rule("a later step of the previous rate ('30% ..., with the rate declining until it reaches 15%')", _step),
    Rule(
        "the subject, when the imposer is where its goods go ('Japan agreed to 15% on its exports to ...')", _exporter
    ),
    Rule(
        "the passage's target",
        lambda r: [t] if (t := r.site.context.target) and t != r.imposer else None,
    ),
    Rule("the other side's turn", _other_side),
    Rule("the goods in scope ('on steel imports'), if they say what goods", _named_goods),
]


def self_tax(site: Site, imposer: str | None, targets: list[str]) -> str | None:
    """A country does not tax itself: when the sentence named only the target, the passage's imposer
    (or the article's usual one) imposes."""
    if imposer not in targets:
        return imposer
    return next((c for c in (site.context.imposer, site.context.default) if c and c not in targets), None)


# --- 5. Status -----------------------------------------------------------------------------------------------


def _when(status: TariffStatus, test: Callable[[Site], bool]) -> Callable[[Site], TariffStatus | None]:
    return lambda given: status if test(given) else None


_VERB_STATUS = [
    (TariffStatus.SUSPENDED, words.SUSPENDED_CUE),
    (TariffStatus.DELAYED, words.DELAYED_CUE),
    (TariffStatus.REDUCED, words.REDUCED_CUE),
]

STATUS_RULES: list[Rule[Site, TariffStatus]] = [
    Rule("suspended, lifted, scrapped", _when(TariffStatus.SUSPENDED, lambda s: s.says(words.SUSPENDED_CUE))),
    Rule("delayed, paused, a truce", _when(TariffStatus.DELAYED, lambda s: s.says(words.DELAYED_CUE))),
    Rule("cut, reduced, lowered", _when(TariffStatus.REDUCED, lambda s: s.says(words.REDUCED_CUE))),
    Rule(
        "down from an old rate ('15%, down from the 25% they paid')",
        _when(TariffStatus.REDUCED, lambda s: s.rate is not None and bool(words.DOWN_FROM.match(s.text, s.rate.end()))),
    ),
    Rule(
        "the governing verb suspends, delays or cuts it",
        lambda s: next(
            (status for status, cue in _VERB_STATUS if s.verb_says(cue)),
            None,
        ),
    ),
    Rule("retaliation in the clause", _when(TariffStatus.RETALIATORY, lambda s: s.says(words.RETALIATION_CUE))),
    Rule(
        "retaliation anywhere in the sentence, unless threatened or proposed",
        _when(
            TariffStatus.RETALIATORY,
            lambda s: not s.tentative and bool(re.search(words.RETALIATION_ANYWHERE, s.text, re.IGNORECASE)),
        ),
    ),
    Rule(
        "in force from a date after publication",
        _when(TariffStatus.ANNOUNCED, lambda s: not s.tentative and s.starts_later),
    ),
    Rule(
        "in force: 'already', 'in place', 'took effect'",
        _when(TariffStatus.IN_EFFECT, lambda s: s.says(words.IN_FORCE_CUE)),
    ),
    Rule(
        "set by a deal, not yet charged ('will face a 15% tariff under a trade deal'; 'Under the deal, ...'; 'Vietnam "
        "agreed to a 20% tariff')",
        _when(
            TariffStatus.ANNOUNCED,
            lambda s: (
                (
                    bool(s.says(words.DEAL_CUE) or re.match(words.DEAL_CUE, s.text.lstrip(), re.IGNORECASE))
                    or (s.subject.facing and s.verb_says(words.ACCEPTING.pattern))
                )
                and not s.says(words.REMAINING_CUE)
                and not s.says(words.THREAT_NOT_WOULD)
            ),
        ),
    ),
    Rule(
        "a decision reported with 'would' ('said it would apply')",
        _when(TariffStatus.ANNOUNCED, lambda s: s.reported_decision),
    ),
    Rule("threatened, warned, 'would', 'if'", _when(TariffStatus.THREATENED, lambda s: s.threatened)),
    Rule("proposed, considered, drafted", _when(TariffStatus.PROPOSED, lambda s: s.says(words.PROPOSAL_CUE))),
    Rule("otherwise in force", lambda s: TariffStatus.IN_EFFECT),
]

_APPLIED = {TariffStatus.IN_EFFECT, TariffStatus.ANNOUNCED, TariffStatus.RETALIATORY, TariffStatus.REDUCED}
_ANSWERABLE = {TariffStatus.IN_EFFECT, TariffStatus.ANNOUNCED}


def answered(tariffs: list[Tariff], usual: str | None = None) -> list[Tariff]:
    """6. A tariff in force or announced against a country that earlier taxed the imposer is a counter-measure,
    unless the imposer is the article's usual one (``usual``) and no sentence has it retaliate: the side the story
    is about sets the tariffs others answer, whichever the text names first."""
    opening = next((t for t in tariffs if t.rate_percent is not None and t.status in _APPLIED), None)
    if any(t.imposed_by == usual and t.status == TariffStatus.RETALIATORY for t in tariffs) or (
        opening is not None and opening.target == usual
    ):
        usual = None  # the story is about a side that answers: 'China hit back after a U.S. duty of 25% ...'
    marked = []
    applied: set[tuple[str, str]] = set()  # (imposer, target) of the applied tariffs so far, as found
    for tariff in tariffs:
        answering = tariff.imposed_by != usual and (tariff.target, tariff.imposed_by) in applied
        if answering and tariff.status in _ANSWERABLE:
            marked.append(tariff.model_copy(update={"status": TariffStatus.RETALIATORY}))
        else:
            marked.append(tariff)
        if tariff.status in _APPLIED:
            applied.add((tariff.imposed_by, tariff.target))
    return marked


# --- Status of a measure without a rate (measures.py) ---------------------------------------------------------


@dataclass(frozen=True)
class MeasureInput:
    sentence: str
    retaliating: bool  # the imposer is not the article's usual imposer


MEASURE_STATUS_RULES: list[Rule[MeasureInput, TariffStatus]] = [
    Rule("suspended, called off, shelved", lambda m: _in(m, words.MEASURE_SUSPENDED_CUE, TariffStatus.SUSPENDED)),
    Rule("delayed, held off", lambda m: _in(m, words.MEASURE_DELAYED_CUE, TariffStatus.DELAYED)),
    Rule("threatened, 'will', 'ready'", lambda m: _in(m, words.MEASURE_THREAT_CUE, TariffStatus.THREATENED)),
    Rule("proposed, under consultation", lambda m: _in(m, words.MEASURE_PROPOSAL_CUE, TariffStatus.PROPOSED)),
    Rule("a party other than the usual imposer answers", lambda m: TariffStatus.RETALIATORY if m.retaliating else None),
    Rule("otherwise in force", lambda m: TariffStatus.IN_EFFECT),
]


def _in(given: MeasureInput, cue: str, status: TariffStatus) -> TariffStatus | None:
    return status if re.search(cue, given.sentence, re.IGNORECASE) else None
