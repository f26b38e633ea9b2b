"""Time expressions as pure functions: the recognition patterns and the TIMEX3 value arithmetic.

`find_candidates(text)` runs every pattern over a text and keeps the longest non-overlapping
matches, each with an extent (TimeML's: "the third quarter", "about two years ago"; never the
preposition before it), a TIMEX3 type and a `Spec`: what the words say, before any anchor. The
`storyline.times` stage checks candidates against the parse and calls `resolve(spec, context)`,
which turns a spec into a value against the publication date, the last date mentioned and the
direction the sentence points in ("was charged in January", "a hearing is set for Friday").

Values follow TIMEX3: ``2023``, ``2023-04``, ``2023-04-20``, ``2023-04-20T15:00``, ``2023-W16``,
``2023-Q1``, ``2023-H2``, ``2023-SU``, ``199`` (the 1990s), ``19`` (the 20th century),
``2023-04-20TMO`` (a part of the day), ``P3M`` (a duration), ``PRESENT_REF``, and ``X`` for any
part no anchor decides (``XXXX-08``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from types import MappingProxyType

from .vocab.calendar import MONTHS, WEEKDAYS
from .vocab.time_words import (
    APPROXIMATORS, EASTER_HOLIDAYS, FIXED_HOLIDAYS, FUTURE_REF_WORDS, NUMBER_WORDS,
    ORDINAL_WORDS, PARTS_OF_DAY, PAST_REF_WORDS, PRESENT_REF_WORDS, SEASON_MONTHS, SEASONS,
    SET_WORDS, UNIT_IN_YEARS, UNITS, VAGUE_NUMBERS, WEEKDAY_HOLIDAYS, CLOCK_WORDS, ELECTION_DAY,
    RELATIVE_SHIFT, ANAPHORIC_SHIFTS, DECADE_WORDS, TIME_ZONES,
)

# ----------------------------------------------------------------------------------------------
# What a match says


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


# ----------------------------------------------------------------------------------------------
# Pattern fragments

def _words(words) -> str:
    """A regex alternative of phrases, longest first, spaces matching any run of blanks."""
    parts = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(piece) for piece in p.split()) for p in parts)


_UNIT_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_NUMBER_WORD = (rf"(?:(?:{_TENS})(?:[\s-]+(?:{_UNIT_ONES}))?|{_TEENS}|{_UNIT_ONES}"
                rf"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:hundred|thousand))")
_SINGLE = r"a\s+single|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+dozen|dozens\s+of|half\s+an?|an?"
_DIGITS = r"(?<![\d.,:])\d+(?:\.\d+)?(?:\s+\d/\d)?(?![\d,]\d)|\d/\d"
_NUM = rf"(?:{_DIGITS}|{_NUMBER_WORD}(?:\s+and\s+a\s+half)?|{_SINGLE})"
_VAGUE = _words(VAGUE_NUMBERS)
_A_QUANTITIES = frozenset(w for w in (*VAGUE_NUMBERS, *NUMBER_WORDS) if w.startswith("a "))
_QTY = (rf"(?:(?:{_DIGITS}|{_NUMBER_WORD})\s*(?:to|-|or|and)\s*(?:{_DIGITS}|{_NUMBER_WORD})"
        rf"|{_NUM}|{_VAGUE})")
_UNIT = (r"(?:second|sec|minute|min|hour|hr|day|night|week|fortnight|weekend|month|quarter"
         r"|year|yr|decade|centur(?:y|ie)|millenni(?:um|a))")
_APPROX = _words(APPROXIMATORS)
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november"
          r"|december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)")
_WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            r"|(?:mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.)")
_ORDINAL_DAY = _words(w for w, n in ORDINAL_WORDS.items() if n > 0)
_DAY = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)|{_ORDINAL_DAY})"
_YEAR4 = r"(?:1[0-9]\d\d|20\d\d)(?![\d%]|[.,]\d|-\d)"
_WRITTEN_YEAR = (rf"(?:nineteen|twenty)[\s-]+(?:(?:{_TENS})(?:[\s-]+(?:{_UNIT_ONES}))?|{_TEENS}"
                 rf"|(?:oh|o)[\s-]+(?:{_UNIT_ONES}))|two\s+thousand(?:\s+and)?(?:[\s-]+(?:"
                 rf"(?:{_TENS})(?:[\s-]+(?:{_UNIT_ONES}))?|{_TEENS}|{_UNIT_ONES}))?")
_YEAR = rf"(?:{_YEAR4}|'\d\d(?!\d)|{_WRITTEN_YEAR})"
_PART = r"(?:morning|afternoon|evening|night|midday|overnight)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_SPAN_OF = (r"(?:the\s+)?(?:very\s+)?(?:middle|end|beginning|start|close|turn|rest|remainder"
            r"|first\s+half|second\s+half|last\s+half|latter\s+half|latter\s+part|early\s+part"
            r"|later\s+part|first\s+part|last\s+part|bulk)"
            r"\s+of")
_EDGE = rf"(?:(?:early|late|mid|earlier|later|{_SPAN_OF})(?:\s*-\s*|\s+))"
_ORD_Q = r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
_TZ = _words(TIME_ZONES)
_CLOCK = (r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.\s?m\.|p\.\s?m\.|a\.m\b|p\.m\b|am\b|pm\b)"
          r"|\d{1,2}:\d\d(?!\d)|noon|midnight|midday|\d{1,2}\s+o'clock)")
_REL = r"(?:last|this|next|coming|past|previous|following|current|same|present|upcoming)"
_HOLIDAY = _words([*FIXED_HOLIDAYS, *WEEKDAY_HOLIDAYS, *EASTER_HOLIDAYS, *ELECTION_DAY])


@dataclass(frozen=True)
class Rule:
    name: str
    triggers: tuple[str, ...]
    read: Callable
    pattern: re.Pattern


def _rule(name: str, triggers: str, read: Callable, pattern: str,
          flags: int = re.IGNORECASE) -> Rule:
    """A rule: its name, the trigger words it needs nearby, its reader and its pattern."""
    return Rule(name, tuple(triggers.split()), read,
                re.compile(rf"(?<![\w'’]){pattern}(?![\w])", flags))


# Words without which no rule can match, by kind: the rules run only in windows around them,
# which keeps the stage to a small fraction of the parse's time.
def _trigger_table() -> dict[str, str]:
    kinds = {
        "month": [*MONTHS],
        "weekday": [*WEEKDAYS, *(f"{w}s" for w in WEEKDAYS if len(w) > 5)],
        "deictic": ["today", "tonight", "yesterday", "tomorrow"],
        "unit": [f"{stem}{end}" for stem in (
            "second", "sec", "minute", "min", "hour", "hr", "day", "night", "week", "fortnight",
            "weekend", "month", "quarter", "year", "yr", "decade", "period", "time")
            for end in ("", "s")] + ["half", "century", "centuries", "millennium", "millennia"],
        "year": ["nineteen", "thousand"],
        "decade": [*DECADE_WORDS],
        "season": [*SEASONS],
        "part": ["morning", "afternoon", "evening", "overnight", "mornings", "afternoons",
                 "evenings", "midafternoon", "midmorning"],
        "clock": ["noon", "midnight", "midday", "o'clock"],
        "ref": ["now", "currently", "current", "nowadays", "present", "recently", "lately",
                "past", "future", "ago", "later"],
        "set": [*(w for w in SET_WORDS if " " not in w), "every", "each", "per"],
        "holiday": ["new", "valentine", "st", "independence", "fourth", "july", "bastille",
                    "halloween", "veterans", "armistice", "christmas", "boxing", "thanksgiving",
                    "martin", "presidents", "memorial", "labor", "columbus", "mother", "father",
                    "easter", "good", "election"],
        "code": [f"{letter}{n}" for letter in "qh" for n in "1234"],
    }
    table: dict[str, str] = {}
    for kind, words in kinds.items():
        for word in words:
            table.setdefault(word, kind)
    return table


TRIGGER_WORDS = MappingProxyType(_trigger_table())
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9']*|\d[\d:/]*(?:-\d\d-\d\d)?[A-Za-z]*")
_DIGIT_KINDS = (
    (re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}|[1-4]q"), "code"),
    (re.compile(r"\d{1,2}:\d\d.*|\d{1,2}(?:[ap]m)?"), "clock"),
    (re.compile(r"(?:1\d|20)\d\ds?"), "year"),
    (re.compile(r"\d0s"), "decade"),
)
# How far around a trigger word an expression can reach.
WINDOW = 60


def find_candidates(text: str, accept=None) -> list[Candidate]:
    """Every rule's readable matches that `accept` (a check against the parse) lets through,
    longest first, without overlaps, in text order."""
    windows = _trigger_windows(text)
    found: list[Candidate] = []
    for rule in RULES:
        spans = (span for kind in rule.triggers for span in windows.get(kind, ()))
        for start, end in _merged(spans):
            for match in rule.pattern.finditer(text, start, end):
                if "\n\n" in match.group(0) or not match.group(0).strip():
                    continue
                candidate = _read(rule, match, text)
                if candidate is not None and (accept is None or accept(candidate)):
                    found.append(candidate)
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[Candidate] = []
    for candidate in found:
        if all(candidate.end <= t.start or candidate.start >= t.end for t in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def _trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each kind of trigger word, the stretches of text around its occurrences."""
    windows: dict[str, list[tuple[int, int]]] = {}
    size = len(text)
    for match in _TOKEN.finditer(text):
        word = match.group(0).lower()
        if word[0].isdigit():
            kind = next((k for pattern, k in _DIGIT_KINDS if pattern.fullmatch(word)), None)
            if kind == "clock" and ":" not in word and "m" not in word and \
                    not re.match(r"\s*[ap]\.?\s?m\b", text[match.end():match.end() + 6], re.I):
                kind = None  # a plain number: a clock time only before "a.m." or "p.m."
        else:
            word = word.rstrip("'")
            kind = TRIGGER_WORDS.get(word[:-2] if word.endswith("'s") else word)
        if kind is None:
            continue
        start = max(0, match.start() - WINDOW)
        end = min(size, match.end() + WINDOW)
        while end < size and text[end].isalnum():  # never cut a word in two
            end += 1
        windows.setdefault(kind, []).append((start, end))
    return windows


