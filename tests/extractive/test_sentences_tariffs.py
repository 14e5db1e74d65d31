"""Tariffs (``tariffs.py`` and its rule tables): sentence → [(imposer, target, rate, status)] and, where it
matters, the effective date. Published Tuesday 1 July 2025."""

from __future__ import annotations

import pytest

from tests.extractive.sentences import record

Row = tuple[str, str, float | None, str]

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
        [("India", "Australia", 8, "in_effect")],
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
    found = [(t.imposed_by, t.target, t.rate_percent, t.status.value) for t in record(text).tariffs]
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), TARIFFS)
def test_tariffs(text: str, expected: list[Row]) -> None:
    found = [(t.imposed_by, t.target, t.rate_percent, t.status.value) for t in record(text).tariffs]
    assert found == expected


EFFECTIVE = [  # a future start date turns 'in effect' into 'announced'
    ("The United States will impose a 15% tariff on Swiss watches starting August 1.", "announced", "2025-08-01"),
    ("A 10% duty on Canadian potash took effect on Friday, the United States said.", "in_effect", "2025-06-27"),
    ("Brazil imposed a 30% tariff on beef from Argentina.", "in_effect", None),
]


@pytest.mark.parametrize(("text", "status", "effective"), EFFECTIVE)
def test_effective_date(text: str, status: str, effective: str | None) -> None:
    (tariff,) = record(text).tariffs
    assert (tariff.status.value, tariff.effective_date) == (status, effective)
