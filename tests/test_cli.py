"""The real `storyline` command, run as a user runs it: files, stdin, formats, bad input."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURE_ARTICLES, FIXTURES, SAMPLE, SCHEMA, shared_file
from test_store import dump

from storyline.store import Store

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
])
def test_bad_input_gets_one_line_error_and_exit_code(tmp_path, content, code, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    # Other languages are read by default; refusing them is asked for.
    result = run("extract", str(path), *(["--require-english"] if code == 7 else []))
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert message in stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1
    assert result.stdout == b""


GERMAN = ("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Regeln für "
          "Mieter und Vermieter in den großen Städten verändert. Die Opposition kritisierte den "
          "Entwurf scharf und kündigte an, vor das Verfassungsgericht zu ziehen. Nach Angaben der "
          "Regierung sollen die neuen Regeln im Sommer in Kraft treten und für alle Verträge "
          "gelten, die nach dem ersten Juli geschlossen werden.")


def test_german_text_is_read_and_refused_only_with_require_english(tmp_path):
    path = tmp_path / "input.txt"
    path.write_text(GERMAN, encoding="utf-8")
    read = run("extract", str(path))
    assert read.returncode == 0, read.stderr.decode()
    record = json.loads(read.stdout)
    assert record["language"] == "de" and record["entities"] == [] and record["skipped"]
    refused = run("extract", str(path), "--require-english")
    stderr = refused.stderr.decode()
    assert refused.returncode == 7, stderr
    assert "not English" in stderr and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1 and refused.stdout == b""


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


def test_ingest_reads_a_folder_as_its_files(tmp_path):
    """`storyline ingest articles/ --db FILE`, as the README has it: a folder is read as its
    files (subfolders too, in name order), hidden files are left out, and so is the store the
    run writes when it lies in the folder itself; an empty folder is one failure with its reason."""
    folder = tmp_path / "articles"
    (folder / "wires").mkdir(parents=True)
    clean = FIXTURES / "clean"
    shutil.copyfile(clean / "ap-shutdown.txt", folder / "ap-shutdown.txt")
    shutil.copyfile(clean / "bbc-floods.txt", folder / "wires" / "bbc-floods.txt")
    (folder / ".DS_Store").write_bytes(b"\x00\x01binary")
    (tmp_path / "empty").mkdir()
    db = folder / "news.db"
    first = run("ingest", str(folder), str(tmp_path / "empty"), "--db", str(db), "--workers",
                "1", "--quiet")
    assert first.returncode == 1, first.stderr
    assert b"2 written, 0 already done, 1 failed" in first.stderr
    errors = [json.loads(line) for line in
              (folder / "news.db.errors.jsonl").read_text().splitlines()]
    assert [(error["source"], error["reason"]) for error in errors] == [
        (str(tmp_path / "empty"), "a folder with no files to read")]
    with Store(db) as store:
        assert sorted(row[0] for row in store.connection.execute(
            "SELECT location FROM articles")) == [str(folder / "ap-shutdown.txt"),
                                                  str(folder / "wires" / "bbc-floods.txt")]
    # Rerun: the store, its errors file and its journal now lie in the folder; none is read.
    again = run("ingest", str(folder), "--db", str(db), "--workers", "1", "--quiet")
    assert again.returncode == 0, again.stderr
    assert b"0 written, 2 already done, 0 failed" in again.stderr
    extracted = run("extract", str(folder / "wires"), "--format", "jsonl", "--workers", "1",
                    "--quiet")
    assert extracted.returncode == 0, extracted.stderr
    assert [json.loads(line)["source"]["location"] for line in
            extracted.stdout.decode().splitlines()] == [str(folder / "wires" / "bbc-floods.txt")]


# -- paths that cannot be used: one line, a distinct exit code, before any work -------------------

def one_line(result: subprocess.CompletedProcess, code: int, *words: str) -> str:
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1, stderr
    for word in words:
        assert word in stderr, stderr
    return stderr


STORE_COMMANDS = {"ingest": ["ingest", str(EXAMPLE), "--workers", "1", "--quiet"],
                  "stories": ["stories"], "story": ["story", "1"], "dossier": ["dossier", "Vane"]}


@pytest.mark.parametrize("command", STORE_COMMANDS)
@pytest.mark.parametrize("kind, reason", [
    ("text file", "not a storyline store"),
    ("folder", "is a folder"),
    ("under /proc", "cannot be opened"),
])
def test_a_db_that_is_no_store_is_one_line_exit_13(tmp_path, command, kind, reason):
    if kind == "under /proc" and not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")
    db = {"text file": tmp_path / "notes.txt", "folder": tmp_path / "folder",
          "under /proc": Path("/proc/version")}[kind]
    if kind == "text file":
        db.write_text("my notes\n", encoding="utf-8")
    if kind == "folder":
        db.mkdir()
    errors = ["--errors", str(tmp_path / "errors.jsonl")] if command == "ingest" else []
    result = run(*STORE_COMMANDS[command], "--db", str(db), *errors)
    one_line(result, 13, f"storyline: {db}: {reason}")
    if kind == "text file":
        assert db.read_text(encoding="utf-8") == "my notes\n"


def test_ingest_into_a_missing_folder(tmp_path):
    db = tmp_path / "nope" / "news.db"
    one_line(run(*STORE_COMMANDS["ingest"], "--db", str(db)), 12,
             f"storyline: --db {db}: folder {db.parent} does not exist")
    assert not db.parent.exists()


@pytest.mark.parametrize("args, option", [
    (["ingest", str(EXAMPLE), "--out", "{folder}"], "--out"),
    (["ingest", str(EXAMPLE), "--out", "{missing}"], "--out"),
    (["ingest", str(EXAMPLE), "--db", "{tmp}/s.db", "--errors", "{folder}"], "--errors"),
    (["ingest", str(EXAMPLE), "--out", "{tmp}/o.jsonl", "--errors", "{missing}"], "--errors"),
    (["extract", str(EXAMPLE), str(EXAMPLE), "--errors", "{folder}"], "--errors"),
    (["extract", str(EXAMPLE), str(EXAMPLE), "--errors", "{missing}"], "--errors"),
    (["timeline", str(EXAMPLE), "-o", "{folder}"], "-o"),
    (["timeline", str(EXAMPLE), "-o", "{missing}"], "-o"),
])
def test_unwritable_outputs_fail_before_the_model_loads(tmp_path, args, option):
    folder = tmp_path / "folder"
    folder.mkdir()
    paths = {"folder": folder, "missing": tmp_path / "nope" / "out.jsonl", "tmp": tmp_path}
    args = [arg.format(**paths) for arg in args]
    # A model that is not installed would stop the run with 8 had the check come after it.
    result = subprocess.run([*STORYLINE, *args, "--quiet"] if args[0] != "timeline" else
                            [*STORYLINE, *args], capture_output=True, timeout=60,
                            env={**os.environ, "STORYLINE_MODEL": "no_such_model"})
    given = args[args.index(option) + 1]
    one_line(result, 12, f"storyline: {option} {given}: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]  # nothing made on the way
    assert list(folder.iterdir()) == []


def test_outputs_that_name_the_store_or_an_input_are_refused(fixture_store, tmp_path):
    before = dump(fixture_store)
    result = run("ingest", str(EXAMPLE), "--db", str(fixture_store), "--out", str(fixture_store))
    one_line(result, 2, "--out and --db name the same file")
    result = run("ingest", str(EXAMPLE), "--out", str(tmp_path / "o.jsonl"), "--errors",
                 str(tmp_path / "o.jsonl"))
    one_line(result, 2, "--errors and --out name the same file")
    assert dump(fixture_store) == before
    article = tmp_path / "article.txt"
    article.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    for args in (["extract", str(article), str(article), "--errors", str(article)],
                 ["timeline", str(article), "-o", str(tmp_path / "." / "article.txt")],
                 ["ingest", str(article), "--out", str(article)]):
        one_line(run(*args), 2, "and an input name the same file")
    assert article.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_store_an_ordinary_user_cannot_write(ingested_store):
    """What a user without write permission sees (root may write anything, so run as nobody)."""
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root, and no setpriv to drop privileges")
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    base = Path(tempfile.mkdtemp(prefix="storyline-ro-"))
    try:
        base.chmod(0o777)
        store = base / "read-only.db"
        shutil.copyfile(ingested_store, store)
        store.chmod(0o444)
        locked = base / "locked"
        locked.mkdir()
        shutil.copyfile(ingested_store, locked / "in-read-only-folder.db")
        (locked / "in-read-only-folder.db").chmod(0o666)
        locked.chmod(0o555)

        def as_user(*args):
            return subprocess.run([*prefix, *STORYLINE, *args], capture_output=True, timeout=120,
                                  cwd=base)

        listing = as_user("stories", "--db", str(store))
        assert listing.returncode == 0, listing.stderr.decode()  # reading needs no writing
        assert b"Bank of England" in listing.stdout
        errors = ["--errors", str(base / "errors.jsonl"), "--workers", "1", "--quiet"]
        one_line(as_user("ingest", str(EXAMPLE), "--db", str(store), *errors), 13,
                 f"{store}: is read-only")
        one_line(as_user("stories", "--db", str(locked / "in-read-only-folder.db")), 13,
                 "is read-only")
        one_line(as_user("ingest", str(EXAMPLE), "--db", str(locked / "new.db"), *errors), 12,
                 f"--db {locked / 'new.db'}: cannot be written (Permission denied)")
        one_line(as_user("ingest", str(EXAMPLE), "--out", str(locked / "o.jsonl"), *errors), 12,
                 f"--out {locked / 'o.jsonl'}: cannot be written (Permission denied)")
        assert dump(store) == dump(ingested_store)
    finally:
        (base / "locked").chmod(0o755)
        shutil.rmtree(base)


# -- ids, dates and numbers that cannot be taken ---------------------------------------------------

@pytest.mark.parametrize("story_id, code, message", [
    ("99999999999999999999", 3, "no story 99999999999999999999 in"),
    ("9223372036854775808", 3, "no story 9223372036854775808 in"),
    ("0", 3, "no story 0 in"),
    ("-1", 3, "no story -1 in"),
    ("abc", 2, "storyline: story: argument id: invalid int value: 'abc' (see `storyline story "
               "--help`)"),
    ("1e5", 2, "invalid int value: '1e5'"),
])
def test_story_ids_that_name_no_story(fixture_store, story_id, code, message):
    before = dump(fixture_store)
    one_line(run("story", story_id, "--db", str(fixture_store)), code, message)
    assert dump(fixture_store) == before


@pytest.mark.parametrize("args, message", [
    (["story", "1", "--since", "garbage"], "--since 'garbage' is not a date"),
    (["story", "1", "--since", "2023-02-30"], "--since '2023-02-30' is not a date"),
    (["story", "1", "--since", "2023-13"], "--since '2023-13' is not a date"),
    (["story", "1", "--since", "20230101"], "--since '20230101' is not a date"),
    (["stories", "--limit", "-3"], "--limit -3: must be 1 or more"),
    (["stories", "--limit", "0"], "--limit 0: must be 1 or more"),
    (["stories", "--search", '"'], "--search '\"' has no words to search for"),
    (["stories", "--search", "*"], "--search '*' has no words to search for"),
    (["stories", "--search", '"senate'], "--search '\"senate' has an unpaired quote mark"),
    (["stories", "--format", "xml"], "stories: argument --format: invalid choice: 'xml'"),
])
def test_options_that_cannot_be_taken_are_usage_errors(fixture_store, args, message):
    one_line(run(*args, "--db", str(fixture_store)), 2, f"storyline: {message}")


@pytest.mark.parametrize("args", [["extract", str(EXAMPLE), "--published", "garbage"],
                                  ["extract", str(EXAMPLE), "--workers", "-2"]])
def test_run_options_that_cannot_be_taken(args):
    one_line(run(*args), 2)


@pytest.mark.parametrize("since", ["2023", "2023-09", "2023-09-30"])
def test_since_takes_a_year_a_month_or_a_day(fixture_store, since):
    result = run("story", "1", "--since", since, "--db", str(fixture_store))
    assert result.returncode == 0, result.stderr.decode()
    assert f"What is new since {since}:".encode() in result.stdout


@pytest.mark.parametrize("words", ["NEAR(", "AND", "x*", "'; DROP TABLE articles; --", "-x"])
def test_search_operators_are_taken_as_words(fixture_store, words):
    before = dump(fixture_store)
    result = run("stories", f"--search={words}", "--db", str(fixture_store))
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr.decode()
    assert result.stdout.startswith(b"   ID  DATES")
    assert dump(fixture_store) == before


# -- a batch loses nothing silently ---------------------------------------------------------------

def test_duplicate_ids_are_reported_and_reruns_do_not_repeat_errors(tmp_path):
    texts = [path.read_text(encoding="utf-8") for path in FIXTURE_ARTICLES[:3]]
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(json.dumps(record) for record in [
        {"id": "a", "text": texts[0]},
        {"id": "b", "text": texts[1]},
        {"id": "a", "text": texts[2]},  # a different article under an id already used
        {"id": "no-body"},
    ]) + "\n", encoding="utf-8")
    db, out, errors = tmp_path / "s.db", tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    command = ["ingest", str(batch), "--db", str(db), "--out", str(out), "--errors", str(errors),
               "--workers", "1", "--quiet"]
    first = run(*command)
    assert first.returncode == 1
    assert b"2 written, 0 already done, 2 failed" in first.stderr
    with Store(db) as store:
        assert sorted(store.article_ids()) == ["a", "b"]
        assert store.article("a").text.strip()[:40] in texts[0]  # the first one kept
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a", "b"]
    failed = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(f["id"], f["error"]) for f in failed] == [("a", "DuplicateId"),
                                                       ("no-body", "MalformedRecord")]
    assert "duplicate id" in failed[0]["reason"] and f"{batch}:1" in failed[0]["reason"]
    again = run(*command)
    assert b"0 written, 3 already done, 1 failed" in again.stderr  # both a's: "a" is stored
    assert errors.read_text().splitlines() == [json.dumps(f, ensure_ascii=False) for f in failed]


def test_help_lists_every_exit_code():
    text = " ".join(run("--help").stdout.decode().split())
    for code, meaning in ((2, "usage"), (12, "output not writable"), (13, "store unavailable"),
                          (15, "private address refused"), (8, "spaCy model missing")):
        assert f"{code} {meaning}" in text
