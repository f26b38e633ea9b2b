"""WARC archives to `Article`s: each record, streamed, in archive order, with what became of it.

Records are framed here (header block, ``Content-Length``, block) over an `ArchiveStream`, and
each HTML response is handed to FastWARC to parse on its own (measured faster than warcio at
that, and than warcio over a whole archive; FastWARC's own iterator stops at the first damage,
so the framing stays ours: docs/benchmarks.md, "Spark"). So memory and decompression stay
bounded by `Config.max_fetch_bytes` per record whatever the file holds (a gzip bomb named
.warc.gz fails in milliseconds), and damage costs only the records it touches: a corrupt or cut
gzip member, or a stretch that is no record, is one `MalformedRecord` and reading goes on at the
next intact record.

`warc_records` tells, for every record, its offset, target URI and outcome: an article, an
error, or skipped with the reason (a request or metadata record, a status other than 2xx, a PDF,
an image, another type). `read_warc` yields only the articles and errors, as `ingest` reads them.
A problem with the whole file (missing, empty, no WARC record anywhere) is raised.
"""
from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..errors import EmptyInput, InputNotFound, InputTooLarge, MalformedRecord, StorylineError
from ..record import Article, Source
from .archive_stream import ArchiveStream, Damaged
from .read import printable_line

# A WARC header block is a few hundred bytes; more than this is not one.
HEADER_LIMIT = 1 << 16
# The HTTP status line and headers at the start of a response block are read within this.
HTTP_HEAD_LIMIT = 1 << 16
HEADER_FIELD = re.compile(rb"^([!-9;-~]+):[ \t]*(.*?)[ \t]*\r?$", re.M)
HTTP_CONTENT_TYPE = re.compile(rb"^content-type:[ \t]*([^\r\n]*)", re.I | re.M)
HTTP_STATUS = re.compile(rb"^HTTP/[0-9.]+[ \t]+([0-9]{3})")
MAYBE_HTML_TYPES = ("text/html", "application/xhtml+xml", "", "application/octet-stream",
                    "text/plain")
# Why a record was skipped, besides its WARC type (request, metadata, warcinfo, revisit, ...)
# and "status NNN" for an HTTP status other than 2xx.
SKIPPED_PDF, SKIPPED_IMAGE, SKIPPED_OTHER_TYPE = "pdf", "image", "not html"
SKIPPED_NOT_HTTP = "no http response"


@dataclass
class WarcRecord:
    """One record of an archive (or one damaged stretch of it) and what became of it: exactly
    one of `article` and `error` is set, or neither and `why` says why it was skipped."""

    offset: int  # where it starts in the file (in a .warc.gz: the gzip member it starts in)
    uri: str = ""  # WARC-Target-URI, "" when the record has none or could not be read
    warc_type: str = ""  # response, request, metadata, ...; "" for a damaged stretch
    article: Article | None = None
    error: StorylineError | None = None
    why: str = ""
    record_id: str = ""  # WARC-Record-ID, without its angle brackets

    @property
    def outcome(self) -> str:
        return "article" if self.article else "error" if self.error else "skipped"


def read_warc(path: str, config: Config) -> Iterator[Article | StorylineError]:
    """Each HTML response record of a .warc or .warc.gz (`source.kind` "warc"), streamed;
    records skipped (requests, PDFs, images, ...) are passed over silently."""
    for record in warc_records(path, config):
        if record.article is not None:
            yield record.article
        elif record.error is not None:
            yield record.error


def warc_records(path: str, config: Config) -> Iterator[WarcRecord]:
    """Every record of a .warc or .warc.gz, in archive order, with what became of it."""
    file = Path(path)
    if not file.is_file():
        raise InputNotFound(f"{path}: no such file")
    try:
        stream_file = file.open("rb")
    except OSError as error:
        raise InputNotFound(f"{path}: cannot read ({error.strerror or error})") from error
    with stream_file:
        records = 0
        for item in _frames(ArchiveStream(stream_file), config):
            if isinstance(item, _Damage):
                if records == 0 and not item.resumed:
                    raise MalformedRecord(f"{path}: not a readable WARC archive ({item.reason})")
                yield WarcRecord(item.offset, item.uri, error=item.failure(path, records))
                continue
            records += 1
            if item.data is not None:
                yield _parsed(item, config)
            else:
                yield item.record
        if records == 0:
            raise EmptyInput(f"{path}: empty archive, no WARC records")


