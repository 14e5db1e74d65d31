"""Rate boxes (``boxes.py``): bullet lines that list rates → [(imposer, target, rate, status)] and effective dates.
Published Tuesday 1 July 2025."""

from __future__ import annotations

import pytest

from tests.extractive.sentences import record, rows

Dated = tuple[str, str, float | None, str, str | None]

BOXES = [
    (  # countries each with a rate: the passage's imposer charges each
        "U.S. tariffs on Indian goods rose to 50% on Wednesday.\n\nRates elsewhere\n- Brazil: 50 percent\n"
        "- Chile: 10 percent\n",
        [
            ("United States", "India", 50, "in_effect"),
            ("United States", "Brazil", 50, "in_effect"),
            ("United States", "Chile", 10, "in_effect"),
        ],
    ),
    (  # goods in a box about one country's exporters are charged on that country
        "Canadian goods face a 35% U.S. tariff.\n\nWhat Canadian exporters pay\n- Steel and aluminum: 50 per cent\n"
        "- Softwood lumber: 10 per cent\n",
        [
            ("United States", "Canada", 35, "in_effect"),
            ("United States", "Canada", 50, "in_effect"),
            ("United States", "Canada", 10, "in_effect"),
        ],
    ),
    (  # a label that names a tariff names its sides (and the answer to a tariff in force is retaliatory)
        "Officials from both sides met in Geneva on Monday.\n\nKey figures\n- U.S. tariffs on Chinese goods: 30%\n"
        "- China's tariffs on U.S. goods: 10%\n",
        [("United States", "China", 30, "in_effect"), ("China", "United States", 10, "retaliatory")],
    ),
    (  # no box: shares are no goods, a date is no target, and a story without a tariff has no imposer
        "U.S. tariffs on Chilean copper took effect on Monday.\n\nMarkets\n- Toyota shares: down 3%\n"
        "- Copper prices rose 4% on Monday\n",
        [],
    ),
]


BOXES += [
    (  # Xinhua's '-- ' bullets; the commission's own name says whose it is
        "BEIJING, May 3 (Xinhua) -- The Customs Tariff Commission of the State Council set new tariff rates on "
        "Australian goods on Saturday.\n\nThe rates at a glance:\n-- Barley: 80 percent\n-- Wine: 116 percent\n",
        [("China", "Australia", 80, "in_effect"), ("China", "Australia", 116, "in_effect")],
    ),
    (  # a table of two cells, label and rate; the header row has no rate
        "U.S. tariffs on Vietnamese goods rose to 20% on Tuesday.\n\nDue next month unless deals are reached:\n\n"
        "Country | Rate\nLaos | 40%\nMyanmar | 40%\n",
        [
            ("United States", "Vietnam", 20, "in_effect"),
            ("United States", "Laos", 40, "in_effect"),
            ("United States", "Myanmar", 40, "in_effect"),
        ],
    ),
    (  # companies and groups of them in a country passage pay on that country; a share price is no rate
        "The European Commission set definitive duties on Chinese electric cars on Tuesday.\n\nRates by carmaker:\n"
        "- BYD: 17.0%\n- Companies that did not cooperate: 35.3%\n- BYD shares: down 3%\n",
        [("European Union", "China", 17.0, "in_effect"), ("European Union", "China", 35.3, "in_effect")],
    ),
    (  # 'old to new': the new rate only, reduced when it is lower
        "New Delhi: Finance Minister Nirmala Sitharaman cut import duties on Saturday.\n\nChanges at a glance:\n"
        "- Solar glass: 20% to 15%\n- Steel pipes: 10% to 20%\n",
        [("India", "Solar glass", 15, "reduced"), ("India", "Steel pipes", 20, "in_effect")],
    ),
    (  # a lead-in that ends in a colon names who charges the box's rates
        "HOLDING THE LINE: Under the deals, the United States will keep in place the tariff rates that took effect "
        "on June 7:\n- Malaysia: 19 percent\n- Vietnam: 20 percent\n",
        [("United States", "Malaysia", 19, "in_effect"), ("United States", "Vietnam", 20, "in_effect")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BOXES)
def test_boxes(text: str, expected: list[tuple[str, str, float | None, str]]) -> None:
    assert rows(text) == expected


DATED = [
    (  # goods with no country passage are the target; each rate takes the date written after it
        "The White House set out new U.S. tariffs on metals on Monday.\n\nThe schedule\n"
        "- 25% on nickel wire, since June 4, and 50% on nickel pipe, since June 20\n"
        "- Refined nickel: 15% from Jan. 1, 2027, under review\n",
        [
            ("United States", "nickel wire", 25, "in_effect", "2025-06-04"),
            ("United States", "nickel pipe", 50, "in_effect", "2025-06-20"),
            ("United States", "Refined nickel", 15, "proposed", "2027-01-01"),
        ],
    ),
    (  # a start date after publication: announced
        "U.S. tariffs on Peruvian goods were set out on Monday.\n\nWhat changes\n- Peru: 20%, effective Aug. 1\n",
        [("United States", "Peru", 20, "announced", "2025-08-01")],
    ),
    (  # a line without a date takes the one its lead-in gives
        "HOLDING THE LINE: Under the deals, the United States will keep in place the tariff rates that took effect "
        "on June 7:\n- Malaysia: 19 percent\n- Vietnam: 20 percent, since April 5\n",
        [
            ("United States", "Malaysia", 19, "in_effect", "2025-06-07"),
            ("United States", "Vietnam", 20, "in_effect", "2025-04-05"),
        ],
    ),
    (  # ... and its status: a start date to come, with a condition, is a threat
        "U.S. tariffs on Vietnamese goods rose to 20% this year.\n\nThe following are due to take effect on Aug. 1 "
        "unless deals are reached:\n\nCountry | Rate\nLaos | 40%\n",
        [
            ("United States", "Vietnam", 20, "in_effect", None),
            ("United States", "Laos", 40, "threatened", "2025-08-01"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DATED)
def test_dated_boxes(text: str, expected: list[Dated]) -> None:
    found = [(t.imposed_by, t.target, t.rate_percent, t.status.value, t.effective_date) for t in record(text).tariffs]
    assert found == expected


def test_lead_in_condition() -> None:
    """The lead-in's condition goes with the rates of its box."""
    text = str(DATED[-1][0])
    laos = next(t for t in record(text).tariffs if t.target == "Laos")
    assert laos.condition == "unless deals are reached"
