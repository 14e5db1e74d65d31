"""Targets and the parse around a tariff word (``goods.py``, ``frames.py``, ``parties.origins`` and the target rules
of ``rules.py`` that read them): sentence → [(imposer, target, rate, status)]. Published Tuesday 1 July 2025."""

from __future__ import annotations

import pytest

from tests.extractive.sentences import Row, rows

GOODS = [
    (  # the verb, not the tariff word, has the 'on' phrase; a modifier with conjuncts names goods of its own
        "President Donald Trump signed an order on Monday imposing a 25% tariff on all steel and aluminium imports.",
        [("United States", "steel", 25, "in_effect"), ("United States", "aluminium imports", 25, "in_effect")],
    ),
    (  # goods made in a country, in one token or three: that country undergoes it
        "Peru will put a 25% tariff on U.S.-made trucks from Friday. Chile answered with a 10% tariff on US-made "
        "shoes.",
        [("Peru", "United States", 25, "announced"), ("Chile", "United States", 10, "in_effect")],
    ),
    (  # adjectives joined before the noun name one kind of goods
        "Trade partners braced for new U.S. tariffs on Monday. Trump announced a 100% tariff on branded or patented "
        "pharmaceutical products starting Oct. 1.",
        [("United States", "branded or patented pharmaceutical products", 100, "announced")],
    ),
    (  # 'imports of X' are X
        "A proclamation signed by President Donald Trump on Wednesday imposes a tariff of 50% on imports of refined "
        "nickel products.",
        [("United States", "refined nickel products", 50, "in_effect")],
    ),
    (  # goods from most countries are goods from anywhere
        "Peru cut its tariff on cars from most countries to 6% on Monday.",
        [("Peru", "cars", 6, "reduced")],
    ),
    (  # goods 'shipped from' a country: that country undergoes it
        "Peru will keep a 6% tariff on imported cars, but vehicles shipped from Chile now face a combined 40% duty.",
        [("Peru", "imported cars", 6, "in_effect"), ("Peru", "Chile", 40, "in_effect")],
    ),
    (  # a rate set against another for comparison is the other country's, on the same goods
        "Brazil charges a 35% duty on imported cars, against 2.5% in Argentina.",
        [("Brazil", "imported cars", 35, "in_effect"), ("Argentina", "imported cars", 2.5, "in_effect")],
    ),
    (  # the imposer is where the goods go: the subject's goods undergo it ('its exports' are no goods of their own)
        "Trade partners braced for new U.S. tariffs on Monday. Japan agreed to a 15% rate on its exports to the "
        "United States.",
        [("United States", "Japan", 15, "announced")],  # a rate agreed to is a deal's (test_deal_rates)
    ),
    (  # 'applied to Peruvian goods': goods of a country, not where goods go
        "U.S. tariffs on Peruvian goods have climbed this year. President Donald Trump signed an order on Monday "
        "adding a 40% duty to the 10% tariff that has applied to Peruvian goods since April.",
        [("United States", "Peru", 40, "in_effect"), ("United States", "Peru", 10, "in_effect")],
    ),
    (  # where the goods face it imposes it
        "Chilean wine, copper and fruit will face tariffs of up to 30% in Peru from August 1.",
        [("Peru", "Chile", 30, "announced")],
    ),
    (  # goods from a country hold the rate, whatever tariff the next clause names
        "U.S. tariffs on steel rose to 50% on Wednesday. Steel from Australia will stay at 25% under its deal, but the "
        "tariff on steel from Brazil doubled.",
        [("United States", "steel", 50, "in_effect"), ("United States", "Australia", 25, "in_effect")],
    ),
    (  # a clause with two subjects ('the pause lapses', 'the U.S. rate'): the rate belongs to the tariff word
        "If the pause lapses on Aug. 12, the U.S. rate would go back up to 54%, and China's duties on American goods "
        "would rise to 34%.",
        [("United States", "China", 54, "threatened"), ("China", "United States", 34, "threatened")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOODS)
def test_goods_and_frames(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


OWNERS = [  # the country a relative clause or a list hands the rate to
    (  # 'whose goods face', 'which pays': the country right before the clause
        "The U.S. will lower its tariff on most Peruvian goods to 15 per cent. That brings Peru level with Chile, "
        "whose goods face 15 per cent, but leaves it behind Ecuador, which pays 10 per cent.",
        [
            ("United States", "Peru", 15, "reduced"),
            ("United States", "Chile", 15, "in_effect"),
            ("United States", "Ecuador", 10, "in_effect"),
        ],
    ),
    (  # 'among them X and Y, both at': each country listed
        "Few countries face higher U.S. tariffs than Peru, among them Bolivia and Paraguay, both at 50 per cent.",
        [("United States", "Bolivia", 50, "in_effect"), ("United States", "Paraguay", 50, "in_effect")],
    ),
    (  # 'The cut, from the 39 per cent rate': the old rate of a change is no record
        "The U.S. will lower its tariff on Peruvian goods to 15 per cent. The cut, from the 39 per cent rate that has "
        "applied since August 7, ends a long standoff.",
        [("United States", "Peru", 15, "reduced")],
    ),
    (  # 'Its exports': the country that was the subject of the sentence before
        "The United States began levying 25% tariffs on Mexican goods on Tuesday, and Mexico answered with 25% "
        "tariffs on U.S. products. Canada is a different case. Its exports of energy face a lower U.S. rate of 10 "
        "percent.",
        [
            ("United States", "Mexico", 25, "in_effect"),
            ("Mexico", "United States", 25, "retaliatory"),
            ("United States", "Canada", 10, "reduced"),
        ],
    ),
    (  # 'Brazil's 40% levy' after a U.S. 40% on Brazil: the country that owns the rate pays it
        "The United States imposed a 40% tariff on Brazilian beef in July. Because Brazil's 40% levy was imposed "
        "under a separate order, Brazilian goods still pay the 40% tariff plus the 10% baseline.",
        [("United States", "Brazil", 40, "in_effect"), ("United States", "Brazil", 10, "in_effect")],
    ),
    (  # a country's 'rate' is the rate it pays, not one it charges
        "The White House set a 25% tariff on goods from Peru on Monday, while Chile's rate was set at 30%.",
        [("United States", "Peru", 25, "in_effect"), ("United States", "Chile", 30, "in_effect")],
    ),
    (  # the object of 'hit ... with' undergoes the tariff, so it is no imposer even when it comes first
        "Peru's exporters were calm on Monday. The warning President Donald Trump gave in July to hit Peruvian goods "
        "with a 30% tariff has faded.",
        [("United States", "Peru", 30, "threatened")],
    ),
    (  # a country modifying a rate that is the subject pays it, unless it is the article's usual imposer
        "U.S. tariffs on Chilean copper rose on Monday. The Chilean rate could rise to 30% from July 9 if Santiago "
        "fails to comply.",
        [("United States", "Chile", 30, "threatened")],
    ),
    (  # a rate that hangs from a verb with its own subject belongs to that clause, not to the tariff word before it
        "Peru charges tariffs totalling 45% on Chilean goods, and Santiago has responded with 35% on Peruvian "
        "products.",
        [("Peru", "Chile", 45, "in_effect"), ("Chile", "Peru", 35, "retaliatory")],
    ),
    (  # a country a rate is 'secured by' or 'given to' receives it; it is no agent
        "The United States set a 25% tariff on Peruvian goods on Monday. That is higher than the 15% secured by Chile. "
        "It matches the 25% rate given to Bolivia.",
        [
            ("United States", "Peru", 25, "in_effect"),
            ("United States", "Chile", 15, "in_effect"),
            ("United States", "Bolivia", 25, "in_effect"),
        ],
    ),
    (  # 'whose' rate: the country right before the comma pays it
        "The United States put a 25% tariff on Chilean wine on Monday. Exporters are watching Argentina, whose 20% "
        "rate is on hold until July 9.",
        [("United States", "Chile", 25, "in_effect"), ("United States", "Argentina", 20, "delayed")],
    ),
    (  # 'exports' alone, after a preposition, names no goods to put a record on
        "Peru left the talks without any easing of the 31% tariff hanging over its exports.",
        [],
    ),
    (  # where an apposition's goods go ('the largest supplier to the US') acts for no one: the subject answers
        "Canada, the largest foreign supplier of steel to the US, hit back with 25% tariffs on American goods.",
        [("Canada", "United States", 25, "retaliatory")],  # 'hit back': retaliation
    ),
    (  # the subject that pays it outranks the vague group of a relative clause ('most of its trading partners')
        "Indonesian exporters currently pay the 10% baseline tariff that Washington has charged on most of its "
        "trading partners since April.",
        [("United States", "Indonesia", 10, "in_effect")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OWNERS)
def test_owners(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


PAYERS = [  # who pays a rate when the sentence names no tariff word, and who is only affected by one
    (  # a country held at a rate pays it, and so do the countries conjoined with one that faces a rate
        "The United States put a 10% tariff on goods from Chile on Monday. Under the new schedule, Peru stays at the "
        "15% baseline, and Bolivia and Ecuador now face 19%.",
        [
            ("United States", "Chile", 10, "in_effect"),
            ("United States", "Peru", 15, "in_effect"),
            ("United States", "Bolivia", 19, "in_effect"),
            ("United States", "Ecuador", 19, "in_effect"),
        ],
    ),
    (  # 'stay on' a rate, with no tariff word in the sentence
        "Donald Trump signed a tariff order on Thursday. Bolivia and Ecuador stay on 10%.",
        [("United States", "Bolivia", 10, "in_effect"), ("United States", "Ecuador", 10, "in_effect")],
    ),
    (  # in a tariff story, countries that will pay a rate start a tariff passage of their own
        "Donald Trump signed a tariff order on Thursday. A Peruvian minister called it unfair. Bolivia and Ecuador, "
        "which both reached deals with Washington last month, will pay 15%.",
        [("United States", "Bolivia", 15, "in_effect"), ("United States", "Ecuador", 15, "in_effect")],
    ),
    (  # a country owning an industry is affected, not acting; a participle (', reviving') ends the rate's clause
        "Donald Trump has said tariffs on copper could reach 50%, reviving fears for Chile's mining industry on the "
        "eve of a new 15% levy on most goods from Peru.",
        [("United States", "copper", 50, "threatened"), ("United States", "Peru", 15, "in_effect")],
    ),
    (  # the reporter's own country is the origin of the goods: it reports the rate, it does not charge it
        "Donald Trump signed a tariff order on Thursday. Peru's trade ministry says any tariff on copper from Peru "
        "would be capped at 15%.",
        [("United States", "Peru", 15, "announced")],
    ),
    (  # an economist speaks for no government, whatever city the text places her in
        'President Donald Trump threatened on Monday to hit all goods from Peru with a 40% tariff. "A 40% rate would '
        'shut many exporters out of the market," said Jane Roe, chief economist at Andes Capital in Santiago, Chile.',
        [("United States", "Peru", 40, "threatened")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PAYERS)
def test_payers_and_bystanders(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected
