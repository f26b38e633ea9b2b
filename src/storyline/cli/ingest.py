"""`storyline ingest`: a resumable batch of many sources into a JSONL file and/or the store."""
from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..batch import default_workers, run_batch
from ..errors import PARTIAL_FAILURE_EXIT, UsageError
from ..pipeline import Failure, Skipped
from ..inputs.sources import finished_records, iter_articles, split_finished
from ..nlp import resolve_model_name
from ..stories.clustering import ingest as ingest_article
from ..stories.threads import update_when_due as update_threads
from ..store import Store
from .options import (add_input_options, add_run_options, config_from, count, distinct_files,
                      request_from, with_progress, writable_file)


def add_parser(commands) -> None:
    ingest = commands.add_parser(
        "ingest", help="a resumable batch of many sources into the store or a JSONL file",
        description="Read files and folders of them, URLs, JSONL, RSS/Atom feeds and WARC "
                    "archives, or the finished records of a `storyline spark --out` folder (as "
                    "they are); store each "
                    "article in the SQLite store (--db, where it joins a story) and/or append its "
                    "record to --out; write one line per failure to the errors file. A rerun "
                    "skips the articles already stored; each article is committed whole, so an "
                    "interrupted run loses nothing it finished.",
        epilog="exit code 1 when any record failed; see the errors file (id, source, reason; "
               "default: FILE.errors.jsonl beside --out or --db).")
    ingest.add_argument("inputs", nargs="+", metavar="SOURCE",
                        help="files, folders (read as their files), URLs, feeds, archives")
    ingest.add_argument("--db", metavar="FILE",
                        help="SQLite store to write into (created if missing), e.g. storyline.db")
    ingest.add_argument("--out", metavar="FILE", help="JSONL file to append to")
    add_input_options(ingest)
    add_run_options(ingest)

    ingest.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """A resumable batch: records already in --db (and in --out) are not redone."""
    if not args.db and not args.out:
        raise UsageError("ingest needs --db FILE (the store) or --out FILE (JSONL), or both")
    config, request = config_from(args), request_from(args)
    errors_path = args.errors or f"{args.out or args.db}.errors.jsonl"
    distinct_files({"--db": args.db, "--out": args.out, "--errors": errors_path},
                   request.locations)
    new_store = args.db and not Path(args.db).exists()  # an existing one is checked as a store
    for path, option in ((args.out, "--out"), (args.errors, "--errors"),
                         (args.db if new_store else None, "--db")):
        if path:
            writable_file(path, option)
    workers = count(args.workers, "--workers", minimum=0) or default_workers()
    resolve_model_name(config)  # before a new store file is made
    store = Store(args.db, for_writing=True) if args.db else None
    try:
        if not args.errors:  # the default beside the store, once the store's folder is known
            writable_file(errors_path, "the errors file")
        in_out = frozenset(_ids_in(args.out)) if args.out else None
        in_db = store.article_ids() if store else None
        done = in_out & in_db if in_out is not None and in_db is not None else in_out or in_db
        finished, request = split_finished(request)
        # a folder being read may hold this run's own outputs: they are no sources
        request = replace(request, leave_out=frozenset(os.path.realpath(path) for path in (
            args.out, errors_path, *((args.db, f"{args.db}-wal", f"{args.db}-shm",
                                      f"{args.db}-journal") if args.db else ())) if path))
        results = itertools.chain(
            _as_finished(finished_records(finished), done or frozenset()),
            run_batch(iter_articles(request, config), config, workers=workers,
                      skip_ids=done or frozenset()) if request.locations else ())
        counts = _write(with_progress(results, args.quiet, "ingest"), store, args.out,
                        in_out or frozenset(), errors_path)
        if store and counts["written"]:
            update_threads(store)  # after a batch, once the store has grown enough
    finally:
        if store:
            store.close()
    print(f"storyline: {counts['written']} written, {counts['skipped']} already done, "
          f"{counts['failed']} failed" + (f" (see {errors_path})" if counts["failed"] else "")
          + (f"; {counts['started']} new stories" if store else ""), file=sys.stderr)
    return PARTIAL_FAILURE_EXIT if counts["failed"] else 0


def _write(results, store: Store | None, out_path: str | None, in_out: frozenset[str],
           errors_path: str) -> dict[str, int]:
    counts = {"written": 0, "skipped": 0, "failed": 0, "started": 0}
    reported = set(_failures_in(errors_path))  # a rerun does not repeat them
    first_seen: dict[str, str | None] = {}  # id -> where it was first read in this batch
    out = open(out_path, "a", encoding="utf-8") if out_path else None
    try:
        with open(errors_path, "a", encoding="utf-8") as errors:
            for result in results:
                if isinstance(result, Skipped):
                    counts["skipped"] += 1
                    continue
                if not isinstance(result, Failure) and result.id in first_seen:
                    result = _duplicate(result, first_seen[result.id])
                if isinstance(result, Failure):
                    counts["failed"] += 1
                    if (result.id, result.reason) not in reported:
                        reported.add((result.id, result.reason))
                        errors.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                        errors.flush()
                    continue
                first_seen[result.id] = result.source.location
                counts["written"] += 1
                if store:  # one transaction per article: stored whole or not at all
                    assignment = ingest_article(store, result)
                    counts["started"] += bool(assignment and assignment.started)
                if out and result.id not in in_out:
                    out.write(result.dumps() + "\n")
                    out.flush()
    finally:
        if out:
            out.close()
    return counts


def _as_finished(articles, done: frozenset[str]):
    """Records a Spark job finished go in as they are; those already stored are skipped."""
    for article in articles:
        yield Skipped(article.id) if article.id in done else article


def _duplicate(article, first_source: str | None) -> Failure:
    """A second record with an id already written in this batch: reported, not silently merged
    into the first (the store keeps one article per id)."""
    where = f" (first read from {first_source})" if first_source else ""
    return Failure(article.id, article.source.location, f"duplicate id: an earlier record in "
                   f"this batch has the id {article.id!r}{where}", "DuplicateId")


def _failures_in(path: str) -> Iterator[tuple[str, str]]:
    """(id, reason) of the failures an errors file already lists."""
    try:
        with open(path, encoding="utf-8", errors="replace") as existing:
            for line in existing:
                try:
                    failure = json.loads(line)
                    key = failure["id"], failure["reason"]
                except (ValueError, KeyError, TypeError):
                    continue
                if all(isinstance(part, str) for part in key):
                    yield key
    except FileNotFoundError:
        return


def _ids_in(path: str) -> Iterator[str]:
    """Ids of the complete records already in a JSONL output (a torn last line is redone)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as existing:
            for line in existing:
                try:
                    record_id = json.loads(line)["id"]
                except (ValueError, KeyError, TypeError):
                    continue
                if isinstance(record_id, str):
                    yield record_id
    except FileNotFoundError:
        return


