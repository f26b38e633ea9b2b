"""HTML pages: the body and its lede, page furniture set aside with its kind, clean metadata,
pages with no article, bad input, and a fuzz test that nothing but a StorylineError escapes."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.config import Config
from storyline.errors import EmptyInput, InputTooLarge, StorylineError, UndecodableInput
from storyline.inputs.html import article_from_html, clean_authors, extract_body, page_metadata, parse_html

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "contract" / "article.schema.json"
PAGE = (FIXTURES / "news_article.html").read_text(encoding="utf-8")
LEDE = ("The harbour bridge will close to all traffic for six weeks from 1 May while engineers "
        "replace corroded steel cables, the city council announced on Thursday.")


@pytest.fixture(scope="module")
def article():
    return article_from_html(PAGE, Config(), location="https://courier.example.com/x")


def test_body_starts_with_the_lede_and_keeps_every_paragraph(article):
    assert article.text.startswith(LEDE)
    assert article.source.kind == "html"
    assert article.source.location == "https://courier.example.com/x"
    assert len(article.paragraphs) == 7
    assert article.text.endswith("update residents weekly while the work goes on.")
    assert article.raw == article.text


def test_paragraph_spans_cut_the_text_exactly(article):
    pieces = [article.text[start:end] for start, end in article.paragraphs]
    assert "\n\n".join(pieces) == article.text
    assert all(piece == piece.strip() and piece for piece in pieces)


@pytest.mark.parametrize("kind, words", [
    ("caption", "Engineers found corrosion on two of the main cables"),
    ("credit", "Photo: Maria Lopez/Riverside Courier"),
    ("image_alt", "The harbour bridge seen from the north bank at dusk"),
    ("related", "Ferry operator adds extra sailings for summer season"),
    ("advert", "Sign up for our free newsletter today"),
    ("advert", "Advertisement"),
    ("navigation", "Home News Sport Weather"),
    ("other", '"The inspection left us no choice," she said.'),
    ("headline", "Harbour bridge to close for six weeks of repairs"),
])
def test_furniture_is_removed_with_its_kind_and_not_in_the_body(article, kind, words):
    assert any(item.kind == kind and words in item.text for item in article.removed)
    if kind not in ("other", "advert"):  # the pull quote's sentence is in the body once
        assert words not in article.text
    assert not re.search(r"Photo:|Most read|Subscribe|Related stories", article.text)


def test_the_pull_quote_sentence_stays_once(article):
    assert article.text.count("the inspection left us no choice") == 1


def test_metadata_clean_names_and_published_not_modified(article):
    assert article.given_headline == "Harbour bridge to close for six weeks of repairs"
    assert article.byline == ["Jane Doe", "Tom Okafor"]
    assert (article.given_published, article.given_published_basis) == ("2023-04-20", "metadata")
    assert article.language == "en"
    assert article.url == "https://courier.example.com/news/2023/04/20/harbour-bridge-repairs"


def test_page_metadata_keeps_modified_date_and_site_apart():
    meta = page_metadata(parse_html(PAGE, Config()))
    assert (meta.published, meta.modified) == ("2023-04-20", "2023-04-22")
    assert meta.site_name == "The Riverside Courier"


def test_a_page_with_only_a_modified_date_has_no_published_date():
    page = ('<html><head><meta property="article:modified_time" content="2023-04-22T10:00">'
            "<title>Update</title></head><body><p>Text of a page.</p></body></html>")
    meta = page_metadata(parse_html(page, Config()))
    assert (meta.published, meta.modified) == (None, "2023-04-22")


def test_the_users_date_wins():
    article = article_from_html(PAGE, Config(), published="2023-04-19")
    assert (article.given_published, article.given_published_basis) == ("2023-04-19", "user")


@pytest.mark.parametrize("field, names", [
    ("By Jane Doe | Email the author | 3 Minute Read", ["Jane Doe"]),
    ("Jane Doe, Staff Writer", ["Jane Doe"]),
    ("Posted 2 hours ago by John Smith", ["John Smith"]),
    ("Ana Lima and Li Wei; Follow on Twitter", ["Ana Lima", "Li Wei"]),
    ("5 Hours Ago", []),
    ("Email the author", []),
    ("admin", []),
])
def test_author_junk_is_never_a_name(field, names):
    assert clean_authors(field) == names


def test_record_matches_the_contract(article):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("../shared/contract is absent")
    record = article.to_json()
    jsonschema.validate(record, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert record["source"] == {"kind": "html", "location": "https://courier.example.com/x"}


@pytest.mark.parametrize("name, message", [
    ("home_page.html", "a home, section or list page"),
    ("not_found.html", "looks like an error page"),
])
def test_pages_without_an_article_are_empty_input(name, message):
    with pytest.raises(EmptyInput, match=message):
        article_from_html((FIXTURES / name).read_text(encoding="utf-8"), Config(), location=name)
    assert extract_body((FIXTURES / name).read_text(encoding="utf-8"), Config()) == ""


def test_bad_input_gets_named_errors():
    with pytest.raises(EmptyInput):
        article_from_html("   \n ", Config())
    with pytest.raises(UndecodableInput, match="binary"):
        article_from_html("\x00\x01\x02\x03\x04" * 400, Config())
    with pytest.raises(InputTooLarge, match="limit 2,000"):
        article_from_html(PAGE, Config(max_fetch_bytes=2_000))


def test_truncated_and_malformed_html_still_give_the_lede():
    cut = PAGE[: PAGE.index("Buses will be diverted")]  # cut mid-page, tags left open
    article = article_from_html(cut, Config())
    assert article.text.startswith(LEDE)
    broken = PAGE.replace("</p>", "").replace("</div>", "").replace("<html", "<html <<")
    assert article_from_html(broken, Config()).text.startswith(LEDE)


def _wrapped(opening: str, closing: str, times: int, page: str = PAGE) -> str:
    """`page` with its body wrapped `times` times in `opening`...`closing`."""
    body_start = page.index(">", page.index("<body")) + 1
    body_end = page.index("</body>")
    return (page[:body_start] + opening * times + page[body_start:body_end] + closing * times
            + page[body_end:])


@pytest.fixture(scope="module")
def plain_paragraphs(article):
    return article.text.split("\n\n")


@pytest.mark.parametrize("opening, closing, times, flattened", [
    ("<div>", "</div>", 300, False),  # past lxml's default limit of 256
    ("<div>", "</div>", 1500, False),
    ("<span>", "</span>", 1500, False),
    ("<div>", "</div>", 5000, True),  # past huge_tree's 2,048 too
    ('<div class="wrap">', "</div>", 5000, True),
    ("<div>", "", 5000, True),  # never closed
    ("<table><tr><td>", "</td></tr></table>", 3000, True),
    ("<blockquote>", "</blockquote>", 3000, True),
])
def test_deeply_nested_pages_keep_every_paragraph(plain_paragraphs, opening, closing, times,
                                                  flattened):
    article = article_from_html(_wrapped(opening, closing, times), Config())
    assert article.text.split("\n\n") == plain_paragraphs
    assert bool(article.warnings) == flattened
    assert all("nested more than 2,048 levels deep" in warning for warning in article.warnings)


def test_a_page_too_deep_even_flattened_is_refused_in_one_line():
    page = "<html><body>" + "".join(f"<pre id=p{n}>word " for n in range(3000)) + "</body></html>"
    with pytest.raises(InputTooLarge, match="nested more than 2,048 levels deep, even with "
                                            "wrappers removed") as caught:
        article_from_html(page, Config(), location="deep.html")
    assert str(caught.value).startswith("deep.html: ") and "\n" not in str(caught.value)


def test_a_page_with_far_too_many_elements_is_refused_before_parsing():
    page = "<html><body>" + "<p><b>w</b></p>" * 60_000 + "</body></html>"
    with pytest.raises(InputTooLarge, match="120,002 elements is more than any article page"):
        article_from_html(page, Config())


def test_a_frameset_page_says_where_its_text_is():
    page = ('<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN"><html><head>'
            "<title>Daily News</title></head><frameset cols='20%,80%'>"
            '<frame src="menu.html"><frame src="/news/story-1.html"><noframes><body>'
            "<p>Your browser does not support frames.</p></body></noframes></frameset></html>")
    with pytest.raises(EmptyInput, match=r"a frameset page, its text is in its frames; read "
                                         r"menu\.html, /news/story-1\.html"):
        article_from_html(page, Config(), location="frames.html")


LAUGHS = ('<!DOCTYPE html [\n<!ENTITY lol "lol">\n' + "".join(
    f'<!ENTITY lol{n} "{("&lol%d;" % (n - 1) if n > 1 else "&lol;") * 10}">\n'
    for n in range(1, 10)) + "]>\n")


@pytest.mark.parametrize("prolog", [LAUGHS, '<?xml version="1.0" encoding="utf-8"?>\n' + LAUGHS])
def test_billion_laughs_in_xhtml_is_neither_expanded_nor_shown(plain_paragraphs, prolog):
    page = prolog + PAGE[PAGE.index("<html"):].replace(
        "<p>About 40,000", "<p>&lol9; About 40,000", 1)
    article = article_from_html(page, Config())
    assert article.text.startswith(LEDE) and "]>" not in article.text
    assert "lol" * 10 not in article.text and len(article.text) < 2 * len("".join(plain_paragraphs))


@pytest.mark.parametrize("marker", ["<p>About 40,000", "About 40,000 vehicles", "<p>Inspectors",
                                    'class="related-articles"'])
def test_pages_cut_anywhere_keep_what_came_before(marker):
    cut = PAGE[: PAGE.index(marker) + 5]
    article = article_from_html(cut, Config())
    assert article.text.startswith(LEDE)
    assert article_from_html(cut + "<!-- never closed <p>hidden", Config()).text.startswith(LEDE)
    assert article_from_html(cut + "<script>var x = '<p>", Config()).text.startswith(LEDE)


SUMMARY_PAGE = """<html><head><title>Dam opens</title></head><body>
<div class="article"><h1>River dam opens its gates for the first time</h1>
<div class="article__summary">Engineers opened the gates of the new river dam on Monday, letting
water through the spillway for the first time since building began in 2019.</div>
<div class="article__text">{body}</div></div><div class="footer">Contact us</div></body></html>
"""
BODY = "".join(f"<p>Paragraph {n} of the story says something about the dam, its cost and the "
               f"towns downstream that depend on it for water and power.</p>" for n in range(1, 7))


def test_a_lede_in_its_own_box_before_the_body_is_kept():
    article = article_from_html(SUMMARY_PAGE.format(body=BODY), Config())
    assert article.text.startswith("Engineers opened the gates of the new river dam on Monday")
    assert "Paragraph 6 of the story" in article.text


def test_a_body_split_over_several_boxes_is_read_whole():
    chunks = "".join(
        f'<div class="body-chunk">{BODY.replace("Paragraph", f"Chunk {c} paragraph")}</div>'
        f'<div class="ad-slot">Advertisement</div>' for c in range(1, 4))
    page = f"<html><body><article><h1>Dam story</h1>{chunks}</article></body></html>"
    text = article_from_html(page, Config()).text
    assert all(f"Chunk {c} paragraph 6" in text for c in (1, 2, 3))
    assert "Advertisement" not in text


@pytest.mark.parametrize("favor", [None, "precision", "balanced", "recall"])
def test_each_trafilatura_setting_keeps_the_lede(favor):
    assert article_from_html(PAGE, Config(html_favor=favor)).text.startswith(LEDE)


TAGS = ["<p>", "</p>", "<div>", "</div>", "<figure>", "<figcaption>", "<table>", "<td>", "<br>",
        "<h1>", "</h1>", "<script>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "<a href='x'>",
        "<meta charset='ebcdic'>", "<?xml version='1.0' encoding='utf-16'?>", "\x00", "\ufeff"]


@st.composite
def mutated_pages(draw):
    page = PAGE
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(page)))
        end = min(len(page), start + draw(st.integers(0, 3000)))
        action = draw(st.sampled_from(["cut", "delete", "insert", "duplicate"]))
        if action == "cut":
            page = page[:start]
        elif action == "delete":
            page = page[:start] + page[end:]
        elif action == "insert":
            page = page[:start] + draw(st.sampled_from(TAGS)) + page[start:]
        else:
            page = page[:end] + page[start:end] + page[end:]
    return page


@settings(max_examples=20, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_pages(), st.text(max_size=400),
                 st.lists(st.sampled_from(TAGS + ["word ", "Sentence. "]), max_size=60)
                 .map("".join)))
def test_fuzz_only_storyline_errors_escape(page):
    try:
        article = article_from_html(page, Config())
    except StorylineError:
        return
    assert article.text.strip()
    assert "\n\n".join(article.text[s:e] for s, e in article.paragraphs) == article.text