def _merged(spans) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


# ----------------------------------------------------------------------------------------------
# Reading a match


def _read(rule: Rule, m: re.Match, text: str) -> Candidate | None:
    start, end = m.span()
    # A leading blank left by an optional empty group is not part of the extent.
    while start < end and text[start].isspace():
        start += 1
    result = rule.read(m, text)
    if result is None:
        return None
    kind, spec, *rest = result
    check, check_at = (rest[0] if rest else (None, -1))
    if isinstance(kind, tuple):  # a reader may narrow the extent
        kind, (start, end) = kind
    if text[end - 2:end] in ("'s", "’s"):
        end -= 2  # "Friday's ruling": the possessive is not part of the expression
    return Candidate(start, end, kind, spec, rule.name, check, check_at)


def _g(m: re.Match, group: str) -> str:
    return (m.group(group) or "").lower().strip() if group in m.re.groupindex else ""


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _weekday(word: str) -> int | None:
    return WEEKDAYS.get(word.lower().rstrip("."))


def _day_number(word: str) -> int | None:
    word = word.lower().strip()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word] if ORDINAL_WORDS[word] > 0 else None
    digits = re.match(r"\d+", word)
    return int(digits.group(0)) if digits else None


def year_number(word: str) -> int | None:
    """``1998``, ``'98`` or ``nineteen ninety-eight`` as a year."""
    word = word.lower().strip()
    if re.fullmatch(r"\d{4}", word):
        return int(word)
    if re.fullmatch(r"'\d\d", word):  # "'98" is 1998, "'15" 2015
        two = int(word[1:])
        return 2000 + two if two <= 30 else 1900 + two
    words = re.split(r"[\s-]+", word.replace(" and ", " "))
    if words[:2] == ["two", "thousand"]:
        return 2000 + (number_value(" ".join(words[2:])) or 0 if len(words) > 2 else 0)
    if words and words[0] in ("nineteen", "twenty"):
        rest = [w for w in words[1:] if w not in ("oh", "o")]
        tail = number_value(" ".join(rest)) if rest else None
        if tail is not None and tail < 100:
            return (19 if words[0] == "nineteen" else 20) * 100 + int(tail)
    return None


