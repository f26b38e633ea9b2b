"""The cleaning stage on real copy-paste layouts: the shared sample and invented outlets' pages.

No spaCy: these build `Article(raw=...)` and call the stage directly.
"""
from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest

from storyline.clean.text import clean_article
from storyline.clean.layout import is_credit, parse_byline, timestamp_line, web_address
from storyline.config import Config
from storyline.record import REMOVED_KINDS, Article

REPO = Path(__file__).parents[1]
SAMPLE = REPO / ".." / "shared" / "samples" / "rust-baldwin-2023-04.txt"
FIXTURES = REPO / "tests" / "fixtures" / "clean"

# name -> headline, byline, removed kinds (exact counts), text kept in the body, text not in it.
CASES = {
    "rust-baldwin": dict(
        headline="The ‘Rust’ criminal case may be over for Alec Baldwin. "
                 "The career uncertainty is not",
        byline=[],
        removed={"headline": 1, "image_alt": 1, "caption": 1, "credit": 1, "related": 4},
        paragraphs=16,
        kept=["“Just find something else to do, sell real estate.”",
              "“We are pleased with the decision to dismiss the case",
              "restarted filming Thursday in Montana",
              "(The actor’s lawyers are seeking to dismiss the Hutchins family’s suit.)"],
        gone=["business suit on a gala red carpet", "Roundabout Theatre Company",
              "Charles Sykes", "two people familiar with the matter say", "April 20, 2023",
              "Here’s everything we know so far", "Feb. 26, 2024"]),
    "ap-shutdown": dict(
        headline="Senate passes stopgap bill hours before shutdown deadline",
        byline=["Jane Marlowe", "Tomas Reyes"],
        removed={"headline": 1, "byline": 2, "dateline": 2, "navigation": 1, "advert": 1,
                 "other": 2},
        paragraphs=5,
        kept=["The Senate passed a short-term spending bill late Saturday",
              "“We are not done,” the majority leader said."],
        gone=["WASHINGTON (AP)", "Copyright 2023", "Updated 9:14 PM", "contributed to this"]),
    "reuters-rates": dict(
        headline="Bank of England holds rates as inflation cools faster than expected",
        byline=["Priya Anand", "Tom Whitcombe"],
        removed={"headline": 1, "byline": 1, "dateline": 1, "other": 2},
        paragraphs=6,
        kept=["The Bank of England kept interest rates on hold on Thursday",
              "Sterling rose half a cent against the dollar after the decision.",
              "The committee next meets on May 8."],
        gone=["(Reuters)", "Editing by", "Trust Principles"]),
    "bbc-floods": dict(
        headline="Storm Ferren: Homes evacuated as river bursts its banks",
        byline=["Alys Pritchard"],
        removed={"navigation": 6, "headline": 1, "dateline": 1, "byline": 2, "credit": 1,
                 "caption": 1, "related": 3},
        paragraphs=5,
        kept=['"It came up so fast," said resident Morfydd Evans.',
              "A severe flood warning, meaning a danger to life, remains in place."],
        gone=["Image source", "Getty Images", "Firefighters battle rising water",
              "BBC News, Wales", "Wales weather", "2 hours ago"]),
    "guardian-rail": dict(
        headline="Rail strikes: unions announce fresh walkouts over pay dispute",
        byline=["Jessica Mallory"],
        removed={"headline": 1, "byline": 1, "dateline": 1, "caption": 1, "credit": 1},
        paragraphs=6,
        kept=["Members at 14 operators will strike on three days next month",
              "Talks are due to resume on Monday.",
              'Train operators called the announcement "deeply disappointing".'],
        gone=["Photograph:", "Kiran Das", "picket line", "14.12 BST"]),
    "nyt-shelters": dict(
        headline="Appeals Court Revives Lawsuit Over City’s Shelter Rules",
        byline=["Daniel Okafor", "Lena Brandt"],
        removed={"advert": 4, "headline": 1, "navigation": 2, "caption": 1, "credit": 1,
                 "byline": 1, "dateline": 1, "other": 1},
        paragraphs=5,
        kept=["“This is a big day for families,” said Rosa Linares, one of the plaintiffs.",
              "A spokesman for the city said it was reviewing the decision."],
        gone=["Supported by", "Credit...", "Advertisement", "More about", "covers courts",
              "Share full article"]),
    "local-library": dict(
        headline="Riverside council approves $4.2 million budget for new library",
        byline=["Marta Kowalski"],
        removed={"navigation": 4, "headline": 1, "byline": 1, "dateline": 1, "related": 4,
                 "advert": 2},
        paragraphs=5,
        kept=["“It’s about time,” said resident Gloria Benn.",
              "The library board will hold a public meeting on Feb. 6 to discuss the design."],
        gone=["Staff Writer", "Listen to this article", "5 min read", "Library design unveiled",
              "newsletter", "Mayor announces bid", "Follow us"]),
    "latimes-wildfire": dict(
        headline="Evacuation orders lifted as crews gain ground on Canyon fire",
        byline=[],
        removed={"headline": 1, "image_alt": 1, "caption": 1, "credit": 1, "related": 6},
        paragraphs=5,
        kept=["“We got lucky,” he said.", "No homes were lost."],
        gone=["Dana Ruiz", "burned hillsides", "Here’s what we know", "missing part",
              "Aug. 9, 2023"]),
}


