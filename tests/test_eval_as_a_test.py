"""An eval as a test with a gate: the file to copy into your own repository (see README, "Evaluation").

Point ``cases`` at your labelled data (a folder like ``fixtures/``, or a .jsonl/.parquet file with
columns id, text, gold), ``TASK`` at what you ship, and ``FLOORS`` at the micro F1 each field must
keep. pytest then fails the build when a change makes extraction worse, and the message says how much.
"""

from __future__ import annotations

import pytest

from summarizer import Settings
from summarizer.evals import EvalRun, evaluate, load_cases

TASK = Settings(backend="extractive")  # yours: Settings(backend="openai", model="gpt-4o-mini", prompt="v2")
FLOORS = {"participants": 0.85, "meetings": 0.65, "quotes": 0.8, "tariffs": 0.5}


@pytest.fixture(scope="module")
def run() -> EvalRun:
    cases = [c for c in load_cases() if c.split == "heldout"]  # yours: load_cases(Path("evals/cases.jsonl"))
    return evaluate(cases, TASK)  # run.save() keeps it (cases.jsonl, summary.json) for a closer look


@pytest.mark.parametrize("field", FLOORS)
def test_field_keeps_its_floor(run: EvalRun, field: str) -> None:
    assert run.below({field: FLOORS[field]}) == []