def number_value(words: str) -> float | None:
    """A number written in digits or words; None for a vague one ("several", "a few")."""
    words = " ".join(words.lower().replace("-", " ").split())
    if not words:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", words):
        return float(words)
    fraction = re.fullmatch(r"(\d+) (\d)/(\d)", words) or re.fullmatch(r"()(\d)/(\d)", words)
    if fraction:
        whole = int(fraction.group(1)) if fraction.group(1) else 0
        return whole + int(fraction.group(2)) / int(fraction.group(3))
    if words in NUMBER_WORDS:
        return float(NUMBER_WORDS[words])
    half = words.endswith(" and a half")
    if half:
        words = words[: -len(" and a half")]
    total = 0.0
    for piece in words.split():
        if piece in ("hundred", "thousand"):
            total = (total or 1) * NUMBER_WORDS[piece]
        elif piece in NUMBER_WORDS and piece not in ("a", "an"):
            total += NUMBER_WORDS[piece]
        else:
            return None
    return total + (0.5 if half else 0)


def _unit(word: str) -> str:
    word = word.lower().rstrip("s") if word.lower() not in ("centuries",) else "century"
    return {"centurie": "century", "millennia": "millennium", "sec": "second", "min": "minute",
            "hr": "hour", "yr": "year"}.get(word, word)


def _read_iso_date(m, text):
    value = f"{m.group('year')}-{m.group('month')}-{m.group('day')}"
    if not valid_date(int(m.group("year")), int(m.group("month")), int(m.group("day"))):
        return None
    if m.group("clock"):
        return "TIME", Spec("value", value=f"{value}T{m.group('clock')}")
    return "DATE", Spec("value", value=value)


def _read_numeric_date(m, text):
    year = int(m.group("year"))
    if year < 100:
        year += 1900 if year > 30 else 2000
    month, day = int(m.group("month")), int(m.group("day"))
    if not valid_date(year, month, day):
        return None
    return "DATE", Spec("value", value=f"{year:04d}-{month:02d}-{day:02d}")


def _read_month_day(m, text):
    month, day = _month(m.group("month")), _day_number(m.group("day"))
    if month is None or day is None or not 1 <= day <= 31:
        return None
    year = year_number(m.group("year")) if m.group("year") else None
    if not valid_date(year or 2000, month, day):
        # "February 30": the month is all the words can be trusted for.
        spec = Spec("date", year=year, month=month, relation=_relation(_g(m, "rel")))
        return "DATE", spec, ("month", m.start("month"))
    weekday = _weekday(m.group("wd")) if m.group("wd") else None
    spec = Spec("date", year=year, month=month, day=day, weekday=weekday,
                relation=_relation(_g(m, "rel")))
    return "DATE", spec, ("month", m.start("month"))


def _read_day_month(m, text):
    if not m.group("day")[0].isdigit() and not m.group("wd"):
        return None  # "first of March" is rarely a date in news; "the 1st of March" is
    return _read_month_day(m, text)


def _read_week_of(m, text):
    month, day = _month(m.group("month")), _day_number(m.group("day"))
    year = int(m.group("year")) if m.group("year") else None
    if month is None or day is None or not valid_date(year or 2000, month, day):
        return None
    return "DATE", Spec("date", year=year, month=month, day=day, unit="week")


def _read_month_year(m, text):
    month = _month(m.group("month"))
    if month is None:
        return None
    if m.group("rel"):  # "June last year": that month of the year before
        relation = {"last": "year-1", "next": "year+1", "this": "this"}[_g(m, "rel")]
        return "DATE", Spec("date", month=month, relation=relation), ("month", m.start("month"))
    year = year_number(m.group("year"))
    if year is None:
        return None
    return "DATE", Spec("value", value=f"{year:04d}-{month:02d}"), ("month", m.start("month"))


def _read_month(m, text):
    month = _month(m.group("month"))
    if month is None:
        return None
    rel = _g(m, "rel")
    if rel in ("that", "the same"):
        return "DATE", Spec("date", month=month, base="ref"), ("month", m.start("month"))
    edge = _g(m, "edge")
    return ("DATE", Spec("date", month=month, relation=_relation(rel)),
            ("month-alone" if not (rel or edge) else "month", m.start("month")))


def _read_year(m, text):
    word = m.group("year")
    year = year_number(word)
    if year is None:
        return None
    written = not word[0].isdigit()
    season = _g(m, "season")
    if season:  # "summer 2004", "the winter of nineteen ninety-four"
        return "DATE", Spec("value", value=f"{year:04d}-{SEASONS[season]}")
    check = None if (m.group("edge") or m.group("prefix") or written) else "year"
    edge = " ".join(_g(m, "edge").split())
    half = re.search(r"(first|second|last|latter) half", edge)
    if half:  # "the last half of 1989"
        return "DATE", Spec("value", value=f"{year:04d}-H{1 if half.group(1) == 'first' else 2}")
    return "DATE", Spec("value", value=f"{year:04d}"), (check, m.start("year"))


def _read_decade(m, text):
    word = m.group("decade").lower()
    if word in DECADE_WORDS:
        spec = Spec("date", unit="decade", n=DECADE_WORDS[word])
        return "DATE", spec, ("decade", m.start("decade"))
    digits = re.sub(r"\D", "", word)
    if len(digits) == 4:
        return "DATE", Spec("value", value=digits[:3])
    return "DATE", Spec("date", unit="decade", n=int(digits[0])), ("decade", m.start("decade"))


def _read_century(m, text):
    n = _day_number(m.group("ord"))
    if not n or n > 21:
        return None
    return "DATE", Spec("value", value=f"{n - 1:02d}")


def _read_weekday(m, text):
    weekday = _weekday(m.group("wd"))
    if weekday is None:
        return None
    part = PARTS_OF_DAY.get(_g(m, "part"))
    rel = " ".join(_g(m, "rel").split())
    base = "ref" if rel in ("the previous", "the following", "the next", "that") else "now"
    spec = Spec("date", weekday=weekday, part=part, relation=_relation(rel), base=base)
    start = m.start()
    if _g(m, "edge") in ("earlier", "later"):
        start = m.start("rel") if m.group("rel") else m.start("wd")  # "Earlier [Friday]"
    return ("TIME" if part else "DATE", (start, m.end())), spec, ("weekday", m.start("wd"))


