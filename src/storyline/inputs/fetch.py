"""Fetching a page by URL with httpx: redirects followed, time and size bounded, errors in one line.

The body is read as a stream and decompressed here, so the size cap holds for the decoded
bytes too (a gzip bomb stops at the cap). The text encoding comes from the Content-Type header,
else from the page's own ``<meta charset>``, else UTF-8 with a Windows-1252 fallback.
"""
from __future__ import annotations

import re
import time
import zlib

from ..config import Config
from ..errors import FetchFailed
from ..record import Article, Source

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Content types sniffed rather than trusted: servers send these for anything.
VAGUE_TYPES = ("", "application/octet-stream", "binary/octet-stream", "text/plain")
ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
MAX_REDIRECTS = 10
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w:.-]+)", re.I)
# A compressed chunk is inflated at most this much at a time, so memory stays bounded.
INFLATE_STEP = 1 << 16


def fetch_article(url: str, config: Config) -> Article:
    """The article at `url`: fetched, decoded and extracted; `source.kind` is "url"."""
    from .html import article_from_html

    data, content_type, final_url = fetch_bytes(url, config)
    if not is_html(content_type, data):
        raise FetchFailed(f"{url}: not an HTML page ({content_type or 'no content type'})")
    text, warnings = decode_page(data, content_type)
    article = article_from_html(text, config, location=final_url)
    article.source = Source("url", final_url)
    article.url = article.url or final_url
    article.warnings.extend(warnings)
    return article


def fetch_bytes(url: str, config: Config, accept: str = ACCEPT_HTML) -> tuple[bytes, str, str]:
    """The body at `url` (decompressed, at most `config.max_fetch_bytes`), its content type
    (lower case, no parameters... except `charset`, kept) and the final URL after redirects."""
    import httpx

    if not re.match(r"(?i)https?://[^/\s]+", url):
        raise FetchFailed(f"{url}: not an http(s) URL")
    headers = {"User-Agent": config.user_agent, "Accept": accept,
               "Accept-Encoding": "gzip, deflate"}
    deadline = time.monotonic() + config.fetch_timeout * 3
    try:
        with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, headers=headers,
                          timeout=httpx.Timeout(config.fetch_timeout)) as client:
            with client.stream("GET", url) as response:
                final_url = str(response.url)
                if not 200 <= response.status_code < 300:
                    raise FetchFailed(f"{url}: HTTP {response.status_code} "
                                      f"{response.reason_phrase or ''}".rstrip())
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > config.max_fetch_bytes:
                    raise FetchFailed(f"{url}: larger than {_size(config.max_fetch_bytes)}")
                data = _read_capped(response, config.max_fetch_bytes, deadline, url)
                return data, response.headers.get("content-type", "").strip().lower(), final_url
    except httpx.TimeoutException as error:
        raise FetchFailed(f"{url}: timed out after {config.fetch_timeout:g} s "
                          f"({type(error).__name__})") from error
    except httpx.TooManyRedirects as error:
        raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects") from error
    except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError,
            httpx.NetworkError) as error:
        raise FetchFailed(f"{url}: could not connect ({_reason(error)})") from error
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise FetchFailed(f"{url}: not a valid http(s) URL ({error})") from error
    except httpx.HTTPError as error:
        raise FetchFailed(f"{url}: fetch failed ({type(error).__name__}: {error})") from error


def is_html(content_type: str, data: bytes) -> bool:
    kind = content_type.split(";")[0].strip()
    if kind in HTML_TYPES:
        return True
    if kind not in VAGUE_TYPES:
        return False
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:20000].lower()


def decode_page(data: bytes, content_type: str = "") -> tuple[str, list[str]]:
    """Bytes of a page to text, and warnings when the encoding had to be guessed."""
    declared = HEADER_CHARSET.search(content_type)
    candidates = [declared.group(1)] if declared else []
    if data.startswith(b"\xef\xbb\xbf"):
        candidates.insert(0, "utf-8-sig")
    meta = META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for encoding in candidates:
        try:
            return data.decode(_codec(encoding)), []
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [
            "page encoding not declared and not UTF-8; decoded as Windows-1252"]


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
                raise FetchFailed(f"{url}: larger than {_size(cap)}")
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


def _codec(name: str) -> str:
    name = name.strip().lower()
    # WHATWG: pages labelled Latin-1 or ASCII are Windows-1252.
    return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name


def _size(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit:,} bytes"


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text.splitlines()[0][:160]
