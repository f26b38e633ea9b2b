"""Feeds and crawl archives to `Article`s, one item at a time.

`read_feed` takes RSS or Atom (a path or a URL) through feedparser: an item whose content
carries the full text is used as is, otherwise its link is fetched. `read_warc` streams a
.warc or .warc.gz through warcio (as Common Crawl's CC-NEWS publishes them) and extracts each
HTML response record.

Both are generators. A problem with the whole input (missing, not a feed, not a WARC, no items)
is raised; a problem with one item is yielded as the exception instance, with `record_id` and
`location` set, so that a batch goes on with the next item.
"""
from __future__ import annotations

import html as html_escape
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..config import Config
from ..errors import (EmptyInput, InputNotFound, InputTooLarge, MalformedRecord,
                     StorylineError)
from ..record import Article, Source

# Item content with more words than this is the article itself, not a teaser.
FULL_TEXT_WORDS = 150
FEED_ACCEPT = ("application/rss+xml,application/atom+xml,application/xml;q=0.9,"
               "text/xml;q=0.9,*/*;q=0.1")
TAGS = re.compile(r"<[^>]+>")


def read_feed(location: str, config: Config) -> Iterator[Article | StorylineError]:
    """Each item of an RSS or Atom feed as an `Article` (`source.kind` "feed"), in feed order."""
    import feedparser

    data, base = _feed_bytes(location, config)
    headers = {"content-location": base} if base else None  # relative links resolve on URLs
    feed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not feed.entries:
        if feed.bozo and not feed.get("version"):
            reason = _one_line(feed.get("bozo_exception")) or "no RSS or Atom elements"
            raise MalformedRecord(f"{location}: not an RSS or Atom feed ({reason})")
        raise EmptyInput(f"{location}: the feed has no items")
    for number, entry in enumerate(feed.entries, start=1):
        link = entry.get("link")
        where = link or f"{location}#{number}"
        try:
            yield _feed_article(entry, link, where, config)
        except StorylineError as error:
            error.record_id = entry.get("id") or where
            error.location = where
            yield error


def read_warc(path: str, config: Config) -> Iterator[Article | StorylineError]:
    """Each HTML response record of a WARC file (`source.kind` "warc"), streamed."""
    from warcio.archiveiterator import ArchiveIterator

    file = Path(path)
    if not file.is_file():
        raise InputNotFound(f"{path}: no such file")
    read, offset, end = 0, None, 0
    with file.open("rb") as stream:
        archive = ArchiveIterator(stream)
        records = iter(archive)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as error:  # warcio raises many kinds on a broken archive
                if read == 0:
                    raise MalformedRecord(f"{path}: not a readable WARC archive "
                                          f"({_one_line(error)})") from error
                failure = MalformedRecord(f"{path}: archive corrupt after record {read} "
                                          f"({_one_line(error)}); the rest is skipped")
                failure.record_id, failure.location = path, path
                yield failure
                return
            if read == 0 and not _is_archive_record(record):
                raise MalformedRecord(f"{path}: not a readable WARC archive (no WARC header "
                                      "at the start)")
            read += 1
            item = _warc_item(record, config)
            if _truncated(record):
                failure = MalformedRecord(f"{path}: archive truncated in record {read} "
                                          "(shorter than its Content-Length); the rest is lost")
                failure.record_id = record.rec_headers.get_header("WARC-Record-ID") or path
                failure.location = path
                yield failure
                return
            offset = archive.get_record_offset()  # (reads the record to its end)
            end = offset + archive.get_record_length()
            if item is not None:
                yield item
        stream.seek(end)
        tail = stream.read(64).strip()
        if offset is not None and (tail or not _last_member_complete(stream, offset)):
            failure = MalformedRecord(f"{path}: archive truncated after record {read}; "
                                      "the rest is lost")
            failure.record_id, failure.location = path, path
            yield failure
    if read == 0:
        raise EmptyInput(f"{path}: empty archive, no WARC records")


def _feed_bytes(location: str, config: Config) -> tuple[bytes, str | None]:
    if re.match(r"(?i)https?://", location):
        from .fetch import fetch_bytes

        data, _, final_url = fetch_bytes(location, config, accept=FEED_ACCEPT)
        return data, final_url
    file = Path(location)
    if not file.is_file():
        raise InputNotFound(f"{location}: no such file")
    if file.stat().st_size > config.max_fetch_bytes:
        raise InputTooLarge(f"{location}: {file.stat().st_size:,} bytes is more than any feed "
                            f"(limit {config.max_fetch_bytes:,})")
    data = file.read_bytes()
    if not data.strip():
        raise EmptyInput(f"{location}: empty file, no feed items")
    return data, None