_DEICTIC_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                  "the day before yesterday": -2, "the day after tomorrow": 2}


def _read_deictic(m, text):
    word = " ".join(_g(m, "word").split())
    n = _DEICTIC_SHIFT[word]
    part = PARTS_OF_DAY.get(_g(m, "part"))
    edge = _g(m, "edge").replace("-", "")
    if word == "tonight":
        part = "NI"
    elif edge in ("midafternoon", "midmorning"):
        part = PARTS_OF_DAY[edge]
    spec = Spec("shift", unit="day", n=n, part=part)
    return ("TIME" if part else "DATE"), spec


def _read_part_of_day(m, text):
    rel = " ".join(_g(m, "rel").split())
    part = PARTS_OF_DAY[_g(m, "part")]
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


def _read_relative(m, text):
    rel = " ".join(_g(m, "rel").split())
    unit = _g(m, "unit")
    the = bool(m.group("the")) or rel.startswith("the ")
    rel_word = rel.split()[-1]
    if (rel_word == "that" or rel == "the same") and unit in ("quarter", "half"):
        return "DATE", Spec("period", unit=unit, n=0)
    if rel_word == "that" or rel == "the same":
        return "DATE", Spec("shift", unit=unit, n=0, base="ref")
    if unit == "season" or unit == "half":
        return None
    if rel_word in ("past", "last") and the and unit not in ("day", "weekend"):
        # "the past year", "the last decade": the span up to now.
        return "DURATION", Spec("duration", value=duration_value(1, unit))
    if rel_word in ("next", "coming") and the and unit not in ("day", "weekend"):
        lead = text[max(0, m.start() - 12):m.start()].lower().split()
        if lead and lead[-1] in ("over", "during", "in", "within", "for", "through", "throughout"):
            return "DURATION", Spec("duration", value=duration_value(1, unit))
    n = RELATIVE_SHIFT.get(rel_word, 0)
    base = "ref" if (rel_word in ANAPHORIC_SHIFTS or (rel_word == "next" and the)) else "now"
    if unit == "day":
        if base != "ref":
            return None  # "this day", "next day" without "the" are rarely dates in news
    return "DATE", Spec("shift", unit=unit, n=n, base=base)


def _read_the_unit(m, text):
    """"the weekend", "by the end of the year", "for the year", "the year ended June 30"."""
    unit = _g(m, "unit")
    if unit == "weekend":
        if m.group("edge"):
            return None
        return "DATE", Spec("weekend")
    if m.group("ended"):
        span = (m.start(), m.start("ended"))
        return ("DURATION", span), Spec("duration", value=duration_value(1, unit))
    if m.group("since") is not None and not m.group("edge"):
        return "DURATION", Spec("duration", value=duration_value(1, unit))  # "in the decade since"
    if unit == "decade":
        return None
    if m.group("edge"):
        return "DATE", Spec("shift", unit=unit, n=0)
    before = text[max(0, m.start() - 12):m.start()].lower().split()
    if not before or before[-1] not in ("for", "of", "in", "during", "through", "throughout"):
        return None
    return "DATE", Spec("shift", unit=unit, n=0)


def _read_year_end(m, text):
    return "DATE", Spec("shift", unit="year", n=0)


def _read_anaphor(m, text):
    unit = _g(m, "unit")
    n = -1 if _g(m, "dir") == "before" else 1
    part = "NI" if unit == "night" else None
    return ("TIME" if part else "DATE"), Spec("shift", unit="day" if part else unit, n=n,
                                             part=part, base="ref")


def _read_offset(m, text):
    """"two years ago", "a year earlier", "three days later": a date that far from now or
    from the last date mentioned; "an hour later" and "months later" only say how long."""
    unit = _unit(m.group("unit"))
    direction = " ".join(_g(m, "dir").split())
    if direction in ("before", "after"):
        following = text[m.end():m.end() + 3]
        if not re.match(r"\s*[,.;:)]|\s*$", following):
            return None  # "two days after the shooting": a duration and an event
    num = _g(m, "num")
    n = number_value(num) if num else None
    if n is not None and m.group("half"):
        n += 0.5
    if n is not None and n != int(n) and unit == "year":
        unit, n = "month", n * 12  # "a year and a half ago": 18 months back
    vague = n is None or n != int(n)
    if unit in ("second", "minute", "hour") or (vague and direction not in ("ago", "back")):
        end = m.start() + len(text[m.start():m.start("dir")].rstrip())
        if text[m.start():end].lower().endswith("or so"):
            end -= 5
            end = m.start() + len(text[m.start():end].rstrip())
        value = duration_value(n, unit)
        return ("DURATION", (m.start(), end)), Spec("duration", value=value)
    sign = -1 if direction in ("ago", "earlier", "back", "before") else 1
    base = "now" if direction in ("ago", "from now", "hence", "back") else "ref"
    if m.group("then"):
        base = "ref"
    return "DATE", Spec("offset", unit=unit, n=None if vague else sign * int(n), base=base)


def _read_duration(m, text):
    """"three months", "the past two years", "a 16-hour flight", "about an hour and a half"."""
    unit = _unit(m.group("unit"))
    adj = _g(m, "adj")
    if "old" in adj:
        return "DURATION", None  # an age: "a 44-year-old protester"
    num = _g(m, "num")
    the = _g(m, "the")
    start = m.start()
    if the in ("its", "their", "his", "her") or (the in ("a", "an") and f"a {num}" not in
                                                  _A_QUANTITIES):  # "a [16-hour] flight"
        start = m.start("rel") if m.group("rel") else (m.start("approx") if m.group("approx")
                                                       else m.start("num"))
    if re.fullmatch(r"(?:1[0-9]|20)\d\d", num) and not m.group("plural"):
        return None  # "the 1988 quarter" names a year
    if text[m.start() - 1:m.start()] == "-":
        return None  # "$12-an-hour workers": part of a compound
    if the == "the" and not m.group("plural") and not m.group("rel") and \
            re.search(r"\w-\w", m.group(0)):
        start = m.start("approx") if m.group("approx") else m.start("num")  # "the [two-week] trip"
    if unit == "quarter" and re.match(r"\s+of\b", text[m.end():]):
        return "DURATION", None  # "three-quarters of its food": a fraction
    n = number_value(num)
    if n is not None and m.group("half"):
        n += 0.5  # "an hour and a half"
    if num in ("a", "an", "one") and not m.group("plural") and unit in ("day", "night") \
            and not (m.group("rel") or m.group("approx")):
        before = text[max(0, m.start() - 12):m.start()].lower().split()
        if num == "one" and (not before or before[-1] not in
                             ("for", "in", "within", "over", "than", "after", "about", "the")):
            return "DATE", Spec("ref", value="FUTURE_REF"), ("one-day", m.start())
    if unit == "weekend":
        return None
    value = duration_value(n, unit)
    return ("DURATION", (start, m.end())), Spec("duration", value=value), \
        ("duration", m.start("num"))


