"""One self-contained static HTML page comparing prompt variants: no scripts, fonts or images from anywhere.

``render(comparison, cases)`` takes the two structures ``summarizer eval compare`` builds::

    comparison = {
        "variants": [{"label": "v1", "backend": "replay", "model": "SmolLM2-135M-Instruct",
                      "prompt": "v1", "prompt_hash": "…"}, …],
        "fields": {"participants": {"v1": {"precision": .., "recall": .., "f1": ..}, "v2": {…}},
                   "meetings": …, "quotes": …, "tariffs": …},
        "deltas": [{"field": "quotes", "a": "v1", "b": "v2", "delta": 0.1, "low": -0.05, "high": 0.2,
                    "significant": False}, …],
        "costs": {"v1": {"tokens": 123, "mean_attempts": 1.2, "mean_latency_s": 3.4,
                         "schema_failure_rate": 0.0}, …},
        "disagreements": [{"id": "101_…", "spread": 0.5, "f1": {"v1": 0.2, "v2": 0.7}}, …],
        "bootstrap": {"samples": 2000, "seed": 0, "confidence": 0.95},
    }
    cases = [{"id": "000_…", "text": "<article>", "gold": <ArticleSummary as a dict>,
              "predictions": {"v1": <Result.model_dump(mode="json")> or None if it failed, …},
              "errors": {"v1": None or "ExtractionError: …"},
              "f1": {"v1": {"participants": 1.0, "quotes": 0.5, "tariffs": None, …}, …}}, …]

A score of ``None`` (shown as –) is a field with nothing in gold and nothing predicted.

The page has the variants, per-field P/R/F1 side by side (table ``#scores``), the F1 differences with
their bootstrap intervals (``#deltas``), costs (``#costs``), the most disagreeing articles
(``#disagreements``), then one section per article: its text with each variant's grounded spans
highlighted, the ungrounded items, and what each variant missed or added against gold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from html import escape
from importlib.resources import files
from itertools import pairwise
from typing import Any

from summarizer.evals.scoring import FIELDS, failed_record, judge
from summarizer.result import Evidence, GroundingStatus, Result
from summarizer.schema import ArticleSummary, Meeting, Participant, Quote, Tariff

Differences = dict[str, tuple[list[str], list[str]]]  # field → (in gold, not predicted; predicted, not in gold)


def _css() -> str:
    """The page's style sheet, ``report.css`` beside this module."""
    return files("summarizer.evals").joinpath("report.css").read_text(encoding="utf-8")


def render(comparison: dict[str, Any], cases: list[dict[str, Any]]) -> str:
    """The whole page as a string (UTF-8 when written)."""
    labels = [str(v["label"]) for v in comparison.get("variants", [])]
    bootstrap = comparison.get("bootstrap", {})
    opened = {str(d["id"]) for d in comparison.get("disagreements", [])}
    title = f"Prompt comparison: {' vs '.join(labels)}"
    sections = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="sub">{len(cases)} articles · paired bootstrap over articles, {_settings(bootstrap)}</p>',
        '<nav><a href="#scores">scores</a><a href="#deltas">differences</a><a href="#costs">costs</a>'
        '<a href="#disagreements">disagreements</a><a href="#articles">articles</a></nav>',
        '<div class="panels">',
        _variants(comparison.get("variants", [])),
        _scores(comparison.get("fields", {}), labels),
        _deltas(comparison.get("deltas", []), bootstrap),
        _costs(comparison.get("costs", {}), labels),
        _disagreements(comparison.get("disagreements", []), labels),
        "</div>",
        '<h2 id="articles">Articles</h2>',
        _legend(),
        *(_case(case, labels, str(case["id"]) in opened) for case in cases),
    ]
    body = "\n".join(sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="data:,"><title>{_e(title)}</title><style>{_css()}</style></head>\n'
        f"<body><main>\n{body}\n</main></body></html>\n"
    )


# ---- small formatting helpers -------------------------------------------------------------------


def _e(value: object) -> str:
    return escape(str(value))


def _num(value: Any, digits: int = 3, signed: bool = False, thousands: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:{'+' if signed else ''}{',' if thousands else ''}.{digits}f}"


def _anchor(case_id: str) -> str:
    return "case-" + re.sub(r"[^A-Za-z0-9_-]", "-", case_id)


