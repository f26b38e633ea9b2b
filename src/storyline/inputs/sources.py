"""Where articles come from: files, stdin, URLs, JSONL, feeds and WARC archives, by one name.

Reading only. Each source yields `Article`s, or the `StorylineError` that one record raised
(with `location` and `record_id` set) so that a batch reports it and goes on. A folder that
`storyline spark` wrote holds finished records, not sources: `split_finished` sets it apart, for
`finished_records` to read as they are (the pipeline is not run on them again). Any other
folder is read as the files in it (`folder_files`).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
    # Files a folder's listing leaves out: the run's own outputs (the store, its errors file),
    # which may lie in the folder being read.
    leave_out: frozenset[str] = frozenset()


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
    return len(request.locations) != 1 or is_folder(request.locations[0]) or input_format_of(
        request.locations[0], request.input_format) in ("jsonl", "feed", "warc")


def is_folder(location: str) -> bool:
    """A local folder of sources (not a `storyline spark` output folder, read as records)."""
    return "://" not in location and location != "-" and Path(location).is_dir() \
        and not is_spark_output(location)


def folder_files(folder: str, leave_out: frozenset[str] = frozenset()) -> list[str]:
    """A folder's files, its subfolders' too, in name order; hidden files and folders and the
    files in `leave_out` (real paths) are left out."""
    root = Path(folder)
    return sorted(str(path) for path in root.rglob("*")
                  if path.is_file() and not any(part.startswith(".")
                                                for part in path.relative_to(root).parts)
                  and os.path.realpath(path) not in leave_out)


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
    for given in request.locations:
        # a folder is read as its files; an empty one reaches the reader, which says so
        for location in (folder_files(given, request.leave_out) or [given]) \
                if is_folder(given) else [given]:
            yield from _articles_at(location, request, config)


def _articles_at(location: str, request: Request, config: Config
                 ) -> Iterator[Article | StorylineError]:
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
