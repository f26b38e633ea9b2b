"""`storyline ingest`: a resumable batch of many sources into a JSONL file."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from ..batch import default_workers, run_batch
from ..errors import PARTIAL_FAILURE_EXIT
from ..pipeline import Failure, Skipped
from ..sources import iter_articles
from .options import add_input_options, add_run_options, config_from, request_from, with_progress


def add_parser(commands) -> None:
    ingest = commands.add_parser(
        "ingest", help="a resumable batch of many sources into a JSONL file",
        description="Read files, URLs, JSONL, RSS/Atom feeds and WARC archives, append one "
                    "record per article to --out, and one line per failure to the errors file. "
                    "A rerun skips the records already in --out.",
        epilog="exit code 1 when any record failed; see the errors file (id, source, reason).")
    ingest.add_argument("inputs", nargs="+", metavar="SOURCE", help="files, URLs, feeds, archives")
    ingest.add_argument("--out", required=True, metavar="FILE", help="JSONL file to append to")
    add_input_options(ingest)
    add_run_options(ingest)

    ingest.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """A resumable batch into a JSONL file: records already in --out are not redone."""
    config, request = config_from(args), request_from(args)
    done = frozenset(_ids_in(args.out))
    errors_path = args.errors or f"{args.out}.errors.jsonl"
    counts = {"written": 0, "skipped": 0, "failed": 0}
    results = run_batch(iter_articles(request, config), config,
                        workers=args.workers or default_workers(), skip_ids=done)
    with open(args.out, "a", encoding="utf-8") as out, \
            open(errors_path, "a", encoding="utf-8") as errors:
        for result in with_progress(results, args.quiet, "ingest"):
            if isinstance(result, Skipped):
                counts["skipped"] += 1
            elif isinstance(result, Failure):
                counts["failed"] += 1
                errors.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                errors.flush()
            else:
                counts["written"] += 1
                out.write(result.dumps() + "\n")
                out.flush()
    print(f"storyline: {counts['written']} written, {counts['skipped']} already done, "
          f"{counts['failed']} failed" + (f" (see {errors_path})" if counts["failed"] else ""),
          file=sys.stderr)
    return PARTIAL_FAILURE_EXIT if counts["failed"] else 0


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


