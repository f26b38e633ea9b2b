"""The publication-date stage: caller's date, page stamps and datelines, and inference.

The inference rules are tested on the shared sample and on invented articles of other layouts
(teasers newer and older, weekday cues, datelines with and without a year). No spaCy needed.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean.text import clean_article
from storyline.config import Config
from storyline.clean.published import date_article, gather, infer, normalize_date, parse_date
from storyline.record import Article

REPO = Path(__file__).parents[1]
SAMPLE = REPO / ".." / "shared" / "samples" / "rust-baldwin-2023-04.txt"
FIXTURES = REPO / "tests" / "fixtures" / "clean"


def dated(raw: str, **given) -> Article:
    return date_article(clean_article(Article(raw=raw, **given), Config()), Config())


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def sample() -> str:
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} not available (../shared is absent)")
    return SAMPLE.read_text(encoding="utf-8")


# --- the founding sample ----------------------------------------------------------------------

def test_sample_is_dated_20_or_21_april_2023():
    published = dated(sample()).published
    assert published.value in ("2023-04-20", "2023-04-21")
    assert published.basis == "inferred"
    assert published.confidence >= 0.7
    assert "restates the lede" in published.evidence


def test_sample_rejects_the_2024_teaser_as_a_later_page_element():
    article = clean_article(Article(raw=sample()), Config())
    inference = infer(gather(article))
    why = inference.rejected["2024-02-26"]
    assert "later page element" in why
    assert "does not restate the lede" in why
    assert "days newer than the chosen date" in why
    assert "Rejected 2024-02-26" in inference.published.evidence


def test_sample_weekday_cues_agree_with_the_chosen_day():
    evidence = dated(sample()).published.evidence
    assert "'Thursday' agrees (Thursday the same day)" in evidence
    assert "'on Friday' agrees (Friday 1 day after)" in evidence


# --- stamps and datelines on invented pages ---------------------------------------------------

@pytest.mark.parametrize("name, value, basis, evidence", [
    ("guardian-rail", "2023-04-20", "dateline", "Thu 20 Apr 2023"),
    ("nyt-shelters", "2024-03-14", "dateline", "March 14, 2024"),
    ("local-library", "2024-01-18", "dateline", "Published 6:05 a.m."),
    ("ap-shutdown", "2023-09-30", "dateline", "update time"),
    # Yearless Reuters dateline: "since December 2024" is past, and 3 April is a Thursday in 2025.
    ("reuters-rates", "2025-04-03", "dateline", "year from the article"),
    ("latimes-wildfire", "2023-08-09", "inferred", "restates the lede"),
])
def test_fixture_dates(name, value, basis, evidence):
    published = dated(fixture(name)).published
    assert (published.value, published.basis) == (value, basis)
    assert evidence in published.evidence


def test_update_stamp_is_less_sure_than_a_publication_stamp():
    assert dated(fixture("ap-shutdown")).published.confidence < dated(
        fixture("nyt-shelters")).published.confidence


def test_newer_and_older_teasers_are_rejected_with_reasons():
    inference = infer(gather(clean_article(Article(raw=fixture("latimes-wildfire")), Config())))
    assert inference.published.value == "2023-08-09"
    assert "later page element" in inference.rejected["2024-03-05"]
    assert "older related coverage" in inference.rejected["2023-06-02"]


def test_page_without_any_date_has_none():
    assert dated(fixture("bbc-floods")).published is None


# --- the caller's date --------------------------------------------------------------------------

@pytest.mark.parametrize("given, value", [
    ("2023-04-20", "2023-04-20"),
    ("2023-04-20T10:30:00Z", "2023-04-20"),
    ("2023-04-20 10:30:00+02:00", "2023-04-20"),
    ("April 20, 2023", "2023-04-20"),
    ("Apr. 20, 2023", "2023-04-20"),
    ("20 April 2023", "2023-04-20"),
    ("Thursday, April 20, 2023", "2023-04-20"),
    ("20/04/2023", "2023-04-20"),
    ("2023-04", "2023-04"),
    ("April 2023", "2023-04"),
    ("2023", "2023"),
    ("2023-02-30", None),
    ("soon", None),
    ("April 20", None),
])
def test_normalize_given_dates(given, value):
    assert normalize_date(given) == value


@pytest.mark.parametrize("basis, confidence", [("user", 1.0), ("metadata", 0.9)])
def test_given_date_beats_everything(basis, confidence):
    article = dated(fixture("guardian-rail"), given_published="April 25, 2023",
                    given_published_basis=basis)
    assert (article.published.value, article.published.basis) == ("2023-04-25", basis)
    assert article.published.confidence == confidence


def test_unreadable_given_date_warns_and_falls_through():
    article = dated(fixture("nyt-shelters"), given_published="last Tuesday-ish")
    assert article.published.value == "2024-03-14"
    assert article.published.basis == "dateline"
    assert any("last Tuesday-ish" in warning for warning in article.warnings)


@pytest.mark.parametrize("text, value", [
    ("April 20, 2023", "2023-04-20"),
    ("Feb. 26, 2024", "2024-02-26"),
    ("Updated 3:45 PM EDT, Thu April 20, 2023", "2023-04-20"),
    ("Thu 20 Apr 2023 14.12 BST", "2023-04-20"),
    ("April 3", "XXXX-04-03"),
    ("3 April", "XXXX-04-03"),
    ("December 2021", "2021-12"),
    ("2 hours ago", None),
    ("they may 5 times", None),
])
def test_parse_date(text, value):
    assert parse_date(text) == value


# --- inference rules on invented articles ----------------------------------------------------

def page(lede: str, *rest: str, headline: str = "Council approves new bridge") -> str:
    return "\n\n".join([headline, lede, *rest])


LEDE = ("The Riverton city council approved a new bridge over the Moss River on Wednesday, "
        "ending a decade of debate over the crossing.")
LEDE_TEASER = ("Riverton city council approves new bridge over the Moss River, ending years "
               "of debate")


def test_weekday_cue_moves_the_day_after_the_teaser():
    # Teaser restating the lede dated Tuesday 2023-05-09; the body says the vote was Wednesday.
    raw = page(LEDE, "Supporters had pushed for the bridge since 2019.", LEDE_TEASER,
               "May 9, 2023", "Construction is set to begin next year, officials said.")
    published = dated(raw).published
    assert published.value == "2023-05-10"
    assert "'on Wednesday' agrees (Wednesday the same day)" in published.evidence


def test_future_weekday_cue_points_to_the_week_before():
    lede = ("The Riverton city council approved a new bridge over the Moss River, ending a "
            "decade of debate over the crossing. A final vote is set for Friday.")
    published = dated(page(lede, "Opponents said they had lost.", LEDE_TEASER,
                           "Oct. 11, 2023")).published
    assert published.value == "2023-10-11"  # a Wednesday, two days before Friday
    assert "'Friday' agrees (Friday 2 days after)" in published.evidence


def test_teaser_older_than_a_past_body_date_is_rejected():
    raw = page("The council met in March 2021 and again on Wednesday to debate the bridge "
               "over the Moss River.", "Ferry service ends as old pier closes for repairs",
               "June 1, 2019", "Residents said they were tired of waiting.")
    inference = infer(gather(clean_article(Article(raw=raw), Config())))
    assert "earlier than 'March 2021'" in inference.rejected["2019-06-01"]
    assert inference.published.value == "2021-03"
    assert inference.published.confidence <= 0.2


def test_newer_teaser_past_an_upcoming_date_loses():
    # Neither teaser restates the lede; the body calls June 2023 upcoming, so a teaser from
    # August 2023 is less likely than one from April.
    raw = page("Engineers are still arguing about the bridge over the Moss River, and the "
               "final vote will take place in June 2023, officials said.",
               "Ferry service ends as old pier closes for repairs", "April 4, 2023",
               "Residents said they were tired of waiting.",
               "Bridge collapse in a neighbouring county prompts inspections", "Aug. 15, 2023")
    inference = infer(gather(clean_article(Article(raw=raw), Config())))
    assert inference.published.value == "2023-04-04"
    assert "2023-08-15" in inference.rejected


def test_dated_body_event_anchors_the_day():
    raw = page("On March 12, 2024, the council approved a new bridge over the Moss River. "
               "The mayor said Tuesday that work would begin soon.",
               "Opponents said they would appeal.")
    published = dated(raw).published
    assert published.value == "2024-03-12"  # a Tuesday
    assert published.basis == "inferred"


@pytest.mark.parametrize("dateline, body, value", [
    # No year anywhere: the dateline's month and day are all we can say.
    ("PARIS, June 5 (Reuters) -", "Ministers met to discuss the budget.", "XXXX-06-05"),
    # The year with the dateline itself.
    ("PARIS, June 5, 2022 (AFP) -", "Ministers met to discuss the budget.", "2022-06-05"),
    # Year from the body: the last past date is May 2023, so 5 June is in 2023.
    ("PARIS, June 5 (Reuters) -", "Ministers met to discuss the budget, which was first "
     "proposed in May 2023.", "2023-06-05"),
])
def test_datelines_with_and_without_year(dateline, body, value):
    published = dated(page(f"{dateline} {body}", "Talks continue.")).published
    assert (published.value, published.basis) == (value, "dateline")


# Timestamp lines in a page's header, also as a tokenizer spaced them --------------------------

@pytest.mark.parametrize("stamp, body, value, update", [
    ("9 September 2013 Last updated at 14: 39 GMT",
     "Rescuers searched collapsed homes on Monday after the quake, officials said.", "2013-09-09",
     True),
    ("Mar. 8 5: 46 PM EST",
     "The council voted in March 2013 to close the station, the mayor said on Friday.",
     "2013-03-08", False),
    ("Updated 4 / 9 / 2007 6: 04 PM",
     "Police said the gunman surrendered after a two-hour standoff.", "2007-04-09", True),
    ("12 / 16 / 08 1: 30 AM EST",
     "The team made its offer late on Monday night, two people familiar with it said.",
     "2008-12-16", False),
])
def test_a_header_timestamp_line_dates_the_article(stamp, body, value, update):
    raw = (f"http: / / www. example-news. com / world / story. html\n\n{stamp}\n\n"
           f"Quake survivors wait for aid\n\n{body} The search went on through the night, "
           "and more teams were expected to arrive.\n")
    article = dated(raw)
    assert article.headline == "Quake survivors wait for aid"
    assert article.published.value == value
    assert article.published.basis == "dateline"
    assert ("update" in article.published.evidence) is update
    assert stamp in article.published.evidence
