"""Fetching URLs, against a local HTTP server on 127.0.0.1 (never the internet).

Loopback is refused by default (see `inputs.addresses`), so these tests allow private
addresses, except those that check the refusal. The server also serves the feed tests
(`local_server` is imported there).
"""
from __future__ import annotations

import gzip
import ipaddress
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.errors import AddressRefused, FetchFailed, InputTooLarge
from storyline.inputs import addresses
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
        if "Content_Length" not in headers:
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
        elif path == "/to-loopback":  # an absolute redirect to the loopback address
            self.send(302, b"", Location=f"{base}/article")
        elif path == "/to-file":
            self.send(302, b"", Location="file:///etc/passwd")
        elif path == "/giant":  # declares more than the default cap, sends a little
            self.send(200, b"<html><body>" + b"x" * 1000, Content_Length="20000000")
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
    return Config(fetch_timeout=5.0, max_fetch_bytes=CAP, allow_private_addresses=True)


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


@pytest.mark.parametrize("path, message, error", [
    ("/missing", "HTTP 404 Not Found", FetchFailed),
    ("/pdf", "not an HTML page (application/pdf)", FetchFailed),
    ("/huge", "larger than 50,000 bytes", InputTooLarge),
    ("/endless", "larger than 50,000 bytes", InputTooLarge),
    ("/bomb", "larger than 50,000 bytes", InputTooLarge),
    ("/loop", "redirects", FetchFailed),
    ("/to-file", "/etc/passwd, not an http(s) URL", FetchFailed),
])
def test_bad_responses_get_one_line_errors(local_server, config, path, message, error):
    _, base = local_server
    with pytest.raises(error) as caught:
        fetch_article(f"{base}{path}", config)
    assert str(caught.value).startswith(f"{base}{path}: ") and message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert type(caught.value) is error  # a page too large is exit 6, not a failed fetch


def test_a_slow_server_times_out(local_server):
    _, base = local_server
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out after 0.3 s"):
        fetch_article(f"{base}/slow", Config(fetch_timeout=0.3, allow_private_addresses=True))
    assert time.monotonic() - started < 1.9


def test_an_unreachable_host_says_could_not_connect():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchFailed, match=r"could not connect \("):
        fetch_article(f"http://127.0.0.1:{port}/",
                      Config(fetch_timeout=2.0, allow_private_addresses=True))


@pytest.mark.parametrize("url", ["ftp://example.org/file", "not a url", "file:///etc/passwd"])
def test_only_http_urls_are_fetched(url):
    with pytest.raises(FetchFailed, match="not an http"):
        fetch_article(url, Config())


@pytest.mark.parametrize("url, message", [
    ("http://[::1", "not a valid URL"), ("http://[zz]/x", "not a valid URL"),
    ("http://example.org:99999/", "not a valid port")])
def test_a_malformed_url_is_a_failed_fetch_not_a_crash(url, message):
    for config in (Config(), Config(allow_private_addresses=True)):
        with pytest.raises(FetchFailed, match=r"not a valid"):
            fetch_article(url, config)
    with pytest.raises(FetchFailed, match=message):
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


# --- private addresses -----------------------------------------------------------------------

def test_loopback_is_refused_by_default_naming_the_flag(local_server):
    _, base = local_server
    with pytest.raises(AddressRefused) as caught:
        fetch_article(f"{base}/article", Config(fetch_timeout=5.0))
    message = str(caught.value)
    assert "loopback" in message and "--allow-private-fetch" in message and "\n" not in message
    assert caught.value.exit_code == 15 and isinstance(caught.value, FetchFailed)


