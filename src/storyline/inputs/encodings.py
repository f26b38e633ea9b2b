"""Bytes to text, for files, stdin, fetched pages and archived responses alike.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16/32 without one, seen by its NUL
bytes in every other (or every fourth) place; valid UTF-8, which wins over any label because
other encodings almost never happen to be valid UTF-8 (pages labelled one charset and written in
another are common); the charset the header, the page's ``<meta>`` or its XML declaration
declares; else Windows-1252, with a warning. A few stray NUL bytes in text are removed with a
warning; many are binary data.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Sequence

from ..errors import UndecodableInput

BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)""", re.I)
# How far into a page its charset declaration is looked for (scripts can come first).
DECLARATION_SCAN = 8192
# Bytes sampled to recognise UTF-16/32 without a byte-order mark.
WIDE_SAMPLE = 4096
# In UTF-16 of mostly Latin text, at least this share of the high bytes are NUL...
WIDE_NUL_SHARE = 0.6
# ...and at most this share of the low bytes.
NARROW_NUL_SHARE = 0.02
# Text with NUL bytes up to this share of its bytes has them removed; more is binary data.
STRAY_NUL_SHARE = 0.01
# WHATWG: pages labelled Latin-1 or ASCII are Windows-1252; labels of UTF-16/32 on bytes that
# are not (no NUL pattern) mean UTF-8.
LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                 "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}
# Codecs a label never selects: not charsets (escapes, UTF-7's hidden markup), or tried
# already (UTF-8), or only taken from a byte-order mark or NUL pattern (UTF-16/32).
REFUSED_CODECS = {"utf-7", "unicode-escape", "raw-unicode-escape", "idna", "punycode",
                  "undefined", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                  "utf-32-be", "utf-8", "utf-8-sig"}


def decode_bytes(data: bytes, declared: Sequence[str] = (),
                 where: str = "input") -> tuple[str, list[str]]:
    """`data` as text and the warnings a reader should see; `declared` are charset labels from
    outside the bytes (an HTTP header), tried before the page's own declarations."""
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode_wide(data[len(mark):], codec, where)
    wide = wide_encoding(data)
    if wide:
        return _decode_wide(data, wide, where)
    warnings: list[str] = []
    if b"\x00" in data:
        data, warnings = _without_stray_nuls(data, where)
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    for label in [*declared, *declared_charsets(data)]:
        codec = codec_for(label)
        if codec is None:
            continue
        try:
            return data.decode(codec), warnings
        except UnicodeDecodeError:
            continue
    labels = ", ".join(dict.fromkeys(label.lower() for label in [*declared,
                                                                 *declared_charsets(data)]))
    said = f" (declared {labels})" if labels else ""
    warnings.append(f"{where}: not valid UTF-8{said}; decoded as Windows-1252")
    return data.decode("cp1252", errors="replace"), warnings


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where its NUL bytes fall."""
    sample = data[:WIDE_SAMPLE]
    if len(sample) < 8:
        return None
    sample = sample[:len(sample) // 4 * 4]
    quarters = [sample[offset::4].count(0) / (len(sample) / 4) for offset in range(4)]
    if min(quarters[1:]) >= WIDE_NUL_SHARE and quarters[0] <= NARROW_NUL_SHARE:
        return "utf-32-le"
    if min(quarters[:3]) >= WIDE_NUL_SHARE and quarters[3] <= NARROW_NUL_SHARE:
        return "utf-32-be"
    even = (quarters[0] + quarters[2]) / 2
    odd = (quarters[1] + quarters[3]) / 2
    if odd >= WIDE_NUL_SHARE and even <= NARROW_NUL_SHARE:
        return "utf-16-le"
    if even >= WIDE_NUL_SHARE and odd <= NARROW_NUL_SHARE:
        return "utf-16-be"
    return None


def declared_charsets(data: bytes) -> list[str]:
    """The charsets the bytes declare for themselves: XML declaration, then ``<meta>``."""
    head = data[:DECLARATION_SCAN]
    found = [match.group(1) for match in (XML_ENCODING.search(head), META_CHARSET.search(head))
             if match]
    return [label.decode("ascii", "replace") for label in found]


def codec_for(label: str) -> str | None:
    """Python's codec for a charset label, None when unknown or not to be trusted."""
    name = label.strip().lower()
    name = LABEL_ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec.replace("_", "-") in REFUSED_CODECS else codec


def _decode_wide(data: bytes, codec: str, where: str) -> tuple[str, list[str]]:
    try:
        text = data.decode(codec)
        warnings = []
    except UnicodeDecodeError:  # cut mid-character, or a lone surrogate
        text = data.decode(codec, errors="replace")
        warnings = [f"{where}: {_name(codec)} with invalid sequences; they were replaced"]
    if "\x00" in text:
        text = text.replace("\x00", "")
        warnings.append(f"{where}: NUL characters removed")
    return text, warnings


def _without_stray_nuls(data: bytes, where: str) -> tuple[bytes, list[str]]:
    nuls = data.count(0)
    if nuls > STRAY_NUL_SHARE * len(data):
        raise UndecodableInput(f"{where}: binary data ({nuls:,} NUL bytes), not text")
    return data.replace(b"\x00", b""), [f"{where}: {nuls:,} NUL byte(s) removed from the text"]


def _name(codec: str) -> str:
    return codec.upper().replace("-LE", "LE").replace("-BE", "BE")
