"""Versioned prompts: YAML files in ``prompts/``, immutable once released.

A release is an entry in ``prompts/manifest.json`` holding the file's SHA-256;
changing a released file fails the test suite, so new wording means a new version.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml
from jinja2 import Environment, StrictUndefined, Template
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.config import ModeName
from summarizer.errors import ConfigError
from summarizer.schema import ArticleSummary
from summarizer.schema_view import SchemaView, response_model

_JINJA = Environment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)
_FENCE = re.compile(r"<([A-Za-z][\w-]*)>\s*\{\{\s*article\s*\}\}\s*</\1>")  # the tag around {{ article }}


class PromptFile(BaseModel):
    """The shape of one prompt file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    description: str
    system: str
    user: str
    schema_view: SchemaView | None = Field(default=None, alias="schema")
    mode: ModeName | None = Field(default=None, description="The instructor mode this prompt was written for.")


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt version and the hash of its file."""

    spec: PromptFile
    sha256: str

    @property
    def version(self) -> str:
        return self.spec.version

    @property
    def response_model(self) -> type[ArticleSummary]:
        """The record class whose JSON schema is sent with each request (see ``schema_view``)."""
        return response_model(self.spec.schema_view)

    def render(self, article: str, published: str | None = None) -> list[dict[str, str]]:
        """Chat messages for one article; the article cannot close the tag that fences it as data."""
        user = _template(self.spec.user).render(article=fenced(article, self.spec.user), published=published)
        return [
            {"role": "system", "content": self.spec.system.strip()},
            {"role": "user", "content": user.strip()},
        ]


@lru_cache(maxsize=64)  # one compiled template per prompt text: compiling costs ~0.6 ms a call
def _template(source: str) -> Template:
    return _JINJA.from_string(source)


@lru_cache(maxsize=64)
def _closing_tag(template: str) -> re.Pattern[str] | None:
    """The pattern of the closing tag that fences ``{{ article }}`` in ``template``, if any."""
    fence = _FENCE.search(template)
    if fence is None:
        return None
    return re.compile(rf"<(\s*/\s*{re.escape(fence.group(1))}\b)", re.IGNORECASE)


def fenced(article: str, template: str) -> str:
    """``article`` with any closing tag of its fence escaped (``</article>`` → ``&lt;/article>``).

    Only an article that contains the closing tag changes, so every other article renders exactly
    as before and recorded requests still match.
    """
    closing = _closing_tag(template)
    return article if closing is None else closing.sub(r"&lt;\1", article)


def prompts_dir() -> Path:
    """The shipped copy inside the wheel, else the repository's ``prompts/``."""
    shipped = Path(__file__).parent / "_prompts"
    return shipped if shipped.is_dir() else Path(__file__).resolve().parent.parent / "prompts"


def versions(directory: Path | None = None) -> list[str]:
    """Every prompt version on disk, sorted."""
    return sorted(p.stem for p in (directory or prompts_dir()).glob("v*.yaml"))


def manifest(directory: Path | None = None) -> dict[str, str]:
    """Released versions and their file hashes."""
    path = (directory or prompts_dir()) / "manifest.json"
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def load(version: str, directory: Path | None = None) -> Prompt:
    """Load and validate one prompt version, e.g. ``load("v1")``."""
    path = (directory or prompts_dir()) / f"{version}.yaml"
    if not path.is_file():
        known = ", ".join(versions(directory)) or "none"
        raise ConfigError(f"unknown prompt version {version!r}: choose one of {known} (prompts/)")
    try:
        spec = PromptFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"prompt file {path} is malformed: {exc}".splitlines()[0]) from exc
    if spec.version != version:
        raise ConfigError(f"prompt file {path} declares version {spec.version!r}; rename one of them")
    return Prompt(spec=spec, sha256=file_hash(path))
