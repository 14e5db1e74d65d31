"""Consolidating several reports of one event (issue: seeds as two outlets' reports)."""

from __future__ import annotations

import json

import pytest

from eval.cases import load_cases
from eval.digest import load_gold_digests, score_digest
from summarizer import Provenance, Result, summarize
from summarizer.consolidate import consolidate
from summarizer.grounding import ground
from tests.conftest import SEEDS, run_cli

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
    for gold in load_gold_digests():
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


def test_eval_digest_prints_scores() -> None:
    done = run_cli("eval", "digest", "--backend", "extractive", "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    for field in ("participants", "meetings", "statements", "tariffs"):
        assert 0.0 <= report[field]["f1"] <= 1.0
    assert report["grouped_as_one_event"]["rubio-wang-kl-2025-07"] is True


def test_merge_cli_json_and_bad_usage(tmp_path: object) -> None:
    done = run_cli("merge", *map(str, SEEDS), "--backend", "extractive", "--format", "json")
    assert done.returncode == 0, done.stderr
    (digest,) = json.loads(done.stdout)
    assert sorted(digest["articles"]) == sorted(SEED_IDS)
    one = run_cli("merge", str(SEEDS[0]))
    assert one.returncode == 2
    assert one.stderr.strip().splitlines()[-1] == "summarizer: error: merge needs at least two article files"
