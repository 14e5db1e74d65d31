"""The passage so far: who imposes tariffs on whom, the usual imposer, start dates carried to later sentences, and
what a box's lead-in line says. One :class:`Context` per article, updated sentence by sentence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from summarizer.schema import Tariff, TariffStatus


@dataclass(frozen=True)
class Lead:
    """What a dated line ending in a colon says of the box of rates below it ('the rates that took effect on
    August 7, 2025:'): the box's status, start date and condition, unless a box line gives its own date."""

    status: TariffStatus
    effective: str
    condition: str | None


class Context:
    """Who imposes tariffs on whom in the text so far, for sentences that leave it implicit."""

    def __init__(self, default: str | None, sides: tuple[str, ...] = ()) -> None:
        self.imposer: str | None = None
        self.target: str | None = None
        self.default = default  # the article's usual imposer
        self.sides = sides  # the two countries a two-city dateline names ('OTTAWA/WASHINGTON'), if any
        self.starts: str | None = None  # a later start date the passage gave without a rate ('are due on April 9')
        self.last_start: str | None = None  # the passage's last later start date, for 'all starting the same day'
        self.lead: Lead | None = None  # what the line before a box of rates says of it
        self.so_far: list[Tariff] = []  # the article's records so far (find_tariffs hands in the list it extends)

    def answered(self, country: str) -> str | None:
        """Whom ``country`` answers with a counter-measure: whoever taxes it most often so far, else the
        usual imposer, else whoever that one taxes."""
        imposers = Counter(t.imposed_by for t in self.so_far if t.target == country and t.imposed_by != country)
        if imposers:
            return imposers.most_common(1)[0][0]
        if country != self.default:
            return self.default
        return self.target if self.target != country else None

    def begin(self, imposer: str) -> None:
        """A passage whose imposer is named and whose target is still to come (the lead-in of a box of rates)."""
        self.imposer, self.target = imposer, None

    def update(self, imposer: str | None, target: str | None) -> None:
        if imposer and target:
            self.imposer, self.target = imposer, target
            if self.default is None and imposer in self.sides:  # the dateline's side that taxes first is the usual one
                self.default = imposer
