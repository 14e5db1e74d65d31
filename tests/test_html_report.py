"""The comparison report: markup built from span boundaries, and the real page in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from summarizer.evals import FIELDS, Case, CaseRun, EvalRun, RunInfo, Sample, load_cases, score_case
from summarizer.evals.compare import html_cases
from summarizer.evals.html import differences, highlight, render
from summarizer.grounding import ground
from summarizer.result import Evidence, GroundingStatus, Provenance, Result, Span, Usage
from summarizer.schema import ArticleSummary, Quote

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IDS = ["101_geneva-us-china-talks", "105_turnberry-deal-outlet-b", "111_busan-trump-xi"]
LABELS = ["v1", "v2"]
INJECTED = "\n\n<script>console.error('article text ran as markup')</script> <b>not bold</b> & more"
ERROR = "ExtractionError: the model returned invalid JSON 3 times"
INVENTED = Quote(speaker="He Lifeng", text="We will never bargain with a gun pointed at our heads")


# ---- the report under test ------------------------------------------------------------------------


def _result(record: ArticleSummary, text: str, label: str) -> Result:
    provenance = Provenance(
        backend="replay",
        model="SmolLM2-135M-Instruct",
        prompt_version=label,
        prompt_hash=f"{label}-0123456789abcdef",
        usage=Usage(prompt_tokens=900, completion_tokens=300, total_tokens=1200),
        attempts=1 if label == "v1" else 2,
        latency_s=3.5,
    )
    return Result(record=record, grounding=ground(record, text), provenance=provenance)


def _worse(gold: ArticleSummary) -> ArticleSummary:
    """v2 on the first article: drops quote 0, paraphrases quote 3 slightly (fuzzy), invents one (ungrounded)."""
    quotes = list(gold.quotes[1:])
    quotes[2] = quotes[2].model_copy(
        update={"text": quotes[2].text.replace("resolve differences", "resolve the differences")}
    )
    return gold.model_copy(update={"quotes": [*quotes, INVENTED]})


def _sample(case: Case, result: Result | None) -> Sample:
    scores = score_case(case.id, case.gold, result).counts()
    return Sample(result=result, error=ERROR if result is None else None, scores=scores)


@dataclass
class Built:
    comparison: dict[str, Any]
    cases: list[dict[str, Any]]
    sources: list[Case]


def build() -> Built:
    by_id = {c.id: c for c in load_cases()}
    sources = [by_id[i] for i in IDS]
    sources[1] = Case(id=sources[1].id, text=sources[1].text + INJECTED, gold=sources[1].gold)
    results: dict[str, list[Result | None]] = {
        "v1": [_result(c.gold, c.text, "v1") for c in sources],
        "v2": [
            _result(_worse(sources[0].gold), sources[0].text, "v2"),
            _result(sources[1].gold, sources[1].text, "v2"),
            None,
        ],
    }
    runs = [
        EvalRun(
            label=label,
            info=RunInfo(
                backend="replay", model="SmolLM2-135M-Instruct", prompt=label, prompt_hash=f"{label}-0123456789abcdef"
            ),
            cases=[
                CaseRun(id=c.id, text=c.text, gold=c.gold, samples=[_sample(c, r)])
                for c, r in zip(sources, results[label], strict=True)
            ],
        )
        for label in LABELS
    ]
    comparison = runs[0].compare(runs[1], samples=500, seed=0)  # the library's own document, as the CLI makes it
    return Built(comparison, html_cases(runs), sources)


@pytest.fixture(scope="module")
def built() -> Built:
    return build()


@pytest.fixture(scope="module")
def report_file(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(built.comparison, built.cases), encoding="utf-8")
    return path


# ---- markup without a browser ---------------------------------------------------------------------


class Marks(HTMLParser):
    """Collects (text, covering items) runs and fails on nested or unbalanced <mark>s."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[str, str | None]] = []
        self.open: str | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "mark"
        assert self.open is None, "nested <mark>"
        self.open = dict(attrs)["data-items"]

    def handle_endtag(self, tag: str) -> None:
        assert tag == "mark"
        assert self.open is not None, "stray </mark>"
        self.open = None

    def handle_data(self, data: str) -> None:
        self.runs.append((data, self.open))


