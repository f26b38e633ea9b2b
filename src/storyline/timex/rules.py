"""The recognition rules: regex fragments built from `vocab.time_words`, and each rule's name,
the trigger words it needs nearby, its reader and its pattern."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..vocab.time_words import (
    APPROXIMATORS, DECADE_WORDS, EASTER_HOLIDAYS, ELECTION_DAY, FIXED_HOLIDAYS, FUTURE_REF_WORDS,
    ORDINAL_WORDS, PAST_REF_WORDS, PRESENT_REF_WORDS, SET_WORDS, TIME_ZONES, VAGUE_NUMBERS,
    WEEKDAY_HOLIDAYS,
)
from .read_calendar import (
    read_century, read_clock, read_clock_part, read_day_month, read_decade, read_deictic,
    read_holiday, read_iso_date, read_month, read_month_day, read_month_year, read_numeric_date,
    read_part_of_day, read_quarter, read_quarter_code, read_season, read_the_period, read_week_of,
    read_weekday, read_year, read_year_earlier,
)
from .read_relative import (
    read_anaphor, read_bare_units, read_duration, read_long_unit, read_offset, read_recent_units,
    read_reference, read_relative, read_set_every, read_set_rate, read_set_word, read_the_unit,
    read_then_words, read_units_around, read_weekday_plural, read_year_end,
)


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


# The rules: a name, the trigger words each needs nearby, the function that reads a match, and
# the pattern. Where matches overlap, the longer wins (`find_candidates`).
RULES = (
    _rule("iso_date", "code", read_iso_date,
          r"(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
          r"(?:T(?P<clock>\d\d:\d\d))?"),
    _rule("numeric_date", "code", read_numeric_date,
          r"(?P<month>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/"
          r"(?P<year>(?:19|20)?\d\d)(?!/)"),
    _rule("month_day", "month", read_month_day,
          rf"(?:(?P<edge>early|late|mid)\s+)?(?:(?P<wd>{_WEEKDAY}),?\s+)?"
          rf"(?:(?P<rel>this\s+coming|this\s+past|this|last|next)\s+)?"
          rf"(?P<month>{_MONTH})\s*(?P<day>{_DAY})(?:(?:,\s*|\s+)(?P<year>{_YEAR}))?"
          rf"(?:'s)?"),
    _rule("day_month", "month", read_day_month,
          rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+"
          rf"(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?"),
    _rule("week_of", "month", read_week_of,
          rf"the\s+week\s+of\s+(?P<month>{_MONTH})\s*(?P<day>{_DAY})"
          rf"(?:,?\s+(?P<year>{_YEAR4}))?"),
    _rule("month_year", "month", read_month_year,
          rf"(?P<edge>{_EDGE})?(?P<month>{_MONTH})(?:\s+of)?,?\s+(?:(?P<year>{_YEAR})"
          r"|(?P<rel>this|last|next)\s+year)"),
    _rule("month", "month", read_month,
          rf"(?P<edge>{_EDGE})?(?:(?P<rel>{_REL}|this\s+past|this\s+coming|that"
          rf"|the\s+previous|the\s+following|the\s+same)\s+)?(?P<month>{_MONTH})(?:'s)?"),
    _rule("year", "year", read_year,
          rf"(?P<edge>{_EDGE})?(?P<prefix>(?:the\s+)?(?:fiscal|calendar|model|school)"
          rf"(?:\s+year)?\s+|the\s+year\s+|(?:the\s+)?(?P<season>{_SEASON})\s+(?:of\s+)?)?"
          rf"(?P<year>{_YEAR4}|{_WRITTEN_YEAR})(?:'s)?"),
    _rule("decade", "decade year", read_decade,
          rf"(?:{_SPAN_OF}\s+)?(?:the\s+)?(?P<edge>(?:early|late|mid)(?:\s*-\s*|\s+))?"
          rf"(?P<decade>(?:1[0-9]|20)\d0s|'\d0s|(?<![\d'’])\d0s|{_words(DECADE_WORDS)})"),
    _rule("century", "unit", read_century,
          rf"(?:the\s+)?(?P<edge>(?:early|late|mid)(?:\s*-\s*|\s+))?"
          rf"(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_DAY})[\s-]+century"),
    _rule("weekday", "weekday", read_weekday,
          rf"(?:(?P<edge>early|late|earlier|later|{_SPAN_OF})\s+)?"
          rf"(?:(?P<rel>this\s+coming|this\s+past|this|last|next|coming|past"
          rf"|the\s+previous|the\s+following|the\s+next|that)\s+)?"
          rf"(?P<wd>{_WEEKDAY})(?P<poss>'s)?(?:\s+(?P<part>{_PART}))?"),
    _rule("deictic", "deictic", read_deictic,
          r"(?:(?P<edge>early|late|earlier|later|mid-?afternoon|mid-?morning)\s+)?"
          r"(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today"
          r"|tonight|yesterday|tomorrow)(?P<poss>'s)?"
          r"(?:\s+(?P<part>morning|afternoon|evening|night))?"),
    _rule("part_of_day", "part unit", read_part_of_day,
          r"(?:(?P<edge>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow"
          r"|yesterday|that|the\s+same|the\s+next|the\s+following|the\s+previous)"
          r"\s+(?P<part>morning|afternoon|evening|night)"),
    _rule("relative", "unit", read_relative,
          rf"(?:(?P<edge>early|late|earlier|later|mid|{_SPAN_OF})[\s-]+)?(?P<the>the\s+)?"
          rf"(?P<rel>{_REL}|that|this\s+past|this\s+coming|the\s+previous"
          rf"|the\s+following|the\s+next|the\s+same|the\s+prior|the\s+preceding)"
          r"\s+(?P<unit>day|week|weekend|month|quarter|year|decade|century"
          r"|season|half)(?P<poss>'s)?"),
    _rule("the_unit", "unit", read_the_unit,
          rf"(?:(?P<edge>{_SPAN_OF})\s+)?the\s+(?:(?P<full>full|entire|whole|fiscal"
          r"|calendar)\s+)?(?P<unit>year|month|week|weekend|decade)(?P<ended>\s+(?:ended"
          r"|ending|that\s+ended|that\s+ends))?(?P<since>(?=\s+(?:since|after|that"
          r"\s+followed)\b))?(?!\s+(?:before|after|earlier|later|ago)\b)"),
    _rule("year_end", "unit", read_year_end,
          r"(?:around\s+)?(?:year[\s-]end|year's\s+end)"),
    _rule("anaphor", "unit", read_anaphor,
          r"the\s+(?P<unit>day|night|week|month|year)\s+(?P<dir>before|after)"
          r"(?=\s*[,.;:)—–-]|\s+(?:that|the|and|but|it|he|she|they|we)\b)"),
    _rule("offset", "unit", read_offset,
          rf"(?:(?P<approx>{_APPROX})\s+)?(?:(?P<num>{_QTY})[\s-]+)?(?P<unit>{_UNIT})s?"
          r"(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later"
          r"|from\s+now|hence|back|before|after)"
          r"(?P<then>\s+(?:that|this)\s+(?:day|week|month|year))?"),
    _rule("set_rate", "unit", read_set_rate,
          r"(?P<lead>(?:once|twice|thrice|\w+\s+times)\s+)?(?P<q>a|an|per)\s+"
          r"(?P<unit>year|month|week|day|night|hour|minute|second|quarter)"),
    _rule("duration", "unit", read_duration,
          r"(?:(?P<the>the|its|their|his|her|a|an)\s+)?"
          r"(?:(?P<rel>past|last|next|first|final|coming|previous|following|initial"
          r"|remaining|latest|subsequent|recent|same|entire|whole|full|prior)\s+)?"
          rf"(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_QTY})(?:\s*-\s*|\s+)"
          r"(?:(?:more|additional|extra|full|straight|consecutive|long|short"
          r"|successive|trading|business|working|calendar)\s+)?"
          rf"(?P<unit>{_UNIT})(?P<plural>s)?(?P<half>\s+and\s+a\s+half)?"
          r"(?P<adj>-long|-old|\s+old|-plus|\s+(?:period|span|stretch|spell|run|term|window))?"),
    _rule("bare_units", "unit", read_bare_units,
          r"(?P<lead>for|in|over|within|during|after|through|throughout|took"
          r"|lasted|spent|than)\s+(?P<the>the\s+)?(?P<rel>past|last|next|coming"
          r"|recent|previous|following|ensuing|intervening|early|first)?\s*"
          r"(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries|quarters)"),
    _rule("long_unit", "unit", read_long_unit,
          r"(?P<unit>hour|day|week|month|year|decade|centur(?:y|ie))(?P<plural>s)?-long"),
    _rule("units_around", "unit", read_units_around,
          r"(?P<unit>years|months|weeks|days|decades|hours|minutes|quarters)"
          r"(?=\s+(?:after|before|since|later|earlier|into)\b)"),
    _rule("recent_units", "unit", read_recent_units,
          r"(?P<rel>recent|coming|past|future)\s+(?P<unit>years|months|weeks|days|decades"
          r"|quarters)"),
    _rule("quarter", "unit", read_quarter,
          r"(?:(?P<the>the)\s+)?(?P<pre>(?:(?:fiscal|calendar|year-earlier|year-ago"
          r"|prior-year|comparable|corresponding|same|latest|current|recent|just"
          rf"|completed|ended|{_YEAR4}|(?:last|this|next)\s+year's|{_YEAR4}\s+fiscal"
          rf"|fiscal\s+{_YEAR4})(?:\s*-\s*|\s+))*)(?P<ord>{_ORD_Q})(?:\s*-\s*|\s+)"
          r"(?:fiscal(?:\s*-\s*|\s+))?(?P<unit>quarter|half)(?!s)"
          rf"(?:\s+of\s+(?:(?:the|fiscal|calendar)\s+)*(?P<year2>{_YEAR4}"
          r"|(?:this|last|next|the)\s+year))?"),
    _rule("quarter_code", "code", read_quarter_code,
          r"(?P<pre>(?:fiscal\s+)?(?P<year0>(?:19|20)\d\d)\s+)?(?P<code>[QH][1-4]"
          r"|[1-4]Q)(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?", 0),
    _rule("the_period", "unit", read_the_period,
          r"(?:the\s+(?P<adj>(?:latest|recent|current|just[\s-]ended|comparable"
          r"|corresponding|year-earlier|year-ago|prior-year|previous-year|same"
          r"|fiscal|reporting|first|latest\s+fiscal|(?P<year>(?:19|20)\d\d))\s+)?"
          r"|(?P<rel>last|this|next)\s+year's\s+)(?P<unit>quarter|period"
          r"|fiscal\s+year)(?!s)(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)"
          r"|(?:of\s+)?last\s+year))?"),
    _rule("year_earlier", "unit", read_year_earlier,
          r"(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?P<adj>year-earlier"
          r"|year-ago|prior-year|year-before|previous-year)(?:\s+(?P<unit>quarter|period"
          r"|month|year|half|third\s+quarter|second\s+quarter|first\s+quarter"
          r"|fourth\s+quarter|nine\s+months|six\s+months|three\s+months))?"),
    _rule("season", "season", read_season,
          r"(?:(?P<the>the)\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<rel>this\s+past"
          r"|this\s+coming|this|last|next|past|coming|that|the\s+same)\s+)?"
          rf"(?P<season>{_SEASON})(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?(?:'s)?"),
    _rule("holiday", "holiday", read_holiday,
          r"(?:(?P<rel>this|last|next|this\s+past|this\s+coming)\s+)?"
          rf"(?P<name>{_HOLIDAY})(?:(?:,\s*|\s+)(?P<year>{_YEAR4}))?"),
    _rule("clock", "clock", read_clock,
          r"(?:(?P<approx>about|around|approximately|roughly|nearly|just\s+after"
          r"|just\s+before|shortly\s+after|shortly\s+before)\s+)?"
          rf"(?P<clock>{_CLOCK})(?:\s+(?P<tz>{_TZ}))?(?:(?:,\s*|\s+)"
          rf"(?P<date>(?P<wd>{_WEEKDAY})|today|tonight|yesterday|tomorrow"
          rf"|(?P<month>{_MONTH})\s*(?P<day>{_DAY})))?"),
    _rule("clock_part", "part unit", read_clock_part,
          r"(?P<clock>\d{1,2}(?::\d\d)?)\s+(?:o'clock\s+)?(?:in\s+the\s+)"
          r"(?P<part>morning|afternoon|evening|night)"),
    _rule("reference", "ref unit", read_reference,
          rf"(?P<word>{_words(PRESENT_REF_WORDS + PAST_REF_WORDS + FUTURE_REF_WORDS)})"),
    _rule("set_word", "set unit", read_set_word,
          rf"(?P<word>{_words(SET_WORDS)})"),
    _rule("set_every", "set", read_set_every,
          rf"(?P<q>every|each|per)\s+(?P<other>other\s+)?(?:(?P<num>{_NUM})\s+)?"
          rf"(?P<what>{_UNIT}s?|{_WEEKDAY}|{_MONTH}|{_SEASON}|{_PART}|weekend|year|summer)"),
    _rule("weekday_plural", "weekday", read_weekday_plural,
          r"(?P<wd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)"
          r"(?:\s+(?P<part>mornings|afternoons|evenings|nights))?"),
    _rule("then_words", "unit part", read_then_words,
          r"(?P<word>the\s+same\s+day|that\s+same\s+day|that\s+day|that\s+night"
          r"|that\s+week|that\s+month|that\s+year|that\s+time|the\s+same\s+time)"),
)
