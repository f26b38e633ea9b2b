"""Readers of calendar names: ISO and numeric dates, month and day, months, years, decades,
centuries, weekdays, today and yesterday, parts of the day, quarters and halves, reporting
periods, seasons, holidays and clock times.

Each reader takes a rule's match and the text and returns ``(type, spec)`` or ``(type, spec,
(check, check_at))``, the type possibly with a narrower ``(start, end)``; None rejects the match.
"""
from __future__ import annotations

import re

from ..vocab.time_words import DECADE_WORDS, DEICTIC_SHIFT, PARTS_OF_DAY, SEASONS
from .calendar_math import valid_date
from .spec import Spec
from .word_values import (
    clock_value, day_number, duration_value, group_text, month_number, number_value, relation_of,
    weekday_number, year_number,
)


def read_iso_date(m, text):
    value = f"{m.group('year')}-{m.group('month')}-{m.group('day')}"
    if not valid_date(int(m.group("year")), int(m.group("month")), int(m.group("day"))):
        return None
    if m.group("clock"):
        return "TIME", Spec("value", value=f"{value}T{m.group('clock')}")
    return "DATE", Spec("value", value=value)


def read_numeric_date(m, text):
    year = int(m.group("year"))
    if year < 100:
        year += 1900 if year > 30 else 2000
    month, day = int(m.group("month")), int(m.group("day"))
    if not valid_date(year, month, day):
        return None
    return "DATE", Spec("value", value=f"{year:04d}-{month:02d}-{day:02d}")


def read_month_day(m, text):
    month, day = month_number(m.group("month")), day_number(m.group("day"))
    if month is None or day is None or not 1 <= day <= 31:
        return None
    year = year_number(m.group("year")) if m.group("year") else None
    if not valid_date(year or 2000, month, day):
        # "February 30": the month is all the words can be trusted for.
        spec = Spec("date", year=year, month=month, relation=relation_of(group_text(m, "rel")))
        return "DATE", spec, ("month", m.start("month"))
    weekday = weekday_number(m.group("wd")) if m.group("wd") else None
    spec = Spec("date", year=year, month=month, day=day, weekday=weekday,
                relation=relation_of(group_text(m, "rel")))
    return "DATE", spec, ("month", m.start("month"))


def read_day_month(m, text):
    if not m.group("day")[0].isdigit() and not m.group("wd"):
        return None  # "first of March" is rarely a date in news; "the 1st of March" is
    return read_month_day(m, text)


def read_week_of(m, text):
    month, day = month_number(m.group("month")), day_number(m.group("day"))
    year = int(m.group("year")) if m.group("year") else None
    if month is None or day is None or not valid_date(year or 2000, month, day):
        return None
    return "DATE", Spec("date", year=year, month=month, day=day, unit="week")


def read_month_year(m, text):
    month = month_number(m.group("month"))
    if month is None:
        return None
    if m.group("rel"):  # "June last year": that month of the year before
        relation = {"last": "year-1", "next": "year+1", "this": "this"}[group_text(m, "rel")]
        return "DATE", Spec("date", month=month, relation=relation), ("month", m.start("month"))
    year = year_number(m.group("year"))
    if year is None:
        return None
    return "DATE", Spec("value", value=f"{year:04d}-{month:02d}"), ("month", m.start("month"))


def read_month(m, text):
    month = month_number(m.group("month"))
    if month is None:
        return None
    rel = group_text(m, "rel")
    if rel in ("that", "the same"):
        return "DATE", Spec("date", month=month, base="ref"), ("month", m.start("month"))
    edge = group_text(m, "edge")
    return ("DATE", Spec("date", month=month, relation=relation_of(rel)),
            ("month-alone" if not (rel or edge) else "month", m.start("month")))


def read_year(m, text):
    word = m.group("year")
    year = year_number(word)
    if year is None:
        return None
    written = not word[0].isdigit()
    season = group_text(m, "season")
    if season:  # "summer 2004", "the winter of nineteen ninety-four"
        return "DATE", Spec("value", value=f"{year:04d}-{SEASONS[season]}")
    check = None if (m.group("edge") or m.group("prefix") or written) else "year"
    edge = " ".join(group_text(m, "edge").split())
    half = re.search(r"(first|second|last|latter) half", edge)
    if half:  # "the last half of 1989"
        return "DATE", Spec("value", value=f"{year:04d}-H{1 if half.group(1) == 'first' else 2}")
    return "DATE", Spec("value", value=f"{year:04d}"), (check, m.start("year"))


