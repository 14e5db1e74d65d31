"""Tariffs (``tariffs.py`` and its rule tables): sentence → [(imposer, target, rate, status)] and, where it
matters, the effective date. Published Tuesday 1 July 2025."""

from __future__ import annotations

import pytest

from tests.extractive.sentences import Row, record, rows

TARIFFS = [
    (
        "The United States imposed a 25% tariff on steel from Canada on Monday.",
        [("United States", "Canada", 25, "in_effect")],
    ),
    (
        "China said it would retaliate with a 15% tariff on U.S. soybeans.",
        [("China", "United States", 15, "retaliatory")],
    ),
    ("The United States has proposed a 20% duty on Japanese steel.", [("United States", "Japan", 20, "proposed")]),
    (
        "The European Union suspended its 25% duties on American whiskey for six months.",
        [("European Union", "United States", 25, "suspended")],
    ),
    (
        "The United States will delay its 10% tariff on Chinese toys until September.",
        [("United States", "China", 10, "delayed")],
    ),
    (  # "set at N%": the rate is away from the tariff noun
        "Tariffs on Canadian lumber imported into the United States have been set at 35%.",
        [("United States", "Canada", 35, "in_effect")],
    ),
    (  # "from X per cent to Y per cent": only the new rate is a tariff
        "Canada raised its surtax on Chinese steel from 25 per cent to 40 per cent on Monday.",
        [("Canada", "China", 40, "in_effect")],
    ),
    (
        "India will cut its tariff on American almonds from 20 per cent to 10 per cent.",
        [("India", "United States", 10, "reduced")],
    ),
    (
        "The U.S. tariff on Indian shrimp will rise to 50 percent (from 25 percent) next week.",
        [("United States", "India", 50, "in_effect")],
    ),
    (  # the imposer is the leader's country, not the city he speaks in
        "U.S. President Donald Trump, speaking in Tokyo, announced a 25% tariff on trucks from Mexico.",
        [("United States", "Mexico", 25, "in_effect")],
    ),
    (  # a country in the next clause is not a target
        "The United States will impose a 30% tariff on steel from Vietnam, a move that could hurt exporters in "
        "South Korea.",
        [("United States", "Vietnam", 30, "in_effect")],
    ),
    ("Shares of carmakers fell 3% after the tariff announcement.", []),  # a market move
    ("Peru offered to scrap its import duties on about 90% of Chilean goods.", []),  # a share, though tied to duties
    (  # a rule described by a rate is no tariff, even in a tariff passage
        "The U.S. will cut its tariff on Chinese goods to 10 percent. It will also suspend for one year its 50 percent "
        "affiliates rule on export controls, and both sides will drop the port fees charged on each other's ships.",
        [("United States", "China", 10, "reduced")],
    ),
    ("Economists said the tariffs would raise prices for shoppers.", []),  # no party, no rate
    (  # the tariff is the subject: the reporting officials' country sets it
        "The duty on Brazilian coffee was set at 50% on Friday, U.S. officials said.",
        [("United States", "Brazil", 50, "in_effect")],
    ),
    (  # a rate with the number in words in brackets
        "Japan will charge an import duty of 18 (eighteen) percent on rice from Thailand.",
        [("Japan", "Thailand", 18, "in_effect")],
    ),
    (  # the country a leader is visiting is no party
        "During a visit to India, U.S. President Donald Trump announced a 20% tariff on cars from Japan.",
        [("United States", "Japan", 20, "in_effect")],
    ),
    (  # 'cuts' inside the condition is no cut: a threat with a start date
        "Washington threatened a 40% tariff on Korean cars from August 1 unless Seoul cuts its own duties.",
        [("United States", "South Korea", 40, "threatened")],
    ),
    (  # a pause said by the governing verb, after a relative clause
        "Mexico's 20% tariff on U.S. pork, which had been in place since March, was paused on Monday.",
        [("Mexico", "United States", 20, "delayed")],
    ),
    (  # 'lift' inside the condition is no suspension
        "Canada said it would impose a 25% surtax on U.S. steel if Washington does not lift its own tariffs.",
        [("Canada", "United States", 25, "threatened")],
    ),
    (  # reported by the White House: the reporter's country imposes, not the goods' one
        "A 10% tariff on Chinese electronics took effect on Friday, the White House said.",
        [("United States", "China", 10, "in_effect")],
    ),
]

