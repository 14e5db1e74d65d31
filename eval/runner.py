"""Run a backend over cases, score every outcome, and save the run."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from eval.cases import Case
from eval.scoring import CaseScore, Report, aggregate, score_case
from summarizer.errors import BackendError, InputError, ReplayError
from summarizer.pipeline import Summarizer
from summarizer.result import Result


@dataclass(frozen=True)
class Outcome:
    """One case: the result or the error that replaced it, and its scores."""

    case: Case
    result: Result | None
    error: str | None
    score: CaseScore

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.case.id,
            "status": "ok" if self.result else "error",
            "error": self.error,
            "prediction": self.result.model_dump(mode="json") if self.result else None,
            "gold": self.case.gold.model_dump(mode="json"),
            "scores": {name: f.as_dict() for name, f in self.score.fields.items()},
        }


async def run_cases(
    cases: list[Case],
    summarizer: Summarizer,
    concurrency: int = 4,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Every case ends with a result or a recorded error; failures are scored as empty records."""
    gate = asyncio.Semaphore(concurrency)

    async def one(case: Case) -> Outcome:
        async with gate:
            try:
                result: Result | None = await summarizer.run(case.text, case_id=case.id, published=case.published)
                error = None
            except ReplayError:
                raise  # a missing or stale recording makes the whole run meaningless: stop, say how to fix it
            except (BackendError, InputError) as exc:
                result, error = None, f"{type(exc).__name__}: {exc}"
        outcome = Outcome(case, result, error, score_case(case.id, case.gold, result))
        if on_done:
            on_done(outcome)
        return outcome

    return list(await asyncio.gather(*(one(c) for c in cases)))


def run_name(backend: str, model: str | None, prompt: str | None) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in f"{backend}-{model or 'none'}-{prompt or 'none'}")
    return f"{stamp}-{safe}"


def save(outcomes: list[Outcome], summary: dict[str, object], directory: Path) -> Path:
    """Write ``cases.jsonl`` (one line per case) and ``summary.json`` under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "cases.jsonl").open("w", encoding="utf-8") as out:
        for outcome in outcomes:
            out.write(json.dumps(outcome.as_dict(), ensure_ascii=False) + "\n")
    (directory / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return directory


def describe(outcomes: list[Outcome]) -> dict[str, str | None]:
    """Backend, model and prompt of a run, from the provenance of its first result (None if all failed)."""
    prov = next((o.result.provenance for o in outcomes if o.result), None)
    return {
        "backend": prov.backend if prov else None,
        "model": prov.model if prov else None,
        "prompt": prov.prompt_version if prov else None,
        "prompt_hash": prov.prompt_hash if prov else None,
    }


def report(outcomes: list[Outcome]) -> Report:
    return aggregate(o.score for o in outcomes)
