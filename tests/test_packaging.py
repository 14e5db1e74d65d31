"""A non-editable install: the wheel ships the package, its eval harness, prompts and fixtures, and nothing generic.

The installed check builds the wheel, installs it with ``--no-deps`` into a fresh virtual environment
whose only other packages are the dev environment's dependencies (a path line, so the test stays
offline and fast), and runs the eval commands from an empty temporary directory. What proves the
point: ``summarizer`` is imported from the fresh environment, the repository is on no path, and the
working directory holds nothing the commands could read.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

GOLD = sorted((ROOT / "fixtures" / "gold").glob("*.json"))


def build_wheel(folder: Path) -> Path:
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)]
    done = subprocess.run([*command, "--no-build-isolation"], capture_output=True, text=True, timeout=300, check=False)
    if "No module named 'hatchling'" in done.stderr:  # the dev environment lacks the build backend: let pip fetch it
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    (wheel,) = folder.glob("summarizer-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def test_wheel_contains_the_package_harness_prompts_and_fixtures(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "summarizer/_prompts/v1.yaml",
        "summarizer/_prompts/manifest.json",
        "summarizer/py.typed",
        "summarizer/schema.py",
        "summarizer/evals/__init__.py",
        "summarizer/evals/report.css",
        "summarizer/_fixtures/GUIDELINES.md",
        "summarizer/_fixtures/digests/rubio-wang-kl-2025-07.json",
    } <= names
    assert {f"summarizer/_fixtures/gold/{p.name}" for p in GOLD} <= names
    tops = {n.split("/")[0] for n in names}
    assert tops == {"summarizer", "summarizer-0.1.0.dist-info"}, "no generic top-level package such as eval"


@dataclass
class Installed:
    bin: Path
    site: Path
    cwd: Path
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        return subprocess.run(
            command, cwd=self.cwd, env=self.env, capture_output=True, text=True, timeout=600, check=False
        )


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("fresh")
    venv.create(root / "venv", with_pip=False)
    python = root / "venv" / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # the dependencies, from the dev environment: appended after the fresh site-packages, and a path line in a
    # .pth file is not itself scanned for .pth files, so the dev environment's editable hook never loads
    (site / "dev-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q"]
    done = subprocess.run([*pip, str(wheel)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    cwd = root / "elsewhere"
    cwd.mkdir()
    env = {"PATH": f"{root / 'venv' / 'bin'}:/usr/bin:/bin", "HOME": str(root / "home"), "COLUMNS": "200"}
    return Installed(root / "venv" / "bin", site, cwd, env)


def test_the_installed_package_is_the_wheel_and_not_the_repository(installed: Installed) -> None:
    code = (
        "import importlib.util, sys, summarizer; print(summarizer.__file__); "
        "print(importlib.util.find_spec('eval') is None); print(sys.argv[1] in sys.path)"
    )
    done = installed.run("python", "-c", code, str(ROOT))
    assert done.returncode == 0, done.stderr
    where, no_eval, repo_on_path = done.stdout.split()
    assert Path(where).is_relative_to(installed.site)
    assert (no_eval, repo_on_path) == ("True", "False")
    assert not (installed.site / "eval").exists()


def test_eval_run_works_from_any_directory_and_saves_under_the_user_data_dir(installed: Installed) -> None:
    done = installed.run("summarizer", "eval", "run", "--backend", "extractive", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["cases"] == len(GOLD)
    saved = Path(done.stderr.strip().splitlines()[-1].removeprefix("saved "))
    assert saved.is_relative_to(Path(installed.env["HOME"]))
    assert (saved / "summary.json").is_file()
    assert list(installed.cwd.iterdir()) == [], "nothing is written to the working directory"


def test_eval_compare_replays_the_shipped_recordings(installed: Installed) -> None:
    done = installed.run("summarizer", "eval", "compare", "v1", "v2", "--backend", "replay", "--format", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert [v["prompt"] for v in document["variants"]] == ["v1", "v2"]
    assert document["cases"] == len(GOLD)


def test_eval_digest_on_the_shipped_events_and_without_digest_gold(installed: Installed) -> None:
    done = installed.run("summarizer", "eval", "digest", "--backend", "extractive", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["events"]) == len(list((ROOT / "fixtures" / "digests").glob("*.json")))
    bare = installed.cwd.parent / "bare"
    shutil.copytree(ROOT / "fixtures" / "articles", bare / "articles")
    none = installed.run("summarizer", "eval", "digest", "--backend", "extractive", "--dataset", str(bare))
    assert none.returncode == 2
    assert none.stderr.strip().splitlines() == [
        f"summarizer: error: --dataset {bare}: no digest gold (expected digests/*.json in a fixtures folder)"
    ]


def test_a_users_dataset_and_recordings_folder(installed: Installed) -> None:
    case = json.loads(GOLD[0].read_text())
    dataset = installed.cwd.parent / "mine.jsonl"
    text = (ROOT / "fixtures" / "articles" / f"{case['id']}.txt").read_text()
    metadata = {k: v for k, v in case.items() if k not in {"id", "gold"}}  # its published date is in the prompt
    row = {"id": case["id"], "text": text, "gold": json.dumps(case["gold"]), "metadata": json.dumps(metadata)}
    dataset.write_text(json.dumps(row) + "\n")
    model = sorted(p.name for p in (ROOT / "fixtures" / "recordings").iterdir())[0]
    recordings = installed.cwd.parent / "recordings"
    (recordings / model / "v1").mkdir(parents=True)
    shutil.copy(ROOT / "fixtures" / "recordings" / model / "v1" / f"{case['id']}.json", recordings / model / "v1")
    args = ["eval", "run", "--dataset", str(dataset), "--format", "json"]
    for backend in (["--backend", "extractive"], ["--backend", "replay", "--recordings", str(recordings)]):
        done = installed.run("summarizer", *args, *backend)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["cases"] == 1


def test_recording_never_writes_into_the_installed_package(installed: Installed) -> None:
    done = installed.run(
        "summarizer", "eval", "run", "--record", "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1"
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "summarizer: error: --record writes recordings: pass --recordings DIR (not the installed package's folder)"
    ]


def test_evaluate_from_python_and_heavy_imports_stay_off_the_summarize_path(installed: Installed) -> None:
    code = (
        "import sys, summarizer, summarizer.cli; "
        "print(sorted(m for m in ('summarizer.evals', 'scipy', 'datasets', 'numpy') if m in sys.modules)); "
        "from summarizer.evals import evaluate, load_cases; "
        "run = evaluate(load_cases()[:3], summarizer.Settings(backend='extractive')); print(len(run.cases))"
    )
    done = installed.run("python", "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "3"]
