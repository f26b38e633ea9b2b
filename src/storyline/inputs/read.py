"""Turning what a user hands us (bytes, files, stdin, JSONL records) into `Article`s.

Reading only: nothing here parses language or writes output.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..config import Config
from ..errors import (EmptyInput, InputNotFound, InputTooLarge, MalformedRecord, StorylineError,
                      UndecodableInput)
from ..record import Article, Source
from .encodings import decode_bytes

# Share of control characters above which decoded text is data, not text.
BINARY_CONTROL_SHARE = 0.05
TEXT_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}
# JSON escapes (\uXXXX) can make a page up to six times longer on its JSONL line.
JSON_ESCAPE_GROWTH = 6
# Optional record fields that must be strings when given.
RECORD_STRINGS = ("url", "headline", "published")
# An error message quotes at most this much of what it is about.
MESSAGE_CHARS = 160


def decode(data: bytes, config: Config, where: str = "input") -> tuple[str, list[str]]:
    """Bytes to text (see `encodings`): at most `config.max_fetch_bytes`, not empty, not binary.

    The article-length limit (`config.max_chars`) is not checked here: for a page it applies to
    the body extracted from it (see `html.article_from_html`), for plain text in `check_text`."""
    if len(data) > config.max_fetch_bytes:
        raise InputTooLarge(f"{where}: {len(data):,} bytes is more than any article page "
                            f"(limit {config.max_fetch_bytes:,} bytes)")
    if not data.strip():
        raise EmptyInput(f"{where}: empty input, nothing to extract")
    text, warnings = decode_bytes(data, (), where)
    if not text.strip():
        raise EmptyInput(f"{where}: empty input, nothing to extract")
    check_not_binary(text, where)
    return text, warnings


def check_text(text: str, config: Config, where: str = "input") -> str:
    """Plain article text: not empty, not longer than `config.max_chars`, not binary."""
    if not text.strip():
        raise EmptyInput(f"{where}: empty input, nothing to extract")
    if len(text) > config.max_chars:
        raise InputTooLarge(f"{where}: {len(text):,} characters is more than any article "
                            f"(limit {config.max_chars:,})")
    return check_not_binary(text, where)


def check_not_binary(text: str, where: str = "input") -> str:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in TEXT_CONTROLS)
    if controls > BINARY_CONTROL_SHARE * len(sample):
        raise UndecodableInput(f"{where}: looks like binary data, not text")
    return text


def read_path(path: str, config: Config) -> bytes:
    """The bytes of a file or of stdin (``-``), refused unread when over `max_fetch_bytes`."""
    cap = config.max_fetch_bytes
    if path == "-":
        import sys

        data = sys.stdin.buffer.read(cap + 1)
        if len(data) > cap:
            raise InputTooLarge(f"stdin: more than {cap:,} bytes is more than any article page "
                                f"(limit {cap:,} bytes)")
        return data
    file = Path(path)
    if not file.exists():
        raise InputNotFound(f"{path}: no such file")
    if file.is_dir():
        raise InputNotFound(f"{path}: a folder with no files to read")
    try:
        size = file.stat().st_size
        if size > cap:
            raise InputTooLarge(f"{path}: {size:,} bytes is more than any article page "
                                f"(limit {cap:,} bytes)")
        with file.open("rb") as stream:  # a FIFO or /dev/zero has no size: cap the read too
            data = stream.read(cap + 1)
    except OSError as error:
        raise InputNotFound(f"{path}: cannot read ({error.strerror})") from error
    if len(data) > cap:
        raise InputTooLarge(f"{path}: more than {cap:,} bytes is more than any article page "
                            f"(limit {cap:,} bytes)")
    return data


def printable_line(value: object, limit: int = MESSAGE_CHARS) -> str:
    """`value` (an exception, bytes, text) as one short printable line for a message."""
    if isinstance(value, BaseException):
        text = str(value).strip() or type(value).__name__
    elif isinstance(value, (bytes, bytearray)):
        text = bytes(value).decode("utf-8", "backslashreplace")
    else:
        text = "" if value is None else str(value)
    text = " ".join(text.split())
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" if ord(ch) < 256
                   else "\ufffd" for ch in text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def article_from_text(text: str, config: Config, location: str | None = None,
                      published: str | None = None, headline: str | None = None) -> Article:
    check_text(text, config, location or "input")
    return Article(raw=text, source=Source("text", location), given_published=published,
                   given_headline=headline)


def article_from_bytes(data: bytes, config: Config, location: str | None = None,
                       published: str | None = None) -> Article:
    """A file's bytes: HTML when it looks like a page, plain text otherwise."""
    where = location or "input"
    text, warnings = decode(data, config, where)
    if looks_like_html(text):
        from .html import article_from_html

        article = article_from_html(text, config, location=location, published=published)
    else:
        article = article_from_text(text, config, location, published)
    article.warnings.extend(warnings)
    return article


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in text[:20000].lower() and "</" in head)


def records_from_jsonl(stream: IO[str], config: Config, location: str | None = None,
                       published: str | None = None) -> Iterator[Article | StorylineError]:
    """One `Article` per JSONL line, in order; a bad line yields its error instead.

    Lines are read with a cap, so one endless line costs bounded memory, not the whole file."""
    cap = config.max_fetch_bytes * JSON_ESCAPE_GROWTH
    for number, line in enumerate(_capped_lines(stream, cap), start=1):
        if line is not None and not line.strip():
            continue
        where = f"{location or 'stdin'}:{number}"
        try:
            if line is None:
                raise InputTooLarge(f"{where}: a JSONL line longer than {cap:,} characters is "
                                    "more than any article record")
            yield article_from_record(line, config, where, published)
        except StorylineError as error:
            error.record_id = (_record_id(line) if line else None) or where
            error.location = where
            yield error


def article_from_record(line: str, config: Config, where: str,
                        published: str | None = None) -> Article:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as error:
        reason = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deep"
        raise MalformedRecord(f"{where}: not JSON ({reason})") from error
    if not isinstance(record, dict):
        raise MalformedRecord(f"{where}: a record must be a JSON object")
    body_text, body_html = record.get("text"), record.get("html")
    if not isinstance(body_text, str) and not isinstance(body_html, str):
        raise MalformedRecord(f"{where}: a record needs a string `text` or `html`")
    for name in RECORD_STRINGS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise MalformedRecord(f"{where}: `{name}` must be a string, not "
                                  f"{type(record[name]).__name__}")
    if record.get("id") is not None and not isinstance(record["id"], (str, int)):
        raise MalformedRecord(f"{where}: `id` must be a string or a number")
    given_date = record.get("published") or published
    url = record.get("url") or None
    if isinstance(body_html, str) and not isinstance(body_text, str):
        from .html import article_from_html

        article = article_from_html(body_html, config, location=url or where,
                                    published=given_date)
    else:
        article = article_from_text(body_text, config, url or where, given_date,
                                    record.get("headline"))
    article.source.kind = "jsonl"
    if record.get("headline") and not article.given_headline:
        article.given_headline = record["headline"]
    if record.get("id") is not None:
        article.id = str(record["id"])
    article.url = url
    return article


def _capped_lines(stream: IO[str], cap: int) -> Iterator[str | None]:
    """The stream's lines; None in place of a line longer than `cap` (its rest is skipped)."""
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) <= cap or line.endswith("\n"):
            yield line
            continue
        while line and not line.endswith("\n"):  # skip to the end of the long line
            line = stream.readline(1 << 20)
        yield None


def _record_id(line: str) -> str | None:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return None
    if isinstance(record, dict) and isinstance(record.get("id"), (str, int)):
        return str(record["id"])
    return None
