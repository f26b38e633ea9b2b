"""Feeds (RSS, Atom) and WARC archives: item by item, failures yielded, never a traceback.

The feed fixture's links point at the local test server on 127.0.0.1, so the tests that fetch
them allow private addresses; the refusal itself is tested here too."""
from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.config import Config
from storyline.errors import (AddressRefused, EmptyInput, FetchFailed, InputNotFound,
                              InputTooLarge, MalformedRecord, StorylineError)
from storyline.inputs.feeds import read_feed
from storyline.inputs.warc import read_warc
from storyline.record import Article
from test_fetch import local_server  # noqa: F401  (the module's local HTTP server fixture)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"


@pytest.fixture
def config() -> Config:
    return Config(fetch_timeout=5.0, allow_private_addresses=True)


@pytest.fixture
def rss_file(tmp_path, local_server):  # noqa: F811
    _, base = local_server
    feed = (FIXTURES / "feed.rss").read_text(encoding="utf-8").replace("{server}", base)
    path = tmp_path / "feed.rss"
    path.write_text(feed, encoding="utf-8")
    return path, base


def test_rss_uses_full_content_fetches_links_and_yields_failures(rss_file, config):
    path, base = rss_file
    items = list(read_feed(str(path), config))
    assert len(items) == 3
    full, fetched, failed = items
    # 1: the item's content:encoded is the full text: used as is, caption set aside
    assert isinstance(full, Article) and full.source.kind == "feed"
    assert full.source.location == f"{base}/news/cycle-lanes"
    assert full.text.startswith("Councillors voted on Tuesday night to build protected")
    assert "station roundabout, where most accidents happen" not in full.text
    assert any(r.kind == "caption" and "most accidents" in r.text for r in full.removed)
    assert full.given_headline == "Council approves new cycle lanes on the ring road"
    assert full.byline == ["Priya Natarajan"]
    assert (full.given_published, full.given_published_basis) == ("2023-04-12", "metadata")
    # 2: a teaser only: the link is fetched and extracted
    assert isinstance(fetched, Article) and fetched.source.kind == "feed"
    assert fetched.text.startswith("The harbour bridge will close to all traffic")
    assert fetched.given_published == "2023-04-20"
    # 3: the link is gone: the error is yielded with its ids, the batch went on
    assert isinstance(failed, FetchFailed)
    assert failed.record_id == "courier-2023-0421"
    assert failed.location == f"{base}/missing"
    assert "HTTP 404" in str(failed)


def test_a_feed_by_url(local_server, config):  # noqa: F811
    _, base = local_server
    items = list(read_feed(f"{base}/feed.rss", config))
    assert [type(item).__name__ for item in items] == ["Article", "Article", "FetchFailed"]


def test_atom_full_content_and_published_not_updated(config):
    (item,) = list(read_feed(str(FIXTURES / "feed.atom"), config))
    assert item.source.kind == "feed"
    assert item.url == "https://weekly.example.org/2023/05/ferry-electric"
    assert item.text.startswith("The river ferry company has ordered two battery-powered boats")
    assert len(item.paragraphs) == 4
    assert item.byline == ["Owen Pryce"]
    assert item.given_published == "2023-05-01"  # <published>, never <updated> (05-03)


def test_empty_feed_and_non_feeds_are_clear_errors(tmp_path, config):
    with pytest.raises(EmptyInput, match="the feed has no items"):
        list(read_feed(str(FIXTURES / "empty_feed.rss"), config))
    junk = tmp_path / "junk.xml"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n not a feed at all")
    with pytest.raises(MalformedRecord, match="not an RSS or Atom feed"):
        list(read_feed(str(junk), config))
    with pytest.raises(InputNotFound):
        list(read_feed(str(tmp_path / "absent.rss"), config))


def _http_record(writer: WARCWriter, uri: str, body: bytes, content_type: str):
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                     http_headers=headers)