TARIFFS += [  # the same categories on real events (India 2025, Turnberry 2025, China's pause 2025, Canada, Mexico)
    (
        "The 50% tariff on Indian goods was confirmed on Wednesday, U.S. officials said.",
        [("United States", "India", 50, "in_effect")],
    ),
    (
        "During a trip to Scotland, U.S. President Donald Trump announced a 15% tariff on goods from the "
        "European Union.",
        [("United States", "European Union", 15, "in_effect")],
    ),
    (
        "China's 34% tariff on American goods, which had been due to start on April 10, was suspended for 90 days.",
        [("China", "United States", 34, "suspended")],
    ),
    (  # 'scraps' inside the condition is no suspension
        "Canada said it would keep its 25% counter-tariffs on U.S. steel unless Washington scraps its own duties.",
        [("Canada", "United States", 25, "retaliatory")],
    ),
    (
        "Mexico's Congress approved a tariff of 50 (fifty) percent on cars from China.",
        [("Mexico", "China", 50, "in_effect")],
    ),
]


TARIFFS += [  # wire copy: the tariff as the subject, active 'charged', goods charged, counterfactuals, old rates
    (  # the countries inside a tariff subject are taxed, not taxing
        "Chile imposed a 10% tariff on Bolivian tin on Monday. Levies of 20% on Peruvian copper took effect on "
        "Tuesday.",
        [("Chile", "Bolivia", 10, "in_effect"), ("Chile", "Peru", 20, "in_effect")],
    ),
    (  # 'has charged' in the active: the subject imposes
        "Norway has charged a 12 per cent duty on Swedish lamb since January.",
        [("Norway", "Sweden", 12, "in_effect")],
    ),
    (  # goods with no owner, charged as the subject, and a gapped list after them
        "Brazilian tariffs changed on Monday. Bicycles and scooters are charged 35 percent, garden tools 20 percent "
        "and ceramic tiles 15 percent.",
        [
            ("Brazil", "Bicycles", 35, "in_effect"),
            ("Brazil", "scooters", 35, "in_effect"),
            ("Brazil", "garden tools", 20, "in_effect"),
            ("Brazil", "ceramic tiles", 15, "in_effect"),
        ],
    ),
    (  # 'would have hit': a rate that never was
        "Peru avoided the worst: a 40% levy on Chilean grapes would have hit growers in Santiago.",
        [],
    ),
    (  # a quantity compared, not a rate
        "The European Union cut its duty-free quotas for Turkish steel on Monday to 2 million tonnes, 30 per cent "
        "less than in 2024.",
        [],
    ),
    (  # 'down from': the rate a cut replaces is no record of its own
        "Australian wine will be charged an 8 percent tariff by India, down from the 22% it has paid since May.",
        [("India", "Australia", 8, "reduced")],
    ),
    (  # a decision reported with 'would' is announced, not threatened
        "Indonesia's Trade Ministry said it would apply a 12% tariff on Thai sugar.",
        [("Indonesia", "Thailand", 12, "announced")],
    ),
    (  # 'would' with a condition is still a threat
        "Indonesia's Trade Ministry said it would apply a 12% tariff on Thai sugar if talks failed.",
        [("Indonesia", "Thailand", 12, "threatened")],
    ),
    (  # an unaffiliated leader's tariff on the passage's imposer: the passage's other side imposes it
        "Chile imposed a 20% duty on Peruvian copper on Monday. President Ana Torres has gone further, warning "
        "that she would seek a 15% tariff on Chilean wine if the duty stayed.",
        [("Chile", "Peru", 20, "in_effect"), ("Peru", "Chile", 15, "threatened")],
    ),
    (  # ', as are ...' shares the status of the clause before it
        "Both levies are now on hold, as are Peru's own counter-tariffs of 15% on Chilean fruit.",
        [("Peru", "Chile", 15, "delayed")],
    ),
    (  # 'put off' and 'on hold' hold a tariff back
        "Chile on Monday put off its 18% tariff on Argentine wheat for a month.",
        [("Chile", "Argentina", 18, "delayed")],
    ),
    (
        "Kenya's 16% duty on Ugandan sugar is now on hold.",
        [("Kenya", "Uganda", 16, "delayed")],
    ),
]

