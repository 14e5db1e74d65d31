"""Eval cases: the hand-labelled fixtures, or any local JSONL/Parquet dataset, through `datasets`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summarizer.config import fixtures_dir
from summarizer.errors import InputError
from summarizer.schema import ArticleSummary

COLUMNS = ("id", "text", "gold")


@dataclass(frozen=True)
class Case:
    """One article and its gold record."""

    id: str
    text: str
    gold: ArticleSummary
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def split(self) -> str:
        """'heldout' for cases kept out of development; 'dev' otherwise."""
        return str(self.metadata.get("split") or "dev")

    @property
    def published(self) -> str | None:
        value = self.metadata.get("published")
        return str(value) if value else None


def fixtures_dataset(directory: Path) -> Any:
    """``fixtures/articles/*.txt`` + ``fixtures/gold/*.json`` as a ``datasets.Dataset``."""
    from datasets import Dataset

    rows = []
    for gold_file in sorted((directory / "gold").glob("*.json")):
        labelled = json.loads(gold_file.read_text(encoding="utf-8"))
        article = directory / "articles" / f"{gold_file.stem}.txt"
        if not article.is_file():
            raise InputError(f"{gold_file}: no article {article}")
        metadata = {k: v for k, v in labelled.items() if k not in {"id", "gold"}}
        rows.append(
            {
                "id": gold_file.stem,
                "text": article.read_text(encoding="utf-8"),
                "gold": json.dumps(labelled["gold"]),
                "metadata": json.dumps(metadata),
            }
        )
    if not rows:
        raise InputError(f"--dataset {directory}: no cases (expected gold/*.json and articles/*.txt)")
    return Dataset.from_list(rows)


def file_dataset(path: Path) -> Any:
    """A JSONL or Parquet file with columns id, text, gold (and optional metadata)."""
    from datasets import Dataset

    if path.is_file() and path.stat().st_size == 0:
        raise InputError(f"--dataset {path}: the file is empty")
    if path.suffix in {".jsonl", ".json"}:
        return Dataset.from_json(str(path))
    if path.suffix == ".parquet":
        return Dataset.from_parquet(str(path))
    raise InputError(f"--dataset {path}: unsupported; give a fixtures folder, .jsonl or .parquet")


def _gold(value: Any, case_id: str) -> ArticleSummary:
    data = json.loads(value) if isinstance(value, str) else value
    try:
        return ArticleSummary.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"case {case_id}: gold does not match the schema: {exc.errors()[0]['msg']}") from None


def default_dataset() -> Path:
    """The project's own fixtures (shipped in the wheel, or the repository's ``fixtures/``)."""
    path = fixtures_dir()
    if not (path / "gold").is_dir():
        raise InputError(f"the project's fixtures are not installed at {path}; pass --dataset PATH")
    return path


def load_cases(path: Path | None = None) -> list[Case]:
    """Cases from a fixtures folder (default: the project's own fixtures) or a .jsonl/.parquet dataset."""
    path = path or default_dataset()
    if not path.exists():
        raise InputError(f"--dataset {path}: no such file or folder")
    dataset = fixtures_dataset(path) if path.is_dir() else file_dataset(path)
    missing = [c for c in COLUMNS if c not in dataset.column_names]
    if missing:
        raise InputError(f"--dataset {path}: lacks column(s) {', '.join(missing)}")
    cases = []
    for row in dataset:  # a case's metadata may carry its split (dev/heldout) and published date
        metadata = row.get("metadata") or {}
        metadata = json.loads(metadata) if isinstance(metadata, str) else dict(metadata)
        cases.append(Case(id=str(row["id"]), text=row["text"], gold=_gold(row["gold"], row["id"]), metadata=metadata))
    return cases


def select(cases: list[Case], ids: list[str] | None = None, split: str | None = None) -> list[Case]:
    """The cases with these ids and of this split; none left is an error, never an empty (perfect) score."""
    chosen = [c for c in cases if (not ids or c.id in ids) and (not split or c.split == split)]
    if not chosen:
        raise InputError("no cases to score: check --dataset, --case and --split")
    return chosen