@pytest.fixture
def warc_gz(tmp_path) -> Path:
    """Two HTML responses, an image response and a request record, as CC-NEWS has them."""
    path = tmp_path / "news.warc.gz"
    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        request = io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")
        writer.write_record(writer.create_warc_record(
            "https://courier.example.com/a", "request", payload=request))
        writer.write_record(_http_record(writer, "https://courier.example.com/a",
                                         (FIXTURES / "news_article.html").read_bytes(),
                                         "text/html; charset=utf-8"))
        writer.write_record(_http_record(writer, "https://courier.example.com/logo.png",
                                         b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"))
        writer.write_record(_http_record(writer, "https://courier.example.com/b",
                                         (FIXTURES / "second_article.html").read_bytes(),
                                         "text/html"))
    return path


def test_warc_yields_the_html_responses_only(warc_gz, config):
    items = list(read_warc(str(warc_gz), config))
    assert [item.source.location for item in items] == [
        "https://courier.example.com/a", "https://courier.example.com/b"]
    assert all(isinstance(item, Article) and item.source.kind == "warc" for item in items)
    assert items[0].text.startswith("The harbour bridge will close")
    assert items[1].text.startswith("The central library reopened on Tuesday")
    assert items[1].given_published == "2023-05-02"  # the page's own date, not WARC-Date
    assert all(item.id.startswith("urn:uuid:") for item in items)


def test_uncompressed_warc_reads_the_same(warc_gz, tmp_path, config):
    plain = tmp_path / "news.warc"
    plain.write_bytes(gzip.decompress(warc_gz.read_bytes()))
    assert len(list(read_warc(str(plain), config))) == 2


def test_corrupt_and_truncated_warcs(tmp_path, warc_gz, config):
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"this is not an archive\n" * 20)
    with pytest.raises(MalformedRecord, match="not a readable WARC archive"):
        list(read_warc(str(junk), config))
    data = warc_gz.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:-100])  # inside the last record's gzip member
    items = list(read_warc(str(cut), config))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], MalformedRecord)
    assert "corrupt" in str(items[-1]) and items[-1].location == str(cut)
    with pytest.raises(InputNotFound):
        list(read_warc(str(tmp_path / "absent.warc.gz"), config))


def _cli(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "storyline.cli", *args], capture_output=True,
                          timeout=300)


def test_ingest_a_warc_archive_end_to_end(warc_gz, tmp_path):
    import json

    out = tmp_path / "records.jsonl"
    result = _cli("ingest", str(warc_gz), "--out", str(out), "--workers", "1", "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 2
    assert {record["source"]["kind"] for record in records} == {"warc"}
    assert all(record["text"] for record in records)
    assert any(record["entities"] for record in records)


def test_extract_a_feed_and_an_html_file_end_to_end(rss_file, tmp_path):
    import json

    path, _ = rss_file
    feed = _cli("extract", str(path), "--format", "jsonl", "--workers", "1", "--quiet",
                "--allow-private-fetch")
    records = [json.loads(line) for line in feed.stdout.decode().splitlines()]
    assert records and {record["source"]["kind"] for record in records} == {"feed"}
    page = _cli("extract", str(FIXTURES / "news_article.html"))
    assert page.returncode == 0, page.stderr.decode()
    record = json.loads(page.stdout)
    assert record["source"]["kind"] == "html"
    assert record["headline"] and record["text"]
    assert {item["kind"] for item in record["removed"]} & {"caption", "credit", "related"}


def test_extract_a_url_end_to_end(local_server):  # noqa: F811
    import json

    _, base = local_server
    result = _cli("extract", f"{base}/article", "--allow-private-fetch")
    if result.returncode != 0:  # the fixture server names its pages; show what it has
        pytest.fail(result.stderr.decode())
    record = json.loads(result.stdout)
    assert record["source"]["kind"] == "url" and record["text"]
    missing = _cli("extract", f"{base}/no-such-page", "--allow-private-fetch")
    assert missing.returncode == 10 and b"404" in missing.stderr


# --- feed links and private addresses -----------------------------------------------------------

def test_a_feed_link_to_loopback_is_refused_by_default_and_the_rest_goes_on(rss_file):
    path, base = rss_file
    full, teaser, missing = list(read_feed(str(path), Config(fetch_timeout=5.0)))
    assert isinstance(full, Article)  # its full text is in the feed: nothing fetched
    for failure, record_id in ((teaser, "courier-2023-0420"), (missing, "courier-2023-0421")):
        assert isinstance(failure, AddressRefused) and failure.exit_code == 15
        assert failure.record_id == record_id and failure.location.startswith(base)
        assert "loopback" in str(failure) and "--allow-private-fetch" in str(failure)


def test_refused_feed_links_go_to_the_batch_failures(rss_file, tmp_path):
    import json

    path, _ = rss_file
    errors = tmp_path / "errors.jsonl"
    result = _cli("extract", str(path), "--format", "jsonl", "--workers", "1", "--quiet",
                  "--errors", str(errors))
    assert result.returncode == 1, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [record["headline"] for record in records] == [
        "Council approves new cycle lanes on the ring road"]
    failures = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(f["id"], f["error"]) for f in failures] == [
        ("courier-2023-0420", "AddressRefused"), ("courier-2023-0421", "AddressRefused")]
    assert all("--allow-private-fetch" in failure["reason"] for failure in failures)


