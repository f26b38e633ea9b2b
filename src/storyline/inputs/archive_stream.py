"""The bytes of a WARC archive, plain or gzipped, read in bounded steps and resumable after damage.

A .warc.gz (as Common Crawl's CC-NEWS writes them) is a series of gzip members, one record per
member. `ArchiveStream` inflates them one after another, at most `READ_STEP` bytes at a time, so
nothing is ever inflated beyond what its reader asks for: a gzip bomb costs what the reader
reads, not what it expands to. After damage (a corrupt or cut member, a record that is not
one), `resync` finds the next place a WARC record starts: the next gzip member whose first bytes
inflate to a WARC header, or in a plain .warc the next line that starts with ``WARC/1.``.
"""
from __future__ import annotations

import re
import zlib
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_START = b"WARC/"
READ_STEP = 1 << 16
SCAN_STEP = 1 << 20
# Bytes after the last member that are only padding (NUL, blank lines) end the archive cleanly.
PADDING = b"\x00\r\n\t "
HEADER_END = re.compile(rb"\r?\n\r?\n")


class Damaged(Exception):
    """The archive cannot be read on from here: corrupt compressed data, or cut short."""


class ArchiveStream:
    """Decompressed archive bytes with a small look-ahead buffer; `record_offset` is where the
    record being read starts in the file (for a .warc.gz: the gzip member it starts in)."""

    def __init__(self, file: BinaryIO):
        self.file = file
        self.compressed = file.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        self.buffer = b""
        self.record_offset = 0
        self.record_starts_member = False
        # Gzip members beginning inside `buffer`: (index in buffer, member offset in the file).
        self._members: list[tuple[int, int]] = []
        self._front = (0, True)  # the member buffer[0] is in, and whether it is its first byte
        self._pending: Damaged | None = None
        self._start(0)

    # --- reading -----------------------------------------------------------------------------

    def fill(self) -> bool:
        """Append the next bytes to `buffer`; False at the end of the archive."""
        chunk, new_member = self._next_chunk()
        if new_member is not None:
            self._members.append((len(self.buffer), new_member))
        self.buffer += chunk
        return bool(chunk)

    def take(self, size: int) -> bytes:
        """Up to `size` bytes from the front (fewer only at the end of the archive)."""
        while len(self.buffer) < size and self.fill():
            pass
        return self._consume(size)

    def skip(self, size: int) -> int:
        """Skip `size` bytes, reading no more than a step at a time; how many were skipped."""
        skipped = len(self._consume(size))
        if not self.compressed and skipped < size:
            here = self.file.tell()
            end = min(here + size - skipped, _file_size(self.file))
            self.file.seek(end)
            return skipped + end - here
        while skipped < size and self.fill():
            skipped += len(self._consume(size - skipped))
        return skipped

    def record_end(self) -> bool:
        """After a record's block: whether the record ends there (its blank lines, then the
        next record or the end of the archive), as it does when its Content-Length is right.
        Damage in what follows is kept for `header_block`: this record is whole."""
        more = True
        try:
            while len(self.buffer) < 4 + len(WARC_START) and more:
                more = self.fill()
        except Damaged as damage:
            self._pending, more = damage, False
        for end in (b"\r\n\r\n", b"\n\n"):
            if self.buffer.startswith(end):
                self._consume(len(end))
                return True
        rest = self.buffer.lstrip(b"\r\n")
        return rest.startswith(WARC_START) or (not rest and not more)

    def header_block(self, limit: int) -> bytes | None:
        """The next record's header block (through its blank line), blank lines before it
        skipped; None at the end of the archive. Raises `Damaged` when no header block ends
        within `limit` bytes, or the archive ends inside one."""
        if self._pending is not None:  # damage met while checking the end of the last record
            damage, self._pending = self._pending, None
            self.record_offset = self._member_start
            raise damage
        while True:
            self._consume(len(self.buffer) - len(self.buffer.lstrip(b"\r\n")))
            if self.buffer or not self.fill():
                break
        if not self.buffer:
            return None
        if self.compressed:
            self.record_offset, self.record_starts_member = self._front
        else:
            self.record_offset = self.file.tell() - len(self.buffer)
        while len(self.buffer) < len(WARC_START) and self.fill():
            pass
        if not self.buffer.startswith(WARC_START):
            raise Damaged("no WARC record here")
        while True:
            end = HEADER_END.search(self.buffer, 0, limit + 4)
            if end:
                return self._consume(end.end())
            if len(self.buffer) > limit:
                raise Damaged(f"no WARC header here (no end of a header within {limit:,} bytes)")
            if not self.fill():
                raise Damaged("the archive ends inside a record header")

    # --- after damage ---------------------------------------------------------------------------

    def resync(self) -> bool:
        """Move to the next record start after `record_offset`; False when there is none."""
        self.buffer, self._members, self._pending = b"", [], None
        found = self._find_member(self.record_offset + 1) if self.compressed \
            else self._find_line(self.record_offset + 1)
        if found is None:
            self._exhausted = True
            return False
        self._start(found)
        self.record_offset, self._front = found, (found, True)
        return True

    def _find_member(self, offset: int) -> int | None:
        for candidate in _occurrences(self.file, GZIP_MAGIC, offset):
            self.file.seek(candidate)
            try:
                head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(
                    self.file.read(READ_STEP), 64)
            except zlib.error:
                continue
            if head.lstrip(b"\r\n").startswith(WARC_START):
                return candidate
        return None

    def _find_line(self, offset: int) -> int | None:
        for candidate in _occurrences(self.file, b"\n" + WARC_START + b"1.", offset - 1):
            return candidate + 1
        return None

    # --- inside -------------------------------------------------------------------------------

    def _consume(self, size: int) -> bytes:
        taken, self.buffer = self.buffer[:size], self.buffer[size:]
        moved = self._front[1] and not taken
        member = self._front[0]
        while self._members and self._members[0][0] <= len(taken):
            index, member = self._members.pop(0)
            moved = index == len(taken)
        self._members = [(index - len(taken), offset) for index, offset in self._members]
        self._front = (member, moved)
        return taken

    def _start(self, offset: int) -> None:
        self.file.seek(offset)
        self._member_start = self._fed_end = offset
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if self.compressed else None
        self._tail = b""
        self._produced = 0
        self._exhausted = False

    def _next_chunk(self) -> tuple[bytes, int | None]:
        """Next decompressed bytes, and the offset of the gzip member they begin (if any)."""
        if self._exhausted:
            return b"", None
        if not self.compressed:
            chunk = self.file.read(READ_STEP)
            self._exhausted = not chunk
            return chunk, None
        while True:
            inflater = self._inflater
            if inflater.eof:  # the member ended: the next one starts right after it
                following = self._fed_end - len(inflater.unused_data)
                self.file.seek(following)
                rest = self.file.read(READ_STEP)
                if len(rest) < READ_STEP and not rest.strip(PADDING):
                    self._exhausted = True
                    return b"", None
                self._start(following)
                continue
            data = self._tail or self.file.read(READ_STEP)
            if not data:
                self._exhausted = True
                if self._fed_end == self._member_start:
                    return b"", None
                raise Damaged("the archive ends inside a gzip member (cut short)")
            if not self._tail:
                self._fed_end += len(data)
            try:
                out = inflater.decompress(data, READ_STEP)
            except zlib.error as error:
                self._exhausted = True
                raise Damaged(f"corrupt gzip data ({error})") from error
            self._tail = inflater.unconsumed_tail
            if out:
                first = self._produced == 0
                self._produced += len(out)
                return out, self._member_start if first else None


def _occurrences(file: BinaryIO, needle: bytes, offset: int):
    """Offsets of `needle` in `file` from `offset` on, read a megabyte at a time."""
    position = max(0, offset)
    while True:
        file.seek(position)
        chunk = file.read(SCAN_STEP + len(needle) - 1)
        start = 0
        while True:
            found = chunk.find(needle, start)
            if found < 0:
                break
            yield position + found
            start = found + 1
        if len(chunk) < SCAN_STEP + len(needle) - 1:
            return
        position += SCAN_STEP


def _file_size(file: BinaryIO) -> int:
    here = file.tell()
    size = file.seek(0, 2)
    file.seek(here)
    return size
