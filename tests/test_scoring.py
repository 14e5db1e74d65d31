"""The scorer's numbers: exact on hand-computed cases, 1.0 on gold against itself, not steered by the prediction."""

from __future__ import annotations

import pytest

from summarizer import ArticleSummary, Evidence, GroundingStatus, Provenance, Result
from summarizer.evals import FIELDS, CaseRun, Sample, load_cases, prf, score_case
from summarizer.evals.metrics import PRF
from summarizer.evals.report import field_summary, mean_f1, summarize_cases

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


def case_run(case_id: str, gold: ArticleSummary, *records: ArticleSummary | None) -> CaseRun:
    """A case with one sample per record (``None`` = a failed extraction), judged."""
    samples = []
    for epoch, record in enumerate(records):
        predicted = result(record) if record is not None else None
        scores = score_case(case_id, gold, predicted).counts()
        samples.append(Sample(epoch=epoch, result=predicted, error=None if record else "failed", scores=scores))
    return CaseRun(id=case_id, text="t", gold=gold, samples=samples)


def test_gold_against_itself_is_perfect_for_every_fixture() -> None:
    cases = load_cases()
    assert len(cases) >= 14
    runs = [case_run(c.id, c.gold, c.gold) for c in cases]
    for name in FIELDS:
        summary = field_summary(runs, name)
        assert summary["f1"] == 1.0
        assert summary["macro"]["f1"] == 1.0
        for run in runs:
            assert score_case(run.id, run.gold, result(run.gold)).fields[name].f1 in (1.0, None), (run.id, name)
        for accuracy in summary["attributes"].values():
            assert accuracy in (None, 1.0)


def test_a_predicted_alias_cannot_turn_a_wrong_speaker_into_a_hit() -> None:
    """Identity comes from gold only: declaring "Wang Yi" an alias of Rubio does not make Rubio Wang Yi."""
    rubio = GOLD.participants[0].model_copy(update={"aliases": ["Rubio", "Wang Yi"]})
    quotes = [GOLD.quotes[0], GOLD.quotes[1].model_copy(update={"speaker": "Marco Rubio"})]
    gamed = edited(participants=[rubio, *GOLD.participants[1:]], quotes=quotes)
    score = score_case("c", GOLD, result(gamed)).fields["quotes"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert score.attributes["speaker"] == [1, 2]


def test_a_predicted_alias_cannot_make_a_stranger_a_meeting_participant() -> None:
    """Rubio–Lavrov predicted as Rubio–Blinken, with "Sergei Lavrov" listed among Blinken's aliases."""
    blinken = GOLD.participants[2].model_copy(update={"name": "Antony Blinken", "aliases": ["Sergei Lavrov"]})
    meetings = [
        GOLD.meetings[0],
        GOLD.meetings[1].model_copy(update={"participants": ["Marco Rubio", "Antony Blinken"]}),
    ]
    score = score_case("c", GOLD, result(edited(participants=[*GOLD.participants[:2], blinken], meetings=meetings)))
    assert (score.fields["meetings"].tp, score.fields["meetings"].fp) == (1, 1)
    assert score.fields["participants"].fn == 1, "a predicted alias does not make Blinken Lavrov either"


def test_matched_pairs_missing_and_extra_items_are_the_items_themselves() -> None:
    wrong = GOLD.tariffs[0].model_copy(update={"rate_percent": 20})
    score = score_case("c", GOLD, result(edited(tariffs=[wrong, GOLD.tariffs[1]]))).fields["tariffs"]
    assert score.matched == [(GOLD.tariffs[1], GOLD.tariffs[1])]
    assert score.missing == [GOLD.tariffs[0]]
    assert score.extra == [wrong]


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


def test_an_empty_field_is_not_scored_and_a_failure_scores_zero_recall() -> None:
    empty = ArticleSummary(summary="s")
    tariffs = score_case("c", empty, result(empty)).fields["tariffs"]
    assert tariffs.empty
    assert tariffs.f1 is None, "nothing in gold and nothing predicted is no score, not 1.0"
    failed = score_case("c", GOLD, None)
    assert failed.failed
    assert failed.fields["quotes"].score == PRF(precision=0.0, recall=0.0, f1=0.0)


def test_empty_fields_are_left_out_of_averages_and_counted() -> None:
    """Two cases: one with tariffs (half right), one with none in gold or prediction."""
    no_tariffs = edited(tariffs=[])
    runs = [case_run("a", GOLD, edited(tariffs=GOLD.tariffs[:1])), case_run("b", no_tariffs, no_tariffs)]
    tariffs = field_summary(runs, "tariffs")
    assert tariffs["macro"]["f1"] == pytest.approx(2 / 3), "the empty case does not count as 1.0"
    assert (tariffs["scored"], tariffs["empty"]) == (1, 1)
    nothing = field_summary([runs[1]], "tariffs")
    assert (nothing["f1"], nothing["macro"]["f1"], nothing["empty"]) == (None, None, 1)


def test_an_article_whose_scored_fields_are_all_wrong_scores_0_not_0_25() -> None:
    """Only quotes in gold, none right: the three empty fields do not each add a 1.0 to the article's mean."""
    gold = ArticleSummary(summary="s", quotes=GOLD.quotes)
    assert mean_f1(case_run("a", gold, ArticleSummary(summary="s"))) == 0.0
    assert mean_f1(case_run("b", ArticleSummary(summary="s"), ArticleSummary(summary="s"))) is None


def test_micro_and_macro_differ_as_defined() -> None:
    runs = [case_run("a", GOLD, GOLD), case_run("b", GOLD, edited(quotes=[]))]
    quotes = field_summary(runs, "quotes")
    assert {k: quotes[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")} == pytest.approx(
        {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "tp": 2, "fp": 0, "fn": 2}
    )
    assert quotes["macro"]["f1"] == pytest.approx((1.0 + 0.0) / 2)


def test_epochs_give_each_case_a_mean_and_a_spread() -> None:
    run = case_run("a", GOLD, GOLD, edited(quotes=[]))  # two epochs: quotes F1 1.0, then 0.0
    (row,) = summarize_cases([run])["per_case"]
    assert row["f1"]["quotes"] == {"mean": 0.5, "sd": 0.5}
    assert row["f1"]["tariffs"] == {"mean": 1.0, "sd": 0.0}
    assert field_summary([run], "quotes")["epoch_f1"] == {"mean": 0.5, "sd": 0.5}


def test_grounding_rate_counts_verified_quotes_only() -> None:
    grounding = [
        Evidence(field="quotes", index=0, text="x", status=GroundingStatus.VERIFIED, score=100),
        Evidence(field="quotes", index=1, text="y", status=GroundingStatus.FUZZY, score=90),
    ]
    scored = Result(record=GOLD, grounding=grounding, provenance=Provenance(backend="t"))
    run = CaseRun(
        id="c", text="t", gold=GOLD, samples=[Sample(result=scored, scores=score_case("c", GOLD, scored).counts())]
    )
    assert summarize_cases([run])["grounding_rate"] == 0.5


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "expected"),
    [(0, 0, 0, None), (0, 2, 0, (0, 0, 0)), (0, 0, 3, (0, 0, 0)), (1, 1, 0, (0.5, 1, 2 / 3))],
)
def test_prf_edges(tp: int, fp: int, fn: int, expected: tuple[float, float, float] | None) -> None:
    score = prf(tp, fp, fn)
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected) if score else expected is None