def _read_bare_units(m, text):
    unit = _unit(m.group("unit"))
    rel = _g(m, "rel")
    start = m.start("the") if m.group("the") else (m.start("rel") if rel else m.start("unit"))
    if rel in ("recent", "past") and not m.group("the") and unit in ("year", "decade"):
        return ("DATE", (start, m.end())), Spec("ref", value="PAST_REF")  # "in recent years"
    return ("DURATION", (start, m.end())), Spec("duration", value=duration_value(None, unit))


def _read_long_unit(m, text):
    """"a day-long meeting", "a decades-long battle"."""
    n = None if m.group("plural") else 1
    return "DURATION", Spec("duration", value=duration_value(n, _unit(m.group("unit"))))


def _read_units_around(m, text):
    """"Months after the shooting", "weeks into the trial": some number of them."""
    return "DURATION", Spec("duration", value=duration_value(None, _unit(m.group("unit"))))


def _read_recent_units(m, text):
    """"in recent years", "in past years": the recent past; "coming months": a stretch."""
    unit = _unit(m.group("unit"))
    if _g(m, "rel") in ("recent", "past") and unit in ("year", "decade"):
        return "DATE", Spec("ref", value="PAST_REF")
    if _g(m, "rel") == "future":  # "future quarters"
        return "DATE", Spec("ref", value="FUTURE_REF")
    return "DURATION", Spec("duration", value=duration_value(None, unit))


def _read_quarter(m, text):
    ordinal = _g(m, "ord")
    unit = _g(m, "unit")
    count = 4 if unit == "quarter" else 2
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
              "4th": 4, "final": count, "last": count}[ordinal]
    if number > count:
        return None
    pre = " ".join(_g(m, "pre").split())
    year = None
    found = re.search(r"(?:19|20)\d\d", pre) or (re.search(r"(?:19|20)\d\d", _g(m, "year2"))
                                                 if m.group("year2") else None)
    if found:
        year = int(found.group(0))
    relation = None
    year2 = _g(m, "year2")
    for word, rel in (("last year", "last"), ("next year", "next"), ("this year", "this")):
        if word in pre or word in year2:
            relation = rel
    base = "now"
    if any(w in pre for w in ("year-earlier", "year-ago", "prior-year")):
        relation, base = "year-earlier", "ref"
    field_ = {"quarter": number} if unit == "quarter" else {"half": number}
    return "DATE", Spec("date", year=year, relation=relation, base=base, **field_)


def _read_quarter_code(m, text):
    code = m.group("code").upper()
    number = int(code[1] if code[0] in "QH" else code[0])
    year = m.group("year") or m.group("year0")
    key = "half" if code[0] == "H" else "quarter"
    if key == "half" and number > 2:
        return None
    return "DATE", Spec("date", year=int(year) if year else None, **{key: number})


def _read_the_period(m, text):
    """"the quarter", "the latest period", "the year-ago quarter", "the 1988 period": the
    period last reported, or the same one in another year."""
    adj = " ".join(_g(m, "adj").split())
    unit = " ".join(_g(m, "unit").split())
    if unit == "fiscal year":
        return "DATE", Spec("shift", unit="year", n=0)
    if m.group("year"):
        return "DATE", Spec("period", unit=unit, year=int(m.group("year")))
    rel = _g(m, "rel")
    if rel or m.group("ago") or adj in ("year-earlier", "year-ago", "prior-year", "previous-year"):
        n = {"this": 0, "next": 1}.get(rel, -1)
        return "DATE", Spec("period", unit=unit, n=n)
    if adj == "first" or (unit == "period" and not adj):
        return None
    done = "last" if adj in ("latest", "recent", "just-ended", "just ended") else None
    return "DATE", Spec("period", unit=unit, n=0, relation=done)


def _read_year_earlier(m, text):
    unit = " ".join(_g(m, "unit").split())
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


def _read_season(m, text):
    season = SEASONS[_g(m, "season")]
    rel = " ".join(_g(m, "rel").split())
    year = year_number(m.group("year")) if m.group("year") else None
    if year is not None:
        return "DATE", Spec("value", value=f"{year:04d}-{season}")
    check = None if (rel or m.group("edge")) else "season"
    base = "ref" if rel in ("that", "the same") else "now"
    return ("DATE", Spec("date", season=season, relation=_relation(rel), base=base),
            (check, m.start("season")))


def _read_holiday(m, text):
    name = " ".join(_g(m, "name").split())
    if not m.group("name")[0].isupper():
        return None
    year = int(m.group("year")) if m.group("year") else None
    return "DATE", Spec("date", holiday=name, year=year, relation=_relation(_g(m, "rel")))


def _read_clock(m, text):
    clock = clock_value(_g(m, "clock"))
    if clock is None:
        return None
    raw = _g(m, "clock")
    if re.fullmatch(r"\d{1,2}:\d\d", raw) and not m.group("tz"):
        # A bare "14:30" could be a score or a ratio; only with a zone or "hours" is it a time.
        if not re.match(r"\s*(?:hours|hrs|h)\b", text[m.end():m.end() + 6]):
            return None
    on = None
    date_word = _g(m, "date")
    if m.group("wd"):
        on = Spec("date", weekday=_weekday(m.group("wd")))
    elif m.group("month"):
        month, day = _month(m.group("month")), _day_number(m.group("day"))
        if month and day and valid_date(2000, month, day):
            on = Spec("date", month=month, day=day)
    elif date_word:
        on = Spec("shift", unit="day", n=_DEICTIC_SHIFT[date_word])
    return "TIME", Spec("time", clock=clock, on=on)


