"""`storyline spark`: WARC files on Spark into Parquet, every record accounted for, resumable, the
same records as `storyline extract`, and back into the store with the same stories.

One SparkSession (local[2], UI off) serves the module; the WARC fixtures are written here with
warcio from the news pages in tests/fixtures/html. The tests skip when pyspark or Java is missing.
"""
from __future__ import annotations

import gzip
import html
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.config import Config
from storyline.inputs.warc import warc_records

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGES = FIXTURES / "html"
SITE = "https://courier.example.com"


def _java_missing() -> str | None:
    from storyline.cli.spark import check_java
    from storyline.errors import SparkUnavailable

    try:
        check_java()
    except SparkUnavailable as error:
        return str(error)
    return None


def _needs_spark():
    try:
        import pyspark  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        pytest.skip('pyspark or pyarrow not installed (pip install "storyline[spark]")')
    missing = _java_missing()
    if missing:
        pytest.skip(missing)


# -- the WARC fixtures ------------------------------------------------------------------------

def _response(writer, uri: str, body: bytes, content_type: str, status: str = "200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                     http_headers=headers)


def _request(writer, uri: str):
    return writer.create_warc_record(uri, "request", payload=io.BytesIO(
        f"GET {uri} HTTP/1.1\r\nHost: courier.example.com\r\n\r\n".encode()))


def _page_from_text(path: Path) -> bytes:
    """A plain news page around one of the clean fixture texts (headline, date, paragraphs)."""
    headline, *paragraphs = [part.strip() for part in
                             path.read_text(encoding="utf-8").split("\n\n") if part.strip()]
    body = "".join(f"<p>{html.escape(part)}</p>" for part in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            f"{html.escape(headline)} | The Riverside Courier</title></head><body><article>"
            f"<h1>{html.escape(headline)}</h1>{body}</article></body></html>").encode("utf-8")


def _members(records) -> list[bytes]:
    """Each record as its own gzip member, as CC-NEWS writes them."""
    members = []
    for make in records:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        writer.write_record(make(writer))
        members.append(buffer.getvalue())
    return members


@pytest.fixture(scope="module")
def warcs(tmp_path_factory) -> list[Path]:
    """Two WARCs: three news pages (with their requests), a PDF, a 404 page, an image, a
    metadata and a warcinfo record, and a record cut short in the middle of the second file."""
    folder = tmp_path_factory.mktemp("warcs")
    first = _members([
        lambda w: w.create_warcinfo_record("a.warc.gz", {"software": "tests"}),
        lambda w: _request(w, f"{SITE}/news/harbour-bridge"),
        lambda w: _response(w, f"{SITE}/news/harbour-bridge",
                            (PAGES / "news_article.html").read_bytes(), "text/html; charset=utf-8"),
        lambda w: _response(w, f"{SITE}/files/budget.pdf",
                            b"%PDF-1.7\n" + bytes(range(256)) * 40, "application/pdf"),
        lambda w: _response(w, f"{SITE}/news/gone", (PAGES / "not_found.html").read_bytes(),
                            "text/html", "404 Not Found"),
        lambda w: w.create_warc_record(f"{SITE}/news/harbour-bridge", "metadata",
                                       payload=io.BytesIO(b"fetchTimeMs: 120\r\n"),
                                       warc_content_type="application/warc-fields"),
    ])
    second = _members([
        lambda w: _request(w, f"{SITE}/news/library"),
        lambda w: _response(w, f"{SITE}/news/library", (PAGES / "second_article.html").read_bytes(),
                            "text/html"),
        lambda w: _response(w, f"{SITE}/img/flood.jpg", b"\xff\xd8\xff\xe0" + bytes(3000),
                            "image/jpeg"),
        lambda w: _response(w, f"{SITE}/news/cut", (PAGES / "news_article.html").read_bytes(),
                            "text/html"),
        lambda w: _response(w, f"{SITE}/news/library-hours",
                            _page_from_text(FIXTURES / "clean" / "local-library.txt"), "text/html"),
    ])
    second[3] = second[3][: len(second[3]) // 2]  # truncated: the next record must still be read
    paths = [folder / "a.warc.gz", folder / "b.warc.gz"]
    for path, members in zip(paths, (first, second)):
        path.write_bytes(b"".join(members))
    return paths


RECORDS_PER_WARC = {"a.warc.gz": 6, "b.warc.gz": 5}
ARTICLE_URIS = {f"{SITE}/news/harbour-bridge", f"{SITE}/news/library", f"{SITE}/news/library-hours"}


def test_warc_records_tell_what_became_of_every_record(warcs):
    records = [record for path in warcs for record in warc_records(str(path), Config())]
    outcomes = [(record.uri.removeprefix(SITE), record.outcome, record.why) for record in records]
    assert outcomes == [
        ("", "skipped", "warcinfo"), ("/news/harbour-bridge", "skipped", "request"),
        ("/news/harbour-bridge", "article", ""), ("/files/budget.pdf", "skipped", "pdf"),
        ("/news/gone", "skipped", "status 404"), ("/news/harbour-bridge", "skipped", "metadata"),
        ("/news/library", "skipped", "request"), ("/news/library", "article", ""),
        ("/img/flood.jpg", "skipped", "image"), ("/news/cut", "error", ""),
        ("/news/library-hours", "article", "")]
    offsets = [record.offset for record in records[:6]]
    assert offsets == sorted(offsets) and offsets[0] == 0 and len(set(offsets)) == 6
    cut = records[9]
    assert cut.error.__class__.__name__ == "MalformedRecord" and "resumed" in str(cut.error)


# -- the job ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def spark():
    _needs_spark()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (SparkSession.builder.master("local[2]").appName("storyline-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.log.level", "ERROR").getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="module")
def job(spark, warcs, tmp_path_factory):
    from storyline.spark_job import run_job

    out = tmp_path_factory.mktemp("spark") / "out"
    result = run_job(spark, [str(path) for path in warcs], str(out), Config())
    return out, result


def _article_rows(out: Path) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table() \
        .to_pylist()


def test_every_record_is_accounted_for(job, warcs):
    import pyarrow.parquet as pq

    from storyline.inputs.parquet import month_of

    out, result = job
    totals = result["totals"]
    assert totals["records"] == sum(RECORDS_PER_WARC.values())
    assert totals["records"] == totals["articles"] + totals["errors"] + totals["skipped"]
    assert (totals["articles"], totals["errors"]) == (3, 1)
    assert {key: value for key, value in totals.items() if key.startswith("skipped: ")} == {
        "skipped: warcinfo": 1, "skipped: request": 2, "skipped: metadata": 1,
        "skipped: pdf": 1, "skipped: status 404": 1, "skipped: image": 1}
    # one WARC per task, spread over the two cores: two worker processes
    assert len(result["tasks"]) == 2 and len({task["worker"] for task in result["tasks"]}) == 2
    rows = _article_rows(out)
    assert {row["source"]["location"] for row in rows} == ARTICLE_URIS
    assert all(row["month"] == month_of(row) != "unknown" for row in rows)
    (error,) = pq.read_table(out / "errors").to_pylist()
    assert error["warc"] == str(warcs[1]) and error["uri"] == f"{SITE}/news/cut"
    assert error["kind"] == "MalformedRecord" and error["offset"] > 0
    assert "truncated" in error["reason"]
    markers = sorted((out / "_done").glob("*.json"))
    assert [json.loads(path.read_text())["counts"]["records"] for path in markers] == \
        [RECORDS_PER_WARC[json.loads(path.read_text())["warc"].rsplit("/", 1)[1]]
         for path in markers]


def test_a_rerun_skips_finished_warcs_and_redoes_an_unfinished_one_whole(spark, job, warcs,
                                                                          tmp_path):
    from storyline.spark_job import run_job, warc_key

    source, _ = job
    out = tmp_path / "out"
    shutil.copytree(source, out)
    # b.warc.gz "crashed": its marker is gone, a half-written temporary file is left behind
    (out / "_done" / f"{warc_key(str(warcs[1]))}.json").unlink()
    leftover = out / "articles" / "month=2023-05" / f".part-{warc_key(str(warcs[1]))}.dead"
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(b"PAR1 half written")
    result = run_job(spark, [str(path) for path in warcs], str(out), Config())
    assert result["already_done"] == 1 and [task["warc"] for task in result["tasks"]] == \
        [str(warcs[1])]
    assert result["totals"]["records"] == RECORDS_PER_WARC["b.warc.gz"]
    assert not leftover.exists()
    rows = _article_rows(out)
    assert sorted(row["source"]["location"] for row in rows) == sorted(ARTICLE_URIS)  # nothing counted twice
    again = run_job(spark, [str(path) for path in warcs], str(out), Config())
    assert again["already_done"] == 2 and again["tasks"] == []


def _cli(*args: str, env: dict | None = None, timeout: int = 300):
    return subprocess.run([sys.executable, "-m", "storyline.cli", *args], capture_output=True,
                          text=True, timeout=timeout, env=env)


def test_each_parquet_record_equals_storyline_extract_field_by_field(job, warcs):
    from storyline.inputs.parquet import record_from_row

    out, _ = job
    extracted = _cli("extract", *map(str, warcs), "--format", "jsonl", "--workers", "1",
                     "--quiet")
    expected = {record["id"]: record for record in map(json.loads, extracted.stdout.splitlines())}
    rows = _article_rows(out)
    assert len(rows) == len(expected) == 3
    for row in rows:
        record, want = record_from_row(row), expected[row["id"]]
        for field in sorted(set(record) | set(want)):
            assert record.get(field) == want.get(field), (row["url"], field)


def test_ingest_of_the_spark_folder_gives_the_stories_of_ingesting_the_pages(job, warcs, tmp_path):
    out, _ = job
    from_spark, direct = tmp_path / "spark.db", tmp_path / "direct.db"
    loaded = _cli("ingest", str(out), "--db", str(from_spark), "--quiet")
    assert loaded.returncode == 0, loaded.stderr
    assert "3 written" in loaded.stderr
    assert _cli("ingest", *map(str, warcs), "--db", str(direct), "--workers", "1",
                "--quiet").returncode == 1  # the truncated record is a failure
    listed = [json.loads(_cli("stories", "--db", str(db), "--format", "json").stdout)
              for db in (from_spark, direct)]
    assert listed[0] == listed[1] and listed[0]
    again = _cli("ingest", str(out), "--db", str(from_spark), "--quiet")
    assert "0 written, 3 already done" in again.stderr


def test_pandas_and_spark_read_the_nested_columns(spark, job):
    import pandas as pd

    out, _ = job
    frame = pd.read_parquet(out / "articles")
    assert len(frame) == 3 and "month" in frame.columns
    rows = {row["id"]: row for row in _article_rows(out)}
    for _, article in frame.iterrows():  # lists of dicts, as pyarrow reads them
        assert [entity["name"] for entity in article["entities"]] == \
            [entity["name"] for entity in rows[article["id"]]["entities"]]
    table = spark.read.parquet(str(out / "articles"))
    assert table.count() == 3 and "month" in table.columns
    people = table.selectExpr("explode(entities) AS e").where("e.type = 'PERSON'").count()
    assert people == sum(entity["type"] == "PERSON" for entities in frame["entities"]
                         for entity in entities) > 0


# -- the command ------------------------------------------------------------------------------

def test_print_entry_names_the_script_to_submit():
    shown = _cli("spark", "--print-entry")
    assert shown.returncode == 0
    entry = Path(shown.stdout.strip())
    assert entry.name == "spark_job.py" and entry.is_file()
    assert '__name__ == "__main__"' in entry.read_text(encoding="utf-8")


def test_without_java_one_line_and_its_own_exit_code(warcs, tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "JAVA_HOME"}
    env["PATH"] = str(Path(sys.executable).parent)  # python, and no java
    result = _cli("spark", str(warcs[0]), "--out", str(tmp_path / "out"), env=env)
    assert result.returncode == 16
    assert result.stderr.count("\n") == 1 and "Java 17" in result.stderr


def test_without_pyspark_one_line_and_its_own_exit_code(warcs, tmp_path, monkeypatch, capsys):
    from storyline.cli import main

    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now fails
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    assert main(["spark", str(warcs[0]), "--out", str(tmp_path / "out")]) == 16
    assert 'pip install "storyline[spark]"' in capsys.readouterr().err


def test_a_listing_spreads_its_warcs_and_a_rerun_says_what_was_done(job, warcs, tmp_path):
    _needs_spark()
    from storyline.spark_job import warc_paths

    listing = tmp_path / "warc.paths.gz"
    with gzip.open(listing, "wt") as out:
        out.write(f"{warcs[0]}\n{warcs[1].name}\n")  # one absolute, one relative path
    shutil.copytree(warcs[1].parent, tmp_path, dirs_exist_ok=True)
    assert warc_paths([str(listing)]) == [str(warcs[0]), str(tmp_path / "b.warc.gz")]
    done, _ = job
    result = _cli("spark", str(warcs[0].parent), "--out", str(done), "--master", "local[1]",
                  "--quiet")
    assert result.returncode == 0, result.stderr
    assert "0 WARC files processed" in result.stderr and "2 already done" in result.stderr


@pytest.fixture
def http_folder(warcs):
    """The WARC fixtures' folder served over HTTP on 127.0.0.1, as a remote store would."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(warcs[0].parent))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_remote_listings_and_warcs_are_copied_for_the_task(http_folder, warcs, tmp_path):
    from storyline.errors import AddressRefused, FetchFailed
    from storyline.spark_job import local_copy, warc_paths

    config = Config(allow_private_addresses=True)
    (warcs[0].parent / "warc.paths").write_text("a.warc.gz\nb.warc.gz\n")
    listed = warc_paths([f"{http_folder}/warc.paths"], config=config)
    assert listed == [f"{http_folder}/a.warc.gz", f"{http_folder}/b.warc.gz"]
    with local_copy(listed[0], config) as local:
        assert Path(local).read_bytes() == warcs[0].read_bytes()
    assert not Path(local).exists()  # removed after the task
    with pytest.raises(FetchFailed, match="HTTP 404"):
        with local_copy(f"{http_folder}/absent.warc.gz", config):
            pass
    with pytest.raises(AddressRefused):  # loopback is refused unless allowed, as for any fetch
        with local_copy(listed[0], Config()):
            pass


def test_a_file_that_is_no_warc_is_one_error_row_and_an_unwritable_out_is_refused(spark,
                                                                                  tmp_path):
    import pyarrow.parquet as pq

    from storyline.errors import OutputUnwritable
    from storyline.spark_job import run_job

    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"this is not an archive\n" * 50)
    result = run_job(spark, [str(junk)], str(tmp_path / "out"), Config())
    assert result["totals"] == {"warcs_failed": 1}
    (row,) = pq.read_table(tmp_path / "out" / "errors").to_pylist()
    assert (row["warc"], row["offset"], row["kind"]) == (str(junk), None, "MalformedRecord")
    assert "not a readable WARC archive" in row["reason"]
    assert len(list((tmp_path / "out" / "_done").glob("*.json"))) == 1  # not retried forever
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(OutputUnwritable):
        run_job(spark, [str(junk)], str(blocker / "out"), Config())