def test_a_redirect_to_loopback_is_refused(local_server, monkeypatch):
    """The first hop passes the check (its name resolves to a public address, as a public
    site's would); the redirect it answers with points at 127.0.0.1 and is refused."""
    server, base = local_server
    port = server.server_address[1]
    real = addresses.resolve
    monkeypatch.setattr(addresses, "resolve", lambda host, *rest: (
        [ipaddress.ip_address("93.184.216.34")] if host == "localhost" else real(host, *rest)))
    with pytest.raises(AddressRefused, match=r"refused to fetch 127\.0\.0\.1, a loopback"):
        fetch_bytes(f"http://localhost:{port}/to-loopback", Config(fetch_timeout=5.0))
    # allowed, the same redirect is followed to the article
    data, _, final_url = fetch_bytes(f"http://localhost:{port}/to-loopback",
                                     Config(fetch_timeout=5.0, allow_private_addresses=True))
    assert final_url == f"{base}/article" and b"harbour bridge" in data


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("10.1.2.3", "private"),
    ("172.16.5.4", "private"), ("192.168.1.1", "private"), ("169.254.169.254", "link-local"),
    ("0.0.0.0", "unspecified"), ("224.0.0.251", "multicast"), ("240.0.0.1", "private"),
    ("100.64.0.1", "non-public"), ("::1", "loopback"), ("::", "unspecified"),
    ("fe80::1", "link-local"), ("fd12:3456::1", "private"), ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
    ("64:ff9b::a00:1", "private"), ("2002:c0a8:101::", "private"),
    ("93.184.216.34", None), ("2606:4700:4700::1111", None), ("::ffff:8.8.8.8", None),
])
def test_non_public_addresses_are_named(address, kind):
    assert addresses.non_public_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("answer", ["127.0.0.1", "::ffff:192.168.0.10", "fe80::1%eth0"])
def test_a_name_resolving_to_a_private_address_is_refused(monkeypatch, answer):
    family = socket.AF_INET6 if ":" in answer else socket.AF_INET
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
        (family, socket.SOCK_STREAM, 6, "", (answer, 80))])
    with pytest.raises(AddressRefused, match=r"refused to fetch intranet\.example\.com \("):
        addresses.refuse_private_address("http://intranet.example.com/x", Config())
    addresses.refuse_private_address("http://intranet.example.com/x",
                                     Config(allow_private_addresses=True))  # allowed: no error


def test_an_unknown_host_is_a_failed_fetch(monkeypatch):
    def unknown(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    with pytest.raises(FetchFailed, match="could not resolve nowhere.example") as caught:
        fetch_bytes("http://nowhere.example/", Config())
    assert type(caught.value) is FetchFailed


# --- encodings ------------------------------------------------------------------------------

@pytest.mark.parametrize("data, content_type, text, warned", [
    # the page says Latin-1, its bytes are UTF-8: UTF-8 wins
    ('<meta charset="iso-8859-1"><p>Café society</p>'.encode(), "", "Café society", False),
    # the header says Windows-1252, the bytes are UTF-8
    ("<p>naïve “quotes”</p>".encode(), "text/html; charset=windows-1252", "naïve “quotes”",
     False),
    # labelled UTF-16 but plain 8-bit bytes: never decoded as UTF-16
    ('<meta charset="utf-16"><p>Zürich</p>'.encode(), "", "Zürich", False),
    # the page says UTF-8, its bytes are Windows-1252: decoded so, with a warning
    ('<meta charset="utf-8"><p>caf\u00e9</p>'.encode("cp1252"), "", "café", True),
    # a true single-byte charset, declared: decoded with it
    ('<meta charset="windows-1251"><p>Москва</p>'.encode("cp1251"), "", "Москва", False),
    # UTF-16 with a byte-order mark, whatever the header says
    ("\ufeff<html><body><p>Ørsted</p>".encode("utf-16-le"), "text/html; charset=utf-8",
     "Ørsted", False),
    # UTF-8 with a BOM
    ("\ufeff<p>Gdańsk</p>".encode("utf-8"), "", "Gdańsk", False),
])
def test_mislabeled_pages_decode_to_readable_text(data, content_type, text, warned):
    decoded, warnings = decode_page(data, content_type)
    assert text in decoded and "\ufffd" not in decoded and not decoded.startswith("\ufeff")
    assert bool(warnings) == warned


def test_an_oversized_url_body_exits_6_from_the_cli(local_server):
    import subprocess
    import sys

    _, base = local_server
    result = subprocess.run([sys.executable, "-m", "storyline.cli", "extract",
                             "--allow-private-fetch", f"{base}/giant"],
                            capture_output=True, timeout=120)
    stderr = result.stderr.decode()
    assert result.returncode == 6, stderr
    assert "larger than 10 MB" in stderr and len(stderr.strip().splitlines()) == 1
    refused = subprocess.run([sys.executable, "-m", "storyline.cli", "extract", f"{base}/article"],
                             capture_output=True, timeout=120)
    assert refused.returncode == 15 and b"--allow-private-fetch" in refused.stderr