@dataclass
class _Frame:
    """A framed record: the `record` so far, and the bytes of an HTML response to parse."""

    record: WarcRecord
    data: bytes | None = None


class _Damage:
    """A stretch of the archive that could not be read, and whether reading resumed after it."""

    def __init__(self, offset: int, reason: str, resumed: bool, uri: str):
        self.offset, self.reason, self.resumed, self.uri = offset, reason, resumed, uri

    def failure(self, path: str, records: int) -> MalformedRecord:
        after = f"after record {records}" if records else "at the start"
        rest = "reading resumed at the next intact record" if self.resumed \
            else "nothing readable after it"
        failure = MalformedRecord(f"{path}: archive corrupt or truncated {after} (offset "
                                  f"{self.offset:,}: {self.reason}); {rest}")
        failure.record_id, failure.location = f"{path}@{self.offset}", path
        return failure


def _frames(stream: ArchiveStream, config: Config) -> Iterator[_Frame | _Damage]:
    """Each record, framed: passed over unread when it is skipped or refused, its bytes kept
    when it is an HTML response to parse; or a `_Damage`, in archive order."""
    while True:
        uri = ""
        try:
            header = stream.header_block(HEADER_LIMIT)
            if header is None:
                return
            fields = _fields(header)
            uri = printable_line(fields.get("warc-target-uri", ""), 500)
            record = WarcRecord(stream.record_offset, uri, fields.get("warc-type", "").lower(),
                                record_id=fields.get("warc-record-id", "").strip("<>"))
            if "content-length" not in fields:
                raise Damaged("a WARC header without Content-Length")
            length = _length(fields["content-length"])
            if record.warc_type != "response":
                _pass_over(stream, length)
                record.why = record.warc_type or "untyped"
                yield _Frame(record)
                continue
            head = stream.take(min(length, HTTP_HEAD_LIMIT))
            record.why = _skip_reason(head)
            if record.why or length > config.max_fetch_bytes:
                _pass_over(stream, length, len(head))
                if not record.why:
                    record.error = InputTooLarge(f"{uri or 'record'}: response larger than "
                                                 f"{config.max_fetch_bytes:,} bytes")
                    record.error.record_id = record.record_id or uri
                    record.error.location = uri
                yield _Frame(record)
                continue
            block = head + stream.take(length - len(head))
            if len(block) < length:
                raise Damaged(f"the archive ends inside a record ({len(block):,} of "
                              f"{length:,} bytes)")
            if not stream.record_end():
                raise Damaged(f"a record whose Content-Length ({length:,}) is not its length")
            yield _Frame(record, header + block + b"\r\n\r\n")
        except Damaged as damage:
            offset = stream.record_offset
            uri = uri or _uri_at(stream, offset)
            resumed = stream.resync()
            yield _Damage(offset, printable_line(damage), resumed, uri)
            if not resumed:
                return


def _uri_at(stream: ArchiveStream, offset: int) -> str:
    """The target URI in what can still be read of a damaged record's header, or ""."""
    stream.file.seek(offset)
    raw = stream.file.read(HEADER_LIMIT)
    if stream.compressed:
        inflater, head = zlib.decompressobj(16 + zlib.MAX_WBITS), b""
        try:  # in small steps, to keep what inflates before the damage
            for start in range(0, len(raw), 512):
                head += inflater.decompress(raw[start:start + 512], HEADER_LIMIT)
                if b"\r\n\r\n" in head or len(head) >= HEADER_LIMIT:
                    break
        except zlib.error:
            pass
        raw = head
    if not raw.startswith(b"WARC/"):
        return ""
    return printable_line(_fields(raw.split(b"\r\n\r\n", 1)[0]).get("warc-target-uri", ""), 500)


