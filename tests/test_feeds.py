"""Feeds (RSS, Atom) and WARC archives: item by item, failures yielded, never a traceback."""
from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.config import Config
from storyline.errors import EmptyInput, FetchFailed, InputNotFound, MalformedRecord
from storyline.inputs.feeds import read_feed, read_warc
from storyline.record import Article
from test_fetch import local_server  # noqa: F401  (the module's local HTTP server fixture)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"


@pytest.fixture
def config() -> Config:
    return Config(fetch_timeout=5.0)


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
    feed = _cli("extract", str(path), "--format", "jsonl", "--workers", "1", "--quiet")
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
    result = _cli("extract", f"{base}/article")
    if result.returncode != 0:  # the fixture server names its pages; show what it has
        pytest.fail(result.stderr.decode())
    record = json.loads(result.stdout)
    assert record["source"]["kind"] == "url" and record["text"]
    missing = _cli("extract", f"{base}/no-such-page")
    assert missing.returncode == 10 and b"404" in missing.stderr