def read_decade(m, text):
    word = m.group("decade").lower()
    if word in DECADE_WORDS:
        spec = Spec("date", unit="decade", n=DECADE_WORDS[word])
        return "DATE", spec, ("decade", m.start("decade"))
    digits = re.sub(r"\D", "", word)
    if len(digits) == 4:
        return "DATE", Spec("value", value=digits[:3])
    return "DATE", Spec("date", unit="decade", n=int(digits[0])), ("decade", m.start("decade"))


def read_century(m, text):
    n = day_number(m.group("ord"))
    if not n or n > 21:
        return None
    return "DATE", Spec("value", value=f"{n - 1:02d}")


def read_weekday(m, text):
    weekday = weekday_number(m.group("wd"))
    if weekday is None:
        return None
    part = PARTS_OF_DAY.get(group_text(m, "part"))
    rel = " ".join(group_text(m, "rel").split())
    base = "ref" if rel in ("the previous", "the following", "the next", "that") else "now"
    spec = Spec("date", weekday=weekday, part=part, relation=relation_of(rel), base=base)
    start = m.start()
    if group_text(m, "edge") in ("earlier", "later"):
        start = m.start("rel") if m.group("rel") else m.start("wd")  # "Earlier [Friday]"
    return ("TIME" if part else "DATE", (start, m.end())), spec, ("weekday", m.start("wd"))


def read_deictic(m, text):
    word = " ".join(group_text(m, "word").split())
    n = DEICTIC_SHIFT[word]
    part = PARTS_OF_DAY.get(group_text(m, "part"))
    edge = group_text(m, "edge").replace("-", "")
    if word == "tonight":
        part = "NI"
    elif edge in ("midafternoon", "midmorning"):
        part = PARTS_OF_DAY[edge]
    spec = Spec("shift", unit="day", n=n, part=part)
    return ("TIME" if part else "DATE"), spec


def read_part_of_day(m, text):
    rel = " ".join(group_text(m, "rel").split())
    part = PARTS_OF_DAY[group_text(m, "part")]
    if rel in ("that", "the same"):
        return "TIME", Spec("shift", unit="day", n=0, part=part, base="ref")
    if rel in ("the next", "the following"):
        return "TIME", Spec("shift", unit="day", n=1, part=part, base="ref")
    if rel == "the previous":
        return "TIME", Spec("shift", unit="day", n=-1, part=part, base="ref")
    n = {"this": 0, "tomorrow": 1, "yesterday": -1, "last": -1 if part == "NI" else 0}[rel]
    if rel == "last" and part != "NI":
        return "TIME", Spec("shift", unit="day", n=-1, part=part)
    return "TIME", Spec("shift", unit="day", n=n, part=part)


def read_quarter(m, text):
    ordinal = group_text(m, "ord")
    unit = group_text(m, "unit")
    count = 4 if unit == "quarter" else 2
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
              "4th": 4, "final": count, "last": count}[ordinal]
    if number > count:
        return None
    pre = " ".join(group_text(m, "pre").split())
    year = None
    found = re.search(r"(?:19|20)\d\d", pre) or (re.search(r"(?:19|20)\d\d", group_text(m, "year2"))
                                                 if m.group("year2") else None)
    if found:
        year = int(found.group(0))
    relation = None
    year2 = group_text(m, "year2")
    for word, rel in (("last year", "last"), ("next year", "next"), ("this year", "this")):
        if word in pre or word in year2:
            relation = rel
    base = "now"
    if any(w in pre for w in ("year-earlier", "year-ago", "prior-year")):
        relation, base = "year-earlier", "ref"
    field_ = {"quarter": number} if unit == "quarter" else {"half": number}
    return "DATE", Spec("date", year=year, relation=relation, base=base, **field_)