def _read_clock_part(m, text):
    hour = int(m.group("clock").split(":")[0])
    part = _g(m, "part")
    minute = m.group("clock").split(":")[1] if ":" in m.group("clock") else "00"
    if hour > 12:
        return None
    if part in ("afternoon", "evening") or (part == "night" and hour >= 6):
        hour = hour % 12 + 12
    elif hour == 12:
        hour = 0
    return "TIME", Spec("time", clock=f"{hour:02d}:{minute}")


def _read_reference(m, text):
    word = " ".join(_g(m, "word").split())
    if word in PRESENT_REF_WORDS:
        value = "PRESENT_REF"
    elif word in PAST_REF_WORDS:
        value = "PAST_REF"
    else:
        value = "FUTURE_REF"
    return "DATE", Spec("ref", value=value), (f"ref:{word}", m.start())


def _read_set_word(m, text):
    word = " ".join(_g(m, "word").split())
    check = "set-adverb" if " " not in word else None
    return "SET", Spec("set", value=SET_WORDS[word]), (check, m.start())


def _read_set_every(m, text):
    what = _g(m, "what")
    step = 2 if m.group("other") else 1
    num = _g(m, "num")
    if num:
        n = number_value(num)
        if n is None or n != int(n):
            return None
        step *= int(n)
    weekday = _weekday(what.rstrip("s")) if what.rstrip("s") in WEEKDAYS else _weekday(what)
    if weekday is not None:
        return "SET", Spec("set", value=f"XXXX-WXX-{weekday + 1}")
    month = _month(what)
    if month is not None and what[:1].isalpha() and m.group("what")[0].isupper():
        return "SET", Spec("set", value=f"XXXX-{month:02d}")
    if what.rstrip("s") in SEASONS:
        return "SET", Spec("set", value=f"XXXX-{SEASONS[what.rstrip('s')]}")
    if what.rstrip("s") in PARTS_OF_DAY:
        return "SET", Spec("set", value=f"XXXX-XX-XXT{PARTS_OF_DAY[what.rstrip('s')]}")
    if what == "weekend":
        return "SET", Spec("set", value="XXXX-WXX-WE")
    unit = _unit(what)
    if unit not in UNITS:
        return None
    return "SET", Spec("set", value=duration_value(step, unit))


def _read_set_rate(m, text):
    """"twice a year" is a frequency; "$2 million a year" a rate, which news annotation leaves
    out (the span is held so that "a year" is not read as a duration)."""
    unit = _unit(m.group("unit"))
    if m.group("lead"):
        return "SET", Spec("set", value=duration_value(1, unit))
    before = text[max(0, m.start() - 40):m.start()]
    if re.search(r"(?:\d|\b(?:million|billion|thousand|hundred|percent|cents?|dollars?|pounds?"
                 r"|euros?|yen|tons?|barrels?|times|shares|flights|seats|units|jobs|people))\s*$",
                 before, re.I):
        return "SET", None
    return None


def _read_weekday_plural(m, text):
    weekday = _weekday(m.group("wd")[:-1])
    if weekday is None or not m.group("wd")[0].isupper():
        return None
    part = PARTS_OF_DAY.get(_g(m, "part"))
    value = f"XXXX-WXX-{weekday + 1}" + (f"T{part}" if part else "")
    return "SET", Spec("set", value=value)


def _read_then_words(m, text):
    word = " ".join(_g(m, "word").split())
    unit = word.split()[-1]
    if unit == "time":
        return None
    part = "NI" if unit == "night" else None
    return ("TIME" if part else "DATE"), Spec("shift", unit="day" if part else unit, n=0,
                                             part=part, base="ref")