# --- hostile and large feeds ---------------------------------------------------------------------

BODY = "".join(f"<p>Paragraph {n} of the story: the council met on Monday to discuss the new "
               "bridge, its cost and the towns downstream that depend on it for water and power."
               "</p>" for n in range(7))


def _rss(items: str, prolog: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>' + prolog +
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Courier</title>{items}</channel></rss>")


def _item(n: int, title: str = "Story", body: str = BODY) -> str:
    return (f"<item><title>{title} {n}</title><link>https://courier.example.com/{n}</link>"
            f"<guid>story-{n}</guid><pubDate>Tue, 02 May 2023 10:00:00 GMT</pubDate>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")


def test_billion_laughs_in_a_feed_is_never_expanded(tmp_path, config):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol%d;" % (n - 1) if n > 1 else "&lol;") * 10}">'
        for n in range(1, 10))
    path = tmp_path / "laughs.rss"
    path.write_text(_rss(_item(1, title="&lol9;") + _item(2),
                         prolog=f"<!DOCTYPE rss [{entities}]>"), encoding="utf-8")
    items = list(read_feed(str(path), config))  # expanded, the title alone would be 3 GB
    assert [type(item) for item in items] == [Article, Article]
    assert all("lol" * 20 not in (item.given_headline or "") + item.text for item in items)


def test_a_feed_of_5000_full_text_items_streams_every_item(tmp_path, config, monkeypatch):
    """Each item is read when the batch asks for it, none is lost. (The extraction itself is
    stubbed: the other tests run it; here it would only add a minute.)"""
    from storyline.inputs import html

    path = tmp_path / "big.rss"
    path.write_text(_rss("".join(_item(n) for n in range(5000))), encoding="utf-8")
    pages = []

    def extract(page, config, location=None, published=None):
        pages.append(location)
        return Article(raw=page, text=page)

    monkeypatch.setattr(html, "article_from_html", extract)
    items = read_feed(str(path), config)
    first = next(items)
    assert isinstance(first, Article) and pages == ["https://courier.example.com/0"]
    rest = list(items)
    assert len(rest) == 4999 and all(isinstance(item, Article) for item in rest)
    assert [item.url for item in rest[-2:]] == ["https://courier.example.com/4998",
                                                 "https://courier.example.com/4999"]
    assert all(item.given_headline == f"Story {n}" for n, item in enumerate([first, *rest]))


def test_a_feed_over_the_size_cap_is_refused_unread(tmp_path):
    path = tmp_path / "huge.rss"
    path.write_text(_rss("".join(_item(n) for n in range(20))), encoding="utf-8")
    with pytest.raises(InputTooLarge, match="more than any feed"):
        list(read_feed(str(path), Config(max_fetch_bytes=10_000)))


# --- WARC: bombs, damage, resync -----------------------------------------------------------------

PAGES = [(FIXTURES / "news_article.html").read_bytes(),
         (FIXTURES / "second_article.html").read_bytes()]


def _members(records: list[tuple[str, bytes, str]]) -> list[bytes]:
    """Each response record as its own gzip member, as CC-NEWS writes them."""
    members = []
    for uri, body, content_type in records:
        out = io.BytesIO()
        writer = WARCWriter(out, gzip=True)
        writer.write_record(_http_record(writer, uri, body, content_type))
        members.append(out.getvalue())
    return members


def _five_stories() -> list[bytes]:
    return _members([(f"https://courier.example.com/{n}", PAGES[n % 2], "text/html")
                     for n in range(5)])


def _kinds(items) -> list[str]:
    return [type(item).__name__ for item in items]


def _assert_one_printable_line(failures) -> None:
    for failure in failures:
        assert str(failure).isprintable() and "\n" not in str(failure), repr(str(failure))