TARIFFS += [  # the side a story is about, a dateline, goods from anywhere, a rate schedule
    (  # the usual imposer's tariff is no counter-measure, though the other side's duty is named first
        "U.S. tariffs of 10% on Chinese steel took effect in March. China's 15% duty on American coal has been in "
        "place since April. U.S. duties of 20% on Chinese machinery stay in force.",
        [
            ("United States", "China", 10, "in_effect"),
            ("China", "United States", 15, "retaliatory"),
            ("United States", "China", 20, "in_effect"),
        ],
    ),
    (  # ... unless the story has that side retaliate
        "Chile's tariff of 15% on Peruvian fish has applied since April. Peru retaliated with a 15% duty on Chilean "
        "wine in June, and Peruvian duties on Chilean fruit went up as well.",
        [("Chile", "Peru", 15, "in_effect"), ("Peru", "Chile", 15, "retaliatory")],
    ),
    (  # no tariff names a country: the dateline's, which the story names as a side
        "WASHINGTON (AP) — Peruvian copper has faced a 12% tariff since Monday, and U.S. buyers expect prices to rise.",
        [("United States", "Peru", 12, "in_effect")],
    ),
    (  # ... not a dateline city that is only where talks happen
        "LONDON (Reuters) — Peruvian copper has faced a 12% tariff since Monday, after talks in London.",
        [],
    ),
    (  # imported goods charged a rate are the target even after a country
        "The United States put a 10% levy on steel from Chile on Monday. Imported solar cells will be charged 25% "
        "as well.",
        [("United States", "Chile", 10, "in_effect"), ("United States", "Imported solar cells", 25, "in_effect")],
    ),
    (  # a later step of a schedule: the same goods
        "U.S. duties on bicycles changed on Monday. Bicycles will be charged 30 percent in the first year, with the "
        "rate declining each year until it reaches 10 percent in the fifth year.",
        [("United States", "Bicycles", 30, "in_effect"), ("United States", "Bicycles", 10, "in_effect")],
    ),
]

TARIFFS += [  # the month May, a third country after a counter-measure, tranches, deals, a story that opens on a tariff
    (  # the month is no 'may'
        "Peru has applied a 20% tariff on Chilean wine since May.",
        [("Peru", "Chile", 20, "in_effect")],
    ),
    (  # the passage is about Mexico's answer; a tariff on a third country is the usual imposer's
        "U.S. tariffs of 25% on Mexican cement were put off on Monday. Mexico's planned tariffs on U.S. corn are on "
        "hold as well. Tariffs of 10% on Peruvian sugar still start on Friday.",
        [("United States", "Mexico", 25, "delayed"), ("United States", "Peru", 10, "announced")],
    ),
    (  # the same sides and rate with a cut and a suspension are two measures; 'will take effect' and 'took effect'
        # tell one standing measure
        "Peru cut its tariff on Chilean copper to 10% on Monday. It also suspended its 10% tariff on Chilean wine. "
        "A 30% tariff on Chilean salmon will take effect on Friday. The 30% tariff on Chilean salmon took effect in "
        "Lima.",
        [
            ("Peru", "Chile", 10, "reduced"),
            ("Peru", "Chile", 10, "suspended"),
            ("Peru", "Chile", 30, "announced"),
        ],
    ),
    (  # the same rate started on two dates: two tranches
        "An additional 20% U.S. tariff on Peruvian copper took effect on Monday. It sits on top of a 20% tariff that "
        "took effect on May 5.",
        [("United States", "Peru", 20, "in_effect"), ("United States", "Peru", 20, "in_effect")],
    ),
    (  # a rate set by a deal is announced
        "Goods from Chile will face a 12% tariff under a trade deal agreed on Monday, U.S. officials said.",
        [("United States", "Chile", 12, "announced")],
    ),
    (  # ... what the deal leaves in place stays in force
        "Copper was left out of the deal and remains subject to a 30% U.S. tariff.",
        [("United States", "Copper", 30, "in_effect")],
    ),
    (  # the story opens on a tariff on the usual imposer: its own duties answer it
        "SANTIAGO — A 25% U.S. tariff on Chilean steel took effect on Monday. Chilean duties of 25% on U.S. wheat "
        "took effect on Tuesday, and Chilean duties on U.S. beef will follow.",
        [("United States", "Chile", 25, "in_effect"), ("Chile", "United States", 25, "retaliatory")],
    ),
]

