"""`storyline ingest`: a resumable batch of many sources into a JSONL file and/or the store."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from ..batch import default_workers, run_batch
from ..errors import PARTIAL_FAILURE_EXIT, StorylineError, USAGE_EXIT
from ..pipeline import Failure, Skipped
from ..inputs.sources import iter_articles
from ..stories.clustering import ingest as ingest_article
from ..stories.store import Store
from .options import add_input_options, add_run_options, config_from, request_from, with_progress


class UsageError(StorylineError):
    exit_code = USAGE_EXIT


def add_parser(commands) -> None:
    ingest = commands.add_parser(
        "ingest", help="a resumable batch of many sources into the store or a JSONL file",
        description="Read files, URLs, JSONL, RSS/Atom feeds and WARC archives; store each "
                    "article in the SQLite store (--db, where it joins a story) and/or append its "
                    "record to --out; write one line per failure to the errors file. A rerun "
                    "skips the articles already stored; each article is committed whole, so an "
                    "interrupted run loses nothing it finished.",
        epilog="exit code 1 when any record failed; see the errors file (id, source, reason; "
               "default: FILE.errors.jsonl beside --out or --db).")
    ingest.add_argument("inputs", nargs="+", metavar="SOURCE", help="files, URLs, feeds, archives")
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
    store = Store(args.db) if args.db else None
    try:
        in_out = frozenset(_ids_in(args.out)) if args.out else None
        in_db = store.article_ids() if store else None
        done = in_out & in_db if in_out is not None and in_db is not None else in_out or in_db
        errors_path = args.errors or f"{args.out or args.db}.errors.jsonl"
        results = run_batch(iter_articles(request, config), config,
                            workers=args.workers or default_workers(), skip_ids=done or frozenset())
        counts = _write(with_progress(results, args.quiet, "ingest"), store, args.out,
                        in_out or frozenset(), errors_path)
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
    out = open(out_path, "a", encoding="utf-8") if out_path else None
    try:
        with open(errors_path, "a", encoding="utf-8") as errors:
            for result in results:
                if isinstance(result, Skipped):
                    counts["skipped"] += 1
                elif isinstance(result, Failure):
                    counts["failed"] += 1
                    errors.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                    errors.flush()
                else:
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


def _ids_in(path: str) -> Iterator[str]:
    """Ids of the complete records already in a JSONL output (a torn last line is redone)."""
    try:
        with open(path, encoding="utf-8") as existing:
            for line in existing:
                try:
                    yield json.loads(line)["id"]
                except (ValueError, KeyError, TypeError):
                    continue
    except FileNotFoundError:
        return


