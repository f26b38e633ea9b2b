"""Fetching a page by URL with httpx: redirects followed, time and size bounded, errors in one line.

Every hop's host is checked first (`addresses`: no loopback or private addresses unless
allowed). The body is read as a stream and decompressed here, so the size cap
(`Config.max_fetch_bytes`, `InputTooLarge` beyond it) holds for the decoded bytes too: a gzip
bomb stops at the cap. The text encoding: see `encodings` (the Content-Type header's charset is
one of the declarations tried).
"""
from __future__ import annotations

import re
import time
import zlib

from ..config import Config
from ..errors import FetchFailed, InputTooLarge
from ..record import Article, Source
from .addresses import refuse_private_address
from .encodings import decode_bytes
from .read import printable_line

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Content types sniffed rather than trusted: servers send these for anything.
VAGUE_TYPES = ("", "application/octet-stream", "binary/octet-stream", "text/plain")
ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
MAX_REDIRECTS = 10
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w:.-]+)", re.I)
HTTP_URL = re.compile(r"(?i)https?://[^/\s]+")
# A compressed chunk is inflated at most this much at a time, so memory stays bounded.
INFLATE_STEP = 1 << 16


def fetch_article(url: str, config: Config) -> Article:
    """The article at `url`: fetched, decoded and extracted; `source.kind` is "url"."""
    from .html import article_from_html

    data, content_type, final_url = fetch_bytes(url, config)
    if not is_html(content_type, data):
        raise FetchFailed(f"{url}: not an HTML page ({content_type or 'no content type'})")
    text, warnings = decode_page(data, content_type, final_url)
    article = article_from_html(text, config, location=final_url)
    article.source = Source("url", final_url)
    article.url = article.url or final_url
    article.warnings.extend(warnings)
    return article


def fetch_bytes(url: str, config: Config, accept: str = ACCEPT_HTML) -> tuple[bytes, str, str]:
    """The body at `url` (decompressed, at most `config.max_fetch_bytes`), its content type
    (lower case, with its parameters) and the final URL after redirects.

    Redirects are followed here, one hop at a time, so that each hop's address is checked
    (`addresses.refuse_private_address`) before it is connected to."""
    import httpx

    headers = {"User-Agent": config.user_agent, "Accept": accept,
               "Accept-Encoding": "gzip, deflate"}
    deadline = time.monotonic() + config.fetch_timeout * 3
    _check_url(url, url)
    refuse_private_address(url, config)  # before the client: building its TLS context is slow
    try:
        with httpx.Client(follow_redirects=False, headers=headers,
                          timeout=httpx.Timeout(config.fetch_timeout)) as client:
            request = client.build_request("GET", url)
            for _ in range(MAX_REDIRECTS + 1):
                hop = str(request.url)
                _check_url(hop, url)
                refuse_private_address(hop, config)
                response = client.send(request, stream=True)
                try:
                    if response.next_request is not None:
                        request = response.next_request
                        continue
                    return _body(response, url, config, deadline)
                finally:
                    response.close()
            raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException as error:
        raise FetchFailed(f"{url}: timed out after {config.fetch_timeout:g} s "
                          f"({type(error).__name__})") from error
    except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError,
            httpx.NetworkError) as error:
        raise FetchFailed(f"{url}: could not connect ({_reason(error)})") from error
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise FetchFailed(f"{url}: not a valid http(s) URL ({_reason(error)})") from error
    except httpx.HTTPError as error:
        raise FetchFailed(f"{url}: fetch failed ({type(error).__name__}: "
                          f"{_reason(error)})") from error


def _check_url(hop: str, url: str) -> None:
    if HTTP_URL.match(hop):
        return
    if hop == url:
        raise FetchFailed(f"{url}: not an http(s) URL")
    raise FetchFailed(f"{url}: redirected to {printable_line(hop, 100)}, not an http(s) URL")


def _body(response, url: str, config: Config, deadline: float) -> tuple[bytes, str, str]:
    if not 200 <= response.status_code < 300:
        raise FetchFailed(f"{url}: HTTP {response.status_code} "
                          f"{printable_line(response.reason_phrase or '', 60)}".rstrip())
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > config.max_fetch_bytes:
        raise InputTooLarge(f"{url}: larger than {_size(config.max_fetch_bytes)} "
                            f"({int(declared):,} bytes declared)")
    data = _read_capped(response, config.max_fetch_bytes, deadline, url)
    return data, response.headers.get("content-type", "").strip().lower(), str(response.url)


def is_html(content_type: str, data: bytes) -> bool:
    kind = content_type.split(";")[0].strip()
    if kind in HTML_TYPES:
        return True
    if kind not in VAGUE_TYPES:
        return False
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:20000].lower()


def decode_page(data: bytes, content_type: str = "", where: str = "page") -> tuple[str, list[str]]:
    """Bytes of a page to text (see `encodings`: the header's charset is tried before the
    page's own), and warnings when the encoding had to be guessed."""
    declared = HEADER_CHARSET.search(content_type)
    return decode_bytes(data, [declared.group(1)] if declared else [], where)


def _read_capped(response, cap: int, deadline: float, url: str) -> bytes:
    encoding = response.headers.get("content-encoding", "").strip().lower()
    inflater = None
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding not in ("", "identity"):
        raise FetchFailed(f"{url}: unsupported content encoding {encoding!r}")
    chunks: list[bytes] = []
    size = 0
    for raw in response.iter_raw():
        if time.monotonic() > deadline:
            raise FetchFailed(f"{url}: timed out (the page kept coming for too long)")
        pieces = [raw] if inflater is None else _inflate(inflater, raw, url)
        for piece in pieces:
            size += len(piece)
            if size > cap:
                raise InputTooLarge(f"{url}: larger than {_size(cap)}")
            chunks.append(piece)
    return b"".join(chunks)


def _inflate(inflater, raw: bytes, url: str):
    try:
        data = raw
        while data:
            piece = inflater.decompress(data, INFLATE_STEP)
            yield piece
            data = inflater.unconsumed_tail
    except zlib.error as error:
        raise FetchFailed(f"{url}: corrupt compressed body ({error})") from error


def _size(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit:,} bytes"


def _reason(error: Exception) -> str:
    return printable_line(error)
