"""Calendar values and their arithmetic: `Point` (a year with at most one finer part), reading
a TIMEX3 value back, moving and truncating points by units, and the dates of holidays."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..vocab.time_words import EASTER_HOLIDAYS, ELECTION_DAY, FIXED_HOLIDAYS, WEEKDAY_HOLIDAYS


def valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Point:
    """A known stretch of the calendar: a year with, at most, one finer part."""

    year: int
    month: int | None = None
    day: int | None = None
    week: int | None = None      # ISO week (with `year` the ISO year)
    quarter: int | None = None
    half: int | None = None
    season: str | None = None

    @property
    def granularity(self) -> str:
        if self.day is not None:
            return "day"
        for name in ("week", "month", "quarter", "half", "season"):
            if getattr(self, name) is not None:
                return name
        return "year"

    def as_date(self) -> date | None:
        if self.day is not None:
            return date(self.year, self.month, self.day)
        if self.week is not None:
            return date.fromisocalendar(self.year, self.week, 1)
        return None

    def value(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.week is not None:
            return f"{self.year:04d}-W{self.week:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.quarter is not None:
            return f"{self.year:04d}-Q{self.quarter}"
        if self.half is not None:
            return f"{self.year:04d}-H{self.half}"
        if self.season is not None:
            return f"{self.year:04d}-{self.season}"
        return f"{self.year:04d}"


_VALUE = re.compile(r"(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|W(\d\d?)|Q([1-4])|H([12])|(SP|SU|FA|WI)))?")


def parse_value(value: str | None) -> Point | None:
    """The calendar part of a TIMEX3 value (``2023-04-20T10:00`` → the day); None if none."""
    if not value:
        return None
    m = _VALUE.match(value.strip())
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            day = date(year, int(m.group(2)), int(m.group(3)))
            return Point(day.year, day.month, day.day)
        if m.group(2):
            month = int(m.group(2))
            return Point(year, month) if 1 <= month <= 12 else Point(year)
    except ValueError:
        return Point(year, int(m.group(2))) if 1 <= int(m.group(2)) <= 12 else Point(year)
    if m.group(4):
        return Point(year, week=int(m.group(4)))
    if m.group(5):
        return Point(year, quarter=int(m.group(5)))
    if m.group(6):
        return Point(year, half=int(m.group(6)))
    if m.group(7):
        return Point(year, season=m.group(7))
    return Point(year)


def of_date(day: date) -> Point:
    return Point(day.year, day.month, day.day)


def week_of(day: date) -> Point:
    year, week, _ = day.isocalendar()
    return Point(year, week=week)


def quarter_of(point: Point) -> int | None:
    if point.month is not None:
        return (point.month - 1) // 3 + 1
    return point.quarter


def truncate(point: Point, unit: str) -> Point | None:
    """The `unit` containing `point` ("2023-04-20" in months: "2023-04"); None if unknown."""
    if unit == "year":
        return Point(point.year)
    if unit == "day":
        return point if point.day is not None else None
    if unit in ("week", "weekend"):
        day = point.as_date()
        return week_of(day) if day else None
    if unit == "month":
        return Point(point.year, point.month) if point.month is not None else None
    if unit == "quarter":
        quarter = quarter_of(point)
        return Point(point.year, quarter=quarter) if quarter else None
    if unit == "half":
        if point.month is not None:
            return Point(point.year, half=1 if point.month <= 6 else 2)
        if point.quarter is not None:
            return Point(point.year, half=1 if point.quarter <= 2 else 2)
        return point if point.half is not None else None
    return None


def add(point: Point, unit: str, n: int) -> Point | None:
    """`point` moved by `n` units, kept at its own granularity; None when the unit is finer."""
    granularity = point.granularity
    if unit == "year":
        if point.day is not None:
            day = point.day if valid_date(point.year + n, point.month, point.day) else 28
            return Point(point.year + n, point.month, day)
        if point.week is not None:
            return Point(point.year + n, week=min(point.week, 52))
        return replace(point, year=point.year + n)
    if unit in ("decade", "century"):
        return add(point, "year", n * (10 if unit == "decade" else 100))
    if unit == "day":
        day = point.as_date()
        if day is None or granularity == "week":
            return None
        return of_date(day + timedelta(days=n))
    if unit in ("week", "weekend"):
        day = point.as_date()
        if day is None:
            return None
        moved = day + timedelta(weeks=n)
        return of_date(moved) if granularity == "day" else week_of(moved)
    if unit == "month":
        if point.month is None:
            return None
        index = point.year * 12 + point.month - 1 + n
        year, month = divmod(index, 12)
        if point.day is not None:
            day = point.day
            while not valid_date(year, month + 1, day):
                day -= 1
            return Point(year, month + 1, day)
        return Point(year, month + 1)
    if unit == "quarter":
        if point.quarter is not None:
            index = point.year * 4 + point.quarter - 1 + n
            return Point(index // 4, quarter=index % 4 + 1)
        return add(point, "month", 3 * n) if point.month is not None else None
    if unit == "half":
        if point.half is not None:
            index = point.year * 2 + point.half - 1 + n
            return Point(index // 2, half=index % 2 + 1)
        return add(point, "month", 6 * n) if point.month is not None else None
    return None


def shift(point: Point, unit: str, n: int) -> Point | None:
    """The `unit` holding `point`, moved by `n` ("last month" from 2023-04-20: 2023-03)."""
    if unit in ("decade", "century"):
        return None
    start = truncate(point, unit)
    return add(start, unit, n) if start is not None else None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The `nth` `weekday` (Monday 0) of a month; `nth` -1 for the last."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(name: str, year: int) -> date | None:
    if name in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[name]
        return date(year, month, day)
    if name in WEEKDAY_HOLIDAYS:
        return nth_weekday(year, *WEEKDAY_HOLIDAYS[name])
    if name in EASTER_HOLIDAYS:
        return easter(year) + timedelta(days=EASTER_HOLIDAYS[name])
    if name in ELECTION_DAY:
        return nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    return None
