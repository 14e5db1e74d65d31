"""The backend Protocol: one method from a rendered request to a typed record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from summarizer.result import Usage
from summarizer.schema import ArticleSummary

if TYPE_CHECKING:
    from summarizer.prompts import Prompt


@dataclass(frozen=True)
class Request:
    """One article, rendered for a backend."""

    article: str
    messages: list[dict[str, str]]
    case_id: str
    prompt_version: str
    published: str | None = None
    response_model: type[ArticleSummary] = ArticleSummary  # a prompt's view of the schema
    mode: str | None = None  # the prompt's instructor mode, used unless the settings name one


@dataclass(frozen=True)
class Completion:
    """What a backend returns for one request."""

    record: ArticleSummary
    model: str | None
    usage: Usage = field(default_factory=Usage)
    attempts: int = 1
    warnings: list[str] = field(default_factory=list)


class Backend(Protocol):
    """Turns a request into an ``ArticleSummary``. Capabilities are attributes."""

    name: str
    uses_prompt: bool  # False: the backend ignores messages (extractive)
    max_input_chars: int  # longer articles are split into chunks before extraction
    over_http: bool  # its calls are requests through summarizer.sockets (a batch prepares articles ahead)

    @property
    def own_prompt(self) -> Prompt | None:
        """A prompt file the backend renders itself (hybrid: h2); provenance names it. None for most."""

    async def extract(self, request: Request) -> Completion: ...

    async def aclose(self) -> None: ...
