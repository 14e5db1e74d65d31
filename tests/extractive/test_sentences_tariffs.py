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
