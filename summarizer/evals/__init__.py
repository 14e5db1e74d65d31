"""The evaluation harness: cases, an independent judge, and a runner that returns an ``EvalRun``.

    from summarizer import Settings
    from summarizer.evals import evaluate, load_cases

    run = evaluate(load_cases()[:3], Settings(backend="extractive"))
    run.micro("quotes")["f1"]; run.summary(); run.save(); run.compare(other_run)

Importing this package loads numpy, scipy and datasets; ``import summarizer`` never does.
"""

from summarizer.evals.cases import Case, load_cases, select
from summarizer.evals.judge import Context, FieldScore, FieldScorer
from summarizer.evals.metrics import Counts, prf
from summarizer.evals.records import CaseRun, RunInfo, Sample
from summarizer.evals.run import EvalRun
from summarizer.evals.runner import Task, aevaluate, evaluate
from summarizer.evals.scoring import FIELDS, CaseScore, judge, score_case

__all__ = [
    "FIELDS",
    "Case",
    "CaseRun",
    "CaseScore",
    "Context",
    "Counts",
    "EvalRun",
    "FieldScore",
    "FieldScorer",
    "RunInfo",
    "Sample",
    "Task",
    "aevaluate",
    "evaluate",
    "judge",
    "load_cases",
    "prf",
    "score_case",
    "select",
]
