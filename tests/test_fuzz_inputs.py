"""Fuzzing the readers beyond HTML (that one is in test_html.py): the plain-text clean stage,
JSONL, feeds and WARC archives. Whatever the input, only a `StorylineError` may come out, and
nothing intact is lost. Few examples each, no deadline: the suite stays fast."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.clean import clean_article
from storyline.config import Config
from storyline.errors import FetchFailed, StorylineError
from storyline.inputs import fetch
from storyline.inputs.feeds import read_feed
from storyline.inputs.read import records_from_jsonl
from storyline.inputs.warc import read_warc
from storyline.record import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CLEAN_TEXTS = sorted((FIXTURES / "clean").glob("*.txt"))
PAGES = [(FIXTURES / "html" / name).read_bytes()
         for name in ("news_article.html", "second_article.html")]
FEED = (FIXTURES / "html" / "feed.atom").read_bytes()
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- the plain-text clean stage -----------------------------------------------------------------

LINES = ["", "By JANE DOE | Staff Writer", "Published 6:05 a.m. ET Jan. 18, 2024", "Advertisement",
         "Photo: Lee Chan/Courier", "RIVERTON, Ohio (AP) — The council met on Monday.",
         "“We will rebuild,” said the mayor.", "Related: Library design unveiled",
         "Sign up for our newsletter", "\t", "\x0c", "\u2028", "—", "🙂 emoji line"]


@st.composite
def copied_pages(draw) -> str:
    base = draw(st.sampled_from(CLEAN_TEXTS)).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(base)))
        base.insert(at, draw(st.one_of(st.sampled_from(LINES), st.text(max_size=80))))
    if draw(st.booleans()) and base:
        start = draw(st.integers(0, len(base) - 1))
        del base[start:start + draw(st.integers(1, 5))]
    return "\n".join(base)


@FUZZ
@given(st.one_of(copied_pages(), st.text(min_size=1, max_size=600)))
def test_fuzz_clean_article_on_any_text(text):
    article = clean_article(Article(raw=text), Config())
    assert "\n\n".join(article.text[s:e] for s, e in article.paragraphs) == article.text
    assert all(0 <= s <= e <= len(article.text) for s, e in article.paragraphs)
    assert all(removed.text for removed in article.removed)


# --- JSONL ---------------------------------------------------------------------------------------

BAD_RECORDS = ['[]', '"text"', '{"text": 5}', '{"html": null}', '{"id": 1}', '{"text": ""}',
               '{"text": "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005"}',
               '{"text": "ok", "url": []}', '{"text": "Fine words here.", "published": 20240101}',
               "{", "nul\x00l", '{"html": "<html><body></body></html>"}', "[" * 5000,
               '{"id": {"x": 1}, "text": "a"}']
VALID_TEXT = "The council met on Monday and voted to rebuild the bridge over the river."


@st.composite
def jsonl_batches(draw) -> list[tuple[bool, str]]:
    lines = []
    for n in range(draw(st.integers(1, 12))):
        if draw(st.booleans()):
            words = draw(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40))
            record = {"id": f"valid-{n}", "text": VALID_TEXT + words}
            lines.append((True, json.dumps(record, ensure_ascii=draw(st.booleans()))))
        else:
            garbage = draw(st.one_of(st.sampled_from(BAD_RECORDS),
                                     st.text(max_size=120).map(lambda t: "#" + t)))
            lines.append((False, garbage.replace("\n", " ")))
    return lines


@FUZZ
@given(jsonl_batches())
def test_fuzz_jsonl_keeps_every_valid_record_and_reports_every_bad_line(lines):
    text = "\n".join(line for _, line in lines) + "\n"
    items = list(records_from_jsonl(io.StringIO(text), Config(), "batch.jsonl"))
    assert len(items) == len(lines)  # one item per line, in order, none lost
    for number, ((valid, line), item) in enumerate(zip(lines, items), start=1):
        if valid:
            assert isinstance(item, Article) and item.id == json.loads(line)["id"], (line, item)
        else:
            assert isinstance(item, StorylineError), (line, item)
            assert item.location == f"batch.jsonl:{number}" and "\n" not in str(item)


# --- feeds ---------------------------------------------------------------------------------------

FEED_PIECES = [b"<entry>", b"</entry>", b"<content type='html'>", b"]]>", b"<![CDATA[", b"&amp;",
               b"&bogus;", b"\x00", b"\xff\xfe", b"<?xml version='1.0' encoding='utf-16'?>",
               b"<!DOCTYPE feed [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]>", b"&b;",
               b"<link href='http://127.0.0.1/x'/>", b"<link href='javascript:alert(1)'/>"]


@st.composite
def mutated(draw, original: bytes, pieces: list[bytes]) -> bytes:
    data = original
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "delete", "insert", "flip"]))
        if action == "cut":
            data = data[:at]
        elif action == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 400)):]
        elif action == "insert":
            data = data[:at] + draw(st.one_of(st.sampled_from(pieces),
                                              st.binary(max_size=30))) + data[at:]
        else:
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    return data


@FUZZ
@given(mutated(FEED, FEED_PIECES))
def test_fuzz_feeds_only_storyline_errors_escape(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("feed") / "feed.atom"
    path.write_bytes(data)

    def no_network(url, config):
        raise FetchFailed(f"{url}: not fetched in tests")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fetch, "fetch_article", no_network)
        try:
            items = list(read_feed(str(path), Config()))
        except StorylineError as error:
            assert "\n" not in str(error)
            return
    for item in items:
        assert isinstance(item, (Article, StorylineError))
        if isinstance(item, Article):
            assert item.text.strip() and item.source.kind == "feed"


# --- WARC ----------------------------------------------------------------------------------------

def _record(writer: WARCWriter, n: int):
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    return writer.create_warc_record(f"https://courier.example.com/{n}", "response",
                                     payload=io.BytesIO(PAGES[n % 2]), http_headers=headers)


def _archive(count: int, compressed: bool) -> tuple[bytes, list[int]]:
    """`count` records (one gzip member each when compressed) and the offset each one ends at."""
    out = io.BytesIO()
    ends = []
    for n in range(count):
        writer = WARCWriter(out, gzip=compressed)
        writer.write_record(_record(writer, n))
        ends.append(out.tell())
    return out.getvalue(), ends


ARCHIVES = {compressed: _archive(4, compressed) for compressed in (True, False)}


@st.composite
def damaged_archives(draw):
    compressed = draw(st.booleans())
    data, ends = ARCHIVES[compressed]
    at = draw(st.integers(0, len(data) - 1))
    action = draw(st.sampled_from(["cut", "flip", "insert", "delete", "zero"]))
    if action == "cut":
        damaged = data[:at]
    elif action == "flip":
        damaged = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    elif action == "insert":
        damaged = data[:at] + draw(st.binary(min_size=1, max_size=200)) + data[at:]
    elif action == "delete":
        damaged = data[:at] + data[at + draw(st.integers(1, 2000)):]
    else:
        damaged = data[:at] + bytes(draw(st.integers(1, 300))) + data[at + 300:]
    intact = sum(1 for end in ends if end <= at)  # records wholly before the damage
    return compressed, damaged, intact


@FUZZ
@given(damaged_archives())
def test_fuzz_warc_keeps_the_records_before_the_damage(tmp_path_factory, archive):
    compressed, data, intact = archive
    path = tmp_path_factory.mktemp("warc") / ("news.warc.gz" if compressed else "news.warc")
    path.write_bytes(data)
    try:
        items = list(read_warc(str(path), Config()))
    except StorylineError as error:
        assert intact == 0 and "\n" not in str(error), error
        return
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.source.location for a in articles[:intact]] == [
        f"https://courier.example.com/{n}" for n in range(intact)]
    for item in items:
        assert isinstance(item, (Article, StorylineError))
        if isinstance(item, StorylineError):
            assert str(item).isprintable() and "\n" not in str(item)


@pytest.mark.parametrize("compressed", [True, False])
def test_an_undamaged_archive_reads_whole(tmp_path, compressed):
    path = tmp_path / ("news.warc.gz" if compressed else "news.warc")
    path.write_bytes(ARCHIVES[compressed][0])
    assert [item.source.location for item in read_warc(str(path), Config())] == [
        f"https://courier.example.com/{n}" for n in range(4)]
