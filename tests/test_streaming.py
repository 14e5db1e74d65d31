"""The streaming batch: inputs read lazily, a bounded queue in front of a fixed pool of workers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from summarizer.backends.base import Completion, Request
from summarizer.batch import Article, Batch, asummarize_many
from summarizer.batch_io import Inputs
from summarizer.schema import ArticleSummary


class Sleepy:
    """A backend that answers after a short pause; counts the calls in flight."""

    name, uses_prompt, own_prompt, max_input_chars, over_http = "sleepy", False, None, 10_000, False

    def __init__(self) -> None:
        self.in_flight = self.most = 0

    async def extract(self, request: Request) -> Completion:
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        await asyncio.sleep(0.001)
        self.in_flight -= 1
        return Completion(record=ArticleSummary(summary=request.article[:20]), model=None)

    async def aclose(self) -> None:
        return None


def test_articles_are_pulled_as_workers_free_up_not_all_at_once() -> None:
    pulled = 0

    def articles() -> Iterator[Article]:
        nonlocal pulled
        for i in range(500):
            pulled += 1
            yield Article(id=str(i), text=f"Article {i}: Rubio met Wang Yi.")

    backend, concurrency, ahead = Sleepy(), 4, []

    async def run() -> list[str]:
        ids = []
        async for outcome in asummarize_many(articles(), concurrency=concurrency, engine=backend):
            ids.append(outcome.id)
            ahead.append(pulled - len(ids))
        return ids

    ids = asyncio.run(run())
    assert sorted(ids, key=int) == [str(i) for i in range(500)], "every article exactly once"
    assert backend.most == concurrency, "a fixed pool of workers, all of them busy"
    # in flight (4) + waiting in the bounded queue (4) + one held by the feeder + finished, not yet taken
    assert max(ahead) <= 3 * concurrency + 1, f"the input ran {max(ahead)} articles ahead of the results"


def test_a_failing_input_reader_surfaces_after_the_articles_read_so_far() -> None:
    def articles() -> Iterator[Article]:
        yield Article(id="a", text="Rubio met Wang Yi.")
        raise OSError("disk gone")

    async def run() -> list[str]:
        return [o.id async for o in asummarize_many(articles(), concurrency=2, engine=Sleepy())]

    with pytest.raises(OSError, match="disk gone"):
        asyncio.run(run())


def test_jsonl_and_parquet_are_checked_whole_then_read_lazily(tmp_path: Path) -> None:
    rows = [{"id": f"r{i}", "text": f"Rubio met Wang Yi, report {i}.", "published": "2025-07-10"} for i in range(2500)]
    jsonl, parquet = tmp_path / "in.jsonl", tmp_path / "in.parquet"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows))
    pq.write_table(pa.Table.from_pylist(rows), parquet)
    for path in (jsonl, parquet):
        inputs = Inputs(path, done={"r0", "r1", "nope"})
        assert (inputs.total, inputs.skipped, inputs.pending) == (2500, 2, 2498)
        first = next(iter(inputs))
        assert first == Article(id="r2", text=rows[2]["text"], published="2025-07-10")
        assert sum(1 for _ in inputs) == 2498


def test_resume_from_a_parquet_input_appends_only_the_rest(tmp_path: Path) -> None:
    rows = [{"id": i, "text": f"Marco Rubio met Wang Yi in Kuala Lumpur, report {i}."} for i in range(30)]
    source, out = tmp_path / "in.parquet", tmp_path / "out.jsonl"
    pq.write_table(pa.Table.from_pylist(rows), source)
    out.write_text("".join(json.dumps({"id": str(i), "status": "ok"}) + "\n" for i in range(10)))
    job = Batch.open(source, out, resume=True)
    assert (job.pending, job.skipped) == (20, 10)
    job.run(concurrency=3, engine=Sleepy())
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert sorted(ids, key=int) == [str(i) for i in range(30)]
    assert (job.ok, job.failed) == (20, 0)