def _evidence(field_name: str, index: int, spans: list[tuple[int, int]], status: str = "verified") -> Evidence:
    return Evidence(
        field=field_name,  # type: ignore[arg-type]
        index=index,
        text="x",
        status=GroundingStatus(status),
        score=100.0 if status == "verified" else 90.0,
        spans=[Span(start=s, end=e) for s, e in spans],
    )


def test_overlapping_spans_become_flat_runs_that_keep_the_text() -> None:
    text = 'Trump said "tariffs <25%> & more" today'
    evidence = [
        _evidence("quotes", 0, [(11, 33)]),
        _evidence("participants", 1, [(0, 5), (11, 18)]),  # overlaps the quote's start
        _evidence("tariffs", 2, [(20, 25), (28, 99)], status="fuzzy"),  # inside the quote; one span runs off the end
        _evidence("quotes", 3, [], status="ungrounded"),
    ]
    parser = Marks()
    html = highlight(text, evidence)
    parser.feed(html)
    parser.close()
    assert parser.open is None
    assert "".join(run for run, _ in parser.runs) == text
    assert "<25%>" not in html
    assert "&lt;25%&gt;" in html
    assert [(run, items) for run, items in parser.runs if items] == [
        ("Trump", "participants:1"),
        ('"tariff', "quotes:0 participants:1"),
        ("s ", "quotes:0"),
        ("<25%>", "quotes:0 tariffs:2"),
        (" & ", "quotes:0"),
        ('more"', "quotes:0 tariffs:2"),
        (" today", "tariffs:2"),
    ]
    assert html.count('class="hl f-quotes f-tariffs fuzzy"') == 2


def test_differences_agree_with_the_scorer_on_every_fixture() -> None:
    for case in load_cases():
        gold = case.gold
        pred = gold.model_copy(
            update={
                "participants": gold.participants[1:],
                "meetings": gold.meetings[:-1],
                "quotes": [*gold.quotes[1:], INVENTED],
                "tariffs": [t.model_copy(update={"rate_percent": 99.0}) for t in gold.tariffs[:1]] + gold.tariffs[1:],
            }
        )
        score = score_case(case.id, gold, Result(record=pred, provenance=Provenance(backend="test")))
        for name, (missing, extra) in differences(pred, gold).items():
            counts = score.fields[name]
            assert (len(missing), len(extra)) == (counts.fn, counts.fp), (case.id, name)


def test_the_page_asks_for_nothing_outside_itself(report_file: Path) -> None:
    page = report_file.read_text(encoding="utf-8")
    assert "<script" not in page.replace("&lt;script", "")
    assert re.findall(r'(?:src|href)="([^"#][^"]*)"', page) == ["data:,"]
    assert "@import" not in page
    assert "url(" not in page


# ---- the page in real Chromium --------------------------------------------------------------------


@dataclass
class Loaded:
    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def loaded(report_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing under CI: .ci/run must install it (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright  # drives the system Chromium; no browser download

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1440, "height": 900},
        )
        page = context.new_page()
        state = Loaded(page)
        page.on("console", lambda m: state.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: state.errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: state.errors.append(f"request failed: {r.url}"))
        page.on("request", lambda r: state.requests.append(r.url))
        page.goto(report_file.as_uri(), wait_until="load")
        page.wait_for_load_state("networkidle")
        yield state
        context.close()


def test_the_page_loads_with_no_console_errors_and_no_outside_requests(loaded: Loaded, report_file: Path) -> None:
    assert loaded.page.title() == "Prompt comparison: v1 vs v2"
    assert loaded.page.evaluate("document.readyState") == "complete"
    assert loaded.errors == []
    assert loaded.requests == [report_file.as_uri()]
    assert loaded.page.locator("script").count() == 0  # the article's <script> stayed text


