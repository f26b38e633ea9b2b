"""Where a story's sources disagree: the conflicts a merged timeline (`merge.py`) keeps visible.

Merging decides which reports tell one event; this module decides when reports cannot all be
right, and keeps both sides' sources: two explicit dates that cannot both hold for one event
("date"); one source saying an event happened and another that it did not ("contradiction",
also for opposites like convicted/acquitted, `vocab/stories.py`); a later event undoing an
earlier one ("reversal": charges dropped, then refiled); outlets giving different figures for
the same count on the same days ("figure", `figures.py`).

A wire copy and its own original are one report: no conflict is ever drawn between them (a copy
that edited its original's figure is an edit, not a second source).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..record import Article
from ..vocab.stories import CONTRADICTIONS, REVERSALS
from .figures import figure_disagreements

if TYPE_CHECKING:
    from .merge import Entry, Report

NEGATIVE = frozenset({"negated"})


@dataclass
class Conflict:
    kind: str                        # "date", "contradiction", "reversal" or "figure"
    description: str
    entries: list[str]
    reports: list[Report]
    status: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


def date_conflict(entry: Entry, report: Report, given: str,
                  found: list[Conflict]) -> Conflict | None:
    """The conflict of a report dating `entry`'s event to `given` (a date the entry cannot
    hold), or ``None`` when that date is already recorded against the entry."""
    if any(c.kind == "date" and c.entries == [entry.id] and c.reports[1].value == report.value
           for c in found):
        return None
    return Conflict("date", f"sources give different dates for “{entry.summary}”: "
                            f"{entry.label} and {given}", [entry.id], [_explicit(entry), report])


def negation_conflict(entry: Entry, report: Report) -> Conflict | None:
    """One source saying `entry`'s event happened and this report that it did not (or the
    other way round), or ``None`` when they agree."""
    other = next((r for r in entry.reports
                  if (r.modality in NEGATIVE) != (report.modality in NEGATIVE)), None)
    if other is None:
        return None
    return Conflict("contradiction", f"one source says “{entry.summary}” happened, another "
                                     f"that it did not", [entry.id], [other, report])


def opposites(entries: list[Entry]) -> list[Conflict]:
    """Reversals (dropped, then refiled) and contradictions (convicted / acquitted)."""
    # merge.py imports this module; its helpers are read at call time.
    from .merge import SAME_WORDING, jaccard, lemma
    by_stem: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_stem[lemma(entry.trigger)].append(entry)
    found = []
    for kind, pairs in (("reversal", REVERSALS), ("contradiction", CONTRADICTIONS)):
        for first_word, second_word in pairs:
            for first in by_stem.get(lemma(first_word), []):
                for second in by_stem.get(lemma(second_word), []):
                    if not (first.keys & second.keys or
                            jaccard(first.wording, second.wording) >= SAME_WORDING / 2):
                        continue
                    if kind == "contradiction" and not (first.start <= second.end
                                                        and second.start <= first.end):
                        continue
                    earlier, later = sorted((first, second), key=lambda e: (e.start, e.id))
                    sides = _sides(earlier, later)
                    if sides is None:
                        continue  # only a copy against its own original
                    verb = "then" if kind == "reversal" else "versus"
                    found.append(Conflict(
                        kind, f"{earlier.trigger} ({earlier.label}) {verb} {later.trigger} "
                              f"({later.label}): “{earlier.summary}” / “{later.summary}”",
                        [earlier.id, later.id], list(sides)))
    return found


def figure_conflicts(articles: list[Article], outlets: dict[str, str | None],
                     copies: dict[str, str]) -> list[Conflict]:
    """Different figures for one count from different report groups (`figures.py`)."""
    from .merge import Report  # merge.py imports this module
    found = []
    for noun, sides in figure_disagreements(articles, outlets):
        if len({copies.get(side.article, side.article) for side in sides}) < 2:
            continue  # a copy that changed its original's figure: one report, edited
        told = " and ".join(f"{side.text} ({side.outlet or side.article})" for side in sides)
        found.append(Conflict("figure", f"sources give different figures for {noun}: {told}",
                              [], [Report(side.article, side.outlet, side.published,
                                          side.sentence, side.text, side.text, None, None, None,
                                          "") for side in sides]))
    return found


def _copy_of_itself(first: Report, second: Report) -> bool:
    """Two reports of one report group from two articles: a copy and its original."""
    return first.group == second.group and first.article != second.article


def _sides(earlier: Entry, later: Entry) -> tuple[Report, Report] | None:
    """The two reports that show an opposition: the earliest and the latest, unless those are
    a copy and its original; ``None`` when every pair is."""
    pairs = [(earlier.reports[0], later.reports[-1])] + [
        (first, second) for first in earlier.reports for second in reversed(later.reports)]
    return next((pair for pair in pairs if not _copy_of_itself(*pair)), None)


def _explicit(entry: Entry) -> Report:
    """The entry's first report dated by its own text, else its first report."""
    return next((r for r in entry.reports if r.basis != "published"), entry.reports[0])