TARIFFS += [  # a two-city dateline names the two sides
    (  # the untaxed side imposes, and stays the usual imposer for a third country
        "OTTAWA/WASHINGTON (Reuters) - President Ana Cruz on Monday put off for 30 days the 25% tariffs she had "
        "ordered on Canadian goods. Canada's own counter-tariffs of 25% on American goods are on hold as well. The "
        "25% duty on Mexican imports was also put back.",
        [
            ("United States", "Canada", 25, "delayed"),
            ("Canada", "United States", 25, "delayed"),
            ("United States", "Mexico", 25, "delayed"),
        ],
    ),
    (  # a third country taxed: no side to tell
        "OTTAWA/WASHINGTON (Reuters) - President Ana Cruz on Monday imposed 25% tariffs on Japanese goods.",
        [],
    ),
]

TARIFFS += [  # 'the same day' is the start date just given
    (
        "The United States will impose a 40% tariff on Chilean wine from August 4. Peruvian grapes will face 20%, "
        "starting the same day.",
        [("United States", "Chile", 40, "announced"), ("United States", "Peru", 20, "announced")],
    ),
]

TARIFFS += [  # a rate given 'down from' the one in force is a cut
    (
        "Peruvian grapes will be charged a 10 percent tariff by Chile under the new terms, down from the 18% they "
        "have paid since April.",
        [("Chile", "Peru", 10, "reduced")],
    ),
]

TARIFFS += [  # wire layout: a dateline the parse takes for a subject, a headline that names the taxed side
    (  # the dateline is no subject: Peru's goods face the tariff
        "WASHINGTON (AP) — Goods from Peru will face a 12% tariff under the new rules, U.S. officials said on Monday.",
        [("United States", "Peru", 12, "in_effect")],
    ),
    (  # 'Peruvian tariff' in the headline is the body's U.S. tariff on Peru, not one Peru charges
        "Peruvian tariff cut to 12% in U.S. deal\nJuly 1, 2025\n\nWASHINGTON (AP) — The United States will charge "
        "a 12% tariff on goods from Peru from August 1.",
        [("United States", "Peru", 12, "announced")],
    ),
]