# The rules: a name, the trigger words each needs nearby, the function that reads a match, and
# the pattern. Where matches overlap, the longer wins (`find_candidates`).
RULES = (
    _rule("iso_date", "code", _read_iso_date,
          r"(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
          r"(?:T(?P<clock>\d\d:\d\d))?"),
    _rule("numeric_date", "code", _read_numeric_date,
          r"(?P<month>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/"
          r"(?P<year>(?:19|20)?\d\d)(?!/)"),
    _rule("month_day", "month", _read_month_day,
          rf"(?:(?P<edge>early|late|mid)\s+)?(?:(?P<wd>{_WEEKDAY}),?\s+)?"
          rf"(?:(?P<rel>this\s+coming|this\s+past|this|last|next)\s+)?"
          rf"(?P<month>{_MONTH})\s*(?P<day>{_DAY})(?:(?:,\s*|\s+)(?P<year>{_YEAR}))?"
          rf"(?:'s)?"),
    _rule("day_month", "month", _read_day_month,
          rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+"
          rf"(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?"),
    _rule("week_of", "month", _read_week_of,
          rf"the\s+week\s+of\s+(?P<month>{_MONTH})\s*(?P<day>{_DAY})"
          rf"(?:,?\s+(?P<year>{_YEAR4}))?"),
    _rule("month_year", "month", _read_month_year,
          rf"(?P<edge>{_EDGE})?(?P<month>{_MONTH})(?:\s+of)?,?\s+(?:(?P<year>{_YEAR})"
          r"|(?P<rel>this|last|next)\s+year)"),
    _rule("month", "month", _read_month,
          rf"(?P<edge>{_EDGE})?(?:(?P<rel>{_REL}|this\s+past|this\s+coming|that"
          rf"|the\s+previous|the\s+following|the\s+same)\s+)?(?P<month>{_MONTH})(?:'s)?"),
    _rule("year", "year", _read_year,
          rf"(?P<edge>{_EDGE})?(?P<prefix>(?:the\s+)?(?:fiscal|calendar|model|school)"
          rf"(?:\s+year)?\s+|the\s+year\s+|(?:the\s+)?(?P<season>{_SEASON})\s+(?:of\s+)?)?"
          rf"(?P<year>{_YEAR4}|{_WRITTEN_YEAR})(?:'s)?"),
    _rule("decade", "decade year", _read_decade,
          rf"(?:{_SPAN_OF}\s+)?(?:the\s+)?(?P<edge>(?:early|late|mid)(?:\s*-\s*|\s+))?"
          rf"(?P<decade>(?:1[0-9]|20)\d0s|'\d0s|(?<![\d'’])\d0s|{_words(DECADE_WORDS)})"),
    _rule("century", "unit", _read_century,
          rf"(?:the\s+)?(?P<edge>(?:early|late|mid)(?:\s*-\s*|\s+))?"
          rf"(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_DAY})[\s-]+century"),
    _rule("weekday", "weekday", _read_weekday,
          rf"(?:(?P<edge>early|late|earlier|later|{_SPAN_OF})\s+)?"
          rf"(?:(?P<rel>this\s+coming|this\s+past|this|last|next|coming|past"
          rf"|the\s+previous|the\s+following|the\s+next|that)\s+)?"
          rf"(?P<wd>{_WEEKDAY})(?P<poss>'s)?(?:\s+(?P<part>{_PART}))?"),
    _rule("deictic", "deictic", _read_deictic,
          r"(?:(?P<edge>early|late|earlier|later|mid-?afternoon|mid-?morning)\s+)?"
          r"(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today"
          r"|tonight|yesterday|tomorrow)(?P<poss>'s)?"
          r"(?:\s+(?P<part>morning|afternoon|evening|night))?"),
    _rule("part_of_day", "part unit", _read_part_of_day,
          r"(?:(?P<edge>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow"
          r"|yesterday|that|the\s+same|the\s+next|the\s+following|the\s+previous)"
          r"\s+(?P<part>morning|afternoon|evening|night)"),
    _rule("relative", "unit", _read_relative,
          rf"(?:(?P<edge>early|late|earlier|later|mid|{_SPAN_OF})[\s-]+)?(?P<the>the\s+)?"
          rf"(?P<rel>{_REL}|that|this\s+past|this\s+coming|the\s+previous"
          rf"|the\s+following|the\s+next|the\s+same|the\s+prior|the\s+preceding)"
          r"\s+(?P<unit>day|week|weekend|month|quarter|year|decade|century"
          r"|season|half)(?P<poss>'s)?"),
    _rule("the_unit", "unit", _read_the_unit,
          rf"(?:(?P<edge>{_SPAN_OF})\s+)?the\s+(?:(?P<full>full|entire|whole|fiscal"
          r"|calendar)\s+)?(?P<unit>year|month|week|weekend|decade)(?P<ended>\s+(?:ended"
          r"|ending|that\s+ended|that\s+ends))?(?P<since>(?=\s+(?:since|after|that"
          r"\s+followed)\b))?(?!\s+(?:before|after|earlier|later|ago)\b)"),
    _rule("year_end", "unit", _read_year_end,
          r"(?:around\s+)?(?:year[\s-]end|year's\s+end)"),
    _rule("anaphor", "unit", _read_anaphor,
          r"the\s+(?P<unit>day|night|week|month|year)\s+(?P<dir>before|after)"
          r"(?=\s*[,.;:)—–-]|\s+(?:that|the|and|but|it|he|she|they|we)\b)"),
    _rule("offset", "unit", _read_offset,
          rf"(?:(?P<approx>{_APPROX})\s+)?(?:(?P<num>{_QTY})[\s-]+)?(?P<unit>{_UNIT})s?"
          r"(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later"
          r"|from\s+now|hence|back|before|after)"
          r"(?P<then>\s+(?:that|this)\s+(?:day|week|month|year))?"),
    _rule("set_rate", "unit", _read_set_rate,
          r"(?P<lead>(?:once|twice|thrice|\w+\s+times)\s+)?(?P<q>a|an|per)\s+"
          r"(?P<unit>year|month|week|day|night|hour|minute|second|quarter)"),
    _rule("duration", "unit", _read_duration,
          r"(?:(?P<the>the|its|their|his|her|a|an)\s+)?"
          r"(?:(?P<rel>past|last|next|first|final|coming|previous|following|initial"
          r"|remaining|latest|subsequent|recent|same|entire|whole|full|prior)\s+)?"
          rf"(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_QTY})(?:\s*-\s*|\s+)"
          r"(?:(?:more|additional|extra|full|straight|consecutive|long|short"
          r"|successive|trading|business|working|calendar)\s+)?"
          rf"(?P<unit>{_UNIT})(?P<plural>s)?(?P<half>\s+and\s+a\s+half)?"
          r"(?P<adj>-long|-old|\s+old|-plus|\s+(?:period|span|stretch|spell|run|term|window))?"),
    _rule("bare_units", "unit", _read_bare_units,
          r"(?P<lead>for|in|over|within|during|after|through|throughout|took"
          r"|lasted|spent|than)\s+(?P<the>the\s+)?(?P<rel>past|last|next|coming"
          r"|recent|previous|following|ensuing|intervening|early|first)?\s*"
          r"(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries|quarters)"),
    _rule("long_unit", "unit", _read_long_unit,
          r"(?P<unit>hour|day|week|month|year|decade|centur(?:y|ie))(?P<plural>s)?-long"),
    _rule("units_around", "unit", _read_units_around,
          r"(?P<unit>years|months|weeks|days|decades|hours|minutes|quarters)"
          r"(?=\s+(?:after|before|since|later|earlier|into)\b)"),
    _rule("recent_units", "unit", _read_recent_units,
          r"(?P<rel>recent|coming|past|future)\s+(?P<unit>years|months|weeks|days|decades"
          r"|quarters)"),
    _rule("quarter", "unit", _read_quarter,
          r"(?:(?P<the>the)\s+)?(?P<pre>(?:(?:fiscal|calendar|year-earlier|year-ago"
          r"|prior-year|comparable|corresponding|same|latest|current|recent|just"
          rf"|completed|ended|{_YEAR4}|(?:last|this|next)\s+year's|{_YEAR4}\s+fiscal"
          rf"|fiscal\s+{_YEAR4})(?:\s*-\s*|\s+))*)(?P<ord>{_ORD_Q})(?:\s*-\s*|\s+)"
          r"(?:fiscal(?:\s*-\s*|\s+))?(?P<unit>quarter|half)(?!s)"
          rf"(?:\s+of\s+(?:(?:the|fiscal|calendar)\s+)*(?P<year2>{_YEAR4}"
          r"|(?:this|last|next|the)\s+year))?"),
    _rule("quarter_code", "code", _read_quarter_code,
          r"(?P<pre>(?:fiscal\s+)?(?P<year0>(?:19|20)\d\d)\s+)?(?P<code>[QH][1-4]"
          r"|[1-4]Q)(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?", 0),
    _rule("the_period", "unit", _read_the_period,
          r"(?:the\s+(?P<adj>(?:latest|recent|current|just[\s-]ended|comparable"
          r"|corresponding|year-earlier|year-ago|prior-year|previous-year|same"
          r"|fiscal|reporting|first|latest\s+fiscal|(?P<year>(?:19|20)\d\d))\s+)?"
          r"|(?P<rel>last|this|next)\s+year's\s+)(?P<unit>quarter|period"
          r"|fiscal\s+year)(?!s)(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)"
          r"|(?:of\s+)?last\s+year))?"),
    _rule("year_earlier", "unit", _read_year_earlier,
          r"(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?P<adj>year-earlier"
          r"|year-ago|prior-year|year-before|previous-year)(?:\s+(?P<unit>quarter|period"
          r"|month|year|half|third\s+quarter|second\s+quarter|first\s+quarter"
          r"|fourth\s+quarter|nine\s+months|six\s+months|three\s+months))?"),
    _rule("season", "season", _read_season,
          r"(?:(?P<the>the)\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<rel>this\s+past"
          r"|this\s+coming|this|last|next|past|coming|that|the\s+same)\s+)?"
          rf"(?P<season>{_SEASON})(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?(?:'s)?"),
    _rule("holiday", "holiday", _read_holiday,
          r"(?:(?P<rel>this|last|next|this\s+past|this\s+coming)\s+)?"
          rf"(?P<name>{_HOLIDAY})(?:(?:,\s*|\s+)(?P<year>{_YEAR4}))?"),
    _rule("clock", "clock", _read_clock,
          r"(?:(?P<approx>about|around|approximately|roughly|nearly|just\s+after"
          r"|just\s+before|shortly\s+after|shortly\s+before)\s+)?"
          rf"(?P<clock>{_CLOCK})(?:\s+(?P<tz>{_TZ}))?(?:(?:,\s*|\s+)"
          rf"(?P<date>(?P<wd>{_WEEKDAY})|today|tonight|yesterday|tomorrow"
          rf"|(?P<month>{_MONTH})\s*(?P<day>{_DAY})))?"),
    _rule("clock_part", "part unit", _read_clock_part,
          r"(?P<clock>\d{1,2}(?::\d\d)?)\s+(?:o'clock\s+)?(?:in\s+the\s+)"
          r"(?P<part>morning|afternoon|evening|night)"),
    _rule("reference", "ref unit", _read_reference,
          rf"(?P<word>{_words(PRESENT_REF_WORDS + PAST_REF_WORDS + FUTURE_REF_WORDS)})"),
    _rule("set_word", "set unit", _read_set_word,
          rf"(?P<word>{_words(SET_WORDS)})"),
    _rule("set_every", "set", _read_set_every,
          rf"(?P<q>every|each|per)\s+(?P<other>other\s+)?(?:(?P<num>{_NUM})\s+)?"
          rf"(?P<what>{_UNIT}s?|{_WEEKDAY}|{_MONTH}|{_SEASON}|{_PART}|weekend|year|summer)"),
    _rule("weekday_plural", "weekday", _read_weekday_plural,
          r"(?P<wd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)"
          r"(?:\s+(?P<part>mornings|afternoons|evenings|nights))?"),
    _rule("then_words", "unit part", _read_then_words,
          r"(?P<word>the\s+same\s+day|that\s+same\s+day|that\s+day|that\s+night"
          r"|that\s+week|that\s+month|that\s+year|that\s+time|the\s+same\s+time)"),
)


