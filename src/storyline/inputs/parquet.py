"""Records as Parquet rows and back: the Arrow schema of `storyline spark`'s output folder.

An article is one row whose columns are the contract's fields (`storyline.article/1`), with its
entities, times, quotes and events as nested Arrow structs of the contract's shape, not as JSON
text: DuckDB and Spark read them as native STRUCT / LIST columns (``unnest(entities)``,
``explode(entities)``, ``e.name``, column pruning into nested fields), and pandas gets lists of
dicts, as `json.loads` would give, without parsing. Beside them: `url`, `outlet`, and where the
record came from (`warc`, `warc_offset`). The folder is partitioned by publication month
(``articles/month=2024-01/``, Hive style, which all three readers take as a column).

A finished folder is listed by its `_done/` markers (one JSON file per WARC, written last, naming
that WARC's files): `finished_articles` reads exactly the files they name, so a WARC whose job
stopped halfway is never half-read.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputNotFound, MalformedRecord
from ..record import SCHEMA_ID, Article

DONE_DIR, ARTICLES_DIR, ERRORS_DIR = "_done", "articles", "errors"
MONTH_UNKNOWN = "unknown"
# Rows per row group read back at once: a few MB of articles.
READ_BATCH = 256


def _types():
    import pyarrow as pa

    return pa


def article_schema():
    """The Arrow schema of an article row (the partition column `month` is the folder's)."""
    pa = _types()
    text, span = pa.string(), pa.list_(pa.int64())
    strings = pa.list_(text)
    return pa.schema([
        ("id", text), ("url", text), ("outlet", text), ("headline", text), ("byline", strings),
        ("published", pa.struct([("value", text), ("basis", text), ("confidence", pa.float64()),
                                 ("evidence", text)])),
        ("language", text), ("text", text),
        ("source", pa.struct([("kind", text), ("location", text)])),
        ("skipped", pa.list_(pa.struct([("stage", text), ("reason", text)]))),
        ("paragraphs", pa.list_(span)),
        ("removed", pa.list_(pa.struct([("kind", text), ("text", text), ("reason", text),
                                        ("date", text)]))),
        ("entities", pa.list_(pa.struct([
            ("id", text), ("name", text), ("type", text), ("kind", text),
            ("descriptors", strings), ("aliases", strings), ("mentions", pa.list_(span))]))),
        ("times", pa.list_(pa.struct([("text", text), ("span", span), ("type", text),
                                      ("value", text), ("anchor", text)]))),
        ("quotes", pa.list_(pa.struct([
            ("id", text), ("text", text), ("span", span), ("kind", text), ("speaker", text),
            ("speakers", strings), ("speaker_text", text), ("cue", text), ("addressee", text),
            ("time", text)]))),
        ("events", pa.list_(pa.struct([
            ("id", text), ("summary", text), ("trigger", text), ("span", span),
            ("participants", pa.list_(pa.struct([("entity", text), ("role", text)]))),
            ("time", pa.struct([("value", text), ("basis", text), ("span", span)])),
            ("place", text), ("modality", text)]))),
        ("warnings", strings),
        ("warc", text), ("warc_offset", pa.int64()),
    ])


def error_schema():
    """One row per record that failed: where it was, and why."""
    pa = _types()
    return pa.schema([("warc", pa.string()), ("offset", pa.int64()), ("uri", pa.string()),
                      ("record_id", pa.string()), ("kind", pa.string()),
                      ("reason", pa.string())])


def article_row(article: Article, warc: str, offset: int) -> dict[str, Any]:
    """A finished article as a row of `article_schema` (keys the contract leaves out are null)."""
    from ..store import outlet_of

    row = article.to_json()
    del row["schema"]
    row.update(url=article.url, outlet=outlet_of(article), warc=warc, warc_offset=offset)
    return row


def month_of(row: dict[str, Any]) -> str:
    """The partition an article row goes to: its publication month, or "unknown"."""
    value = (row.get("published") or {}).get("value") or ""
    return value[:7] if re.match(r"[0-9]{4}-[0-9]{2}(?![0-9])", value) else MONTH_UNKNOWN


def record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """The `storyline.article/1` record of a row read back (as `to_json` writes it: the keys it
    omits when empty are omitted again)."""
    record = {key: row[key] for key in ("id", "source", "headline", "byline", "published",
                                        "language", "skipped", "text", "paragraphs", "removed",
                                        "entities", "times", "quotes", "events", "warnings")}
    record["schema"] = SCHEMA_ID
    record["published"] = _without_empty(row["published"], ("evidence",))
    record["removed"] = [_without_empty(item, ("reason", "date")) for item in row["removed"]]
    record["times"] = [_without_empty(item, ("anchor",)) for item in row["times"]]
    record["events"] = [dict(event, time=_without_empty(event["time"], ("span",)))
                        for event in row["events"]]
    return record


def article_from_row(row: dict[str, Any]) -> Article:
    article = Article.from_json(record_from_row(row))
    article.url = row.get("url")
    return article


def _without_empty(item: dict | None, keys: tuple[str, ...]) -> dict | None:
    if item is None:
        return None
    return {key: value for key, value in item.items() if key not in keys or value}


# -- a finished `storyline spark` folder ------------------------------------------------------

def is_spark_output(location: str) -> bool:
    """A folder `storyline spark --out` wrote: it has `_done/` and `articles/`."""
    folder = Path(location)
    return (folder / DONE_DIR).is_dir() and (folder / ARTICLES_DIR).is_dir()


def done_markers(folder: str) -> list[dict[str, Any]]:
    """The markers of the WARC files finished, in the order of their WARC paths."""
    markers = []
    for path in sorted((Path(folder) / DONE_DIR).glob("*.json")):
        try:
            markers.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise MalformedRecord(f"{path}: not a finished-WARC marker ({error})") from None
    return sorted(markers, key=lambda marker: marker["warc"])


def finished_articles(folder: str) -> Iterator[Article]:
    """Every article of the WARC files a Spark output folder lists as finished, streamed."""
    import pyarrow.parquet as pq

    if not is_spark_output(folder):
        raise InputNotFound(f"{folder}: not a `storyline spark` output folder (no _done/)")
    for marker in done_markers(folder):
        for name in marker["articles"]:
            parquet = pq.ParquetFile(Path(folder) / name)
            for batch in parquet.iter_batches(batch_size=READ_BATCH):
                yield from map(article_from_row, batch.to_pylist())
