"""`storyline export`: the store's articles and their stories, as JSONL or Parquet."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from storyline.store import Store


def _cli(*args: str):
    return subprocess.run([sys.executable, "-m", "storyline.cli", *args], capture_output=True,
                          text=True, timeout=300)


def _stored(path) -> dict[str, tuple[dict, int]]:
    with Store(path) as store:
        rows = store.connection.execute("SELECT id, story_id FROM articles").fetchall()
        return {article_id: (store.article(article_id).to_json(), story_id)
                for article_id, story_id in rows}


def test_jsonl_has_every_article_with_its_story(fixture_store, tmp_path):
    out = tmp_path / "articles.jsonl"
    result = _cli("export", "--db", str(fixture_store), "--format", "jsonl", "--out", str(out))
    assert result.returncode == 0, result.stderr
    stored = _stored(fixture_store)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(stored) and f"{len(stored)} articles written" in result.stderr
    for line in lines:
        record, story_id = stored[line["id"]]
        assert line.pop("story_id") == story_id is not None
        assert line.pop("url", None) is None or line["source"]["kind"] in ("html", "warc")
        line.pop("outlet")
        assert line == record


def test_parquet_has_every_article_with_its_story(fixture_store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason='pyarrow not installed (storyline[spark])')
    from storyline.inputs.parquet import record_from_row

    out = tmp_path / "articles.parquet"
    result = _cli("export", "--db", str(fixture_store), "--format", "parquet", "--out", str(out))
    assert result.returncode == 0, result.stderr
    stored = _stored(fixture_store)
    rows = pq.read_table(out).to_pylist()
    assert sorted(row["id"] for row in rows) == sorted(stored)
    for row in rows:
        record, story_id = stored[row["id"]]
        assert row["story_id"] == story_id
        assert record_from_row(row) == record
    assert not (tmp_path / "articles.parquet.partial").exists()


def test_a_missing_store_and_an_unwritable_out_are_one_line_errors(fixture_store, tmp_path):
    missing = _cli("export", "--db", str(tmp_path / "none.db"), "--format", "jsonl", "--out",
                   str(tmp_path / "x.jsonl"))
    assert missing.returncode == 3 and missing.stderr.count("\n") == 1
    nowhere = _cli("export", "--db", str(fixture_store), "--format", "jsonl", "--out",
                   str(tmp_path / "no" / "such" / "x.jsonl"))
    assert nowhere.returncode == 12 and nowhere.stderr.count("\n") == 1
