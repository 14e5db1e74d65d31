"""The extractive backend's tariff rules on sentences written for these tests (not fixture text)."""

from __future__ import annotations

import pytest

from summarizer import summarize
from summarizer.backends.extractive import rules
from summarizer.schema import Tariff, TariffStatus


def _tariffs(text: str) -> list[Tariff]:
    return summarize(text, backend="extractive").record.tariffs


def _triples(text: str) -> set[tuple[str, str, float | None]]:
    return {(t.imposed_by, t.target, t.rate_percent) for t in _tariffs(text)}


def test_countermeasures_without_a_rate_are_threatened_records() -> None:
    found = _tariffs(
        "Brazil imposed a 30% tariff on beef from Argentina on Monday. "
        "Argentina's Trade Ministry said it would take countermeasures to protect its farmers."
    )
    assert [(t.imposed_by, t.target, t.rate_percent, t.status) for t in found] == [
        ("Brazil", "Argentina", 30.0, TariffStatus.IN_EFFECT),
        ("Argentina", "Brazil", None, TariffStatus.THREATENED),
    ]


def test_a_generic_mention_is_not_a_record() -> None:
    assert _tariffs("Economists said the tariffs would raise prices for shoppers. Markets fell.") == []


def test_countries_in_the_subject_and_a_gapped_clause() -> None:
    text = (
        "Wine from France, Italy and Spain will be hit with a 20% duty from Monday, and cheese from the three "
        "with a 15% duty, Brazilian officials said."
    )
    assert _triples(text) == {(c, t, r) for c in ["Brazil"] for t in ["France", "Italy", "Spain"] for r in [20, 15]}


def test_goods_are_the_targets_when_no_country_is() -> None:
    text = "Tariffs on copper and lumber imported into Canada rose to 40% on Monday, the government said."
    assert _triples(text) == {("Canada", "copper", 40.0), ("Canada", "lumber", 40.0)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The levy comes on top of the 8% duty Japan already charges on Indian rice.", ("Japan", "India", 8.0)),
        (
            "The levy comes on top of the 8% duty Japan already charges on all imported rice.",
            ("Japan", "imported rice", 8.0),
        ),
        (
            "The surtax is added to the 6% tariff that Kenya applies to all imported cars.",
            ("Kenya", "imported cars", 6.0),
        ),
    ],
)
def test_a_relative_clause_names_who_charges_what(text: str, expected: tuple[str, str, float]) -> None:
    assert _triples(text) == {expected}


@pytest.mark.parametrize("country", ["Turkey", "Vietnam"])
def test_a_country_named_in_full_is_an_imposer(country: str) -> None:
    text = f"{country}'s additional 40% duty on vehicles from Germany comes into force on Sunday."
    assert _triples(text) == {(country, "Germany", 40.0)}


def test_a_pronoun_means_the_last_subject_not_the_last_name() -> None:
    text = (
        "Canadian Prime Minister Mark Carney warned of severe consequences if Chinese President Xi Jinping "
        "did not act. He also threatened new tariffs on Chinese steel."
    )
    assert ("Canada", "China", None) in _triples(text)


def test_a_replaced_or_counterfactual_rate_is_not_a_record() -> None:
    text = (  # 'to Swiss watches' names whose goods pay it, not where goods go: the sentence names who applies it
        "Under the deal, Canada will apply a 12% tariff to Swiss watches from June 1, replacing the 31% rate it had "
        "threatened. Exporters said a 31% tariff would have badly damaged the industry."
    )
    assert _triples(text) == {("Canada", "Switzerland", 12.0)}


def test_shares_and_market_moves_in_a_tariff_sentence_are_not_tariffs() -> None:
    text = (
        "After Chile imposed a 12% tariff on Peruvian grapes, shares of exporters fell 4% and grapes, "
        "which make up 30% of Peru's fruit exports, piled up at the border."
    )
    assert _triples(text) == {("Chile", "Peru", 12.0)}


def test_an_official_introduced_in_a_capital_answers_for_that_country() -> None:
    text = (
        "Chile imposed a 12% tariff on avocados from Mexico on Monday. In Mexico City, Economy Minister Ana Rojas "
        "said her government would respond with trade actions of its own."
    )
    assert _triples(text) == {("Chile", "Mexico", 12.0), ("Mexico", "Chile", None)}


def test_a_tariff_answering_a_mere_threat_is_not_retaliatory() -> None:
    text = (
        "Earlier this week, Peruvian officials threatened retaliatory action if Chile proceeds with new tariffs. "
        "Chile's tariffs on grapes from Peru, some of which exceed 40%, remain in place."
    )
    statuses = {(t.imposed_by, t.target): t.status for t in _tariffs(text)}
    assert statuses == {("Peru", "Chile"): TariffStatus.THREATENED, ("Chile", "Peru"): TariffStatus.IN_EFFECT}


def test_a_range_is_one_record_at_its_upper_bound() -> None:
    text = "Bicycles shipped from Norway to Chile will be hit with provisional duties of 12.5% to 30% from Friday."
    assert {r for _, _, r in _triples(text)} == {30.0}


@pytest.mark.parametrize(
    "table",
    [rules.PARTY_RULES, rules.IMPOSER_RULES, rules.TARGET_RULES, rules.STATUS_RULES, rules.MEASURE_STATUS_RULES],
)
def test_every_rule_of_a_table_has_its_own_name(table: list[rules.Rule[object, object]]) -> None:
    names = [rule.name for rule in table]
    assert all(names)
    assert len(set(names)) == len(names)


def test_the_status_tables_end_in_a_default() -> None:
    assert rules.STATUS_RULES[-1].find(None) is TariffStatus.IN_EFFECT  # type: ignore[arg-type]
    assert rules.MEASURE_STATUS_RULES[-1].find(None) is TariffStatus.IN_EFFECT  # type: ignore[arg-type]


def _tariff(imposer: str, target: str, status: TariffStatus) -> Tariff:
    return Tariff(imposed_by=imposer, target=target, rate_percent=10.0, status=status)


@pytest.mark.parametrize(
    ("earlier", "later", "expected"),
    [
        (TariffStatus.IN_EFFECT, TariffStatus.IN_EFFECT, TariffStatus.RETALIATORY),  # an answer to a tariff
        (TariffStatus.REDUCED, TariffStatus.ANNOUNCED, TariffStatus.RETALIATORY),
        (TariffStatus.THREATENED, TariffStatus.IN_EFFECT, TariffStatus.IN_EFFECT),  # a threat is not answered
        (TariffStatus.IN_EFFECT, TariffStatus.THREATENED, TariffStatus.THREATENED),  # a threat stays one
    ],
)
def test_a_tariff_answering_an_applied_one_is_retaliatory(
    earlier: TariffStatus, later: TariffStatus, expected: TariffStatus
) -> None:
    first, second = rules.answered([_tariff("Chile", "Peru", earlier), _tariff("Peru", "Chile", later)])
    assert (first.status, second.status) == (earlier, expected)
