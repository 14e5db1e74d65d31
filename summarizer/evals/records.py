"""What a run keeps of each case: the prediction of every epoch (or the error instead) and its judged counts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from summarizer.evals.metrics import Counts
from summarizer.result import Result
from summarizer.schema import ArticleSummary


class RunInfo(BaseModel):
    """Which backend, model and prompt produced a run, and how many samples were drawn per case."""

    model_config = ConfigDict(frozen=True)

    backend: str | None = None
    model: str | None = None
    prompt: str | None = None
    prompt_hash: str | None = None
    epochs: int = Field(default=1, ge=1, description="Samples per case (repeats at temperature > 0).")


class Sample(BaseModel):
    """One prediction of one case (one epoch): the result or the error that replaced it, and its counts."""

    epoch: int = Field(default=0, ge=0)
    result: Result | None = None
    error: str | None = None
    scores: dict[str, Counts] = Field(default_factory=dict, description="Field → counts against gold.")

    @property
    def failed(self) -> bool:
        return self.result is None


class CaseRun(BaseModel):
    """One case of a run: the article, its gold and a sample per epoch."""

    id: str
    split: str = "dev"
    text: str
    gold: ArticleSummary
    samples: list[Sample] = Field(min_length=1)