def load(name: str) -> str:
    if name == "rust-baldwin":
        if not SAMPLE.exists():
            pytest.skip(f"{SAMPLE} not available (../shared is absent)")
        return SAMPLE.read_text(encoding="utf-8")
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def cleaned(raw: str, **given) -> Article:
    return clean_article(Article(raw=raw, **given), Config())


@pytest.fixture(params=sorted(CASES))
def case(request):
    raw = load(request.param)
    return raw, cleaned(raw), CASES[request.param]


def test_headline_and_byline(case):
    _, article, expected = case
    assert article.headline == expected["headline"]
    assert article.byline == expected["byline"]


def test_removed_kinds(case):
    _, article, expected = case
    assert Counter(item.kind for item in article.removed) == Counter(expected["removed"])
    assert all(item.kind in REMOVED_KINDS and item.reason for item in article.removed)


def test_real_paragraphs_survive(case):
    _, article, expected = case
    assert len(article.paragraphs) == expected["paragraphs"]
    for text in expected["kept"]:
        assert text in article.text
    for text in expected["gone"]:
        assert text not in article.text


def test_paragraph_spans_match_text(case):
    _, article, _ = case
    pieces = [article.text[start:end] for start, end in article.paragraphs]
    assert "\n\n".join(pieces) == article.text
    assert all(piece and piece == piece.strip() and "\n" not in piece for piece in pieces)


def test_nothing_is_lost(case):
    """Every non-empty input line is in the body, or covered by removed items' input spans."""
    raw, article, _ = case
    covered = [False] * len(raw)
    for item in article.removed:
        start, end = item.input_span
        assert raw[start:end] == item.text
        covered[start:end] = [True] * (end - start)
    offset = 0
    for line in raw.splitlines(keepends=True):
        left = "".join(ch for i, ch in enumerate(line, offset) if not covered[i]).strip()
        assert not left or left in article.text, f"lost: {line!r}"
        offset += len(line)


def test_removed_text_is_not_in_body(case):
    _, article, _ = case
    paragraphs = {article.text[start:end] for start, end in article.paragraphs}
    assert not any(item.text in paragraphs for item in article.removed)


def test_sample_teasers_carry_their_dates(sample_text):
    article = cleaned(sample_text)
    dated = {(item.text[:25], item.date) for item in article.removed if item.kind == "related"}
    assert ("New Mexico prosecutors ha", "2023-04-20") in dated
    assert ("Cinematographer Halyna Hu", "2024-02-26") in dated
    assert ("Feb. 26, 2024", "2024-02-26") in dated


def test_given_headline_wins_and_its_repeat_goes():
    raw = ("Storm closes schools\n\nStorm closes schools across the county\n\n"
           "Schools across the county closed on Monday as the storm arrived.\n\n"
           "“Stay home,” the sheriff said.")
    article = cleaned(raw, given_headline="Storm closes schools across the county")
    assert article.headline == "Storm closes schools across the county"
    assert article.text.startswith("Schools across the county closed")
    assert [item.kind for item in article.removed] == ["headline", "headline"]


def test_extracted_text_keeps_real_paragraphs_and_drops_residue():
    text = ("Schools closed on Monday as the storm arrived.\n\nAdvertisement\n\n"
            "“Stay home,” the sheriff said.\n\nShare this article")
    article = Article(raw="<html>…</html>", text=text, given_headline="Storm closes schools")
    article = clean_article(article, Config())
    assert article.text == ("Schools closed on Monday as the storm arrived.\n\n"
                            "“Stay home,” the sheriff said.")
    assert [(item.kind, item.input_span) for item in article.removed] == [
        ("advert", None), ("navigation", None)]
    assert article.headline == "Storm closes schools"


