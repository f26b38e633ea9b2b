"""The `times` stage: time expressions found, typed and resolved against publication and context.

Each rule is checked on sentences written for it; the founding sample is checked date by date.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.nlp import load_language
from storyline.record import Article, Published
from storyline.times.stage import _Reading, find_times, normalize_times
from storyline.timex import Context, duration_value, find_candidates, parse_value, resolve
from storyline.timex.recognize import _without_overlaps, readings

from conftest import real_bodies

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE = SHARED / "samples" / "rust-baldwin-2023-04.txt"
PUBLISHED = "2023-04-20"  # a Thursday, the sample's publication date


@pytest.fixture(scope="module")
def nlp():
    return load_language(Config())


@pytest.fixture(scope="module")
def sample(nlp):
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} not available (../shared is absent)")
    text = SAMPLE.read_text(encoding="utf-8")
    return text, nlp(text)


def times(nlp, text: str, published: str | None = PUBLISHED) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_times(nlp(text), published)]


def value_of(nlp, text: str, phrase: str, published: str | None = PUBLISHED) -> str:
    found = [(t, v) for t, _, v in times(nlp, text, published) if t == phrase]
    assert found, f"{phrase!r} not found in {times(nlp, text, published)}"
    return found[0][1]


# ----------------------------------------------------------------------------------------------
# The founding sample: every date the article gives


SAMPLE_DATES = [
    ("charged in January", "January", "2023-01"),
    ("Reed in February", "February", "2023-02"),
    ("and last month the", "last month", "2023-03"),
    ("restarted filming Thursday", "Thursday", "2023-04-20"),
    ("for the case on Friday", "Friday", "2023-04-21"),
    ("Stephanopoulos in December 2021", "December 2021", "2021-12"),
    ("In April 2021", "April 2021", "2021-04"),
    ("an interview in August", "August", "2022-08"),
    ("Speaking to CNN in August", "August", "2022-08"),
    ("Oscar nod in 2004", "2004", "2004"),
    ("ended in 2012", "2012", "2012"),
    ("came to an end in 2020", "2020", "2020"),
    ("Last year, Baldwin", "Last year", "2022"),
    ("and last year hosted", "last year", "2022"),
    ("in the decade since", "the decade", "P10Y"),
]


@pytest.mark.parametrize("context, phrase, value", SAMPLE_DATES)
def test_sample_dates(sample, context, phrase, value):
    text, doc = sample
    where = text.index(context) + context.index(phrase)
    found = {t.span: t for t in find_times(doc, PUBLISHED)}
    assert (where, where + len(phrase)) in found, f"{phrase!r} in {context!r} not found"
    assert found[(where, where + len(phrase))].value == value


def test_sample_quoted_yesterday_is_when_the_quote_was_said(sample):
    """“I got fired from another job yesterday,” the actor told CNN in an interview in August:
    that yesterday is in August 2022, not the day before publication."""
    text, doc = sample
    yesterdays = [t for t in find_times(doc, PUBLISHED) if t.text == "yesterday"]
    assert len(yesterdays) == 2
    for expression in yesterdays:
        assert expression.value in ("2022-08", "XXXX-XX-XX")
        assert expression.value != "2023-04-19"
        assert expression.anchor == "quote:2022-08"


def test_sample_titles_and_names_are_not_times(sample):
    text, doc = sample
    found = {t.text for t in find_times(doc, PUBLISHED)}
    assert "Saturday" not in found  # “Saturday Night Live”
    assert "October" not in found  # “The Hunt for Red October”
    assert "97 Minutes" not in found  # a film


def test_sample_with_a_month_only_publication_date(sample):
    text, doc = sample
    found = {t.text: t.value for t in find_times(doc, "2023-04")}
    assert found["January"] == "2023-01"
    assert found["last month"] == "2023-03"
    assert found["Last year"] == "2022"
    assert found["Thursday"] == "XXXX-WXX-4"  # which Thursday needs the day
    assert found["December 2021"] == "2021-12"


def test_sample_without_a_publication_date(sample):
    text, doc = sample
    found = {t.text: t.value for t in find_times(doc, None)}
    assert found["January"] == "XXXX-01"
    assert found["Last year"] == "XXXX"
    assert found["2004"] == "2004"
    assert found["Friday"] == "XXXX-WXX-5"


def test_stage_fills_the_record(nlp):
    text = "The mayor resigned on Tuesday."
    article = Article(raw=text, text=text, published=Published("2023-04-20", "user", 1.0))
    article.doc = nlp(text)
    article = normalize_times(article, Config())
    assert [(t.text, t.span, t.type, t.value) for t in article.times] == [
        ("Tuesday", (22, 29), "DATE", "2023-04-18")]
    assert article.times[0].anchor == "published:2023-04-20"
    without_parse = Article(raw=text, text=text)
    assert normalize_times(without_parse, Config()).times == []


# ----------------------------------------------------------------------------------------------
# Tense and aspect decide the direction


@pytest.mark.parametrize("text, phrase, value", [
    ("He was charged in January with two counts.", "January", "2023-01"),
    ("She told CNN in an interview in August that she would run.", "August", "2022-08"),
    ("Sales fell sharply in December.", "December", "2022-12"),
    ("The trial will begin in January.", "January", "2024-01"),
    ("The company plans to open the plant in September.", "September", "2023-09"),
    ("Prices have climbed since March.", "March", "2023-03"),
    ("The new law takes effect in June.", "June", "2023-06"),
    ("The offer was extended until May 5.", "May 5", "2023-05-05"),
    ("The ship sank on Jan. 14.", "Jan. 14", "2023-01-14"),
    ("The board will meet on Jan. 14.", "Jan. 14", "2024-01-14"),
    ("He was arrested on Dec. 3.", "Dec. 3", "2022-12-03"),
])
def test_direction_from_the_clause(nlp, text, phrase, value):
    assert value_of(nlp, text, phrase) == value


@pytest.mark.parametrize("text, phrase, value", [
    ("The production restarted filming Thursday in Montana.", "Thursday", "2023-04-20"),
    ("A status hearing is set for the case on Friday.", "Friday", "2023-04-21"),
    ("The senator said Monday that she would resign.", "Monday", "2023-04-17"),
    ("The vote will take place on Monday.", "Monday", "2023-04-24"),
    ("The meeting is scheduled for Tuesday.", "Tuesday", "2023-04-25"),
    ("Officials met on Wednesday to discuss the budget.", "Wednesday", "2023-04-19"),
    ("The court is expected to rule Saturday.", "Saturday", "2023-04-22"),
    ("They lost to Boston last Friday.", "last Friday", "2023-04-14"),
    ("The team plays again next Monday.", "next Monday", "2023-04-24"),
    ("Protesters marched Friday night.", "Friday night", "2023-04-14TNI"),
])
def test_weekdays(nlp, text, phrase, value):
    assert value_of(nlp, text, phrase) == value


@pytest.mark.parametrize("text, phrase, value", [
    ("The storm hit the coast yesterday.", "yesterday", "2023-04-19"),
    ("The results are due today.", "today", "2023-04-20"),
    ("The markets open tomorrow.", "tomorrow", "2023-04-21"),
    ("The band plays tonight.", "tonight", "2023-04-20TNI"),
    ("Police found the car this morning.", "this morning", "2023-04-20TMO"),
    ("Shots were heard last night.", "last night", "2023-04-19TNI"),
    ("It rained the day before yesterday.", "the day before yesterday", "2023-04-18"),
])
def test_deictic_days(nlp, text, phrase, value):
    assert value_of(nlp, text, phrase) == value


@pytest.mark.parametrize("text, phrase, value", [
    ("The bill passed last week.", "last week", "2023-W15"),
    ("The bill passes this week.", "this week", "2023-W16"),
    ("The report comes out next month.", "next month", "2023-05"),
    ("Profits doubled last year.", "last year", "2022"),
    ("Elections are due next year.", "next year", "2024"),
    ("Sales are up this year.", "this year", "2023"),
    ("The plant closed two years ago.", "two years ago", "2021"),
    ("The plant closed three months ago.", "three months ago", "2023-01"),
    ("He left a decade ago.", "a decade ago", "2013"),
    ("The firm moved here several years ago.", "several years ago", "PAST_REF"),
    ("Filming resumed last summer.", "last summer", "2022-SU"),
    ("The bridge opens this fall.", "this fall", "2023-FA"),
])
def test_relative_to_publication(nlp, text, phrase, value):
    assert value_of(nlp, text, phrase) == value


# ----------------------------------------------------------------------------------------------
# Anchors shift through the text


@pytest.mark.parametrize("text, phrase, value", [
    ("The fire started on March 3. The next day, crews contained it.", "The next day",
     "2023-03-04"),
    ("He joined the club in 2004. The following year he was captain.", "The following year",
     "2005"),
    ("The strike began on May 2. Two days later, talks resumed.", "Two days later",
     "2023-05-04"),
    ("The strike began in June 2019. Later that year, it ended.", "Later that year", "2019"),
    ("The deal closed on Oct. 3, 2022. That day, shares rose.", "That day", "2022-10-03"),
    ("The company was founded in 1999. A year earlier, its founder had left IBM.",
     "A year earlier", "1998"),
])
def test_anaphoric_anchors(nlp, text, phrase, value):
    assert value_of(nlp, text, phrase) == value


def test_next_day_without_an_earlier_date_stays_unknown(nlp):
    assert value_of(nlp, "The next day, crews arrived.", "The next day") == "XXXX-XX-XX"


def test_a_year_earlier_compares_with_the_quarter_just_named(nlp):
    text = ("Third-quarter profit rose 12% to $4 million. Sales rose to $80 million from "
            "$71 million a year earlier.")
    assert value_of(nlp, text, "Third-quarter", "1989-10-26") == "1989-Q3"
    assert value_of(nlp, text, "a year earlier", "1989-10-26") == "1988-Q3"


# ----------------------------------------------------------------------------------------------
# Inside a quote, deictic words follow the time the words were said


@pytest.mark.parametrize("text, phrase, value", [
    ("“I was fired yesterday,” she told CNN in an interview in August.", "yesterday",
     "2022-08"),
    ("“We vote tomorrow,” the speaker said Tuesday.", "tomorrow", "2023-04-19"),
    ("“I was there yesterday,” he said.", "yesterday", "2023-04-19"),
    ("“We meet next week,” he said on March 1.", "next week", "2023-W10"),
])
def test_quote_time(nlp, text, phrase, value):
    assert value_of(nlp, text, phrase) == value


def test_a_later_quote_in_the_paragraph_keeps_the_time(nlp):
    text = ("“They fired me yesterday,” she said in an interview in August. “They told me "
            "yesterday that it was over.”")
    values = [v for t, _, v in times(nlp, text) if t == "yesterday"]
    assert values == ["2022-08", "2022-08"]


# ----------------------------------------------------------------------------------------------
# Extents follow TimeML


@pytest.mark.parametrize("text, phrase", [
    ("He resigned in January.", "January"),
    ("Profit fell in the third quarter.", "the third quarter"),
    ("Friday's ruling surprised them.", "Friday"),
    ("It lasted about two years.", "about two years"),
    ("The shop closed nearly four years ago.", "nearly four years ago"),
    ("Earlier this month, the firm cut jobs.", "Earlier this month"),
    ("The plant opened in the early 1990s.", "the early 1990s"),
])
def test_extents(nlp, text, phrase):
    assert phrase in [t for t, _, _ in times(nlp, text)]


# ----------------------------------------------------------------------------------------------
# Durations, sets, decades, centuries, seasons, quarters, weeks, holidays, clock times


@pytest.mark.parametrize("text, phrase, kind, value", [
    ("The talks lasted three months.", "three months", "DURATION", "P3M"),
    ("He waited for a few days.", "a few days", "DURATION", "PXD"),
    ("Prices rose over the past two years.", "the past two years", "DURATION", "P2Y"),
    ("After a 16-hour flight, she landed.", "16-hour", "DURATION", "PT16H"),
    ("The meeting ran for an hour and a half.", "an hour and a half", "DURATION", "PT1H30M"),
    ("The feud lasted two decades.", "two decades", "DURATION", "P20Y"),
    ("Profit rose in the first nine months.", "the first nine months", "DURATION", "P9M"),
    ("The talks took several weeks.", "several weeks", "DURATION", "PXW"),
    ("She fought for years to win.", "years", "DURATION", "PXY"),
    ("The newspaper is published daily.", "daily", "SET", "P1D"),
    ("The firm pays dividends quarterly.", "quarterly", "SET", "P1Q"),
    ("The club meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("The festival returns each July.", "each July", "SET", "XXXX-07"),
    ("The board meets twice a year.", "twice a year", "SET", "P1Y"),
])
def test_durations_and_sets(nlp, text, phrase, kind, value):
    found = {t: (k, v) for t, k, v in times(nlp, text)}
    assert found.get(phrase) == (kind, value), found


@pytest.mark.parametrize("text, phrase, value", [
    ("Crime fell in the 1990s.", "the 1990s", "199"),
    ("Rates peaked in the early 2000s.", "the early 2000s", "200"),
    ("Disco ruled the '70s.", "the '70s", "197"),
    ("Prices rose through the nineties.", "the nineties", "199"),
    ("The church dates to the 12th century.", "the 12th century", "11"),
    ("The war shaped the 20th century.", "the 20th century", "19"),
    ("The tower was built in the spring of 2019.", "the spring of 2019", "2019-SP"),
    ("They married in summer 2004.", "summer 2004", "2004-SU"),
    ("Profit rose in the first quarter of 2021.", "the first quarter of 2021", "2021-Q1"),
    ("Revenue rose 5% in Q3 2022.", "Q3 2022", "2022-Q3"),
    ("Output fell in the first half of 2020.", "the first half of 2020", "2020-H1"),
    ("The case was heard the week of March 6.", "the week of March 6", "2023-W10"),
    ("The suspect was arrested on Christmas Day.", "Christmas Day", "2022-12-25"),
    ("Stores will open on Thanksgiving.", "Thanksgiving", "2023-11-23"),
    ("The rally starts at noon Saturday.", "noon Saturday", "2023-04-22T12:00"),
    ("The market closed at 4 p.m. Friday.", "4 p.m. Friday", "2023-04-14T16:00"),
    ("The report came out on 2021-03-04.", "2021-03-04", "2021-03-04"),
    ("He was born on March 5, 1946.", "March 5, 1946", "1946-03-05"),
    ("He was born on 5 March 1946.", "5 March 1946", "1946-03-05"),
    ("The firm was sold in early 2021.", "early 2021", "2021"),
    ("It ends in mid-2024.", "mid-2024", "2024"),
    ("Losses deepened in fiscal 1989.", "fiscal 1989", "1989"),
    ("The blast came at 10:35 a.m. on Friday.", "10:35 a.m.", "2023-04-14T10:35"),
])
def test_calendar_names(nlp, text, phrase, value):
    assert value_of(nlp, text, phrase) == value


@pytest.mark.parametrize("text, phrase, value", [
    ("Rates are low now.", "now", "PRESENT_REF"),
    ("The firm recently cut jobs.", "recently", "PAST_REF"),
    ("More cuts may come in the future.", "the future", "FUTURE_REF"),
    ("Prices have risen in recent years.", "recent years", "PAST_REF"),
])
def test_references(nlp, text, phrase, value):
    assert value_of(nlp, text, phrase) == value


# ----------------------------------------------------------------------------------------------
# Bad input is never normalised with confidence


@pytest.mark.parametrize("text", [
    "About 2,004 people attended the rally.",
    "She works in Room 2012 of the annex.",
    "Flight 2004 landed safely.",
    "May I ask a question?",
    "They may vote against the bill.",
    "Protesters march on the capital.",
    "The fall of the regime was swift.",
    "A 44-year-old man was arrested.",
    "He is in his 30s.",
    "She watched “Saturday Night Live” on television.",
    "2004 voters signed the petition.",
    "She writes for USA Today.",
    "Tourists flock to Easter Island.",
    "They paid $12-an-hour workers in $20s.",
])
def test_not_times(nlp, text):
    assert times(nlp, text) == []


def test_impossible_date_keeps_only_the_month(nlp):
    found = times(nlp, "The bill was signed on February 30.")
    assert len(found) == 1
    assert not re.search(r"-02-30", found[0][2])
    assert found[0][2] == "2023-02"


def test_february_29_in_a_year_without_one(nlp):
    assert value_of(nlp, "The deadline is February 29.", "February 29") == "XXXX-02-29"
    assert value_of(nlp, "It ended Feb. 29, 2024.", "Feb. 29, 2024") == "2024-02-29"


def test_clock_time_without_a_date_stays_unanchored(nlp):
    assert value_of(nlp, "The meeting starts at 3 p.m.", "3 p.m.") == "XXXX-XX-XXT15:00"


def test_a_time_takes_the_day_named_in_its_sentence(nlp):
    text = "On Tuesday, the blast came at about 10:35 a.m., officials said."
    assert value_of(nlp, text, "about 10:35 a.m.") == "2023-04-18T10:35"


# ----------------------------------------------------------------------------------------------
# The value arithmetic on its own


@pytest.mark.parametrize("n, unit, value", [
    (3, "month", "P3M"), (None, "day", "PXD"), (1.5, "hour", "PT1H30M"), (2, "decade", "P20Y"),
    (16, "hour", "PT16H"), (1.5, "year", "P1Y6M"), (2, "week", "P2W"), (None, "minute", "PTXM"),
])
def test_duration_values(n, unit, value):
    assert duration_value(n, unit) == value


@pytest.mark.parametrize("value, granularity", [
    ("2023", "year"), ("2023-04", "month"), ("2023-04-20", "day"), ("2023-04-20T10:00", "day"),
    ("2023-W16", "week"), ("2023-Q1", "quarter"), ("2023-H2", "half"), ("2023-SU", "season"),
])
def test_parse_value(value, granularity):
    assert parse_value(value).granularity == granularity


def test_parse_value_rejects_what_is_not_a_date():
    assert parse_value(None) is None
    assert parse_value("PRESENT_REF") is None
    assert parse_value("XXXX-08") is None


def test_resolution_is_a_pure_function():
    spec = find_candidates("last month")[0].spec
    now = parse_value("2023-01-15")
    assert resolve(spec, Context(now=now)) == "2022-12"
    assert resolve(spec, Context(now=now)) == "2022-12"
    assert resolve(spec, Context(now=None)) == "XXXX-XX"


# ----------------------------------------------------------------------------------------------
# Lookups by position (bisections, for long texts) give what scans of the whole text gave


class _ScanningReading(_Reading):
    """The stage as it read before its lookups were indexed: each one a scan of the text, the
    quotes, the names or the candidates."""

    def quote_of(self, start, end):
        return next(((a, b) for a, b in self.quotes if a <= start and end <= b), None)

    def inside_name(self, candidate):
        return any(start <= candidate.start and candidate.end <= end
                   and end - start > candidate.end - candidate.start for start, end in self.names)

    def candidates_between(self, start, end):
        return [c for c in self.candidates if start <= c.start < end]

    def break_after(self, offset):
        found = self.text.find("\n\n", offset)
        return len(self.text) if found < 0 else found

    def break_before(self, offset):
        return self.text.rfind("\n\n", 0, offset)

    def quote_start_after(self, offset):
        return next((a for a, _ in self.quotes if a >= offset), len(self.text))

    def quote_end_before(self, offset):
        return max([0] + [b for _, b in self.quotes if b <= offset])

    def quote_timed_before(self, after, before):
        earlier = [a for a in self.quote_times if after < a < before]
        return max(earlier) if earlier else None


def _pairwise_without_overlaps(found):
    taken = []
    for candidate in found:
        if all(candidate.end <= t.start or candidate.start >= t.end for t in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


@pytest.mark.parametrize("number", range(len(real_bodies())))
def test_indexed_lookups_give_the_times_scans_gave(nlp, number):
    text = real_bodies()[number]
    doc = nlp(text)
    indexed = _Reading(doc, PUBLISHED).times()
    scanned = _ScanningReading(doc, PUBLISHED).times()
    assert indexed == scanned
    assert indexed or len(text) < 600  # every real article but the shortest has times


@pytest.mark.parametrize("number", range(len(real_bodies())))
def test_overlap_check_by_bisection_keeps_what_the_pairwise_check_kept(number):
    text = real_bodies()[number]
    found = sorted(readings(text), key=lambda c: (-(c.end - c.start), c.start))
    assert _without_overlaps(found) == _pairwise_without_overlaps(found)
    assert len(found) > len(_without_overlaps(found)) or len(text) < 1_000  # overlaps were met
