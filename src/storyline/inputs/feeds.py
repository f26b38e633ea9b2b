"""RSS and Atom feeds to `Article`s, one item at a time (WARC archives: see `warc`).

`read_feed` takes a feed (a path or a URL, at most `Config.max_fetch_bytes`) through
feedparser: an item whose content carries the full text is used as is, otherwise its link is
fetched, through `fetch` and so through its address check: a feed's link to a loopback or
private address is that item's `AddressRefused`, unless `Config.allow_private_addresses`.
feedparser never expands entities a feed declares itself (billion laughs stays a few bytes).

A generator: a problem with the whole input (missing, not a feed, no items) is raised; a problem
with one item is yielded as the exception instance, with `record_id` and `location` set, so
that a batch goes on with the next item.
"""
from __future__ import annotations

import html as html_escape
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ..config import Config
from ..errors import EmptyInput, InputNotFound, InputTooLarge, MalformedRecord, StorylineError
from ..record import Article, Source
from .encodings import decode_bytes
from .read import printable_line

# Item content with more words than this is the article itself, not a teaser.
FULL_TEXT_WORDS = 150
FEED_ACCEPT = ("application/rss+xml,application/atom+xml,application/xml;q=0.9,"
               "text/xml;q=0.9,*/*;q=0.1")
TAGS = re.compile(r"<[^>]+>")
XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"'>]*\2""")


def read_feed(location: str, config: Config) -> Iterator[Article | StorylineError]:
    """Each item of an RSS or Atom feed as an `Article` (`source.kind` "feed"), in feed order."""
    import feedparser

    data, base, declared = _feed_bytes(location, config)
    # Decoded here (feedparser fails on odd declarations), then handed over as UTF-8.
    text, warnings = decode_bytes(data, declared, location)
    data = XML_ENCODING.sub(r'\1"utf-8"', text, count=1).encode("utf-8")
    headers = {"content-location": base} if base else None  # relative links resolve on URLs
    try:
        feed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as error:  # feedparser's own failures on a hostile document
        raise MalformedRecord(f"{location}: not a readable feed ({printable_line(error)})") \
            from error
    if not feed.entries:
        if feed.bozo and not feed.get("version"):
            reason = printable_line(feed.get("bozo_exception")) or "no RSS or Atom elements"
            raise MalformedRecord(f"{location}: not an RSS or Atom feed ({reason})")
        raise EmptyInput(f"{location}: the feed has no items")
    entries = feed.pop("entries")[::-1]
    del feed
    number = 0
    while entries:  # popped as they are read: an item's parsed text is freed once it is done
        entry = entries.pop()
        number += 1
        link = _field(entry, "link")
        where = printable_line(link, 500) if link else f"{location}#{number}"
        try:
            article = _feed_article(entry, link, where, config)
        except StorylineError as error:
            error.record_id = _field(entry, "id") or where
            error.location = where
            yield error
            continue
        article.warnings.extend(warnings)
        yield article


def _feed_bytes(location: str, config: Config) -> tuple[bytes, str | None, list[str]]:
    """The feed's bytes, its URL (for relative links) and the charset its server declared."""
    if re.match(r"(?i)https?://", location):
        from .fetch import HEADER_CHARSET, fetch_bytes

        data, content_type, final_url = fetch_bytes(location, config, accept=FEED_ACCEPT)
        charset = HEADER_CHARSET.search(content_type)
        return data, final_url, [charset.group(1)] if charset else []
    file = Path(location)
    if not file.is_file():
        raise InputNotFound(f"{location}: no such file")
    if file.stat().st_size > config.max_fetch_bytes:
        raise InputTooLarge(f"{location}: {file.stat().st_size:,} bytes is more than any feed "
                            f"(limit {config.max_fetch_bytes:,})")
    data = file.read_bytes()
    if not data.strip():
        raise EmptyInput(f"{location}: empty file, no feed items")
    return data, None, []


def _feed_article(entry, link: str | None, where: str, config: Config) -> Article:
    from .fetch import fetch_article
    from .html import article_from_html
    from .page_meta import clean_authors

    title = _field(entry, "title")
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
    if not article.byline and _field(entry, "author"):
        article.byline = clean_authors(_field(entry, "author"))
    if published and not article.given_published:
        article.given_published, article.given_published_basis = published, "metadata"
    return article


def _entry_content(entry) -> str:
    """The item's longest HTML body: `content` (Atom, content:encoded) or the summary."""
    bodies = [part.get("value") for part in entry.get("content") or []
              if isinstance(part, dict)]
    bodies.append(entry.get("summary"))
    best = max((body for body in bodies if isinstance(body, str)), key=len, default="")
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


def _field(entry, name: str) -> str | None:
    """A text field of the item; None when absent, empty or not text (a broken feed)."""
    value = entry.get(name)
    return value if isinstance(value, str) and value.strip() else None