def test_quote_beside_a_credit_is_body_not_caption():
    raw = ("Council backs new bridge\n\nThe council voted for the bridge on Tuesday after "
           "months of debate about its cost.\n\n“We finally did it.”\n(Jane Roe / Riverton "
           "Herald)\n\nWork starts in the spring.")
    article = cleaned(raw)
    assert "“We finally did it.”" in article.text
    assert [item.kind for item in article.removed] == ["headline", "credit"]


def test_page_copied_without_blank_lines():
    raw = ("The mayor resigned on Monday after weeks of pressure from the council.\n"
           "She said she was proud of her record.\n"
           "“I leave with my head high,” she said.\n"
           "Photo: The mayor speaks at City Hall on Monday. (Photo by Sam Lee/Getty Images)\n"
           "Subscribe\n"
           "Her deputy will serve until an election in the fall.\n")
    article = cleaned(raw)
    assert article.headline is None  # a sentence with a final period is no headline
    assert [item.kind for item in article.removed] == ["caption", "credit", "advert"]
    assert len(article.paragraphs) == 4
    assert "She said she was proud of her record." in article.text


def test_hard_wrapped_paragraph_is_joined():
    raw = ("Flood warning for the valley\n\nThe river rose two metres overnight and the\n"
           "county has told people living near it to\nmove to higher ground before dark.\n\n"
           "Officials said more rain was coming.")
    article = cleaned(raw)
    assert len(article.paragraphs) == 2
    assert "and the county has told people living near it to move" in article.text


@pytest.mark.parametrize("line, date", [
    ("WASHINGTON (AP) — Lawmakers met.", None),
    ("LONDON, April 3 (Reuters) - Shares fell.", "XXXX-04-03"),
    ("BEIRUT, March 3, 2024 (AFP) - Talks resumed.", "2024-03-03"),
    ("KYIV, Ukraine (AP) — Air raid sirens sounded.", None),
    ("(CNN) — A storm hit.", None),
    ("SAN FRANCISCO — The company said.", None),
    ("March 26 (Reuters) - Bosnia beat Romania.", "XXXX-03-26"),
    ("Sat Mar 26, 2011 9:49 am EDT (Reuters) - Protesters gathered.", "2011-03-26"),
    ("GENEVA | Wed Apr 29, 2009 3:21 pm BST GENEVA (Reuters) - The outbreak spread.",
     "2009-04-29"),
])
def test_dateline_prefix_goes_rest_of_paragraph_stays(line, date):
    body = line.split(" ", 1)[1] if line.startswith("(") else None
    article = cleaned(f"A headline for the story\n\n{line}\n\nA second paragraph follows here.")
    dateline = [item for item in article.removed if item.kind == "dateline"]
    assert len(dateline) == 1 and dateline[0].date == date
    first = article.text[slice(*article.paragraphs[0])]
    assert line.endswith(first) and first[0].isupper()
    assert body is None or first == body.split(" ", 1)[1]


@pytest.mark.parametrize("line", [
    "March 26 was the day the strike began - and it has not ended.",
    "On March 26 (a Saturday) - the market closed early.",
])
def test_a_date_opening_a_sentence_is_no_dateline(line):
    article = cleaned(f"A headline for the story\n\n{line}\n\nA second paragraph follows here.")
    assert not [item for item in article.removed if item.kind == "dateline"]
    assert article.text.startswith(line)


@pytest.mark.parametrize("line, expected", [
    ("(Charles Sykes / Invision via Associated Press)", True),
    ("Getty Images", True),
    ("AP Photo/Evan Vucci", True),
    ("AFP via Getty Images", True),
    ("Photo: Jane Doe/Reuters", True),
    ("Image source, Getty Images", True),
    ("Courtesy of the Smith family", True),
    ("Reuters reported the figures on Monday.", False),
    ("(The actor’s lawyers are seeking to dismiss the suit.)", False),
    ("Photo: Firefighters battle a blaze in Pine Hollow on Monday.", False),
])
def test_credit_lines(line, expected):
    assert is_credit(line) is expected


