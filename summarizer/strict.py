"""``require_grounding``: drop every item a grounding check did not verify, and say what was dropped."""

from __future__ import annotations

from summarizer.grounding import FAILED
from summarizer.result import Evidence, FieldName
from summarizer.schema import ArticleSummary


def failed_items(evidence: list[Evidence]) -> dict[tuple[FieldName, int], list[Evidence]]:
    """(field, index) → the failed evidence of that item."""
    out: dict[tuple[FieldName, int], list[Evidence]] = {}
    for e in evidence:
        if e.status in FAILED:
            out.setdefault((e.field, e.index), []).append(e)
    # a participant stays while any form of its name (full name, an alias) is in the source
    found = {e.index for e in evidence if e.field == "participants" and e.status not in FAILED}
    return {key: items for key, items in out.items() if key[0] != "participants" or key[1] not in found}


def enforce(record: ArticleSummary, evidence: list[Evidence]) -> tuple[ArticleSummary, list[str]]:
    """``record`` without the items that failed a check (fuzzy matches are kept), and one warning per drop."""
    failed = failed_items(evidence)
    if not failed:
        return record, []
    keep = {
        field: [i for i in range(len(getattr(record, field))) if (field, i) not in failed]
        for field in ("participants", "meetings", "quotes", "tariffs")
    }
    meeting_index = {old: new for new, old in enumerate(keep["meetings"])}
    quotes = [
        q.model_copy(update={"meeting": meeting_index.get(q.meeting) if q.meeting is not None else None})
        for q in (record.quotes[i] for i in keep["quotes"])
    ]
    filtered = record.model_copy(
        update={
            "participants": [record.participants[i] for i in keep["participants"]],
            "meetings": [record.meetings[i] for i in keep["meetings"]],
            "quotes": quotes,
            "tariffs": [record.tariffs[i] for i in keep["tariffs"]],
        }
    )
    notes = [
        f"dropped {field[:-1]} {index} (require_grounding): "
        + "; ".join(f"{e.status.value}: {e.text[:60]!r} {e.reason}" for e in items)
        for (field, index), items in sorted(failed.items())
    ]
    return ArticleSummary.model_validate(filtered.model_dump()), notes
