"""Tariffs (``tariffs.py`` and its rule tables): sentence → [(imposer, target, rate, status)] and, where it
matters, the effective date. Published Tuesday 1 July 2025."""

from __future__ import annotations

import pytest

from tests.extractive.sentences import gap, record

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
    gap(
        "'set at N%' with the reporting officials' country after it: imposer and target are swapped",
        "The duty on Brazilian coffee was set at 50% on Friday, U.S. officials said.",
        [("United States", "Brazil", 50, "in_effect")],
    ),
    gap(
        "a rate with the word in brackets ('18 (eighteen) percent') is not read as a rate",
        "Japan will charge an import duty of 18 (eighteen) percent on rice from Thailand.",
        [("Japan", "Thailand", 18, "in_effect")],
    ),
    gap(
        "the imposer is taken from the country the leader is visiting",
        "During a visit to India, U.S. President Donald Trump announced a 20% tariff on cars from Japan.",
        [("United States", "Japan", 20, "in_effect")],
    ),
    gap(
        "a threat with a start date is labelled a cut because 'cuts' is in the same clause",
        "Washington threatened a 40% tariff on Korean cars from August 1 unless Seoul cuts its own duties.",
        [("United States", "South Korea", 40, "threatened")],
    ),
    gap(
        "a pause said after a relative clause is missed: the tariff is labelled in effect",
        "Mexico's 20% tariff on U.S. pork, which had been in place since March, was paused on Monday.",
        [("Mexico", "United States", 20, "delayed")],
    ),
    gap(
        "'lift' in the condition labels a threatened tariff suspended",
        "Canada said it would impose a 25% surtax on U.S. steel if Washington does not lift its own tariffs.",
        [("Canada", "United States", 25, "threatened")],
    ),
    gap(
        "reported by the White House: the goods' country ('Chinese') is taken as the imposer",
        "A 10% tariff on Chinese electronics took effect on Friday, the White House said.",
        [("United States", "China", 10, "in_effect")],
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
