#!/usr/bin/env python3
"""Print the share of items each grounding check verifies: on gold, and on each backend's predictions.

    python scripts/grounding_table.py --split dev                      # gold + extractive
    python scripts/grounding_table.py --split dev --replay SmolLM2-135M-Instruct@v2 --hybrid qwen2.5-coder-1.5b

A check on gold should verify (almost) every gold item: what it fails on gold it would wrongly drop
under --require-grounding. On predictions, the share shows how much of a backend's output is grounded.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer import grounding
from summarizer.evals.cases import load_cases, select
from summarizer.pipeline import Summarizer
from summarizer.result import Evidence, GroundingStatus
from summarizer.schema import ArticleSummary
from summarizer.text import clean

OK = {GroundingStatus.VERIFIED, GroundingStatus.FUZZY}
CHECKS = ("quote in marks", "speaker", "tariff", "meeting")


def tally(record: ArticleSummary, evidence: list[Evidence], counts: Counter[str]) -> None:
    """Per check: items checked (key 'n:...') and items verified ('ok:...')."""
    for e in evidence:
        name = None
        if e.field == "quotes":
            counts["n:quote in marks"] += 1
            counts["ok:quote in marks"] += e.status not in {GroundingStatus.NOT_QUOTED, GroundingStatus.UNGROUNDED}
            name = "speaker" if e.status in OK | {GroundingStatus.UNATTRIBUTED} else None
        elif e.field == "tariffs" and "|" in e.text:
            name = "tariff"
        elif e.field == "meetings" and e.text in {
            " / ".join(m.participants) or "(no participants)" for m in record.meetings
        }:
            name = "meeting"
        if name:
            counts["n:" + name] += 1
            counts["ok:" + name] += e.status in OK


def row(label: str, counts: Counter[str]) -> str:
    cells = []
    for check in CHECKS:
        n = counts["n:" + check]
        cells.append(f"{counts['ok:' + check] / n:.3f} ({counts['ok:' + check]}/{n})" if n else "—")
    return f"| {label} | " + " | ".join(cells) + " |"


async def predicted(cases: list, overrides: dict[str, str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    async with Summarizer(**overrides) as summarizer:
        for case in cases:
            result = await summarizer.run(case.text, case_id=case.id, published=case.published)
            tally(result.record, result.grounding, counts)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", help="dev, heldout or all")
    parser.add_argument("--replay", action="append", default=[], help="MODEL@PROMPT of recorded responses")
    parser.add_argument("--hybrid", action="append", default=[], help="MODEL of recorded hybrid responses")
    parser.add_argument("--recordings", help="Recordings folder for --replay and --hybrid [default: fixtures]")
    parser.add_argument("--case", action="append", default=None, help="Only these case ids")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    cases = select(load_cases(), args.case, split=None if args.split == "all" else args.split)
    where = {"recordings": args.recordings} if args.recordings else {}
    print(f"| {len(cases)} {args.split} cases | " + " | ".join(CHECKS) + " |")
    print("|---" * (len(CHECKS) + 1) + "|")
    gold: Counter[str] = Counter()
    for case in cases:
        evidence = grounding.ground(case.gold, clean(case.text, case.id))
        tally(case.gold, evidence, gold)
        if args.show_failures:
            for e in evidence:
                if e.status in grounding.FAILED:
                    print(f"  {case.id} {e.field}[{e.index}] {e.status.value}: {e.text[:70]!r} — {e.reason}")
    print(row("gold", gold))
    print(row("extractive", asyncio.run(predicted(cases, {"backend": "extractive"}))))
    for spec in args.replay:
        model, prompt = spec.split("@")
        print(
            row(
                f"replay {spec}",
                asyncio.run(predicted(cases, {"backend": "replay", "model": model, "prompt": prompt, **where})),
            )
        )
    for model in args.hybrid:
        print(row(f"hybrid {model}", asyncio.run(predicted(cases, {"backend": "hybrid", "model": model, **where}))))


if __name__ == "__main__":
    main()
