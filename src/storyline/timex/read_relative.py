"""Readers of words measured from an anchor or in units: relative dates ("last month", "the day
before", "two years ago"), durations ("three months", "in recent years"), frequencies ("twice a
year", "every Monday") and reference words ("now", "recently").

Readers return what those of `read_calendar` return.
"""
from __future__ import annotations

import re

from ..vocab.calendar import WEEKDAYS
from ..vocab.time_words import (
    ANAPHORIC_SHIFTS, NUMBER_WORDS, PARTS_OF_DAY, PAST_REF_WORDS, PRESENT_REF_WORDS,
    RELATIVE_SHIFT, SEASONS, SET_WORDS, UNITS, VAGUE_NUMBERS,
)
from .spec import Spec
from .word_values import (
    duration_value, group_text, month_number, number_value, unit_name, weekday_number,
)

# Quantities that begin with "a": in "a few days" the "a" is part of the number, in "a 16-hour
# flight" it is not.
_A_QUANTITIES = frozenset(w for w in (*VAGUE_NUMBERS, *NUMBER_WORDS) if w.startswith("a "))


def read_relative(m, text):
    rel = " ".join(group_text(m, "rel").split())
    unit = group_text(m, "unit")
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


def read_the_unit(m, text):
    """"the weekend", "by the end of the year", "for the year", "the year ended June 30"."""
    unit = group_text(m, "unit")
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


def read_year_end(m, text):
    return "DATE", Spec("shift", unit="year", n=0)


def read_anaphor(m, text):
    unit = group_text(m, "unit")
    n = -1 if group_text(m, "dir") == "before" else 1
    part = "NI" if unit == "night" else None
    return ("TIME" if part else "DATE"), Spec("shift", unit="day" if part else unit, n=n,
                                             part=part, base="ref")


def read_offset(m, text):
    """"two years ago", "a year earlier", "three days later": a date that far from now or
    from the last date mentioned; "an hour later" and "months later" only say how long."""
    unit = unit_name(m.group("unit"))
    direction = " ".join(group_text(m, "dir").split())
    if direction in ("before", "after"):
        following = text[m.end():m.end() + 3]
        if not re.match(r"\s*[,.;:)]|\s*$", following):
            return None  # "two days after the shooting": a duration and an event
    num = group_text(m, "num")
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


def read_duration(m, text):
    """"three months", "the past two years", "a 16-hour flight", "about an hour and a half"."""
    unit = unit_name(m.group("unit"))
    adj = group_text(m, "adj")
    if "old" in adj:
        return "DURATION", None  # an age: "a 44-year-old protester"
    num = group_text(m, "num")
    the = group_text(m, "the")
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


def read_bare_units(m, text):
    unit = unit_name(m.group("unit"))
    rel = group_text(m, "rel")
    start = m.start("the") if m.group("the") else (m.start("rel") if rel else m.start("unit"))
    if rel in ("recent", "past") and not m.group("the") and unit in ("year", "decade"):
        return ("DATE", (start, m.end())), Spec("ref", value="PAST_REF")  # "in recent years"
    return ("DURATION", (start, m.end())), Spec("duration", value=duration_value(None, unit))


def read_long_unit(m, text):
    """"a day-long meeting", "a decades-long battle"."""
    n = None if m.group("plural") else 1
    return "DURATION", Spec("duration", value=duration_value(n, unit_name(m.group("unit"))))


def read_units_around(m, text):
    """"Months after the shooting", "weeks into the trial": some number of them."""
    return "DURATION", Spec("duration", value=duration_value(None, unit_name(m.group("unit"))))


def read_recent_units(m, text):
    """"in recent years", "in past years": the recent past; "coming months": a stretch."""
    unit = unit_name(m.group("unit"))
    if group_text(m, "rel") in ("recent", "past") and unit in ("year", "decade"):
        return "DATE", Spec("ref", value="PAST_REF")
    if group_text(m, "rel") == "future":  # "future quarters"
        return "DATE", Spec("ref", value="FUTURE_REF")
    return "DURATION", Spec("duration", value=duration_value(None, unit))


def read_reference(m, text):
    word = " ".join(group_text(m, "word").split())
    if word in PRESENT_REF_WORDS:
        value = "PRESENT_REF"
    elif word in PAST_REF_WORDS:
        value = "PAST_REF"
    else:
        value = "FUTURE_REF"
    return "DATE", Spec("ref", value=value), (f"ref:{word}", m.start())


def read_set_word(m, text):
    word = " ".join(group_text(m, "word").split())
    check = "set-adverb" if " " not in word else None
    return "SET", Spec("set", value=SET_WORDS[word]), (check, m.start())


def read_set_every(m, text):
    what = group_text(m, "what")
    step = 2 if m.group("other") else 1
    num = group_text(m, "num")
    if num:
        n = number_value(num)
        if n is None or n != int(n):
            return None
        step *= int(n)
    weekday = (weekday_number(what.rstrip("s")) if what.rstrip("s") in WEEKDAYS
               else weekday_number(what))
    if weekday is not None:
        return "SET", Spec("set", value=f"XXXX-WXX-{weekday + 1}")
    month = month_number(what)
    if month is not None and what[:1].isalpha() and m.group("what")[0].isupper():
        return "SET", Spec("set", value=f"XXXX-{month:02d}")
    if what.rstrip("s") in SEASONS:
        return "SET", Spec("set", value=f"XXXX-{SEASONS[what.rstrip('s')]}")
    if what.rstrip("s") in PARTS_OF_DAY:
        return "SET", Spec("set", value=f"XXXX-XX-XXT{PARTS_OF_DAY[what.rstrip('s')]}")
    if what == "weekend":
        return "SET", Spec("set", value="XXXX-WXX-WE")
    unit = unit_name(what)
    if unit not in UNITS:
        return None
    return "SET", Spec("set", value=duration_value(step, unit))


def read_set_rate(m, text):
    """"twice a year" is a frequency; "$2 million a year" a rate, which news annotation leaves
    out (the span is held so that "a year" is not read as a duration)."""
    unit = unit_name(m.group("unit"))
    if m.group("lead"):
        return "SET", Spec("set", value=duration_value(1, unit))
    before = text[max(0, m.start() - 40):m.start()]
    if re.search(r"(?:\d|\b(?:million|billion|thousand|hundred|percent|cents?|dollars?|pounds?"
                 r"|euros?|yen|tons?|barrels?|times|shares|flights|seats|units|jobs|people))\s*$",
                 before, re.I):
        return "SET", None
    return None


def read_weekday_plural(m, text):
    weekday = weekday_number(m.group("wd")[:-1])
    if weekday is None or not m.group("wd")[0].isupper():
        return None
    part = PARTS_OF_DAY.get(group_text(m, "part"))
    value = f"XXXX-WXX-{weekday + 1}" + (f"T{part}" if part else "")
    return "SET", Spec("set", value=value)


def read_then_words(m, text):
    word = " ".join(group_text(m, "word").split())
    unit = word.split()[-1]
    if unit == "time":
        return None
    part = "NI" if unit == "night" else None
    return ("TIME" if part else "DATE"), Spec("shift", unit="day" if part else unit, n=0,
                                             part=part, base="ref")