def read_quarter_code(m, text):
    code = m.group("code").upper()
    number = int(code[1] if code[0] in "QH" else code[0])
    year = m.group("year") or m.group("year0")
    key = "half" if code[0] == "H" else "quarter"
    if key == "half" and number > 2:
        return None
    return "DATE", Spec("date", year=int(year) if year else None, **{key: number})


def read_the_period(m, text):
    """"the quarter", "the latest period", "the year-ago quarter", "the 1988 period": the
    period last reported, or the same one in another year."""
    adj = " ".join(group_text(m, "adj").split())
    unit = " ".join(group_text(m, "unit").split())
    if unit == "fiscal year":
        return "DATE", Spec("shift", unit="year", n=0)
    if m.group("year"):
        return "DATE", Spec("period", unit=unit, year=int(m.group("year")))
    rel = group_text(m, "rel")
    if rel or m.group("ago") or adj in ("year-earlier", "year-ago", "prior-year", "previous-year"):
        n = {"this": 0, "next": 1}.get(rel, -1)
        return "DATE", Spec("period", unit=unit, n=n)
    if adj == "first" or (unit == "period" and not adj):
        return None
    done = "last" if adj in ("latest", "recent", "just-ended", "just ended") else None
    return "DATE", Spec("period", unit=unit, n=0, relation=done)


def read_year_earlier(m, text):
    unit = " ".join(group_text(m, "unit").split())
    if unit.endswith("months"):
        n = number_value(unit.split()[0])
        return "DURATION", Spec("duration", value=duration_value(n, "month"))
    quarter = re.match(r"(first|second|third|fourth) quarter", unit)
    if quarter:
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4}[quarter.group(1)]
        return "DATE", Spec("date", quarter=q, relation="year-earlier", base="ref")
    if not unit:  # "compared with year-earlier profit": the reported period, a year back
        return "DATE", Spec("offset", unit="year", n=-1)
    return "DATE", Spec("period", unit=unit, n=-1)


def read_season(m, text):
    season = SEASONS[group_text(m, "season")]
    rel = " ".join(group_text(m, "rel").split())
    year = year_number(m.group("year")) if m.group("year") else None
    if year is not None:
        return "DATE", Spec("value", value=f"{year:04d}-{season}")
    check = None if (rel or m.group("edge")) else "season"
    base = "ref" if rel in ("that", "the same") else "now"
    return ("DATE", Spec("date", season=season, relation=relation_of(rel), base=base),
            (check, m.start("season")))


def read_holiday(m, text):
    name = " ".join(group_text(m, "name").split())
    if not m.group("name")[0].isupper():
        return None
    year = int(m.group("year")) if m.group("year") else None
    return "DATE", Spec("date", holiday=name, year=year, relation=relation_of(group_text(m, "rel")))


def read_clock(m, text):
    clock = clock_value(group_text(m, "clock"))
    if clock is None:
        return None
    raw = group_text(m, "clock")
    if re.fullmatch(r"\d{1,2}:\d\d", raw) and not m.group("tz"):
        # A bare "14:30" could be a score or a ratio; only with a zone or "hours" is it a time.
        if not re.match(r"\s*(?:hours|hrs|h)\b", text[m.end():m.end() + 6]):
            return None
    on = None
    date_word = group_text(m, "date")
    if m.group("wd"):
        on = Spec("date", weekday=weekday_number(m.group("wd")))
    elif m.group("month"):
        month, day = month_number(m.group("month")), day_number(m.group("day"))
        if month and day and valid_date(2000, month, day):
            on = Spec("date", month=month, day=day)
    elif date_word:
        on = Spec("shift", unit="day", n=DEICTIC_SHIFT[date_word])
    return "TIME", Spec("time", clock=clock, on=on)


def read_clock_part(m, text):
    hour = int(m.group("clock").split(":")[0])
    part = group_text(m, "part")
    minute = m.group("clock").split(":")[1] if ":" in m.group("clock") else "00"
    if hour > 12:
        return None
    if part in ("afternoon", "evening") or (part == "night" and hour >= 6):
        hour = hour % 12 + 12
    elif hour == 12:
        hour = 0
    return "TIME", Spec("time", clock=f"{hour:02d}:{minute}")