def _feed_article(entry, link: str | None, where: str, config: Config) -> Article:
    from .fetch import fetch_article
    from .html import article_from_html
    from .page_meta import clean_authors

    title = entry.get("title")
    published = _entry_date(entry)
    body = _entry_content(entry)
    article = None
    if len(TAGS.sub(" ", body).split()) > FULL_TEXT_WORDS:
        heading = html_escape.escape(title or "")
        page = (f"<html><head><title>{heading}</title></head><body>"
                f"<article><h1>{heading}</h1>{body}</article></body></html>")
        try:
            article = article_from_html(page, config, location=where)
        except EmptyInput:
            if not link:
                raise
    if article is None:
        if not link:
            raise EmptyInput(f"{where}: feed item has no full text and no link to fetch")
        article = fetch_article(link, config)
    article.source = Source("feed", where)
    article.url = link or article.url
    article.given_headline = article.given_headline or title
    if not article.byline and entry.get("author"):
        article.byline = clean_authors(entry["author"])
    if published and not article.given_published:
        article.given_published, article.given_published_basis = published, "metadata"
    return article


def _entry_content(entry) -> str:
    """The item's longest HTML body: `content` (Atom, content:encoded) or the summary."""
    bodies = [part.get("value", "") for part in entry.get("content", [])]
    bodies.append(entry.get("summary", ""))
    best = max(bodies, key=len, default="")
    if "<" not in best:  # plain text: one paragraph per blank-line block
        best = "".join(f"<p>{html_escape.escape(block)}</p>"
                       for block in re.split(r"\n\s*\n", best) if block.strip())
    return best


def _entry_date(entry) -> str | None:
    """The item's publication date (never its update date) as YYYY-MM-DD."""
    parsed = entry.get("published_parsed")
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _warc_item(record, config: Config) -> Article | StorylineError | None:
    from .fetch import decode_page, is_html
    from .html import article_from_html

    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not status.startswith("2") or not _maybe_html(content_type):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or uri or "").strip("<>")
    try:
        data = record.content_stream().read(config.max_fetch_bytes + 1)
        if len(data) > config.max_fetch_bytes:
            raise InputTooLarge(f"{uri}: response larger than {config.max_fetch_bytes:,} bytes")
        if not is_html(content_type, data):
            return None
        text, warnings = decode_page(data, content_type)
        article = article_from_html(text, config, location=uri)
    except StorylineError as error:
        error.record_id, error.location = record_id, uri
        return error
    except Exception as error:  # a broken record body (bad gzip inside) is that record's error
        failure = MalformedRecord(f"{uri}: unreadable response record ({_one_line(error)})")
        failure.record_id, failure.location = record_id, uri
        return failure
    article.source = Source("warc", uri)
    article.url = article.url or uri
    article.id = record_id
    article.warnings.extend(warnings)
    crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10]
    if not article.given_published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", crawled):
        article.given_published, article.given_published_basis = crawled, "inferred"
        article.warnings.append(f"no publication date on the page; crawl date {crawled} "
                                "kept as a hint only")
    return article


def _truncated(record) -> bool:
    """Read what is left of the record: warcio ends a cut-off archive silently otherwise."""
    raw = record.raw_stream
    try:
        while raw.read(1 << 16):
            pass
    except Exception:  # a corrupt compressed member inside the record
        return True
    return getattr(raw, "limit", 0) > 0


def _last_member_complete(stream, offset: int) -> bool:
    """A .warc.gz cut inside its last gzip member loses the records after it without a word
    from warcio: inflate that member again and check that it ends."""
    stream.seek(offset)
    if stream.read(2) != b"\x1f\x8b":
        return True  # not gzip: a cut record shows in `_truncated`
    stream.seek(offset)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while not inflater.eof:
            chunk = inflater.unconsumed_tail or stream.read(1 << 16)
            if not chunk:
                return False
            inflater.decompress(chunk, 1 << 16)
    except zlib.error:
        return False
    return True


def _is_archive_record(record) -> bool:
    """warcio reads any text line as an old ARC header: only real WARC (or ARC) records pass."""
    if getattr(record, "format", "warc") == "warc":
        return True
    uri = record.rec_headers.get_header("uri") or ""
    return bool(re.match(r"(?:https?|dns|filedesc):", uri))


def _maybe_html(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip()
    return kind in ("text/html", "application/xhtml+xml", "", "application/octet-stream",
                    "text/plain")


def _one_line(error) -> str:
    text = str(error or "").strip() or (type(error).__name__ if error else "")
    return text.splitlines()[0][:160] if text else ""
