"""What single words say: months, weekdays, days of the month, years, numbers and units, the
relation word before a name ("last", "this coming"), clock times, and the TIMEX3 value of a
duration. Shared by the readers of `read_calendar` and `read_relative`."""
from __future__ import annotations

import re

from ..vocab.calendar import MONTHS, WEEKDAYS
from ..vocab.time_words import CLOCK_WORDS, NUMBER_WORDS, ORDINAL_WORDS, UNIT_IN_YEARS, UNITS


def group_text(m: re.Match, group: str) -> str:
    return (m.group(group) or "").lower().strip() if group in m.re.groupindex else ""


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    return WEEKDAYS.get(word.lower().rstrip("."))


def day_number(word: str) -> int | None:
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


def unit_name(word: str) -> str:
    word = word.lower().rstrip("s") if word.lower() not in ("centuries",) else "century"
    return {"centurie": "century", "millennia": "millennium", "sec": "second", "min": "minute",
            "hr": "hour", "yr": "year"}.get(word, word)


def relation_of(rel: str) -> str | None:
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
