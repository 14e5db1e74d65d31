"""Runtime imports that other packages make on our behalf are declared, so a plain pip install works."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT


def declared() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = {}
    for requirement in project["dependencies"]:
        name, spec = re.match(r"([A-Za-z0-9_.-]+)(.*)", requirement).groups()  # type: ignore[union-attr]
        found[re.sub(r"[-_.]+", "-", name).lower()] = spec
    return found


def test_lxml_html_clean_is_declared_with_a_lower_bound() -> None:
    # trafilatura imports lxml.html.clean, which lxml >= 5.2 moved to the lxml_html_clean project;
    # older pips (Python 3.11's stock 23.2) do not pull it in through lxml's extra.
    assert declared()["lxml-html-clean"].startswith(">=")


def test_html_cleaning_imports_where_trafilatura_looks_for_it() -> None:
    from lxml.html.clean import Cleaner

    assert Cleaner(javascript=True).clean_html("<p>Rubio<script>x()</script></p>") == "<p>Rubio</p>"
