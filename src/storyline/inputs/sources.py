"""Where articles come from: files, stdin, URLs, JSONL, feeds and WARC archives, by one name.

Reading only. Each source yields `Article`s, or the `StorylineError` that one record raised
(with `location` and `record_id` set) so that a batch reports it and goes on. A folder that
`storyline spark` wrote holds finished records, not sources: `split_finished` sets it apart, for
`finished_records` to read as they are (the pipeline is not run on them again).
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass

from ..config import Config
from ..errors import InputNotFound, StorylineError, UsageError
from .read import article_from_bytes, article_from_text, decode, read_path, records_from_jsonl
from ..record import Article

INPUT_FORMATS = ("auto", "text", "html", "jsonl", "feed", "warc", "spark")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True)
class Request:
    """What the user asked to read: the locations, how to read them, and a known date."""

    locations: tuple[str, ...]
    input_format: str = "auto"
    published: str | None = None


def input_format_of(location: str, requested: str) -> str:
    if requested != "auto":
        return requested
    if is_spark_output(location):
        return "spark"
    lowered = location.lower()
    if lowered.endswith(".jsonl"):
        return "jsonl"
    if lowered.endswith(WARC_SUFFIXES):
        return "warc"
    if lowered.endswith(FEED_SUFFIXES):
        return "feed"
    return "auto"


def is_batch(request: Request) -> bool:
    """One plain article in gets one record out; anything else is a batch."""
    return len(request.locations) != 1 or input_format_of(
        request.locations[0], request.input_format) in ("jsonl", "feed", "warc")


def split_finished(request: Request) -> tuple[tuple[str, ...], Request]:
    """The Spark output folders among the locations, and a request for the rest."""
    finished = tuple(location for location in request.locations
                     if input_format_of(location, request.input_format) == "spark")
    rest = tuple(location for location in request.locations if location not in finished)
    return finished, Request(rest, request.input_format, request.published)


def finished_records(locations: tuple[str, ...]) -> Iterator[Article]:
    """The finished articles of Spark output folders, as they were written."""
    from .parquet import finished_articles

    for location in locations:
        yield from finished_articles(location)


def is_spark_output(location: str) -> bool:
    if "://" in location or location == "-":
        return False
    from .parquet import is_spark_output as spark_folder

    return spark_folder(location)


def iter_articles(request: Request, config: Config) -> Iterator[Article | StorylineError]:
    for location in request.locations:
        kind = input_format_of(location, request.input_format)
        if kind == "spark":
            raise UsageError(f"{location}: a `storyline spark` output folder holds finished "
                             "records; load it with `storyline ingest DIR --db FILE`")
        try:
            if kind == "jsonl":
                yield from _jsonl(location, config, request.published)
            elif kind == "feed":
                from .feeds import read_feed

                yield from read_feed(location, config)
            elif kind == "warc":
                from .warc import read_warc

                yield from read_warc(location, config)
            else:
                yield read_one(location, kind, config, request.published)
        except StorylineError as error:
            error.location = getattr(error, "location", None) or location
            yield error


def read_one(location: str, kind: str, config: Config, published: str | None) -> Article:
    """A single article from a file, stdin (``-``) or URL."""
    if location.startswith(("http://", "https://")):
        from .fetch import fetch_article

        article = fetch_article(location, config)
        if published:
            article.given_published, article.given_published_basis = published, "user"
        return article
    data = read_path(location, config)
    where = None if location == "-" else location
    if kind not in ("html", "text"):
        return article_from_bytes(data, config, where, published)
    text, warnings = decode(data, config, location)
    if kind == "html":
        from .html import article_from_html

        article = article_from_html(text, config, where, published)
    else:
        article = article_from_text(text, config, where, published)
    article.warnings.extend(warnings)
    return article


def _jsonl(location: str, config: Config, published: str | None):
    if location == "-":
        yield from records_from_jsonl(sys.stdin, config, None, published)
        return
    try:
        stream = open(location, encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputNotFound(f"{location}: cannot read ({error.strerror or error})") from error
    with stream:
        yield from records_from_jsonl(stream, config, location, published)
