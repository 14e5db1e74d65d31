"""OpenAI Batch API files: export one request per article, import the answers through the live path.

Both directions run the real live path (the pipeline, instructor, the openai SDK) over an httpx
transport, so neither rebuilds a request or a parser by hand:

* export: :class:`CaptureTransport` keeps the request the SDK was about to send and never sends it.
  The body in ``requests.jsonl`` is therefore, by construction, what a live call would POST, tools and
  all. ``custom_id`` is the article id, ``#``, and the start of the prompt's hash.
* import: :class:`AnswerTransport` answers each article's request with the body the Batch API returned
  for it, so parsing, validation and grounding are the live path's. An answer that fails validation
  would need a re-ask (a second request), which a batch file cannot answer: that article, and any with
  no usable answer, gets no line in ``--out`` and is listed, so a follow-up live
  ``summarizer batch INPUT --out OUT --resume`` does exactly those.

A long article that the pipeline splits into several chunks needs several dependent requests; it is
not exported and is listed for the live pass instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from summarizer import chunking
from summarizer.backends.openai import sdk_client
from summarizer.batch_io import Appender, Article
from summarizer.batch_stream import Outcome, stream
from summarizer.config import Settings
from summarizer.errors import InputError, SummarizerError
from summarizer.pipeline import Summarizer
from summarizer.transport import _response, current_call

BATCH_URL = "/v1/chat/completions"
EXPORT_BASE_URL = "http://openai-batch.invalid/v1"  # never contacted: the capture transport answers nothing
HASH_CHARS = 16


class Captured(SummarizerError):  # noqa: N818 - a signal that ends the call, not a failure
    """The request was captured for a batch file instead of being sent (not a failure)."""


class NeedsLivePass(SummarizerError):  # noqa: N818 - its name is what the user reads in the list
    """The batch file holds no usable answer for this request (e.g. a re-ask after a validation failure)."""


def custom_id(article_id: str, prompt_hash: str | None) -> str:
    return f"{article_id}#{(prompt_hash or 'none')[:HASH_CHARS]}"


def split_custom_id(value: str) -> tuple[str, str]:
    article_id, _, digest = value.rpartition("#")
    if not article_id:
        raise InputError(f"custom_id {value!r} is not 'ARTICLE_ID#PROMPT_HASH'; was the file exported by summarizer?")
    return article_id, digest


class CaptureTransport(httpx.AsyncBaseTransport):
    """Keeps each call's first request body under its case id, and sends nothing."""

    def __init__(self) -> None:
        self.bodies: dict[str, dict[str, Any]] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.bodies[current_call.get().case_id] = json.loads(request.content)
        raise Captured("captured for an OpenAI Batch file")


class AnswerTransport(httpx.AsyncBaseTransport):
    """Answers each call's first request with the Batch API's response for its article; nothing more."""

    def __init__(self, answers: dict[str, dict[str, Any]]) -> None:
        self.answers = answers

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        answer = self.answers.pop(current_call.get().case_id, None)
        if answer is None:
            raise NeedsLivePass("the batch answer did not validate and needs a re-ask; run this article live")
        stored = {"status": answer["status_code"], "content_type": "application/json", "body": answer["body"]}
        return _response(stored, request)


@dataclass
class ExportReport:
    written: int = 0
    not_exported: dict[str, str] = field(default_factory=dict)  # article id → why (run it live)


@dataclass
class ImportReport:
    ok: int = 0
    failed: int = 0  # unreadable articles: an error line, as in a local batch
    live: dict[str, str] = field(default_factory=dict)  # article id → why it needs a live pass


def _openai(settings: Settings) -> Settings:
    return Settings(**{**settings.model_dump(exclude_unset=True), "backend": "openai", "cache": False})


async def aexport(articles: Iterable[Article], path: Path, settings: Settings, concurrency: int = 8) -> ExportReport:
    """One Batch API request line per article in ``path``, each exactly what the live path would send."""
    settings = _openai(settings)
    capture = CaptureTransport()
    client = sdk_client(settings, capture, settings.base_url or EXPORT_BASE_URL)
    report = ExportReport()
    path.parent.mkdir(parents=True, exist_ok=True)
    async with Summarizer(settings, client=client) as summarizer:
        digest = summarizer.prompt.sha256 if summarizer.prompt else None
        limit = summarizer.backend.max_input_chars
        with path.open("w", encoding="utf-8") as lines:
            async for outcome in stream(summarizer, _exportable(articles, limit, report), concurrency):
                body = capture.bodies.pop(outcome.id, None)
                if outcome.error_type != Captured.__name__ or body is None:
                    report.not_exported[outcome.id] = outcome.error or "no request was made"
                    continue
                line = {"custom_id": custom_id(outcome.id, digest), "method": "POST", "url": BATCH_URL, "body": body}
                lines.write(json.dumps(line, ensure_ascii=False) + "\n")
                report.written += 1
    return report


def _exportable(articles: Iterable[Article], limit: int, report: ExportReport) -> Iterator[Article]:
    for article in articles:
        if article.text is not None and len(article.text) > limit and len(chunking.split(article.text, limit)) > 1:
            report.not_exported[article.id] = "long enough to be split into chunks; run it live"
            continue
        yield article


def read_answers(path: Path, prompt_hash: str | None) -> dict[str, dict[str, Any]]:
    """The Batch API output file: article id → ``response`` (status_code, body); failed lines are left out."""
    answers: dict[str, dict[str, Any]] = {}
    expected = (prompt_hash or "none")[:HASH_CHARS]
    with path.open("rb") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                article_id, digest = split_custom_id(row["custom_id"])
            except (ValueError, KeyError, TypeError):
                raise InputError(f"{path}: line {number} is not a Batch API output line with a custom_id") from None
            if digest != expected:
                raise InputError(
                    f"{path}: line {number} was exported with prompt hash {digest}, not {expected}; "
                    "import with the --prompt (and --model) the export used"
                )
            response = row.get("response") or None
            if isinstance(response, dict) and "body" in response:
                answers[article_id] = {"status_code": response.get("status_code", 200), "body": response["body"]}
    return answers


async def aimport(
    articles: Iterable[Article], answers_path: Path, out: Path, settings: Settings, concurrency: int = 8
) -> ImportReport:
    """Parse, validate and ground every answer through the live path; append the finished ones to ``out``."""
    settings = _openai(settings)
    report = ImportReport()
    probe = Summarizer(settings, client=sdk_client(settings, AnswerTransport({}), EXPORT_BASE_URL))
    answers = read_answers(answers_path, probe.prompt.sha256 if probe.prompt else None)
    await probe.aclose()
    client = sdk_client(settings, AnswerTransport(answers), EXPORT_BASE_URL)
    appender = Appender(out)
    try:
        async with Summarizer(settings, client=client) as summarizer:
            async for outcome in stream(summarizer, _with_answer(articles, answers, report), concurrency):
                _settle(outcome, appender, report)
    finally:
        appender.close()
    return report


def _with_answer(articles: Iterable[Article], answers: dict[str, Any], report: ImportReport) -> Iterator[Article]:
    for article in articles:
        if article.text is not None and article.id not in answers:
            report.live[article.id] = "no answer in the batch output (failed, expired or not exported)"
            continue
        yield article


def _settle(outcome: Outcome, appender: Appender, report: ImportReport) -> None:
    if outcome.ok or outcome.error_type == InputError.__name__:
        appender.write(outcome.as_json())
        report.ok, report.failed = report.ok + outcome.ok, report.failed + (not outcome.ok)
    else:
        report.live[outcome.id] = f"{outcome.error_type}: {outcome.error}"