HEADLINE = "Sweden spared 30% tariff by Norway\nJuly 1, 2025\n\n"
WIRE = [  # a headline, caption or cut-off paragraph is no source; the body says what it says
    (  # the body's record wins over the headline's
        HEADLINE + "OSLO (Reuters) - Norway will charge a 30% tariff on salmon from Sweden from August 1, the "
        "government said.",
        [("Norway", "Sweden", 30, "announced")],
    ),
    (  # a caption before the lede is page furniture
        "Swedish salmon, hit by a 30% Norwegian tariff, at a market in Stockholm, July 1, 2025. REUTERS/Kari "
        "Nordmann\n\nDenmark imposed a 10% duty on Dutch cheese on Monday.",
        [("Denmark", "Netherlands", 10, "in_effect")],
    ),
    (  # a last paragraph cut off mid-sentence
        "Denmark imposed a 10% duty on Dutch cheese on Monday.\n\nA 25% levy on Belgian chocolate would",
        [("Denmark", "Netherlands", 10, "in_effect")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), WIRE)
def test_wire_layout(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), TARIFFS)
def test_tariffs(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


EFFECTIVE = [  # a future start date turns 'in effect' into 'announced'
    ("The United States will impose a 15% tariff on Swiss watches starting August 1.", "announced", "2025-08-01"),
    ("A 10% duty on Canadian potash took effect on Friday, the United States said.", "in_effect", "2025-06-27"),
    ("Brazil imposed a 30% tariff on beef from Argentina.", "in_effect", None),
    (  # the start date, not the day it was said
        "Peru said on Monday that Chilean wine would face a 20% tariff from August 4.",
        "announced",
        "2025-08-04",
    ),
    (  # a start date the passage gives without a rate dates the rates after it
        "U.S. tariffs on Latin American goods are due to start on August 4. Argentina will face an additional 30%.",
        "announced",
        "2025-08-04",
    ),
    (  # safeguard measures are tariffs; the start date, not the day they were unveiled
        "WASHINGTON (Reuters) — The safeguard measures, unveiled on Monday by U.S. officials, take effect on "
        "August 4. Imported bicycles will be charged 30%.",
        "announced",
        "2025-08-04",
    ),
    (  # ... but not a rate already in force
        "U.S. tariffs on Latin American goods are due to start on August 4. Argentina already faces 30%.",
        "in_effect",
        None,
    ),
    (  # 'since' a date: in force from then
        "Korean-made cars have faced a 25 percent U.S. tariff since April 3.",
        "in_effect",
        "2025-04-03",
    ),
    (  # a day that owns something ('Thursday's list') dates nothing
        "Peruvian goods not on Thursday's list still pay the 30% U.S. tariff.",
        "in_effect",
        None,
    ),
]


@pytest.mark.parametrize(("text", "status", "effective"), EFFECTIVE)
def test_effective_date(text: str, status: str, effective: str | None) -> None:
    (tariff,) = record(text).tariffs
    assert (tariff.status.value, tariff.effective_date) == (status, effective)


OUTLETS = [  # outlet copy: a leader with no country in his title, a decider's country, 'rates' alone, rate lists
    (  # a known leader acts for his country though his title names none
        "President Donald Trump imposed a 20% tariff on Peruvian copper on Monday.",
        [("United States", "Peru", 20, "in_effect")],
    ),
    (  # no country before a tariff word: the country of whoever signed the order imposes
        "Chilean wine will face a 15% tariff from August 4 under an order Trump signed on Friday.",
        [("United States", "Chile", 15, "announced")],
    ),
    (  # 'keeps its current rates' does not say who charges them: the passage stays the decider's
        "Donald Trump signed a tariff order on Thursday. Peru keeps its current rates for 60 more days after a call "
        "between Trump and Dina Boluarte. Goods from Bolivia will face a 15% tariff.",
        [("United States", "Bolivia", 15, "in_effect")],
    ),
    (  # countries each with its rate: one record per country, at its own rate
        "The United States put a 10% tariff on goods from Chile on Monday. Other rates on the list: Kenya 15%, "
        "Ghana 20% and Peru and Bolivia 25%.",
        [
            ("United States", "Chile", 10, "in_effect"),
            ("United States", "Kenya", 15, "in_effect"),
            ("United States", "Ghana", 20, "in_effect"),
            ("United States", "Peru", 25, "in_effect"),
            ("United States", "Bolivia", 25, "in_effect"),
        ],
    ),
    (  # the leader's own country, listed before the rate, is not the one charged
        "The United States put a 10% tariff on Chilean wine on Monday. President Donald Trump said Peru could be "
        "charged 30% because of its trade surplus with the United States.",
        [("United States", "Chile", 10, "in_effect"), ("United States", "Peru", 30, "threatened")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OUTLETS)
def test_outlet_copy(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_each_rate_takes_the_date_of_its_own_clause() -> None:
    text = (
        "Korean-made cars have been subject to a 25 percent U.S. tariff since April 3, and a 25 percent levy on "
        "Korean auto parts is set to take effect on July 3."
    )
    found = [(t.rate_percent, t.status.value, t.effective_date) for t in record(text).tariffs]
    assert found == [(25, "in_effect", "2025-04-03"), (25, "announced", "2025-07-03")]


DEALS = [  # a rate a country agreed to, settled on or accepted is charged on it, under a deal not yet in force
    (
        "U.S. tariffs on Asian goods are rising. Vietnam agreed to a 20 per cent tariff, while Indonesia settled on "
        "19 per cent.",
        [("United States", "Vietnam", 20, "announced"), ("United States", "Indonesia", 19, "announced")],
    ),
    (
        "U.S. tariffs on Asian goods are rising. Japan accepted a 15 percent rate.",
        [("United States", "Japan", 15, "announced")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DEALS)
def test_deal_rates(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


RATE_FORMS = [  # how other outlets write a rate, a changed rate and a rate carried on to more countries
    (  # Xinhua and AP write the rate as a compound adjective; Yonhap writes 'pct'
        "China will levy a 100-percent tariff on Canadian peas and a 25-percent tariff on Canadian pork from March 20.",
        [("China", "Canada", 100, "announced"), ("China", "Canada", 25, "announced")],
    ),
    (  # The Globe and Mail hyphenates 'per cent' in the compound too
        "Ottawa will put 25-per-cent tariffs on Chilean wine from March 20.",
        [("Canada", "Chile", 25, "announced")],
    ),
    (
        "SEOUL, Oct. 30 (Yonhap) -- The United States will cut its tariff on South Korean cars to 15 pct from 25 pct.",
        [("United States", "South Korea", 15, "reduced")],
    ),
    (  # 'from the current X' is the old rate, not a record
        "President Donald Trump signed an order on Thursday to lower the U.S. tariff on Japanese cars to 15 percent "
        "from the current 27.5 percent.",
        [("United States", "Japan", 15, "reduced")],
    ),
    (  # the next sentence carries the rate on to the countries it adds with 'also'
        "Mexico will charge tariffs of up to 50 per cent on cars from China from January 1. The increases fall "
        "mainly on China, but also on South Korea and India.",
        [
            ("Mexico", "China", 50, "announced"),
            ("Mexico", "South Korea", 50, "announced"),
            ("Mexico", "India", 50, "announced"),
        ],
    ),
    (  # a speaker repeating a rate already recorded adds no tariff
        'Canada put a 25% tariff on U.S. steel on Friday.\n\n"A 25% tariff is a blunt tool," said Jane Doe, an '
        "economist.",
        [("Canada", "United States", 25, "in_effect")],
    ),
    (  # a country that 'secured' a rate is the one charged; the article's imposer charges it
        "Indonesian goods will face a 19% U.S. tariff. Vietnam secured a 20% rate in June.",
        [("United States", "Indonesia", 19, "in_effect"), ("United States", "Vietnam", 20, "in_effect")],
    ),
    (  # goods that 'carry' a duty an institution imposed: the institution's country
        "U.S. tariffs on Brazilian beef fell on Thursday. Tomatoes from Mexico still carry the 17.09% anti-dumping "
        "duty the Commerce Department imposed in July.",
        [("United States", "Mexico", 17.09, "in_effect")],
    ),
    (  # 'remains subject to' is undergone: the goods' country is the target, not the imposer
        "President Donald Trump cut the U.S. tariff on Japanese cars on Thursday. Japanese steel remains subject to "
        "the 50 percent tariff.",
        [("United States", "Japan", 50, "in_effect")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RATE_FORMS)
def test_rate_forms(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected
