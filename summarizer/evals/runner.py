"""``evaluate(cases, task) -> EvalRun``: run a task over cases (and epochs), judge every sample, keep it all."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

from summarizer.config import Settings
from summarizer.errors import BackendError, InputError, ReplayError, SummarizerError
from summarizer.evals.cases import Case
from summarizer.evals.records import CaseRun, RunInfo, Sample
from summarizer.evals.run import EvalRun
from summarizer.evals.scoring import score_case
from summarizer.pipeline import Summarizer
from summarizer.result import Result
from summarizer.transport import current_sample

TaskFunction = Callable[[Case], Result] | Callable[[Case], Awaitable[Result]]
Task = Settings | Summarizer | TaskFunction
Call = Callable[[Case], Awaitable[Result]]


@asynccontextmanager
async def _bound(task: Task) -> AsyncIterator[tuple[Call, RunInfo]]:
    """``task`` as one async call per case, and what it is (for runs whose every case failed)."""
    if isinstance(task, Settings):
        task = Summarizer(task)
    if isinstance(task, Summarizer):
        summarizer = task
        info = RunInfo(
            backend=summarizer.backend.name,
            model=summarizer.settings.model,
            prompt=summarizer.prompt.version if summarizer.prompt else None,
            prompt_hash=summarizer.prompt.sha256 if summarizer.prompt else None,
        )
        async with summarizer:
            yield (lambda case: summarizer.run(case.text, case_id=case.id, published=case.published)), info
        return
    function: Any = task
    if inspect.iscoroutinefunction(function) or inspect.iscoroutinefunction(type(function).__call__):
        yield function, RunInfo()
    else:  # a blocking function (it may call ``summarize``, which runs its own event loop) gets a thread
        yield (lambda case: asyncio.to_thread(function, case)), RunInfo()


def _info(samples: list[Sample], fallback: RunInfo, epochs: int) -> RunInfo:
    """Backend, model and prompt from the first result's provenance (the task's own settings if all failed)."""
    prov = next((s.result.provenance for s in samples if s.result is not None), None)
    if prov is None:
        return fallback.model_copy(update={"epochs": epochs})
    return RunInfo(
        backend=prov.backend,
        model=prov.model,
        prompt=prov.prompt_version,
        prompt_hash=prov.prompt_hash,
        epochs=epochs,
    )


def _label(info: RunInfo) -> str:
    """backend:model@prompt, leaving out what the run does not have."""
    model = f":{info.model}" if info.model else ""
    return f"{info.backend or 'task'}{model}" + (f"@{info.prompt}" if info.prompt else "")


async def aevaluate(
    cases: Iterable[Case],
    task: Task,
    *,
    epochs: int = 1,
    concurrency: int = 4,
    label: str | None = None,
    on_sample: Callable[[Case, Sample], None] | None = None,
) -> EvalRun:
    """Run ``task`` on every case ``epochs`` times and judge each sample against the case's gold.

    ``task`` is ``Settings`` or a ``Summarizer`` (closed at the end), or a function of a ``Case``
    returning a ``Result`` (sync functions run in a thread). A backend or input failure is kept as
    the sample's error and scored as an empty record; a missing or stale recording stops the run.
    The epoch is the sample index of the cache and recording key, so repeats are separate calls.
    """
    chosen = list(cases)
    if not chosen:
        raise InputError("no cases to evaluate: give --dataset a fixtures folder, .jsonl or .parquet with cases")
    if epochs < 1:
        raise InputError(f"--epochs must be at least 1, got {epochs}")
    gate = asyncio.Semaphore(concurrency)

    async with _bound(task) as (call, fallback):

        async def one(case: Case, epoch: int) -> Sample:
            async with gate:
                current_sample.set(epoch)  # this task's own context: the backend's call key picks it up
                result: Result | None = None
                error = None
                try:
                    result = await call(case)
                except ReplayError:
                    raise  # a missing or stale recording makes the whole run meaningless: stop, say how to fix it
                except (BackendError, InputError) as exc:
                    error = f"{type(exc).__name__}: {exc}"
            sample = Sample(epoch=epoch, result=result, error=error)
            sample.scores = score_case(case.id, case.gold, result).counts()
            if on_sample:
                on_sample(case, sample)
            return sample

        drawn = await asyncio.gather(*(one(c, e) for c in chosen for e in range(epochs)))
    runs = [
        CaseRun(id=c.id, split=c.split, text=c.text, gold=c.gold, samples=drawn[i * epochs : (i + 1) * epochs])
        for i, c in enumerate(chosen)
    ]
    info = _info(list(drawn), fallback, epochs)
    return EvalRun(label=label or _label(info), info=info, cases=runs)


def evaluate(
    cases: Iterable[Case],
    task: Task,
    *,
    epochs: int = 1,
    concurrency: int = 4,
    label: str | None = None,
    on_sample: Callable[[Case, Sample], None] | None = None,
) -> EvalRun:
    """Blocking form of :func:`aevaluate`; use ``await aevaluate(...)`` inside an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(
            aevaluate(cases, task, epochs=epochs, concurrency=concurrency, label=label, on_sample=on_sample)
        )
    raise SummarizerError("evaluate() was called inside a running event loop; use 'await aevaluate(...)'")
