"""Opt-in: a real llama.cpp server and model. Prefix reuse across articles, and our wall time vs the server's.

    .venv/bin/python -m bench.run --live                                  # qwen2.5-coder-1.5b, 4 articles
    .venv/bin/python -m bench.run --live --live-model qwen2.5-coder-0.5b --live-threads 1 --live-articles 3

For each prompt version, fixture articles run one after another through ``Summarizer`` (openai
backend, cache off, no re-asks). llama.cpp logs per request "N prefix-match hit, remaining M prompt
tokens to eval" and its own timings; from the second article on, M should be the article's own
tokens plus the few around it (the static system prompt and tool schema come first and are reused),
and our wall time per article should be the server's own total time plus little.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.table import Row, check
from summarizer.evals.cases import Case

PREFIX_TARGET = 1.10  # tokens evaluated per article / the article's own tokens
WALL_TARGET = 1.05  # our wall time per article / the server's own time
PROMPTS = ("v4", "v1")  # the best prompt, and the first for contrast

_HIT = re.compile(r"(\d+) prefix-match hit, remaining (\d+) prompt tokens")
_PROMPT_EVAL = re.compile(r"prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens")
_TOTAL = re.compile(r"total time =\s*([\d.]+) ms")


@dataclass(frozen=True)
class Timing:
    """One request as llama.cpp's log tells it."""

    reused: int  # prompt tokens taken from the cache
    evaluated: int  # prompt tokens evaluated
    server_s: float  # the server's own total time


def timings(log: str) -> list[Timing]:
    """The requests in a llama.cpp server log, in order; a request with no prefix-match line reused nothing."""
    found, reused = [], 0
    for line in log.splitlines():
        if hit := _HIT.search(line):
            reused = int(hit.group(1))
        elif evaluated := _PROMPT_EVAL.search(line):
            found.append(Timing(reused, int(evaluated.group(2)), 0.0))
            reused = 0
        elif (total := _TOTAL.search(line)) and found and not found[-1].server_s:
            found[-1] = Timing(found[-1].reused, found[-1].evaluated, float(total.group(1)) / 1000)
    return found


def _tokenizer(path: Path) -> Any:
    from llama_cpp import Llama

    return Llama(model_path=str(path), vocab_only=True, verbose=False)


async def _run(base_url: str, model: str, version: str, cases: list[Case], max_tokens: int) -> list[float]:
    """Wall seconds of each article through the pipeline, one after another."""
    from summarizer.config import Settings
    from summarizer.errors import SummarizerError
    from summarizer.pipeline import Summarizer

    settings = Settings(backend="openai", base_url=base_url, model=model, prompt=version, cache=False)
    once = {"max_reasks": 0, "transport_retries": 0, "timeout_s": 3600.0, "max_tokens": max_tokens}  # one request each
    settings = Settings(**{**settings.model_dump(exclude_unset=True), **once})
    walls = []
    async with Summarizer(settings) as summarizer:
        for case in cases:
            started = time.perf_counter()
            with contextlib.suppress(SummarizerError):  # an answer that did not validate cost the server as much
                await summarizer.run(case.text, case_id=case.id, published=case.published)
            walls.append(time.perf_counter() - started)
    return walls


def prefix_reuse(cases: list[Case], model: str, threads: int | None, articles: int, max_tokens: int) -> list[Row]:
    """One row per prompt version: prompt tokens evaluated vs the article's, our wall vs the server's."""
    from scripts.llm_server import serve
    from summarizer.models import resolve

    chosen = sorted(cases, key=lambda c: len(c.text))[: articles * 3 : 3]  # short to middling articles
    vocab = _tokenizer(resolve(model))
    own = [len(vocab.tokenize(c.text.encode(), add_bos=False, special=False)) for c in chosen]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "server.log"
        with serve(model, threads=threads, alias=model, log=log) as server:
            for version in PROMPTS:
                before = len(timings(log.read_text(errors="replace")))
                walls = asyncio.run(_run(server.base_url, model, version, chosen, max_tokens))
                time.sleep(0.5)  # the server's last timing lines
                seen = timings(log.read_text(errors="replace"))[before:]
                rows.append(_row(model, version, own, walls, seen))
    return rows


def _row(model: str, version: str, own: list[int], walls: list[float], seen: list[Timing]) -> Row:
    if len(seen) != len(walls):
        return Row(f"llama.cpp prefix reuse ({model}, {version})", "-", "-", "-", "-", "✗", "log not understood")
    later = range(1, len(walls))
    evaluated = sum(seen[i].evaluated for i in later)
    article = sum(own[i] for i in later)
    server = sum(seen[i].server_s for i in later)
    wall = sum(walls[i] for i in later)
    prefix_ok, wall_ok = evaluated <= PREFIX_TARGET * article, wall <= WALL_TARGET * server
    reused = sum(seen[i].reused for i in later) // max(len(later), 1)
    return Row(
        f"llama.cpp prefix reuse and the limit ({model}, prompt {version}, articles 2-{len(walls)} of {len(walls)})",
        f"{evaluated} prompt tokens evaluated ({reused} reused per article); our wall {wall:.1f} s",
        f"the articles' own {article} tokens; the server's own time {server:.1f} s (first article: "
        f"{seen[0].evaluated} evaluated, {walls[0]:.1f} s)",
        f"tokens {evaluated / max(article, 1):.2f}x the article; wall {wall / max(server, 1e-9):.3f}x the server",
        f"tokens <= {PREFIX_TARGET:.2f}x; wall <= {WALL_TARGET:.2f}x",
        check(prefix_ok and wall_ok),
        "" if prefix_ok and wall_ok else _reason(prefix_ok, wall_ok),
    )


def _reason(prefix_ok: bool, wall_ok: bool) -> str:
    reasons = []
    if not prefix_ok:
        reasons.append("tokens around the article (chat template, date line) exceed 10% of a short article")
    if not wall_ok:
        reasons.append("the server's HTTP layer (grammar compilation, tokenising) is outside its own timings")
    return "; ".join(reasons)
