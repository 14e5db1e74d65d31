"""Consolidating several reports of one event (issue: seeds as two outlets' reports)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import Provenance, Result, summarize
from summarizer.blocking import article_date, candidate_pairs
from summarizer.consolidate import consolidate, group_by_event
from summarizer.evals import load_cases
from summarizer.evals.cases import default_dataset
from summarizer.evals.digest import load_gold_digests, score_digest
from summarizer.grounding import ground
from summarizer.schema import ArticleSummary, Meeting, MeetingStatus, Participant
from tests.cli_runner import invoke
from tests.conftest import SEEDS

SEED_IDS = [p.stem for p in SEEDS]


@pytest.fixture(scope="module")
def seed_digest() -> object:
    results = {p.stem: summarize(p.read_text(), backend="extractive") for p in SEEDS}
    (digest,) = consolidate(results)
    return digest


def test_one_meeting_and_one_lavrov_with_both_spellings(seed_digest: object) -> None:
    digest = seed_digest
    rubio_wang = [m for m in digest.meetings if set(m.participants) == {"Marco Rubio", "Wang Yi"}]
    assert len(rubio_wang) == 1
    assert rubio_wang[0].support == 2
    (lavrov,) = [p for p in digest.participants if "Lavrov" in p.name]
    assert {lavrov.name, *lavrov.aliases} >= {"Sergei Lavrov", "Sergey Lavrov"}
    assert any(
        d.fact.startswith("spelling of") and set(d.values) >= {"Sergei Lavrov", "Sergey Lavrov"}
        for d in digest.disagreements
    )


def test_rubio_china_russia_remarks_are_linked_as_variants_with_sources(seed_digest: object) -> None:
    digest = seed_digest
    (linked,) = [s for s in digest.statements if s.relation == "possible variants"]
    assert linked.speaker == "Marco Rubio"
    assert {s.article for s in linked.sources} == set(SEED_IDS)
    texts = {p.stem: p.read_text() for p in SEEDS}
    for source in linked.sources:
        (span,) = source.spans
        assert texts[source.article][span.start : span.end] == (source.text or "").rstrip(".,"), "edges trimmed"
    assert 0 < (linked.similarity or 0) < 1
    wording = [d for d in digest.disagreements if d.fact.startswith("wording of Marco Rubio")]
    assert len(wording) == 1
    assert len(wording[0].values) == 2
    # Rubio's unrelated tariff remark stays a separate statement
    assert any(s.relation == "single" and s.speaker == "Marco Rubio" for s in digest.statements)


def test_a_mix_of_events_is_grouped_apart() -> None:
    chosen = {c.id: c for c in load_cases() if c.id in {*SEED_IDS, "110_mexico-tariff-delay"}}
    results = {i: summarize(c.text, backend="extractive", published=c.published) for i, c in chosen.items()}
    groups = sorted(sorted(d.articles) for d in consolidate(results))
    assert groups == [sorted(SEED_IDS), ["110_mexico-tariff-delay"]]


def test_consolidating_the_gold_records_reproduces_the_gold_digests() -> None:
    """The merge logic alone, fed perfect per-article records: every digest field scored against gold."""
    cases = {c.id: c for c in load_cases()}
    for gold in load_gold_digests(default_dataset()):
        results = {
            a: Result(
                record=cases[a].gold,
                grounding=ground(cases[a].gold, cases[a].text),
                provenance=Provenance(backend="gold"),
            )
            for a in gold.articles
        }
        digests = consolidate(results)
        assert len(digests) == 1, f"{gold.event}: the reports must be grouped as one event"
        scores = score_digest(digests[0], gold)
        assert scores["participants"].f1 == 1.0, gold.event
        assert scores["tariffs"].f1 == 1.0, gold.event
        assert scores["meetings"].f1 == 1.0, gold.event
        assert scores["statements"].f1 == 1.0, gold.event


def test_merge_cli_json_and_bad_usage(tmp_path: Path) -> None:
    done = invoke("merge", *map(str, SEEDS), "--backend", "extractive", "--format", "json")
    assert done.returncode == 0, done.stderr
    (digest,) = json.loads(done.stdout)
    assert sorted(digest["articles"]) == sorted(SEED_IDS)
    one = invoke("merge", str(SEEDS[0]))
    assert one.returncode == 2
    assert one.stderr.strip().splitlines()[-1] == "summarizer: error: merge needs at least two article files"
    twin = tmp_path / "copy" / SEEDS[0].name
    twin.parent.mkdir()
    twin.write_text(SEEDS[0].read_text())
    same = invoke("merge", str(SEEDS[0]), str(twin), "--backend", "extractive")
    assert same.returncode == 2
    assert same.stderr.strip().splitlines()[-1].endswith("two files share a name; merge uses file names as article ids")


def _met(a: str, b: str, day: str | None) -> Result:
    """A result whose record has ``a`` and ``b`` meeting on ``day`` (no meeting when ``day`` is None)."""
    record = ArticleSummary(
        summary=f"{a} met {b}.",
        participants=[Participant(name=a), Participant(name=b)],
        meetings=[Meeting(participants=[a, b], date=day, status=MeetingStatus.HELD)] if day else [],
    )
    return Result(record=record, provenance=Provenance(backend="test"))


def test_the_same_two_people_years_apart_are_two_events_and_a_week_apart_one() -> None:
    results = {
        "kl-a": _met("Marco Rubio", "Wang Yi", "2025-07-11"),
        "kl-b": _met("Rubio", "Wang Yi", "2025-07-15"),
        "later": _met("Marco Rubio", "Wang Yi", "2027-02-03"),
    }
    groups = sorted(sorted(g) for g, _ in group_by_event(results))
    assert groups == [["kl-a", "kl-b"], ["later"]]
    by_publication = group_by_event(results, published={"later": "2025-07-12"})
    assert [sorted(g) for g, _ in by_publication] == [["kl-a", "kl-b", "later"]], "a given date wins"


def test_an_undated_report_joins_one_event_and_never_bridges_two() -> None:
    results = {
        "2023": _met("Marco Rubio", "Wang Yi", "2023-03-01"),
        "2025": _met("Marco Rubio", "Wang Yi", "2025-07-11"),
        "undated": _met("Marco Rubio", "Wang Yi", None),
        "undated-too": _met("Rubio", "Wang", None),
    }
    groups = sorted(sorted(g) for g, _ in group_by_event(results))
    assert groups == [["2023", "undated", "undated-too"], ["2025"]]


def test_blocking_compares_far_fewer_pairs_than_all_pairs() -> None:
    def surname(n: int) -> str:
        return "".join(chr(97 + (n // 26**i) % 26) for i in range(3)).title()

    results = {
        f"{n}-{k}": _met(f"Ann {surname(2 * n)}", f"Bo {surname(2 * n + 1)}", f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}")
        for n in range(100)
        for k in range(2)
    }
    dates = {i: article_date(r) for i, r in results.items()}
    pairs = list(candidate_pairs(results, dates))
    assert len(pairs) == len(set(pairs)) < len(results) * 4, "about one pair per event, not 200 * 199 / 2"
    assert {tuple(sorted(p)) for p in pairs} >= {(f"{n}-0", f"{n}-1") for n in range(100)}
    assert len(group_by_event(results)) == 100
