"""Turning what a user hands us (bytes, files, stdin, JSONL records) into `Article`s.

Reading only: nothing here parses language or writes output.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..config import Config
from ..errors import EmptyInput, InputNotFound, InputTooLarge, MalformedRecord, UndecodableInput
from ..record import Article, Source

# Share of control characters above which bytes are data, not text.
BINARY_CONTROL_SHARE = 0.05
TEXT_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


def decode(data: bytes, config: Config, where: str = "input") -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (with or without BOM), else Windows-1252/Latin-1 with a warning."""
    if len(data) > config.max_chars * 4:
        raise InputTooLarge(f"{where}: {len(data):,} bytes is more than any article "
                            f"(limit {config.max_chars:,} characters)")
    if not data.strip():
        raise EmptyInput(f"{where}: empty input, nothing to extract")
    if b"\x00" in data[:8192]:
        raise UndecodableInput(f"{where}: binary data (NUL bytes), not text")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        warnings.append(f"{where}: not valid UTF-8; decoded as Windows-1252")
    check_text(text, config, where)
    return text, warnings


def check_text(text: str, config: Config, where: str = "input") -> str:
    if not text.strip():
        raise EmptyInput(f"{where}: empty input, nothing to extract")
    if len(text) > config.max_chars:
        raise InputTooLarge(f"{where}: {len(text):,} characters is more than any article "
                            f"(limit {config.max_chars:,})")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in TEXT_CONTROLS)
    if controls > BINARY_CONTROL_SHARE * len(sample):
        raise UndecodableInput(f"{where}: looks like binary data, not text")
    return text


def read_path(path: str, config: Config) -> bytes:
    if path == "-":
        import sys

        return sys.stdin.buffer.read(config.max_chars * 4 + 1)
    file = Path(path)
    if not file.exists():
        raise InputNotFound(f"{path}: no such file")
    if file.is_dir():
        raise InputNotFound(f"{path}: is a directory, not a file")
    if file.stat().st_size > config.max_chars * 4:
        raise InputTooLarge(f"{path}: {file.stat().st_size:,} bytes is more than any article "
                            f"(limit {config.max_chars:,} characters)")
    try:
        return file.read_bytes()
    except OSError as error:
        raise InputNotFound(f"{path}: cannot read ({error.strerror})") from error


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
                       published: str | None = None) -> Iterator[Article | MalformedRecord]:
    """One `Article` per JSONL line, in order; a bad line yields its error instead."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{location or 'stdin'}:{number}"
        try:
            yield article_from_record(line, config, where, published)
        except (MalformedRecord, EmptyInput, InputTooLarge, UndecodableInput) as error:
            error.record_id = _record_id(line) or where
            error.location = where
            yield error


def article_from_record(line: str, config: Config, where: str,
                        published: str | None = None) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise MalformedRecord(f"{where}: not JSON ({error.msg})") from error
    if not isinstance(record, dict):
        raise MalformedRecord(f"{where}: a record must be a JSON object")
    body_text, body_html = record.get("text"), record.get("html")
    if not isinstance(body_text, str) and not isinstance(body_html, str):
        raise MalformedRecord(f"{where}: a record needs a string `text` or `html`")
    given_date = record.get("published") or published
    if isinstance(body_html, str) and not isinstance(body_text, str):
        from .html import article_from_html

        article = article_from_html(check_text(body_html, config, where), config,
                                    location=record.get("url") or where, published=given_date)
    else:
        article = article_from_text(body_text, config, record.get("url") or where, given_date,
                                    record.get("headline"))
    article.source.kind = "jsonl"
    if record.get("headline") and not article.given_headline:
        article.given_headline = record["headline"]
    if record.get("id") is not None:
        article.id = str(record["id"])
    article.url = record.get("url")
    return article


def _record_id(line: str) -> str | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return None
    return str(record["id"]) if isinstance(record, dict) and record.get("id") is not None else None
