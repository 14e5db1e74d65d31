"""Versioned prompts: YAML files in ``prompts/``, immutable once released.

A release is an entry in ``prompts/manifest.json`` holding the file's SHA-256;
changing a released file fails the test suite, so new wording means a new version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from jinja2 import Environment, StrictUndefined
from pydantic import BaseModel, ConfigDict, ValidationError

from summarizer.errors import ConfigError

_JINJA = Environment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)


class PromptFile(BaseModel):
    """The shape of one prompt file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    description: str
    system: str
    user: str


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt version and the hash of its file."""

    spec: PromptFile
    sha256: str

    @property
    def version(self) -> str:
        return self.spec.version

    def render(self, article: str, published: str | None = None) -> list[dict[str, str]]:
        """Chat messages for one article."""
        user = _JINJA.from_string(self.spec.user).render(article=article, published=published)
        return [
            {"role": "system", "content": self.spec.system.strip()},
            {"role": "user", "content": user.strip()},
        ]


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
