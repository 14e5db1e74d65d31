"""A hostile ~2 MB article for the large-input test and benchmark: one generated story repeated, with
page noise between the copies (link lists, a table of percentages, an unbroken run of words, stray
quotation marks). Deterministic: the same bytes every call."""

from __future__ import annotations

import random

STORY = (
    "Trade envoys meet again in Geneva\n\n"
    "GENEVA, May 12 (Wire) - U.S. Treasury Secretary Scott Bessent met Chinese Vice Premier He Lifeng in "
    "Geneva on Sunday for talks on trade.\n\n"
    '"We made substantial progress in these talks," Bessent told reporters after the meeting.\n\n'
    "Canada imposed a 25% tariff on steel from China on Monday, the finance ministry said.\n\n"
    "The two sides agreed to meet again within a month to discuss fentanyl and farm purchases.\n\n"
)
_WORDS = ("tariff", "duty", "trade", "talks", "minister", "said", "percent", "market", "shares", "fell", "rose")


def _noise(rng: random.Random) -> str:
    links = " ".join(f"[Read more {i}](#)" for i in range(rng.randint(5, 15)))
    table = "\n".join(f"| row {i} | {rng.randint(1, 99)}% | {rng.randint(1, 99)} percent |" for i in range(8))
    run_on = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(200, 600)))  # no full stop at all
    stray = 'He said " and then ' + "“" * rng.randint(1, 3) + " nothing closed"
    return f"{links}\n\n{table}\n\n{run_on}\n\n{stray}\n\n"


def hostile_article(size: int = 2_000_000, seed: int = 18) -> str:
    """About ``size`` characters: the story and a block of noise, repeated."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        part = STORY + _noise(rng)
        parts.append(part)
        total += len(part)
    return "".join(parts)


def unique_prose(size: int = 2_000_000) -> str:
    """About ``size`` characters of news prose in which no line repeats: the dev fixture articles' lines
    over and over, each line numbered, so the long-article parse can skip nothing (the worst case for time)."""
    from summarizer.evals.cases import load_cases, select

    articles = [case.text for case in select(load_cases(), split="dev")]
    parts: list[str] = []
    total = 0
    while total < size:
        copy = len(parts)
        lines = [line.rstrip() for line in articles[copy % len(articles)].splitlines() if line.strip()]
        part = "\n\n".join(f"{line} (Copy {copy}, line {j}.)" for j, line in enumerate(lines)) + "\n\n"
        parts.append(part)
        total += len(part)
    return "".join(parts)