def _peak_memory(function):
    import tracemalloc

    tracemalloc.start()
    try:
        result = function()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _zeros_member(size: int, prefix: bytes = b"") -> bytes:
    """A gzip member of `prefix` and then `size` zero bytes, compressed as it is written."""
    import zlib

    deflate = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [deflate.compress(prefix)]
    block = bytes(1 << 20)
    for _ in range(size // len(block)):
        parts.append(deflate.compress(block))
    parts.append(deflate.flush())
    return b"".join(parts)


def test_a_gzip_bomb_named_warc_gz_fails_fast_in_bounded_memory(tmp_path):
    path = tmp_path / "bomb.warc.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:  # 128 MB of zeros, ~130 KB on disk
        for _ in range(128):
            out.write(bytes(1 << 20))
    def read():
        with pytest.raises(MalformedRecord, match="not a readable WARC archive") as caught:
            list(read_warc(str(path), Config()))
        return caught.value

    error, peak = _peak_memory(read)
    assert "no WARC record here" in str(error)
    _assert_one_printable_line([error])
    assert peak < 5_000_000  # nothing near the 128 MB it would inflate to


def test_a_bomb_behind_a_warc_header_is_refused_and_reading_goes_on(tmp_path):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    size = 128 << 20
    header = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n"
              b"WARC-Record-ID: <urn:uuid:bomb>\r\nContent-Type: application/http\r\n"
              b"Content-Length: %d\r\n\r\n" % (len(http) + size))
    path = tmp_path / "bomb.warc.gz"
    stories = _five_stories()
    path.write_bytes(stories[0] + _zeros_member(size, header + http) + stories[1])
    items, peak = _peak_memory(lambda: list(read_warc(str(path), Config())))
    assert _kinds(items) == ["Article", "InputTooLarge", "Article"]
    assert items[1].record_id == "urn:uuid:bomb" and "larger than 10,000,000" in str(items[1])
    assert peak < 30_000_000


def test_a_corrupt_member_in_the_middle_costs_only_its_record(tmp_path, config):
    stories = _five_stories()
    broken = bytearray(stories[2])
    broken[12:40] = b"\xff" * 28  # the start of its deflate data
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(b"".join(stories[:2]) + bytes(broken) + b"".join(stories[3:]))
    items = list(read_warc(str(path), config))
    assert _kinds(items) == ["Article", "Article", "MalformedRecord", "Article", "Article"]
    assert [item.source.location for item in items if isinstance(item, Article)] == [
        f"https://courier.example.com/{n}" for n in (0, 1, 3, 4)]
    assert "after record 2" in str(items[2]) and "resumed" in str(items[2])
    assert items[2].location == str(path)
    _assert_one_printable_line(items[2:3])


def test_garbage_between_members_is_one_failure(tmp_path, config):
    stories = _five_stories()
    path = tmp_path / "garbage.warc.gz"
    noise = bytes(range(256)) * 40 + b"\x1f\x8b\x08 not a member \x1b[31m\r\n"
    path.write_bytes(stories[0] + noise + b"".join(stories[1:]))
    items = list(read_warc(str(path), config))
    assert _kinds(items) == ["Article", "MalformedRecord", "Article", "Article", "Article",
                             "Article"]
    _assert_one_printable_line(items[1:2])


def test_a_plain_warc_resyncs_after_a_bad_record_and_reports_a_cut(tmp_path, config):
    plain = [gzip.decompress(member) for member in _five_stories()]
    plain[1] = plain[1].replace(b"Content-Length: ", b"Content-Length: 1", 1)  # now too long
    path = tmp_path / "plain.warc"
    path.write_bytes(b"".join(plain))
    items = list(read_warc(str(path), config))
    kinds = _kinds(items)
    assert kinds[0] == "Article" and kinds[-2:] == ["Article", "Article"], kinds
    assert "MalformedRecord" in kinds
    cut = tmp_path / "cut.warc"
    cut.write_bytes(b"".join(plain[:1]) + plain[2][: len(plain[2]) // 2])
    items = list(read_warc(str(cut), config))
    assert _kinds(items) == ["Article", "MalformedRecord"]
    assert "truncated" in str(items[1]) and "ends inside a record" in str(items[1])
    _assert_one_printable_line(items[1:])


def test_pdf_and_other_responses_are_skipped_not_errors(tmp_path, config):
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 100
    members = _members([
        ("https://courier.example.com/report.pdf", pdf, "application/pdf"),
        ("https://courier.example.com/a", PAGES[0], "text/html"),
        ("https://courier.example.com/file", pdf, "application/octet-stream"),
        ("https://courier.example.com/big.pdf", pdf * 10, "application/pdf"),
    ])
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(b"".join(members))
    items = list(read_warc(str(path), Config(max_fetch_bytes=100_000)))
    assert _kinds(items) == ["Article"]
    assert items[0].source.location == "https://courier.example.com/a"


def test_warc_messages_are_printable_lines(tmp_path, config):
    members = _members([("https://courier.example.com/\x1b[2Jx\x07", b"<html><body>hi</body>"
                         b"</html>", "text/html")])
    path = tmp_path / "odd.warc.gz"
    path.write_bytes(members[0] + b"\x00\x01\x02\xff\xfe garbage \x1b]0;title\x07" * 3)
    items = list(read_warc(str(path), config))
    assert items and all(isinstance(item, StorylineError) for item in items)
    _assert_one_printable_line(items)