def _relation(rel: str) -> str | None:
    rel = " ".join(rel.split())
    return {"last": "last", "this past": "last", "past": "last", "next": "next",
            "this coming": "next", "coming": "next", "this": "this", "the previous": "last",
            "the following": "next", "the next": "next"}.get(rel)


def clock_value(word: str) -> str | None:
    """``3 p.m.`` → ``15:00``; ``noon`` → ``12:00``; None for impossible readings."""
    word = word.lower().replace(" ", "")
    if word in CLOCK_WORDS:
        return CLOCK_WORDS[word]
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?(a|p)?", word)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if minute > 59:
        return None
    if m.group(3):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group(3) == "p" else 0)
    elif hour > 24:
        return None
    return f"{hour:02d}:{minute:02d}"


def duration_value(n: float | None, unit: str) -> str:
    """``P3M``, ``PT5H30M``, ``P20Y`` (two decades), ``PXY`` when the number is vague."""
    letter, size = UNITS[unit]
    in_time = unit in ("second", "minute", "hour")
    prefix = "PT" if in_time else "P"
    if n is None:
        return f"{prefix}X{letter}"
    n = n * size
    if letter in UNIT_IN_YEARS:
        n, letter = n * UNIT_IN_YEARS[letter], "Y"
    if n != int(n):
        smaller = {"Y": (12, "M", False), "W": (7, "D", False), "D": (24, "H", True),
                   "H": (60, "M", True), "M": ((60, "S", True) if in_time else (30, "D", False))}
        whole = int(n)
        factor, small, small_in_time = smaller.get(letter, (None, None, None))
        if factor is None:
            return f"{prefix}{n:g}{letter}"
        rest = round((n - whole) * factor)
        if in_time or small_in_time and not in_time:
            head = f"{whole}{letter}" if whole else ""
            if in_time:
                return f"PT{head}{rest}{small}"
            return f"P{head}T{rest}{small}" if head else f"PT{rest}{small}"
        return f"P{whole}{letter}{rest}{small}" if whole else f"P{rest}{small}"
    return f"{prefix}{int(n)}{letter}"


# ----------------------------------------------------------------------------------------------
# Values and their arithmetic


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


# ----------------------------------------------------------------------------------------------
# Resolution


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
