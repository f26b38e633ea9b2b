"""Resolution: a `Spec` turned into a TIMEX3 value against a `Context` (the publication date,
the last date and period mentioned, and the direction the sentence points in)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..vocab.time_words import SEASON_MONTHS
from .calendar_math import (
    Point, add, holiday_date, quarter_of, shift, truncate, valid_date, week_of,
)
from .spec import Spec


@dataclass(frozen=True)
class Context:
    """What a spec is resolved against.

    `now` is the publication date (or, inside a quote, when it was said); `ref` the last date
    mentioned; `period` the last quarter or half mentioned nearby (for "a year earlier" in
    results); `direction` -1, 0 or +1 from the sentence's tense.
    """

    now: Point | None = None
    ref: Point | None = None
    period: Point | None = None
    direction: int = 0


def resolve(spec: Spec, context: Context) -> str:
    """The TIMEX3 value of `spec` in `context`; parts no anchor decides stay X."""
    kind = spec.kind
    if kind in ("value", "duration", "set", "ref"):
        return spec.value or ""
    if kind == "time":
        day = resolve(spec.on, context) if spec.on is not None else None
        if not day or not re.match(r"\d{4}-\d\d-\d\d", day):
            day = "XXXX-XX-XX"
        return f"{day[:10]}T{spec.clock}"
    if kind == "shift":
        return _resolve_shift(spec, context)
    if kind == "offset":
        return _resolve_offset(spec, context)
    if kind == "weekend":
        return _resolve_weekend(context)
    if kind == "period":
        return _resolve_period(spec, context)
    return _resolve_date(spec, context)


def _anchor(spec: Spec, context: Context) -> Point | None:
    return context.ref if spec.base == "ref" and context.ref is not None else context.now


def _with_part(value: str, part: str | None) -> str:
    return f"{value}T{part}" if part else value


def _resolve_shift(spec: Spec, context: Context) -> str:
    anchor = _anchor(spec, context)
    unit = spec.unit
    if anchor is None or (spec.base == "ref" and context.ref is None and unit == "day"):
        return _unknown(unit, spec.part)
    if unit in ("decade", "century"):
        size = 10 if unit == "decade" else 100
        start = anchor.year // size * size + spec.n * size
        return f"{start // size:0{5 - len(str(size))}d}"  # "202" the 2020s, "20" the 2000s
    point = shift(anchor, "week" if unit == "weekend" else unit, int(spec.n))
    if point is None:
        # A day from a month-level anchor: the anchor's own stretch is all that is known.
        if unit == "day" and spec.n in (-1, 0, 1) and anchor.granularity != "year":
            return anchor.value()  # "yesterday" in a quote said "in August": 2022-08
        return _unknown(unit, spec.part)
    value = point.value()
    if unit == "weekend":
        value += "-WE"
    return _with_part(value, spec.part) if point.granularity == "day" else value


def _resolve_offset(spec: Spec, context: Context) -> str:
    anchor = _anchor(spec, context)
    unit = spec.unit
    if spec.n is None:
        return "PAST_REF"  # "years ago"
    if spec.unit == "year" and abs(spec.n) == 1 and context.period is not None:
        moved = add(context.period, "year", spec.n)
        if moved is not None:
            return moved.value()
    if anchor is None:
        return _unknown(unit, None)
    if unit in ("decade", "century"):
        return add(anchor, "year", spec.n * (10 if unit == "decade" else 100)).value()[:4]
    moved = add(anchor, unit, spec.n)
    if moved is None:
        return _unknown(unit, None)
    result = truncate(moved, unit) or moved
    return result.value()


def _resolve_period(spec: Spec, context: Context) -> str:
    """"the quarter", "the year-earlier period": the last period mentioned, or the last one
    completed before publication."""
    unit = spec.unit if spec.unit in ("year", "half") else "quarter"
    period = context.period
    current = truncate(context.now, unit) if context.now is not None else None
    completed = add(current, unit, -1) if current is not None and unit != "year" else current
    if period is None or period.granularity != unit or (
            spec.relation == "last" and completed is not None and
            (period.year, period.quarter or period.half or 0) >
            (completed.year, completed.quarter or completed.half or 0)):
        # None named nearby (or only one still to come for "the latest"): the one reported
        # on, the last completed before publication.
        period = completed
    if spec.year is not None:
        return replace(period, year=spec.year).value() if period is not None else f"{spec.year:04d}"
    if period is None:
        return {"quarter": "XXXX-QX", "half": "XXXX-HX", "month": "XXXX-XX"}.get(unit, "XXXX")
    if spec.n:
        period = add(period, "year", spec.n)
    return period.value()


def _resolve_weekend(context: Context) -> str:
    """"the weekend": the one just past in a past clause, the coming one otherwise."""
    day = context.now.as_date() if context.now is not None else None
    if day is None or context.now.granularity != "day":
        return "XXXX-WXX-WE"
    if day.weekday() < 5 and context.direction < 0:
        day -= timedelta(weeks=1)
    return week_of(day).value() + "-WE"


def _unknown(unit: str | None, part: str | None = None) -> str:
    value = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
             "month": "XXXX-XX", "quarter": "XXXX-QX", "half": "XXXX-HX", "year": "XXXX",
             "decade": "XXX", "century": "XX"}.get(unit or "", "XXXX")
    return _with_part(value, part) if unit == "day" else value


def _resolve_date(spec: Spec, context: Context) -> str:
    """A calendar name with parts missing: a year from the anchor and the direction."""
    anchor = _anchor(spec, context)
    if spec.unit == "decade":
        if anchor is None:
            return f"XX{spec.n}"
        century = anchor.year // 100
        if spec.n * 10 > anchor.year % 100 + 5:
            century -= 1
        return f"{century:02d}{spec.n}"
    if spec.relation == "year-earlier":
        base = context.period or anchor
        year = (base.year if base else None)
        if spec.quarter and year is not None:
            return f"{year - 1:04d}-Q{spec.quarter}"
        return "XXXX"
    if spec.weekday is not None and spec.day is None:
        return _resolve_weekday(spec, anchor, context.direction)
    if spec.holiday:
        return _resolve_holiday(spec, anchor, context.direction)
    if spec.year is not None:
        return _dated(spec, spec.year)
    if anchor is None:
        return _dated(spec, None)
    year = _pick_year(spec, anchor, context.direction)
    return _dated(spec, year)


def _dated(spec: Spec, year: int | None) -> str:
    y = f"{year:04d}" if year is not None else "XXXX"
    if spec.day is not None and year is not None and not valid_date(year, spec.month, spec.day):
        y, year = "XXXX", None  # "February 29" in a year without one: which year is not known
    if spec.day is not None:
        if spec.unit == "week" and year is not None:
            return week_of(date(year, spec.month, spec.day)).value()
        value = f"{y}-{spec.month:02d}-{spec.day:02d}"
        return _with_part(value, spec.part)
    if spec.month is not None:
        return f"{y}-{spec.month:02d}"
    if spec.quarter is not None:
        return f"{y}-Q{spec.quarter}"
    if spec.half is not None:
        return f"{y}-H{spec.half}"
    if spec.season is not None:
        return f"{y}-{spec.season}"
    return y


def _position(spec: Spec) -> tuple[int, int]:
    """Where in a year the named part starts, as (month, day), to compare with the anchor."""
    if spec.month is not None:
        return spec.month, spec.day or 1
    if spec.quarter is not None:
        return 3 * spec.quarter - 2, 1
    if spec.half is not None:
        return 6 * spec.half - 5, 1
    if spec.season is not None:
        return SEASON_MONTHS[spec.season][0], 1
    return 1, 1


def _anchor_position(anchor: Point, spec: Spec) -> tuple[int, int] | None:
    """The anchor's place in its year at the spec's granularity; None if it is too coarse."""
    if spec.day is not None:
        if anchor.day is not None:
            return anchor.month, anchor.day
        return (anchor.month, 0) if anchor.month is not None else None
    if spec.month is not None:
        return (anchor.month, 1) if anchor.month is not None else None
    if spec.quarter is not None:
        q = quarter_of(anchor)
        return (3 * q - 2, 1) if q else None
    if spec.half is not None:
        if anchor.month is not None:
            return (1 if anchor.month <= 6 else 7), 1
        return None
    if spec.season is not None:
        return (anchor.month, 1) if anchor.month is not None else None
    return None


def _pick_year(spec: Spec, anchor: Point, direction: int) -> int | None:
    """The year of a month, date, quarter or season named without one.

    "last April" and "next spring" name the calendar year before or after; otherwise the
    sentence's direction picks the occurrence behind or ahead of the anchor, and with no
    direction the nearest one (a date ahead counting twice as far: news is mostly about the
    past). A date ahead in a past clause within a month stays ahead: "the offer was extended to
    Nov. 20" reports a plan, it does not date last November.
    """
    relation = spec.relation
    if relation in ("year-1", "year+1"):  # "June last year", "March next year"
        return anchor.year + (1 if relation == "year+1" else -1)
    here = _anchor_position(anchor, spec)
    if relation == "this" or (here is None and relation is None and direction == 0
                              and spec.day is None):
        return anchor.year
    if here is None:
        return None
    there = _position(spec)
    year = anchor.year
    if relation in ("last", "next"):
        # The most recent such month or season before the current one ("last April" in
        # October is this year's), but not the one just before: that would be "last month".
        step = -1 if relation == "last" else 1
        months = (there[0] - here[0]) * step % 12
        if spec.season is not None:
            months = months if months >= 3 else months + 12
        elif months <= 1:
            months += 12
        index = year * 12 + here[0] - 1 + step * months
        return index // 12

    def gap(y: int) -> int:  # in days, roughly: positive when ahead of the anchor
        return (y * 12 + there[0]) * 31 + there[1] - (year * 12 + here[0]) * 31 - here[1]

    if spec.weekday is not None and spec.day is not None:
        fitting = [y for y in (year - 1, year, year + 1)
                   if valid_date(y, spec.month, spec.day)
                   and date(y, spec.month, spec.day).weekday() == spec.weekday]
        if fitting:
            return min(fitting, key=lambda y: abs(gap(y)))
    if spec.quarter is not None or spec.half is not None:
        # Reports name the quarters of the current year; only a past clause about a quarter
        # not yet begun means last year's.
        return year - 1 if direction < 0 and there > here else year
    near = spec.day is not None or spec.month is not None
    if direction < 0:
        return year if there <= here or (near and gap(year) <= 31) else year - 1
    if direction > 0:
        return year if there >= here or (near and gap(year) >= -31) else year + 1
    return min((year - 1, year, year + 1),
               key=lambda y: (2 * gap(y) if gap(y) > 0 else -gap(y), y))


def _resolve_weekday(spec: Spec, anchor: Point | None, direction: int) -> str:
    part = spec.part
    day = anchor.as_date() if anchor is not None and anchor.granularity == "day" else None
    if day is None:
        return _with_part(f"XXXX-WXX-{spec.weekday + 1}", part)
    delta = (spec.weekday - day.weekday()) % 7  # days ahead to the next such weekday (0: today)
    relation = spec.relation
    if relation == "last":
        target = day - timedelta(days=(7 - delta) if delta else 7)
    elif relation == "next":
        target = day + timedelta(days=delta or 7)
    elif relation == "this":
        target = day + timedelta(days=delta)
    elif direction > 0:
        target = day + timedelta(days=delta)
    elif direction < 0:
        target = day - timedelta(days=(7 - delta) % 7)
    else:
        # The nearest such day, one ahead counting twice as far (news is mostly about the past).
        back = (7 - delta) % 7
        target = day - timedelta(days=back) if back <= 2 * delta or delta == 0 \
            else day + timedelta(days=delta)
    return _with_part(target.isoformat(), part)


def _resolve_holiday(spec: Spec, anchor: Point | None, direction: int) -> str:
    if spec.year is not None:
        found = holiday_date(spec.holiday, spec.year)
        return found.isoformat() if found else f"{spec.year:04d}"
    if anchor is None:
        return "XXXX-XX-XX"
    found = holiday_date(spec.holiday, anchor.year)
    if found is None:
        return "XXXX-XX-XX"
    as_date = replace(spec, holiday=None, month=found.month, day=found.day)
    year = _pick_year(as_date, anchor, direction)
    if year is None:
        return f"XXXX-{found.month:02d}-{found.day:02d}"
    found = holiday_date(spec.holiday, year)
    return found.isoformat()