def _settings(bootstrap: dict[str, Any]) -> str:
    confidence = float(bootstrap.get("confidence", 0.95))
    return (
        f"{bootstrap.get('samples', '?')} samples, seed {bootstrap.get('seed', '?')}, "
        f"{confidence:.0%} percentile intervals"
    )


def _table(table_id: str, heading: str, caption: str, head: str, rows: Iterable[str]) -> str:
    body = "\n".join(f"<tr>{row}</tr>" for row in rows)
    return (
        f'<section class="panel"><h2>{heading}</h2><table id="{table_id}"><caption>{_e(caption)}</caption>'
        f"<thead>{head}</thead>\n<tbody>\n{body}\n</tbody></table></section>"
    )


# ---- summary tables -------------------------------------------------------------------------------


def _variants(variants: list[dict[str, Any]]) -> str:
    head = "<tr><th>variant</th><th>backend</th><th>model</th><th>prompt</th><th>prompt hash</th></tr>"
    rows = (
        f"<td><b>{_e(v['label'])}</b></td><td>{_e(v.get('backend') or '–')}</td><td>{_e(v.get('model') or '–')}</td>"
        f"<td>{_e(v.get('prompt') or '–')}</td><td><code>{_e(str(v.get('prompt_hash') or '–')[:12])}</code></td>"
        for v in variants
    )
    return _table("variants", "Variants", "Backend, model and prompt of each variant", head, rows)


def _scores(fields: dict[str, dict[str, dict[str, float | None]]], labels: list[str]) -> str:
    head = '<tr><th rowspan="2">field</th>' + "".join(
        f'<th colspan="3" class="group" scope="colgroup">{_e(label)}</th>' for label in labels
    )
    head += (
        "</tr><tr>"
        + '<th class="num group">P</th><th class="num">R</th><th class="num">F1</th>' * len(labels)
        + "</tr>"
    )
    rows = []
    for name in FIELDS:
        scores = fields.get(name, {})
        f1s = [f1 for label in labels if (f1 := scores.get(label, {}).get("f1")) is not None]
        best = max(f1s) if len(set(f1s)) > 1 else None
        cells = "".join(_score_cells(scores.get(label), best) for label in labels)
        rows.append(f"<th>{name}</th>{cells}")
    return _table("scores", "Scores", "Micro precision, recall and F1 per field (best F1 in bold)", head, rows)


def _score_cells(score: dict[str, float | None] | None, best: float | None) -> str:
    if score is None:
        return '<td class="num group">–</td>' + '<td class="num">–</td>' * 2
    strong = " best" if best is not None and score["f1"] == best else ""
    return (
        f'<td class="num group">{_num(score["precision"])}</td><td class="num">{_num(score["recall"])}</td>'
        f'<td class="num{strong}">{_num(score["f1"])}</td>'
    )


def _deltas(deltas: list[dict[str, Any]], bootstrap: dict[str, Any]) -> str:
    scale = max([0.05, *(abs(float(d[k])) for d in deltas for k in ("low", "high", "delta"))])
    confidence = float(bootstrap.get("confidence", 0.95))
    head = (
        '<tr><th>field</th><th>A → B</th><th class="num">ΔF1 (B − A)</th>'
        f'<th class="num">{confidence:.0%} interval</th><th>interval, 0 marked</th><th>verdict</th></tr>'
    )
    rows = (
        f"<th>{_e(d['field'])}</th><td>{_e(d['a'])} → {_e(d['b'])}</td>"
        f'<td class="num">{_num(d["delta"], signed=True)}</td>'
        f'<td class="num">[{_num(d["low"], signed=True)}, {_num(d["high"], signed=True)}]</td>'
        f"<td>{_bar(d, scale)}</td><td>{_verdict(d)}</td>"
        for d in deltas
    )
    caption = f"Micro-F1 differences, paired bootstrap: {_settings(bootstrap)}"
    return _table("deltas", "Differences", caption, head, rows)


def _bar(delta: dict[str, Any], scale: float) -> str:
    def at(x: float) -> float:
        return 50 + 50 * x / scale

    low, high = at(float(delta["low"])), at(float(delta["high"]))
    sig = " sig" if delta["significant"] else ""
    return (
        f'<div class="bar" aria-hidden="true"><div class="zero"></div>'
        f'<div class="ci{sig}" style="left:{low:.1f}%;width:{max(high - low, 0.5):.1f}%"></div>'
        f'<div class="pt" style="left:{at(float(delta["delta"])):.1f}%"></div></div>'
    )