def test_tables_have_a_row_per_field_delta_and_variant(loaded: Loaded, built: Built) -> None:
    page = loaded.page
    assert page.locator("#scores tbody tr").count() == len(FIELDS)
    assert page.locator("#deltas tbody tr").count() == len(built.comparison["deltas"]) == len(FIELDS)
    assert page.locator("#costs tbody tr").count() == len(LABELS)
    assert page.locator("#disagreements tbody tr").count() == 2
    for table in ("#scores", "#deltas", "#costs", "#disagreements", "#variants"):
        assert page.locator(f"{table} caption").inner_text().strip()
    quotes = page.locator("#deltas tbody tr", has_text="quotes")
    expected = next(d for d in built.comparison["deltas"] if d["field"] == "quotes")
    assert f"{expected['delta']:+.3f}" in quotes.inner_text()
    verdict = "not significant" if not expected["significant"] else "significant"
    assert verdict in quotes.locator(".badge").inner_text()
    assert "v1-012345678" in page.locator("#variants").inner_text()


def _column(page: Any, case_id: str, label: str) -> Any:
    return page.locator(f'#case-{case_id} section.variant[data-variant="{label}"]')


def test_article_text_is_highlighted_per_variant_and_unchanged(loaded: Loaded, built: Built) -> None:
    page = loaded.page
    first = built.sources[0].id
    for case in built.cases:
        for label in LABELS:
            column = _column(page, case["id"], label)
            if case["predictions"][label] is None:
                assert column.locator(".source").count() == 0
                continue
            assert column.locator(".source").evaluate("e => e.textContent") == case["text"]
            for name in ("participants", "quotes", "tariffs", "meetings"):
                assert column.locator(f"mark.hl.f-{name}").count() > 0, (case["id"], label, name)
    v1_quotes = _column(page, first, "v1").locator("mark.f-quotes").count()
    v2_quotes = _column(page, first, "v2").locator("mark.f-quotes").count()
    assert v2_quotes < v1_quotes  # v2 dropped a quote and its invented one has no span
    fuzzy = _column(page, first, "v2").locator("mark.fuzzy")
    assert fuzzy.count() >= 1
    assert "resolve differences" in fuzzy.first.inner_text()
    assert _column(page, first, "v1").locator("mark.fuzzy").count() == 0
    style = fuzzy.first.evaluate("e => getComputedStyle(e).backgroundImage")
    assert "repeating-linear-gradient" in style


def test_failures_ungrounded_items_and_gold_differences_are_listed(loaded: Loaded, built: Built) -> None:
    page = loaded.page
    first, last = built.sources[0], built.sources[-1]
    failed = _column(page, last.id, "v2")
    assert ERROR in failed.locator(".error").inner_text()
    assert failed.locator("li.missing").count() == sum(len(getattr(last.gold, name)) for name in FIELDS)
    v2 = _column(page, first.id, "v2")
    assert INVENTED.text in v2.locator("ul.ungrounded").inner_text()
    assert first.gold.quotes[0].text in v2.locator("li.missing").inner_text()
    assert INVENTED.text in v2.locator("li.extra").inner_text()
    assert "Matches gold on every field" in _column(page, first.id, "v1").inner_text()
    assert page.locator(f"#case-{first.id}").get_attribute("open") is not None  # a disagreement: starts open


def test_full_page_screenshot(loaded: Loaded, tmp_path: Path) -> None:
    """Set REPORT_SCREENSHOT=/tmp/report.png to keep it and look."""
    path = Path(os.environ.get("REPORT_SCREENSHOT") or tmp_path / "report.png")
    loaded.page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 50_000
    assert loaded.page.evaluate("document.documentElement.scrollWidth") <= 1440  # no sideways scrolling
