"""What a time expression says before anchoring (`Spec`), and where it stands in a text
(`Candidate`): what the recognition rules produce and `resolve` consumes."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    """The meaning of a time expression before anchoring.

    `kind` picks the reading: ``value`` (complete as written), ``date`` (a calendar date with
    parts missing: month, day, weekday, season, quarter, half, holiday), ``shift`` ("last
    month": the anchor's unit moved by `n`), ``offset`` ("two years ago": the anchor moved by
    `n` units, told at that unit), ``period`` ("the quarter": the period last mentioned),
    ``time`` (a clock time on the date of `on`), ``duration``, ``set`` and ``ref``.
    `base` is where the anchor comes from: ``now`` (publication) or ``ref`` (last mentioned).
    """

    kind: str
    value: str | None = None
    unit: str | None = None
    n: float | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    holiday: str | None = None
    part: str | None = None
    clock: str | None = None
    relation: str | None = None   # "last", "next", "this" as written before the name
    base: str = "now"
    on: "Spec | None" = None


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    spec: Spec | None            # None: a blocked span (an age, a count) that emits nothing
    rule: str = ""
    check: str | None = None     # a word the parse must confirm ("May" is not the modal)
    check_at: int = -1           # where that word starts