def _verdict(delta: dict[str, Any]) -> str:
    if not delta["significant"]:
        return '<span class="badge ns">not significant</span>'
    if float(delta["delta"]) > 0:
        return f'<span class="badge up">significant: {_e(delta["b"])} better</span>'
    return f'<span class="badge down">significant: {_e(delta["b"])} worse</span>'


def _costs(costs: dict[str, dict[str, Any]], labels: list[str]) -> str:
    head = (
        '<tr><th>variant</th><th class="num">tokens</th><th class="num">mean attempts</th>'
        '<th class="num">mean latency (s)</th><th class="num">schema failures</th></tr>'
    )
    rows = []
    for label in labels:
        c = costs.get(label, {})
        failures = c.get("schema_failure_rate")
        rows.append(
            f'<th>{_e(label)}</th><td class="num">{_num(c.get("tokens"), 0, thousands=True)}</td>'
            f'<td class="num">{_num(c.get("mean_attempts"), 2)}</td>'
            f'<td class="num">{_num(c.get("mean_latency_s"), 2)}</td>'
            f'<td class="num">{"–" if failures is None else f"{failures:.1%}"}</td>'
        )
    return _table("costs", "Costs", "Cost per variant over all articles", head, rows)


def _disagreements(disagreements: list[dict[str, Any]], labels: list[str]) -> str:
    head = '<tr><th>article</th><th class="num">spread</th>' + "".join(
        f'<th class="num">{_e(label)} F1</th>' for label in labels
    )
    rows = (
        f'<td><a href="#{_anchor(str(d["id"]))}">{_e(d["id"])}</a></td><td class="num">{_num(d["spread"])}</td>'
        + "".join(f'<td class="num">{_num(d["f1"].get(label))}</td>' for label in labels)
        for d in disagreements
    )
    caption = "Articles whose F1 differs most between variants" if disagreements else "No article's F1 differs"
    return _table("disagreements", "Disagreements", caption, head + "</tr>", rows)


# ---- articles -------------------------------------------------------------------------------------


def _legend() -> str:
    swatches = "".join(f'<span><mark class="hl f-{name}">{name}</mark></span>' for name in FIELDS)
    return (
        f'<p class="legend">{swatches}<span><mark class="hl f-quotes fuzzy">fuzzy match</mark></span>'
        "Hover a highlight for its item. Articles listed under Disagreements start open.</p>"
    )


def _case(case: dict[str, Any], labels: list[str], opened: bool) -> str:
    case_id = str(case["id"])
    gold = ArticleSummary.model_validate(case["gold"])
    f1 = case.get("f1", {})
    badges = "".join(_mean_badge(label, f1.get(label), (case.get("errors") or {}).get(label)) for label in labels)
    columns = "".join(_variant(case, label, gold) for label in labels)
    return (
        f'<details class="case" id="{_anchor(case_id)}"{" open" if opened else ""}>'
        f'<summary>{_e(case_id)}{badges}</summary>\n<div class="variants">{columns}</div></details>'
    )


def _mean_badge(label: str, scores: dict[str, float | None] | None, error: str | None) -> str:
    if error:
        return f'<span class="badge fail">{_e(label)} failed</span>'
    defined = [v for v in (scores or {}).values() if v is not None]
    if not defined:  # every field empty in gold and prediction: nothing to score
        return ""
    return f'<span class="badge ns">{_e(label)} mean F1 {sum(defined) / len(defined):.2f}</span>'


def _variant(case: dict[str, Any], label: str, gold: ArticleSummary) -> str:
    raw = (case.get("predictions") or {}).get(label)
    error = (case.get("errors") or {}).get(label)
    result = Result.model_validate(raw) if raw is not None else None
    scores = case.get("f1", {}).get(label, {})
    chips = " · ".join(f"{name} {_num(scores.get(name), 2)}" for name in FIELDS)
    parts = [
        f'<section class="variant" data-variant="{_e(label)}"><h3>{_e(label)}</h3><p class="chips">F1: {chips}</p>'
    ]
    if error or result is None:
        parts.append(f'<p class="error">failed: {_e(error or "no prediction")}</p>')
    if result is not None:
        parts.append(_grounding_summary(result.grounding))
        parts.append(f'<div class="source">{highlight(case["text"], result.grounding)}</div>')
        parts.append(_ungrounded(result.grounding))
    predicted = result.record if result is not None else failed_record()
    parts.append(_differences_html(differences(predicted, gold)))
    parts.append("</section>")
    return "".join(parts)


