"""The real `storyline` command, run as a user runs it: files, stdin, formats, bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, SAMPLE, SCHEMA, shared_file

STORYLINE = [sys.executable, "-m", "storyline.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*STORYLINE, *args], input=stdin, capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(shared_file(SCHEMA).read_text(encoding="utf-8"))


def test_extract_sample_satisfies_contract(schema):
    import jsonschema

    result = run("extract", str(shared_file(SAMPLE)), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    jsonschema.validate(record, schema)
    assert record["headline"].startswith("The ‘Rust’ criminal case may be over for Alec Baldwin")
    assert record["source"] == {"kind": "text", "location": str(SAMPLE)}
    for start, end in record["paragraphs"]:
        assert record["text"][start:end].strip() == record["text"][start:end]


def test_stdin_and_markdown_report():
    result = run("extract", "-", "--format", "md", stdin=EXAMPLE.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    report = result.stdout.decode()
    assert report.startswith("# Riverton council votes to close the Mill Street bridge")
    for section in ("## People", "## Removed from the body", "## Quotes"):
        assert section in report
    assert "Elena Vasquez" in report


def test_published_option_sets_user_date():
    result = run("extract", str(EXAMPLE), "--published", "2024-03-13")
    record = json.loads(result.stdout)
    assert record["published"]["value"] == "2024-03-13"
    assert record["published"]["basis"] == "user"


def test_jsonl_batch_keeps_order_and_reports_bad_records(tmp_path, schema):
    import jsonschema

    text = EXAMPLE.read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "first", "text": text, "published": "2024-03-13"}),
        "{not json",
        json.dumps({"id": "no-body", "url": "https://example.org/x"}),
        json.dumps({"id": "second", "text": "Short note.\n\nThe mayor of Riverton, Elena Vasquez, "
                    "said on Monday that the city would reopen the bridge in May."}),
        json.dumps({"id": "html", "html": "<html><head><title>Bridge reopens</title></head><body>"
                    "<article><h1>Bridge reopens</h1><p>" + "The bridge reopened on Monday after "
                    "eight months of repairs, the city said. " * 6 + "</p></article></body></html>"}),
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = run("extract", "--input-format", "jsonl", str(batch), "--format", "jsonl",
                 "--errors", str(errors), "--workers", "2", "--quiet")
    assert result.returncode == 1, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [record["id"] for record in records] == ["first", "second", "html"]
    for record in records:
        jsonschema.validate(record, schema)
    assert records[0]["source"]["kind"] == "jsonl"
    assert records[0]["published"]["value"] == "2024-03-13"
    assert records[0]["published"]["basis"] == "user"
    failed = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [failure["error"] for failure in failed] == ["MalformedRecord", "MalformedRecord"]
    assert failed[1]["id"] == "no-body"
    assert "no-body" in result.stderr.decode()


@pytest.mark.parametrize("content, code, message", [
    (b"", 4, "empty input"),
    (b"   \n\n  ", 4, "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, 5, "binary"),
    ("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Regeln für "
     "Mieter und Vermieter in den großen Städten verändert. Die Opposition kritisierte den "
     "Entwurf scharf und kündigte an, vor das Verfassungsgericht zu ziehen. Nach Angaben der "
     "Regierung sollen die neuen Regeln im Sommer in Kraft treten und für alle Verträge gelten, "
     "die nach dem ersten Juli geschlossen werden.".encode(), 7, "not English"),
])
def test_bad_input_gets_one_line_error_and_exit_code(tmp_path, content, code, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    result = run("extract", str(path))
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert message in stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1
    assert result.stdout == b""


def test_missing_file_and_huge_file(tmp_path):
    missing = run("extract", str(tmp_path / "nope.txt"))
    assert missing.returncode == 3 and b"no such file" in missing.stderr
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"The council met on Monday. " * 2_000_000)  # 54 MB
    result = run("extract", str(huge))
    assert result.returncode == 6 and b"limit" in result.stderr
    assert b"Traceback" not in result.stderr


def test_latin1_text_is_decoded_with_a_warning(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("’", "'").replace("“", '"').replace("”", '"')
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.replace("Elena Vasquez", "Elena Vásquez").encode("latin-1"))
    result = run("extract", str(path))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert "Vásquez" in record["text"]
    assert any("not valid UTF-8" in warning for warning in record["warnings"])


def test_help_teaches():
    result = run("--help")
    assert result.returncode == 0
    assert b"examples:" in result.stdout and b"exit codes" in result.stdout
    assert run("extract", "--help").stdout.count(b"--format") >= 1
    assert run().returncode == 2


def test_ingest_is_resumable_and_keeps_failures(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join([
        json.dumps({"id": "a", "text": text}),
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": text.replace("Riverton", "Lakeside")}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "records.jsonl"
    first = run("ingest", str(batch), "--out", str(out), "--workers", "1", "--quiet")
    assert first.returncode == 1
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a", "c"]
    errors = (tmp_path / "records.jsonl.errors.jsonl").read_text().splitlines()
    assert json.loads(errors[0])["id"] == "b"
    assert b"2 written, 0 already done, 1 failed" in first.stderr
    again = run("ingest", str(batch), "--out", str(out), "--workers", "1", "--quiet")
    assert b"0 written, 2 already done, 1 failed" in again.stderr
    assert len(out.read_text().splitlines()) == 2
