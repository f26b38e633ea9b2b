"""`storyline extract`: articles in, one record per article out."""
from __future__ import annotations

import argparse
import json
import sys

from ..batch import default_workers, describe, run_batch
from ..errors import PARTIAL_FAILURE_EXIT, StorylineError
from ..pipeline import Failure
from ..report.markdown import to_markdown
from ..inputs.sources import is_batch, iter_articles
from .options import (add_input_options, add_run_options, config_from, count, distinct_files,
                      request_from, with_progress, writable_file)


def add_parser(commands) -> None:
    extract = commands.add_parser(
        "extract", help="one article (or a batch) in, one record per article out",
        description="Extract structured records from articles. Inputs are files (plain text or "
                    "HTML, detected), URLs, JSONL files (--input-format jsonl), or - for stdin.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="JSONL input: one object per line, {\"id\"?, \"text\" | \"html\", \"url\"?, "
               "\"headline\"?, \"published\"?}; output keeps the input order. Records that fail "
               "are reported on stderr (and in --errors FILE) with their id, and the exit code is 1.")
    extract.add_argument("inputs", nargs="*", default=["-"], metavar="PATH|URL|-",
                         help="articles to read (default: stdin)")
    extract.add_argument("--format", choices=("json", "jsonl", "md"), default="json",
                         help="json: one record (an array for several); jsonl: one record a "
                              "line; md: a readable report (default: json)")
    add_input_options(extract)
    add_run_options(extract)

    extract.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config, request = config_from(args), request_from(args)
    workers = count(args.workers, "--workers", minimum=0)
    if args.errors:
        distinct_files({"--errors": args.errors}, request.locations)
        writable_file(args.errors, "--errors")
    if not is_batch(request):
        (item,) = list(iter_articles(request, config))
        if isinstance(item, StorylineError):
            raise item
        (result,) = list(run_batch([item], config, workers=1))
        if isinstance(result, Failure):
            print(f"storyline: {result.reason}", file=sys.stderr)
            return result.exit_code
        _write_records([result], args.format, single=True)
        return 0
    results = run_batch(iter_articles(request, config), config,
                        workers=workers or default_workers())
    failures = _write_records(with_progress(results, args.quiet, "extract"), args.format,
                              single=False, errors_path=args.errors)
    return PARTIAL_FAILURE_EXIT if failures else 0


def _write_records(results, output_format: str, single: bool, errors_path: str | None = None) -> int:
    out, failures, first = sys.stdout, 0, True
    errors_file = open(errors_path, "w", encoding="utf-8") if errors_path else None
    try:
        if output_format == "json" and not single:
            out.write("[")
        for result in results:
            if isinstance(result, Failure):
                failures += 1
                print(f"storyline: {describe(result)}", file=sys.stderr)
                if errors_file:
                    errors_file.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                continue
            if output_format == "jsonl":
                out.write(result.dumps() + "\n")
            elif output_format == "md":
                out.write(("" if first else "\n---\n\n") + to_markdown(result))
            else:
                out.write(("" if first or single else ",\n") + result.dumps(indent=2))
            first = False
            out.flush()
        if output_format == "json":
            out.write("\n" if single else "]\n")
    finally:
        if errors_file:
            errors_file.close()
    return failures


