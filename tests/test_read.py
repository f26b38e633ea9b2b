"""Reading what a user hands over (inputs/read.py, inputs/encodings.py): the size rule, text
encodings, NUL bytes, and JSONL records."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.errors import (EmptyInput, InputTooLarge, MalformedRecord, StorylineError,
                              UndecodableInput)
from storyline.inputs.encodings import decode_bytes, wide_encoding
from storyline.inputs.read import (article_from_bytes, decode, printable_line, read_path,
                                   records_from_jsonl)
from storyline.inputs.sources import read_one
from storyline.record import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGE = (FIXTURES / "html" / "news_article.html").read_text(encoding="utf-8")
LEDE = "The harbour bridge will close to all traffic for six weeks from 1 May"
TEXT = (FIXTURES / "clean" / "local-library.txt").read_text(encoding="utf-8")


def script_heavy_page() -> str:
    """The article page with 2.5 MB of inline script and inline JSON, as real pages carry."""
    script = "<script>window.__APP__ = {" + ",".join(
        f'"k{n}": "{"x" * 90}"' for n in range(12_500)) + "};</script>"
    data = ('<script type="application/json" id="__NEXT_DATA__">' + json.dumps(
        {"teasers": [{"id": n, "html": f"<p>teaser {n} " + "y" * 80 + "</p>"}
                     for n in range(10_000)]}) + "</script>")
    head_end = PAGE.index("</head>")
    page = PAGE[:head_end] + script + PAGE[head_end:].replace("</body>", data + "</body>")
    assert len(page) > 2_400_000
    return page


# --- the size rule ---------------------------------------------------------------------------

def test_a_script_heavy_page_is_read_for_its_body(tmp_path):
    page = script_heavy_page()
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    for article in (read_one(str(path), "auto", Config(), None),
                    read_one(str(path), "html", Config(), None),
                    article_from_bytes(page.encode(), Config())):
        assert article.text.startswith(LEDE) and len(article.text) < 5000
    (record,) = records_from_jsonl(io.StringIO(json.dumps({"id": "p", "html": page})), Config())
    assert isinstance(record, Article) and record.text.startswith(LEDE)


def test_plain_text_over_max_chars_is_refused():
    with pytest.raises(InputTooLarge, match="2,100 characters is more than any article"):
        article_from_bytes(b"The council met. " * 100 + b"0" * 400, Config(max_chars=2000))


def test_a_page_whose_body_is_over_max_chars_is_refused():
    with pytest.raises(InputTooLarge, match=r"the body is [\d,]+ characters.*limit 500"):
        article_from_bytes(PAGE.encode(), Config(max_chars=500))


def test_raw_bytes_over_max_fetch_bytes_are_refused():
    with pytest.raises(InputTooLarge, match="limit 1,000 bytes"):
        decode(b"<p>word</p>" * 200, Config(max_fetch_bytes=1000))


def test_a_60_mb_file_is_refused_by_its_size_unread(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:
        out.truncate(60_000_000)  # sparse: nothing written

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(InputTooLarge, match="60,000,000 bytes"):
        read_path(str(huge), Config())


def test_stdin_over_the_cap_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 5000)))
    with pytest.raises(InputTooLarge, match="stdin: more than 4,000 bytes"):
        read_path("-", Config(max_fetch_bytes=4000))


# --- encodings -------------------------------------------------------------------------------

SAMPLE = "Zoë and Jürgen met “the mayor” in Škofja Loka on Monday."


@pytest.mark.parametrize("encoded", [
    "\ufeff".encode("utf-16-le") + SAMPLE.encode("utf-16-le"),
    "\ufeff".encode("utf-16-be") + SAMPLE.encode("utf-16-be"),
    SAMPLE.encode("utf-16-le"),  # no BOM: NUL in every other byte
    SAMPLE.encode("utf-16-be"),
    "\ufeff".encode("utf-32-le") + SAMPLE.encode("utf-32-le"),
    "\ufeff".encode("utf-32-be") + SAMPLE.encode("utf-32-be"),
    SAMPLE.encode("utf-32-le"),
    "\ufeff".encode("utf-8") + SAMPLE.encode("utf-8"),
    SAMPLE.encode("utf-8"),
])
def test_unicode_encodings_are_decoded_without_warnings(encoded):
    text, warnings = decode(encoded, Config())
    assert text == SAMPLE and warnings == []


@pytest.mark.parametrize("text, codec", [
    ("Elena Vásquez said the café would reopen.", "latin-1"),
    ("“Not yet,” she said – twice.", "cp1252"),
])
def test_latin1_and_cp1252_are_decoded_with_a_warning(text, codec):
    decoded, warnings = decode(text.encode(codec), Config(), "in.txt")
    assert decoded == text
    assert warnings == ["in.txt: not valid UTF-8; decoded as Windows-1252"]


def test_a_declared_single_byte_charset_is_used_for_html_files():
    page = '<html><head><meta charset="windows-1251"></head><body><p>Москва</p></body></html>'
    text, warnings = decode(page.encode("cp1251"), Config())
    assert "Москва" in text and warnings == []


def test_utf16_odd_length_is_decoded_with_a_warning():
    cut = b"\xff\xfe" + SAMPLE.encode("utf-16-le") + b"a"  # half a character at the end
    text, warnings = decode_bytes(cut, where="cut.txt")
    assert text.startswith(SAMPLE) and "UTF-16LE with invalid sequences" in warnings[0]


def test_wide_encoding_needs_the_nul_pattern():
    assert wide_encoding("plain ascii text, long enough".encode()) is None
    assert wide_encoding(bytes(range(256)) * 4) is None


# --- NUL bytes ----------------------------------------------------------------------------

def test_a_few_stray_nul_bytes_are_removed_with_a_warning():
    data = TEXT.encode("utf-8").replace(b". ", b".\x00 ", 3)
    text, warnings = decode(data, Config(), "in.txt")
    assert "\x00" not in text and text == TEXT.replace(". ", ". ", 3)
    assert warnings == ["in.txt: 3 NUL byte(s) removed from the text"]


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    b"word\x00\x00\x00\x01" * 500,
    b"%PDF-1.7\n" + bytes(range(256)) * 40,
])
def test_binary_data_is_one_line_undecodable(data):
    with pytest.raises(UndecodableInput, match="binary") as caught:
        decode(data, Config(), "blob.bin")
    assert str(caught.value).startswith("blob.bin: ") and "\n" not in str(caught.value)
    assert caught.value.exit_code == 5


def test_utf16_of_whitespace_is_empty():
    with pytest.raises(EmptyInput):
        decode("  \n ".encode("utf-16"), Config())


# --- JSONL ----------------------------------------------------------------------------------

def test_jsonl_bad_lines_are_errors_in_place_and_nothing_is_lost():
    long_line = json.dumps({"id": "long", "text": "word " * 5000})
    lines = [
        json.dumps({"id": 1, "text": TEXT}),
        long_line,
        json.dumps({"id": "typed", "text": TEXT, "url": 42}),
        "[" * 10_000,
        json.dumps({"id": "nested-id", "text": TEXT, "headline": ["not", "a", "string"]}),
        json.dumps({"id": "html", "html": PAGE}),
        json.dumps({"text": TEXT, "id": {"a": 1}}),
        json.dumps({"id": "last", "text": TEXT}),
    ]
    stream = io.StringIO("\n".join(lines) + "\n")
    items = list(records_from_jsonl(stream, Config(max_fetch_bytes=3000), "batch.jsonl"))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Article", "InputTooLarge", "MalformedRecord", "MalformedRecord",
                     "MalformedRecord", "InputTooLarge", "MalformedRecord", "Article"]
    assert [item.id for item in items if isinstance(item, Article)] == ["1", "last"]
    failures = [item for item in items if isinstance(item, StorylineError)]
    assert [failure.record_id for failure in failures] == [
        "batch.jsonl:2", "typed", "batch.jsonl:4", "nested-id", "html", "batch.jsonl:7"]
    assert "`url` must be a string" in str(failures[1]) and "nested too deep" in str(failures[2])
    assert all("\n" not in str(failure) for failure in failures)


def test_an_html_record_uses_the_page_cap_not_the_text_cap():
    line = json.dumps({"id": "page", "html": PAGE, "url": "https://courier.example.com/x"})
    (article,) = records_from_jsonl(io.StringIO(line), Config(max_chars=3000))
    assert isinstance(article, Article) and article.url == "https://courier.example.com/x"
    assert len(PAGE) > 3000 and article.source.kind == "jsonl"


def test_printable_line_never_prints_raw_bytes():
    assert printable_line(b"bad \x00\x1b[2J\xff bytes") == "bad \\x00\\x1b[2J\\xff bytes"
    assert printable_line(ValueError("two\nlines\x07")) == "two lines\\x07"
    assert printable_line("x" * 500, 20) == "x" * 19 + "…"


# --- the real command -----------------------------------------------------------------------

def test_cli_reads_utf16_and_refuses_binary_in_one_line(tmp_path):
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(TEXT.encode("utf-16"))  # with a BOM
    run = [sys.executable, "-m", "storyline.cli", "extract"]
    result = subprocess.run([*run, str(utf16)], capture_output=True, timeout=180)
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["text"]
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"word\x00\x00\x00\x01" * 500)
    result = subprocess.run([*run, str(binary)], capture_output=True, timeout=180)
    assert result.returncode == 5 and len(result.stderr.decode().strip().splitlines()) == 1
    assert b"binary" in result.stderr and b"Traceback" not in result.stderr


FERRY_PAGE = ("<html><head><title>Ferry opens | The Courier</title></head><body><article>"
        "<h1>Ferry opens</h1><p>Mayor Ada Quill opened the new ferry terminal in Brightwater on "
        "Monday, the city said.</p><p>The terminal took three years to build, officials said."
        "</p></article></body></html>")


@pytest.mark.parametrize("given, kind", [
    (FERRY_PAGE, "html"), (FERRY_PAGE.encode("cp1252"), "html"),
    ("Mayor Ada Quill opened the new ferry terminal in Brightwater on Monday.".encode("utf-16"),
     "text")])
def test_the_python_api_reads_text_a_page_or_bytes(given, kind):
    from storyline import extract

    article = extract(given)
    assert article.source.kind == kind
    assert article.text.startswith("Mayor Ada Quill opened the new ferry terminal")
    assert "<" not in article.text and "Ada Quill" in [e.name for e in article.entities]


@pytest.mark.parametrize("given", [None, 42, ["a list"]])
def test_the_python_api_names_a_wrong_type(given):
    from storyline import extract

    with pytest.raises(TypeError, match="takes the article as str or bytes"):
        extract(given)
