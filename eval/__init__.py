"""Evaluation harness: cases, scorers and runners, vendor-free and small.

``load_cases`` → ``Case``; ``score_case`` → ``CaseScore``; ``aggregate`` → ``Report``.
"""

from eval.cases import Case, load_cases
from eval.scoring import CaseScore, FieldScore, Report, aggregate, score_case

__all__ = ["Case", "CaseScore", "FieldScore", "Report", "aggregate", "load_cases", "score_case"]