@pytest.mark.parametrize("line, header, names", [
    ("By Jane Doe and John Roe", False, ["Jane Doe", "John Roe"]),
    ("By JANE DOE | Staff Writer", False, ["Jane Doe"]),
    ("By Jane Doe, John Roe and Sam Smith, Associated Press", False,
     ["Jane Doe", "John Roe", "Sam Smith"]),
    ("Jane Doe, Reuters", True, ["Jane Doe"]),
    ("Jessica Mallory Transport correspondent", True, ["Jessica Mallory"]),
    ("By Tuesday, officials had evacuated the town.", True, None),
    ("By contrast, the bill failed.", False, None),
    ("Jane Doe, Reuters", False, None),
])
def test_bylines(line, header, names):
    assert parse_byline(line, header) == names


def test_role_line_under_byline_after_photo_block_is_removed():
    """The bundled example: alt text, caption and credit precede "By …" and its role line."""
    from conftest import EXAMPLE

    article = clean_article(Article(raw=EXAMPLE.read_text(encoding="utf-8")), Config())
    assert article.byline == ["Marcus Ellery"]
    assert article.text.startswith("The Riverton City Council voted 6-1 on Wednesday")
    assert [item.kind for item in article.removed].count("byline") == 2
    assert "Staff Writer" not in article.text


@pytest.mark.parametrize("raw", [
    "The council approved the budget on Monday",
    "Schools reopen after the storm\n",
])
def test_a_single_line_is_body_not_headline(raw):
    article = clean_article(Article(raw=raw), Config())
    assert article.headline is None
    assert article.text == raw.strip()


@pytest.mark.parametrize("link", ["http://amzn.to/2jRvThQ", "twitter.com/some_reporter"])
def test_a_cited_link_on_its_own_line_is_not_a_photo_credit(link):
    assert not is_credit(link)


@pytest.mark.parametrize("mark", ["# ", "## ", "###\t"])
def test_markdown_heading_mark_is_not_part_of_the_headline(mark):
    raw = (f"{mark}Council approves new budget for city parks and libraries\n\n"
           "The city council on Tuesday approved a budget that adds money for parks and "
           "libraries, officials said. The vote was 7 to 2.\n\n"
           "Mayor Jane Doe said the plan would keep every branch open through next year.\n")
    article = clean_article(Article(raw=raw), Config())
    assert article.headline == "Council approves new budget for city parks and libraries"
    assert not article.text.startswith("#")
    assert [item.kind for item in article.removed] == ["headline"]


# Lookups indexed for long pages give the cleaning that scans gave --------------------------


class _ScanningBlocks(dict):
    """A block's lines found by a scan of the page, per question, as before `blocks_of`."""

    def __init__(self, lines):
        super().__init__()
        self.lines = lines

    def __getitem__(self, block):
        return [line for line in self.lines if line.block == block]

    def items(self):
        return [(block, self[block]) for block in dict.fromkeys(line.block for line in self.lines)]


def _raw_pages() -> list[str]:
    """Real copied pages: the fixtures, the sample, the sample hard-wrapped at 70 columns
    (a plain-text copy), and every page one after another as one long page."""
    pages = [load(name) for name in sorted(CASES) if name != "rust-baldwin" or SAMPLE.exists()]
    sample = load("rust-baldwin") if SAMPLE.exists() else pages[0]
    wrapped = "\n\n".join(textwrap.fill(block, 70) for block in sample.split("\n\n"))
    return pages + [wrapped, "\n\n".join(pages)]


@pytest.mark.parametrize("number", range(len(_raw_pages())))
def test_indexed_blocks_give_the_cleaning_scans_gave(number, monkeypatch):
    from storyline.clean import layout, text as clean_text

    raw = _raw_pages()[number]
    indexed = cleaned(raw)
    monkeypatch.setattr(clean_text, "blocks_of", _ScanningBlocks)
    monkeypatch.setattr(clean_text, "before_body", lambda lines, index: not any(
        line.kind is None and layout.sentence_like(line) for line in lines[:index]))
    assert indexed == cleaned(raw)
    assert indexed.removed and indexed.paragraphs


# A page's web address and timestamp lines in its header (text saved from a page or rebuilt
# from a tokenized corpus, where "http://" reads "http: / /") ---------------------------------

QUAKE_HEADLINE = "Strong earthquake shakes island off southern coast"
QUAKE_BODY = ("A strong earthquake struck an island off the southern coast on Sunday, "
              "damaging dozens of homes and injuring at least five people, officials said.\n\n"
              "The quake had a magnitude of 6.1 and was followed by several aftershocks, the "
              "national seismological centre said in a statement.\n")
QUAKE_ADDRESS = "http://www.example-news.com/world/2013/09/09/quake-island-coast.html"


