"""Human-readable output of a result with rich (stdout)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from summarizer.result import FieldName, GroundingStatus, Result

_MARK = {
    GroundingStatus.VERIFIED: "[green]✓[/]",
    GroundingStatus.FUZZY: "[yellow]~[/]",
    GroundingStatus.UNGROUNDED: "[red]✗ ungrounded[/]",
}


def _status(result: Result, field: FieldName, index: int) -> str:
    found = result.evidence(field, index)
    if not found:
        return ""
    worst = max((e.status for e in found), key=list(GroundingStatus).index)
    return _MARK[worst]


def result(res: Result, text: str) -> None:
    """Print the record as tables, each item marked with its grounding status."""
    console = Console()
    record, prov = res.record, res.provenance
    console.print(f"[bold]Summary[/] {record.summary}\n")
    people = Table("participant", "role", "affiliation", "aliases", "", title="Participants", title_justify="left")
    for i, p in enumerate(record.participants):
        people.add_row(p.name, p.role or "", p.affiliation or "", ", ".join(p.aliases), _status(res, "participants", i))
    meetings = Table("participants", "where", "when", "occasion", "status", "", title="Meetings", title_justify="left")
    for i, m in enumerate(record.meetings):
        when = m.date or m.date_text or ""
        meetings.add_row(
            " + ".join(m.participants),
            m.location or "",
            when,
            m.occasion or "",
            m.status.value,
            _status(res, "meetings", i),
        )
    quotes = Table("speaker", "quote", "attribution", "", title="Quotes", title_justify="left")
    for i, q in enumerate(record.quotes):
        quotes.add_row(q.speaker, f"“{q.text}”", q.attribution or "", _status(res, "quotes", i))
    tariffs = Table("by", "on", "rate", "status", "effective", "condition", "", title="Tariffs", title_justify="left")
    for i, t in enumerate(record.tariffs):
        rate = t.rate_text or (f"{t.rate_percent:g}%" if t.rate_percent is not None else "")
        tariffs.add_row(
            t.imposed_by,
            t.target,
            rate,
            t.status.value,
            t.effective_date or "",
            t.condition or "",
            _status(res, "tariffs", i),
        )
    for table in (people, meetings, quotes, tariffs):
        console.print(table)
    console.print(
        f"[dim]{prov.backend} · model {prov.model or '-'} · prompt {prov.prompt_version or '-'} · "
        f"{prov.usage.total_tokens} tokens · {prov.attempts} call(s) · {prov.latency_s:.2f}s · "
        f"{len(text)} chars[/]"
    )
    for warning in prov.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
