"""The scorer's numbers: exact on hand-computed cases, 1.0 on gold against itself."""

from __future__ import annotations

import pytest

from eval.cases import load_cases
from eval.scoring import FIELDS, aggregate, prf, score_case
from summarizer import ArticleSummary, Evidence, GroundingStatus, Provenance, Result

GOLD = ArticleSummary.model_validate(
    {
        "summary": "s",
        "participants": [
            {"name": "Marco Rubio", "aliases": ["Rubio"]},
            {"name": "Wang Yi"},
            {"name": "Sergei Lavrov"},
        ],
        "meetings": [
            {"participants": ["Marco Rubio", "Wang Yi"], "location": "Kuala Lumpur", "status": "held"},
            {"participants": ["Marco Rubio", "Sergei Lavrov"], "status": "held"},
        ],
        "quotes": [
            {"speaker": "Marco Rubio", "text": "China is supporting Russia"},
            {"speaker": "Wang Yi", "text": "We oppose unilateral tariffs"},
        ],
        "tariffs": [
            {"imposed_by": "United States", "target": "China", "rate_percent": 10, "status": "threatened"},
            {
                "imposed_by": "United States",
                "target": "Japan",
                "rate_percent": 25,
                "status": "announced",
                "effective_date": "2025-08-01",
            },
        ],
    }
)


def result(record: ArticleSummary) -> Result:
    return Result(record=record, provenance=Provenance(backend="test"))


def edited(**changes: object) -> ArticleSummary:
    return GOLD.model_copy(update=changes)


def test_gold_against_itself_is_perfect_for_every_fixture() -> None:
    cases = load_cases()
    assert len(cases) >= 14
    report = aggregate(score_case(c.id, c.gold, result(c.gold)) for c in cases)
    for name in FIELDS:
        assert report.micro(name)["f1"] == 1.0
        assert report.macro(name)["f1"] == 1.0
        for case in report.cases:
            assert case.fields[name].f1 == 1.0, (case.id, name)
        for accuracy in report.attributes(name).values():
            assert accuracy in (None, 1.0)


def test_one_missing_quote() -> None:
    score = score_case("c", GOLD, result(edited(quotes=GOLD.quotes[:1]))).fields["quotes"]
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert score.f1 == pytest.approx(2 / 3)


def test_wrong_speaker_is_a_false_positive_and_a_miss() -> None:
    quotes = [GOLD.quotes[0], GOLD.quotes[1].model_copy(update={"speaker": "Marco Rubio"})]
    score = score_case("c", GOLD, result(edited(quotes=quotes))).fields["quotes"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert score.attributes["speaker"] == [1, 2]


def test_quote_marks_case_and_surname_speaker_do_not_matter() -> None:
    quotes = [
        GOLD.quotes[0].model_copy(update={"text": "“China is supporting Russia,”", "speaker": "Rubio"}),
        GOLD.quotes[1],
    ]
    assert score_case("c", GOLD, result(edited(quotes=quotes))).fields["quotes"].f1 == 1.0


def test_extra_tariff_and_a_wrong_status() -> None:
    extra = GOLD.tariffs[0].model_copy(update={"target": "Canada", "rate_percent": 35})
    wrong = GOLD.tariffs[1].model_copy(update={"status": "in_effect"})
    score = score_case("c", GOLD, result(edited(tariffs=[GOLD.tariffs[0], wrong, extra]))).fields["tariffs"]
    assert (score.tp, score.fp, score.fn) == (2, 1, 0)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == 1.0
    assert score.attributes["status"] == [1, 2]


def test_wrong_rate_is_not_the_same_tariff() -> None:
    wrong = GOLD.tariffs[0].model_copy(update={"rate_percent": 20})
    score = score_case("c", GOLD, result(edited(tariffs=[wrong, GOLD.tariffs[1]]))).fields["tariffs"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)


@pytest.mark.parametrize(
    ("predicted", "same"),
    [("imported steel", True), ("Steel", True), ("steel imports", True), ("aluminum imports", False), ("cars", False)],
)
def test_a_goods_target_matches_however_the_trade_is_worded(predicted: str, same: bool) -> None:
    gold = GOLD.model_copy(update={"tariffs": [GOLD.tariffs[0].model_copy(update={"target": "steel imports"})]})
    mine = gold.tariffs[0].model_copy(update={"target": predicted})
    score = score_case("c", gold, result(gold.model_copy(update={"tariffs": [mine]}))).fields["tariffs"]
    assert score.tp == int(same)


def test_transliterated_name_matches_and_an_unrelated_one_does_not() -> None:
    people = [
        GOLD.participants[0],
        GOLD.participants[1],
        GOLD.participants[2].model_copy(update={"name": "Sergey Lavrov"}),
    ]
    assert score_case("c", GOLD, result(edited(participants=people))).fields["participants"].f1 == 1.0
    people[2] = people[2].model_copy(update={"name": "Sergei Ryabkov"})
    score = score_case("c", GOLD, result(edited(participants=people))).fields["participants"]
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)


def test_meeting_with_half_the_people_still_matches_but_a_stranger_does_not() -> None:
    half = GOLD.meetings[0].model_copy(update={"participants": ["Rubio", "Wang Yi", "Antony Blinken"]})
    stranger = GOLD.meetings[1].model_copy(update={"participants": ["Keir Starmer", "Olaf Scholz"]})
    score = score_case("c", GOLD, result(edited(meetings=[half, stranger]))).fields["meetings"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)


def test_empty_prediction_of_empty_gold_is_perfect_and_a_failure_scores_zero_recall() -> None:
    empty = ArticleSummary(summary="s")
    assert score_case("c", empty, result(empty)).fields["tariffs"].f1 == 1.0
    failed = score_case("c", GOLD, None)
    assert failed.failed
    assert failed.fields["quotes"].recall == 0.0


def test_micro_and_macro_differ_as_defined() -> None:
    a = score_case("a", GOLD, result(GOLD))
    b = score_case("b", GOLD, result(edited(quotes=[])))
    report = aggregate([a, b])
    assert report.micro("quotes") == pytest.approx(
        {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "tp": 2, "fp": 0, "fn": 2}
    )
    assert report.macro("quotes")["f1"] == pytest.approx((1.0 + 0.0) / 2)


def test_grounding_rate_counts_verified_quotes_only() -> None:
    grounding = [
        Evidence(field="quotes", index=0, text="x", status=GroundingStatus.VERIFIED, score=100),
        Evidence(field="quotes", index=1, text="y", status=GroundingStatus.FUZZY, score=90),
    ]
    scored = score_case("c", GOLD, Result(record=GOLD, grounding=grounding, provenance=Provenance(backend="t")))
    assert aggregate([scored]).as_dict()["grounding_rate"] == 0.5


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "expected"), [(0, 0, 0, (1, 1, 1)), (0, 2, 0, (0, 0, 0)), (0, 0, 3, (0, 0, 0))]
)
def test_prf_edges(tp: int, fp: int, fn: int, expected: tuple[float, float, float]) -> None:
    assert prf(tp, fp, fn) == expected
