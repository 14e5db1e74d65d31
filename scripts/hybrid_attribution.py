#!/usr/bin/env python3
"""How often the rules and the model name the gold speaker of a quoted span, from hybrid recordings.

    python scripts/hybrid_attribution.py --model qwen2.5-coder-1.5b [--recordings DIR] [--split dev]

Counts only quoted spans that are gold quotes. 'unsure' = spans the rules left unattributed: the
quotes the hybrid asks the model about in earnest. Decide RULES_FIRST / VERIFY_MODEL in
summarizer/backends/hybrid/__init__.py from these counts and from `eval compare extractive hybrid`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer.backends.extractive import nlp
from summarizer.backends.extractive.people import People
from summarizer.backends.hybrid import PROMPT
from summarizer.backends.hybrid.candidates import candidates
from summarizer.config import Settings
from summarizer.evals.cases import load_cases, select
from summarizer.names import person_key
from summarizer.text import clean


def answer(path: Path) -> dict[str, str]:
    message = json.loads(path.read_text(encoding="utf-8"))["exchanges"][-1]["response"]["body"]["choices"][0]
    message = message["message"]
    raw = message["tool_calls"][0]["function"]["arguments"] if message.get("tool_calls") else message["content"]
    parsed: dict[str, str] = json.loads(raw)
    return parsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--recordings", type=Path, default=Settings().recordings)
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    folder = args.recordings / args.model / PROMPT
    load = nlp.load(Settings().spacy_model)
    counts: Counter[str] = Counter()
    for case in select(load_cases(), split=args.split):
        path = folder / f"{case.id}.json"
        if not path.is_file():
            continue
        counts["articles"] += 1
        chosen, doc = answer(path), load(clean(case.text, case.id))
        found = candidates(doc, People(doc))
        gold = {" ".join(q.text.split()).strip(' ,."'): person_key(q.speaker) for q in case.gold.quotes}
        for quote in found.quotes:
            speaker = gold.get(" ".join(quote.text.split()).strip(' ,."'))
            if speaker is None:
                continue
            rule, person = found.rule_speakers.get(quote.id), found.person(chosen.get(quote.id, ""))
            counts["gold quotes"] += 1
            counts["rules right"] += rule is not None and person_key(rule.speaker) == speaker
            counts["unsure (rules: no speaker)"] += rule is None
            counts["model right"] += person is not None and person_key(person.name) == speaker
            counts["model 'none'"] += person is None
            counts["model right where unsure"] += (
                rule is None and person is not None and person_key(person.name) == speaker
            )
    print(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