@pytest.mark.parametrize("address_line", [
    QUAKE_ADDRESS,
    "http: / / www. example-news. com / world / 2013 / 09 / 09 / quake-island-coast. html",
    "www. example-news. com / world / 2013 / 09 / 09 / quake-island-coast. html",
])
def test_a_first_line_that_is_a_web_address_is_the_page_address(address_line):
    article = cleaned(f"{address_line}\n\n{QUAKE_HEADLINE}\n\n{QUAKE_BODY}")
    assert article.headline == QUAKE_HEADLINE
    assert article.url == QUAKE_ADDRESS
    first = article.removed[0]
    assert first.kind == "other" and "web address" in first.reason
    assert first.text == address_line
    assert "http" not in article.text and "example-news" not in article.text
    assert article.text.startswith("A strong earthquake struck")


def test_a_given_url_is_kept_over_the_first_line():
    article = cleaned(f"{QUAKE_ADDRESS}\n\n{QUAKE_HEADLINE}\n\n{QUAKE_BODY}",
                      url="https://example-news.com/canonical")
    assert article.url == "https://example-news.com/canonical"
    assert article.removed[0].kind == "other"


@pytest.mark.parametrize("line, is_address", [
    ("http: / / articles. example. com / 2005-05-24 / news / 25441279 _ 1 _ coach", True),
    ("http://amzn.to/2jRvThQ", True),
    ("http: / / www. example. com / people / article / 0,, 20697025, 00. html", True),
    ("http: / / www. example. com / article / 132929 / hollywood ’ s-mermaid-dies", True),
    ("http://www.example.com is down for the second day", False),
    ("Mr. Smith/Jones", False),
    ("U. S. / Canada", False),
    (QUAKE_HEADLINE, False),
])
def test_web_address_lines(line, is_address):
    assert bool(web_address(line)) is is_address


@pytest.mark.parametrize("stamp, date", [
    ("9 September 2013 Last updated at 14: 39 GMT", "2013-09-09"),
    ("9 September 2013 Last updated at 14:39 GMT", "2013-09-09"),
    ("Last updated at 14:39 GMT", None),
    ("Mar. 8 5: 46 PM EST", "XXXX-03-08"),
    ("Mar. 8 5:46 PM EST", "XXXX-03-08"),
    ("12 / 16 / 08 1: 30 AM EST", "2008-12-16"),
    ("POSTED: 05 / 02 / 07, 9: 00 PM PDT |", "2007-05-02"),
    ("Published: 2012. 08. 08 09: 01 AM", "2012-08-08"),
])
@pytest.mark.parametrize("stamp_first", [True, False])
def test_a_timestamp_line_in_the_header_is_a_dated_stamp_never_the_headline(stamp, date,
                                                                             stamp_first):
    header = [stamp, QUAKE_HEADLINE] if stamp_first else [QUAKE_HEADLINE, stamp]
    article = cleaned(f"{QUAKE_ADDRESS}\n\n" + "\n\n".join(header) + f"\n\n{QUAKE_BODY}")
    assert article.headline == QUAKE_HEADLINE
    stamps = [item for item in article.removed if item.text == stamp]
    assert len(stamps) == 1 and stamps[0].kind == "dateline" and stamps[0].date == date
    assert stamp not in article.text
    assert article.text.startswith("A strong earthquake struck")


@pytest.mark.parametrize("line", [
    "Storm to reach the coast by 5 p.m. Monday",   # a headline with a time in it
    "May 2024 was the wettest on record",
    "Sheriff: Michigan office shooting kills 1, injures 2",
])
def test_a_headline_with_dates_or_numbers_is_still_the_headline(line):
    article = cleaned(f"{line}\n\n{QUAKE_BODY}")
    assert article.headline == line
    assert not timestamp_line(line)


def test_a_live_page_entry_time_is_body_not_a_stamp():
    raw = ("HAYWARD, Calif. (AP) — The Latest on a stabbing on a commuter train (all times "
           "local):\n\n10 p.m.\n\nAuthorities say a stabbing that killed a passenger on a "
           "commuter train may have followed an attempted robbery.\n")
    article = cleaned(raw)
    assert "10 p.m." in article.text
    assert not any("timestamp" in item.reason for item in article.removed)


def test_the_real_sample_has_no_address_or_timestamp_removals(sample_text):
    article = cleaned(sample_text)
    assert article.url is None
    assert not any("web address" in item.reason or "timestamp line" in item.reason
                   for item in article.removed)
    assert article.headline == CASES["rust-baldwin"]["headline"]
