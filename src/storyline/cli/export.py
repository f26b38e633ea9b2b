"""`storyline export`: the store's articles, with their story, as one Parquet or JSONL file."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputNotFound, UsageError
from ..record import Article
from ..store import Store, outlet_of
from .options import distinct_files, writable_file

# Articles per Parquet row group written.
ROW_GROUP = 256


def add_parser(commands) -> None:
    export = commands.add_parser(
        "export", help="the store's articles and their stories, as Parquet or JSONL",
        description="Write every article of the store, in the order stored, with its story id: "
                    "jsonl gives the storyline.article/1 record plus url, outlet and story_id "
                    "a line; parquet gives the same columns as `storyline spark`'s articles "
                    "(nested structs for entities, times, quotes and events) plus story_id. "
                    "The file is written under a temporary name and renamed when complete.")
    export.add_argument("--db", required=True, metavar="FILE", help="the store to read")
    export.add_argument("--format", choices=("parquet", "jsonl"), required=True)
    export.add_argument("--out", required=True, metavar="PATH", help="the file to write")
    export.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not Path(args.db).is_file():
        raise InputNotFound(f"{args.db}: no store here")
    distinct_files({"--db": args.db, "--out": args.out})
    writable_file(args.out, "--out")
    if args.format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise UsageError('--format parquet needs pyarrow: pip install "storyline[spark]"') \
                from None
    temp = f"{args.out}.partial"
    with Store(args.db) as store:
        rows = store_rows(store)
        written = _parquet(rows, temp) if args.format == "parquet" else _jsonl(rows, temp)
    os.replace(temp, args.out)
    print(f"storyline: {written} articles written to {args.out}", file=sys.stderr)
    return 0


def store_rows(store: Store) -> Iterator[tuple[Article, int | None]]:
    """Each stored article and its story id, in the order they were stored."""
    ids = store.connection.execute("SELECT id, story_id FROM articles ORDER BY pk").fetchall()
    for article_id, story_id in ids:
        yield store.article(article_id), story_id


def _row(article: Article, story_id: int | None) -> dict:
    from ..inputs.parquet import article_row

    row = article_row(article, warc=None, offset=None)
    row["story_id"] = story_id
    return row


def _jsonl(rows, path: str) -> int:
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for article, story_id in rows:
            record = dict(article.to_json(), url=article.url, outlet=outlet_of(article),
                          story_id=story_id)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


def _parquet(rows, path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..inputs.parquet import article_schema

    schema = article_schema().append(pa.field("story_id", pa.int64()))
    written, batch = 0, []
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for article, story_id in rows:
            batch.append(_row(article, story_id))
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                written, batch = written + len(batch), []
        if batch or not written:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return written
