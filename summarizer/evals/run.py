"""``EvalRun``: what ``evaluate`` returns. Every case's samples and counts, summaries, a gate, saving and comparing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from summarizer.config import Settings
from summarizer.evals.compare import compare
from summarizer.evals.metrics import micro
from summarizer.evals.records import CaseRun, RunInfo
from summarizer.evals.report import all_samples, summarize_cases
from summarizer.transport import slug


class EvalRun(BaseModel):
    """One evaluation: a backend/model/prompt (``info``) run over cases, each with a sample per epoch."""

    label: str = Field(description="How this run is named in comparisons, e.g. 'v2' or 'extractive'.")
    info: RunInfo
    created: datetime = Field(default_factory=lambda: datetime.now(UTC))
    cases: list[CaseRun]

    def micro(self, field: str) -> dict[str, Any]:
        """Micro P/R/F1 of one field over every sample (``None`` scores when the field was always empty)."""
        return micro(s.scores[field] for s in all_samples(self.cases))

    def summary(self) -> dict[str, Any]:
        """Per field micro/macro P/R/F1 and attribute accuracy, costs, and per-case mean and spread over epochs."""
        return {"run": {"label": self.label, **self.info.model_dump()}, **summarize_cases(self.cases)}

    def below(self, floors: dict[str, float]) -> list[str]:
        """One line per field whose micro F1 is under its floor (or that had nothing to score)."""
        lines = []
        for name, floor in floors.items():
            f1 = self.micro(name)["f1"]
            if f1 is None:
                lines.append(f"{name}: nothing to score (no gold item and no prediction), floor {floor:.3f}")
            elif f1 < floor:
                lines.append(f"{name} F1 {f1:.3f} < {floor:.3f}")
        return lines

    def compare(self, *others: EvalRun, samples: int = 2000, seed: int = 0, confidence: float = 0.95) -> dict[str, Any]:
        """This run (the baseline) against ``others`` on the same cases: paired bootstrap interval per delta."""
        return compare([self, *others], samples=samples, seed=seed, confidence=confidence)

    @property
    def name(self) -> str:
        """A folder name: time, backend, model, prompt."""
        stamp = self.created.strftime("%Y%m%dT%H%M%SZ")
        parts = (self.info.backend, self.info.model, self.info.prompt)
        return f"{stamp}-" + slug("-".join(part or "none" for part in parts))

    def save(self, root: Path | None = None) -> Path:
        """A new folder under ``root`` (default: the ``runs_dir`` setting) with ``run.json``, ``cases.jsonl``
        (one case per line) and ``summary.json``; returns the folder."""
        root = root or Settings().runs_dir
        directory = root / self.name
        for n in range(2, 1000):
            if not directory.exists():
                break
            directory = root / f"{self.name}-{n}"
        directory.mkdir(parents=True)
        head = self.model_dump(mode="json", exclude={"cases"})
        (directory / "run.json").write_text(json.dumps(head, indent=2), encoding="utf-8")
        with (directory / "cases.jsonl").open("w", encoding="utf-8") as out:
            for case in self.cases:
                out.write(case.model_dump_json() + "\n")
        (directory / "summary.json").write_text(json.dumps(self.summary(), indent=2), encoding="utf-8")
        return directory

    @classmethod
    def load(cls, directory: Path) -> EvalRun:
        """A run saved by :meth:`save`."""
        head = json.loads((directory / "run.json").read_text(encoding="utf-8"))
        lines = (directory / "cases.jsonl").read_text(encoding="utf-8").splitlines()
        return cls.model_validate({**head, "cases": [json.loads(line) for line in lines if line.strip()]})

    def only(self, ids: list[str]) -> EvalRun:
        """This run restricted to the cases ``ids``, in that order, to compare with runs made now."""
        by_id = {case.id: case for case in self.cases}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise ValueError(
                f"saved run {self.label!r} has no case {missing[0]!r} ({len(missing)} of {len(ids)} missing)"
            )
        return self.model_copy(update={"cases": [by_id[i] for i in ids]})