def _pass_over(stream: ArchiveStream, length: int, done: int = 0) -> None:
    """Skip the rest of a record unread."""
    if stream.record_starts_member and length - done > HEADER_LIMIT:
        # One record per gzip member: jump to the next member rather than inflate this one.
        stream.resync()
    elif stream.skip(length - done) < length - done:
        raise Damaged(f"the archive ends inside a record ({length:,} bytes declared)")
    elif not stream.record_end():
        raise Damaged(f"a record whose Content-Length ({length:,}) is not its length")


def _skip_reason(head: bytes) -> str:
    """Why a response is not read, from its HTTP status line and Content-Type ("" to read it)."""
    http_head = head.split(b"\r\n\r\n", 1)[0]
    status = HTTP_STATUS.match(http_head)
    if status is None:
        return SKIPPED_NOT_HTTP
    if not status.group(1).startswith(b"2"):
        return f"status {status.group(1).decode('ascii')}"
    found = HTTP_CONTENT_TYPE.search(http_head)
    content_type = found.group(1).decode("latin-1").strip().lower() if found else ""
    return "" if _maybe_html(content_type) else _type_reason(content_type)


def _type_reason(content_type: str) -> str:
    media = content_type.split(";")[0].strip()
    if media == "application/pdf":
        return SKIPPED_PDF
    return SKIPPED_IMAGE if media.startswith("image/") else SKIPPED_OTHER_TYPE


def _parsed(frame: _Frame, config: Config) -> WarcRecord:
    """An HTML response's record, parsed by FastWARC and extracted; its error, if any."""
    from fastwarc.warc import ArchiveIterator

    record = frame.record
    try:
        parsed = next(iter(ArchiveIterator(io.BytesIO(frame.data), auto_decode="all")))
    except Exception as error:  # FastWARC raises OSError and others on a record it cannot parse
        record.error = MalformedRecord(f"{record.uri or 'record'}: unreadable WARC record "
                                       f"({printable_line(error)})")
        record.error.record_id, record.error.location = record.record_id or record.uri, record.uri
        return record
    return _extracted(parsed, record, config)


def _extracted(parsed, record: WarcRecord, config: Config) -> WarcRecord:
    from .fetch import decode_page, is_html
    from .html import article_from_html

    uri = record.uri
    if parsed.http_headers is None:  # FastWARC found no HTTP response in the block
        record.why = SKIPPED_NOT_HTTP
        return record
    content_type = (parsed.http_headers.get("Content-Type") or "").lower()
    record_id = record.record_id or uri
    try:
        data = parsed.reader.read(config.max_fetch_bytes + 1)
        if len(data) > config.max_fetch_bytes:
            raise InputTooLarge(f"{uri}: response larger than {config.max_fetch_bytes:,} bytes")
        if not is_html(content_type, data):
            record.why = SKIPPED_PDF if data.startswith(b"%PDF") else SKIPPED_OTHER_TYPE
            return record
        text, warnings = decode_page(data, content_type, uri)
        article = article_from_html(text, config, location=uri)
    except StorylineError as error:
        error.record_id, error.location = record_id, uri
        record.error = error
        return record
    except Exception as error:  # a broken record body (bad gzip inside) is that record's error
        record.error = MalformedRecord(f"{uri}: unreadable response record "
                                       f"({printable_line(error)})")
        record.error.record_id, record.error.location = record_id, uri
        return record
    article.source = Source("warc", uri)
    article.url = article.url or uri
    article.id = record_id
    article.warnings.extend(warnings)
    crawled = (parsed.headers.get("WARC-Date") or "")[:10]
    if not article.given_published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", crawled):
        article.given_published, article.given_published_basis = crawled, "inferred"
        article.warnings.append(f"no publication date on the page; crawl date {crawled} "
                                "kept as a hint only")
    record.article = article
    return record


def _fields(header: bytes) -> dict[str, str]:
    """A header block's fields, names lower-cased (the first value of each name)."""
    fields: dict[str, str] = {}
    for name, value in HEADER_FIELD.findall(header):
        fields.setdefault(name.decode("ascii").lower(), value.decode("utf-8", "replace"))
    return fields


def _length(value: str) -> int:
    if not value.strip().isdigit():
        raise Damaged(f"a WARC header with a bad Content-Length ({printable_line(value, 40)})")
    return int(value)


def _maybe_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip() in MAYBE_HTML_TYPES
