"""Fetching URLs, against a local HTTP server on 127.0.0.1 (never the internet).

The server also serves the feed tests (`local_server` is imported there).
"""
from __future__ import annotations

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.errors import FetchFailed
from storyline.inputs.fetch import decode_page, fetch_article, fetch_bytes, is_html

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
CAP = 50_000


def _page(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class Handler(BaseHTTPRequestHandler):
    """Routes by path; each one answers like a kind of real server would."""

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
             **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on purpose (size cap)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        self.server.seen_agents.append(self.headers.get("User-Agent", ""))
        if path == "/article":
            self.send(200, _page("news_article.html"))
        elif path == "/second":
            self.send(200, _page("second_article.html"))
        elif path == "/redirect":
            self.send(302, b"", Location="/article")
        elif path == "/loop":
            self.send(302, b"", Location="/loop")
        elif path == "/missing":
            self.send(404, b"<html><body><h1>Not found</h1></body></html>")
        elif path == "/pdf":
            self.send(200, b"%PDF-1.4\n%binary", content_type="application/pdf")
        elif path == "/huge":
            self.send(200, b"<html>" + b"x" * (CAP * 2), Content_Length=str(CAP * 2 + 6))
        elif path == "/endless":  # no Content-Length: only reading tells the size
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<p>" + b"word " * 1000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/bomb":  # 5 KB on the wire, 10 MB once inflated
            body = gzip.compress(b"<html><body>" + b" " * 10_000_000)
            self.send(200, body, Content_Encoding="gzip")
        elif path == "/gzipped":
            self.send(200, gzip.compress(_page("second_article.html")), Content_Encoding="gzip")
        elif path == "/slow":
            time.sleep(2)
            self.send(200, _page("second_article.html"))
        elif path == "/cp1252":
            page = _page("second_article.html").decode("utf-8")
            page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
            page = page.replace("central library", "central café library")
            self.send(200, page.encode("cp1252"), content_type="text/html")
        elif path == "/feed.rss":
            feed = _page("feed.rss").decode("utf-8").replace("{server}", base)
            self.send(200, feed.encode("utf-8"), content_type="application/rss+xml")
        else:
            self.send(404, b"not here", content_type="text/plain")


@pytest.fixture(scope="module")
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.seen_agents = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def config() -> Config:
    return Config(fetch_timeout=5.0, max_fetch_bytes=CAP)


def test_fetches_an_article_page(local_server, config):
    server, base = local_server
    article = fetch_article(f"{base}/article", config)
    assert article.source.kind == "url"
    assert article.source.location == f"{base}/article"
    assert article.text.startswith("The harbour bridge will close to all traffic")
    assert article.given_headline == "Harbour bridge to close for six weeks of repairs"
    assert article.url == "https://courier.example.com/news/2023/04/20/harbour-bridge-repairs"
    assert config.user_agent in server.seen_agents


def test_follows_redirects_and_reports_the_final_url(local_server, config):
    _, base = local_server
    article = fetch_article(f"{base}/redirect", config)
    assert article.source.location == f"{base}/article"
    assert "harbour bridge" in article.text


def test_gzip_content_encoding_is_decoded(local_server, config):
    _, base = local_server
    data, content_type, _ = fetch_bytes(f"{base}/gzipped", config)
    assert data.startswith(b"<!DOCTYPE html>")
    assert content_type.startswith("text/html")


@pytest.mark.parametrize("path, message", [
    ("/missing", "HTTP 404 Not Found"),
    ("/pdf", "not an HTML page (application/pdf)"),
    ("/huge", "larger than 50,000 bytes"),
    ("/endless", "larger than 50,000 bytes"),
    ("/bomb", "larger than 50,000 bytes"),
    ("/loop", "redirects"),
])
def test_bad_responses_get_one_line_errors(local_server, config, path, message):
    _, base = local_server
    with pytest.raises(FetchFailed) as caught:
        fetch_article(f"{base}{path}", config)
    assert str(caught.value).startswith(f"{base}{path}: ") and message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.exit_code == FetchFailed.exit_code


def test_a_slow_server_times_out(local_server):
    _, base = local_server
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out after 0.3 s"):
        fetch_article(f"{base}/slow", Config(fetch_timeout=0.3))
    assert time.monotonic() - started < 1.9


def test_an_unreachable_host_says_could_not_connect():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchFailed, match=r"could not connect \("):
        fetch_article(f"http://127.0.0.1:{port}/", Config(fetch_timeout=2.0))


@pytest.mark.parametrize("url", ["ftp://example.org/file", "not a url", "file:///etc/passwd"])
def test_only_http_urls_are_fetched(url):
    with pytest.raises(FetchFailed, match="not an http"):
        fetch_article(url, Config())


def test_encoding_from_meta_when_the_header_has_none(local_server, config):
    _, base = local_server
    article = fetch_article(f"{base}/cp1252", config)
    assert "central café library" in article.text
    assert not article.warnings


def test_decode_page_prefers_header_then_meta_then_utf8():
    assert decode_page("é".encode("cp1252"), "text/html; charset=windows-1252") == ("é", [])
    assert decode_page(b'<meta charset="iso-8859-1">\x93q\x94')[0].endswith("“q”")
    assert decode_page("naïve".encode("utf-8")) == ("naïve", [])
    text, warnings = decode_page(b"caf\xe9 au lait")
    assert text == "café au lait" and "Windows-1252" in warnings[0]


def test_is_html_trusts_clear_types_and_sniffs_vague_ones():
    assert is_html("text/html; charset=utf-8", b"")
    assert not is_html("application/json", b"<html>")
    assert is_html("application/octet-stream", b"  <!DOCTYPE html><html>")
    assert not is_html("", b"%PDF-1.4")