def _grounding_summary(evidence: Sequence[Evidence]) -> str:
    counts = {status: sum(e.status is status for e in evidence) for status in GroundingStatus}
    return '<p class="chips">' + " · ".join(f"{n} {status.value}" for status, n in counts.items()) + "</p>"


def highlight(text: str, evidence: Sequence[Evidence]) -> str:
    """``text`` escaped, with every grounded span in a ``<mark>``; overlaps become runs covered by several items."""
    spans = [
        (max(0, span.start), min(len(text), span.end), e)
        for e in evidence
        if e.status is not GroundingStatus.UNGROUNDED
        for span in e.spans
    ]
    spans = [(start, end, e) for start, end, e in spans if start < end]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for lo, hi in pairwise(cuts):
        piece = escape(text[lo:hi])
        covering = [e for start, end, e in spans if start <= lo and hi <= end]
        out.append(_mark(piece, covering) if covering else piece)
    return "".join(out)


def _mark(piece: str, covering: list[Evidence]) -> str:
    present = {e.field for e in covering}
    fields = [name for name in ("quotes", "meetings", "tariffs", "participants") if name in present]  # later wins
    classes = ["hl", *(f"f-{name}" for name in fields)]
    if any(e.status is GroundingStatus.FUZZY for e in covering):
        classes.append("fuzzy")
    title = "; ".join(f"{e.field} {e.index}: {e.status.value} ({e.score:.0f}) {e.text[:60]}" for e in covering)
    items = " ".join(f"{e.field}:{e.index}" for e in covering)
    return f'<mark class="{" ".join(classes)}" data-items="{_e(items)}" title="{_e(title)}">{piece}</mark>'


def _ungrounded(evidence: Sequence[Evidence]) -> str:
    missing = [e for e in evidence if e.status is GroundingStatus.UNGROUNDED]
    if not missing:
        return ""
    items = "".join(
        f'<li><span class="field">{e.field} {e.index}</span>: {_e(e.text[:200])} (score {e.score:.0f})</li>'
        for e in missing
    )
    return f'<h4>Not found in the source</h4><ul class="items ungrounded">{items}</ul>'


# ---- gold against prediction ----------------------------------------------------------------------


def differences(pred: ArticleSummary, gold: ArticleSummary) -> Differences:
    """Per field, gold items missed and predicted items not in gold: the judge's own pairs (``scoring.judge``)."""
    describe: dict[str, Callable[[Any], str]] = {
        "participants": _person,
        "meetings": _meeting,
        "quotes": _quote,
        "tariffs": _tariff,
    }
    return {
        name: ([describe[name](x) for x in score.missing], [describe[name](x) for x in score.extra])
        for name, score in judge(pred, gold).items()
    }


def _person(p: Participant) -> str:
    details = ", ".join(x for x in (p.role, p.affiliation) if x)
    return f"{p.name} ({details})" if details else p.name


def _meeting(m: Meeting) -> str:
    where = f" in {m.location}" if m.location else ""
    when = f", {m.date}" if m.date else ""
    return f"{' & '.join(m.participants)}{where}{when} ({m.status.value})"


def _quote(q: Quote) -> str:
    text = q.text if len(q.text) <= 160 else q.text[:157] + "…"
    return f"“{text}” — {q.speaker}"


def _tariff(t: Tariff) -> str:
    rate = t.rate_text or (f"{t.rate_percent:g}%" if t.rate_percent is not None else "no rate")
    return f"{t.imposed_by} on {t.target}: {rate} ({t.status.value})"


def _differences_html(diff: Differences) -> str:
    blocks = []
    for name, (missing, extra) in diff.items():
        if not missing and not extra:
            continue
        items = "".join(f'<li class="missing"><b>missing</b> {_e(x)}</li>' for x in missing)
        items += "".join(f'<li class="extra"><b>extra</b> {_e(x)}</li>' for x in extra)
        blocks.append(f'<div class="field">{name}</div><ul class="items diff">{items}</ul>')
    if not blocks:
        return '<h4>Against gold</h4><p class="ok">Matches gold on every field.</p>'
    return "<h4>Against gold</h4>" + "".join(blocks)
