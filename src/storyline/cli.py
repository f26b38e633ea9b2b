"""The `storyline` command line: read articles, write records. Run `storyline --help`."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from . import __version__
from .batch import default_workers, run_batch
from .config import Config
from .errors import PARTIAL_FAILURE_EXIT, USAGE_EXIT, StorylineError
from .pipeline import Failure
from .read import article_from_bytes, read_path, records_from_jsonl
from .record import Article
from .render import to_markdown

DESCRIPTION = """\
storyline turns news articles into sourced, structured records: the clean body (with
everything removed listed), headline, byline, publication date, entities with their roles,
time expressions on the calendar, quotes with speakers, and dated events.

examples:
  storyline extract article.txt                     one article, JSON record on stdout
  pbpaste | storyline extract - --format md         a readable report of pasted text
  storyline extract page.html --published 2023-04-20
  storyline extract https://example.com/news/story  fetch a page (timeouts, size cap)
  storyline extract --input-format jsonl batch.jsonl --format jsonl > records.jsonl
  storyline eval conll ../shared/data/conll2003/eng.testa

exit codes: 0 ok; 1 some records in a batch failed; 2 usage; 3 input not found;
4 empty input; 5 binary or undecodable; 6 too large; 7 not English; 8 spaCy model
missing; 9 malformed JSONL record; 10 fetch failed.
"""

EVALUATIONS = ("conll", "tempeval", "polnear", "aeb")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storyline", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    extract.add_argument("--input-format", choices=("auto", "text", "html", "jsonl"), default="auto",
                         help="how to read inputs (default: auto — HTML or text by content, "
                              "JSONL by .jsonl extension)")
    extract.add_argument("--published", metavar="DATE",
                         help="the publication date (YYYY-MM-DD), when you know it")
    _add_run_options(extract)

    evaluate = commands.add_parser(
        "eval", help="measure accuracy on a public benchmark",
        description="Score storyline against public data, side by side with a baseline.")
    evaluate.add_argument("benchmark", choices=EVALUATIONS)
    evaluate.add_argument("path", help="the data set's file or folder")
    evaluate.add_argument("--limit", type=int, help="only the first N documents")
    evaluate.add_argument("--format", choices=("md", "json"), default="md")
    evaluate.add_argument("--model", help="spaCy pipeline package to use")
    return parser


def _add_run_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--model", help="spaCy pipeline package (default: the best installed "
                         "English one; env STORYLINE_MODEL)")
    command.add_argument("--workers", type=int, default=0,
                         help="processes for batches (default: all cores for batches, 1 for "
                              "a single article)")
    command.add_argument("--errors", metavar="FILE",
                         help="write one JSON line per failed record (id, source, reason)")
    command.add_argument("--allow-other-languages", action="store_true",
                         help="process text that does not look English instead of refusing it")
    command.add_argument("--quiet", action="store_true", help="no progress bar")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return USAGE_EXIT
    try:
        if args.command == "extract":
            return run_extract(args)
        return run_eval(args)
    except StorylineError as error:
        print(f"storyline: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("storyline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def config_from(args: argparse.Namespace) -> Config:
    return Config(model=args.model or None,
                  require_english=not getattr(args, "allow_other_languages", False))


def iter_inputs(args: argparse.Namespace, config: Config) -> Iterator[Article | StorylineError]:
    for location in args.inputs:
        is_jsonl = args.input_format == "jsonl" or (
            args.input_format == "auto" and location.endswith(".jsonl"))
        if is_jsonl:
            stream = sys.stdin if location == "-" else _open_text(location)
            yield from records_from_jsonl(stream, config, None if location == "-" else location,
                                          args.published)
            continue
        try:
            yield _single_input(location, args, config)
        except StorylineError as error:
            error.location = location
            yield error


def _single_input(location: str, args: argparse.Namespace, config: Config) -> Article:
    if location.startswith(("http://", "https://")):
        from .fetch import fetch_article

        article = fetch_article(location, config)
        if args.published:
            article.given_published, article.given_published_basis = args.published, "user"
        return article
    data = read_path(location, config)
    where = None if location == "-" else location
    if args.input_format == "html":
        from .html import article_from_html
        from .read import decode

        return article_from_html(decode(data, config, location)[0], config, where, args.published)
    if args.input_format == "text":
        from .read import article_from_text, decode

        text, warnings = decode(data, config, location)
        article = article_from_text(text, config, where, args.published)
        article.warnings.extend(warnings)
        return article
    return article_from_bytes(data, config, where, args.published)


def _open_text(location: str):
    from .errors import InputNotFound

    try:
        return open(location, encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputNotFound(f"{location}: cannot read ({error.strerror})") from error


def run_extract(args: argparse.Namespace) -> int:
    config = config_from(args)
    single = len(args.inputs) == 1 and args.input_format != "jsonl" and not args.inputs[0].endswith(".jsonl")
    if single:
        (item,) = list(iter_inputs(args, config))
        if isinstance(item, StorylineError):
            raise item
        (result,) = list(run_batch([item], config, workers=1))
        if isinstance(result, Failure):
            print(f"storyline: {result.reason}", file=sys.stderr)
            return result.exit_code
        _write_records([result], args.format, single=True)
        return 0
    workers = args.workers or default_workers()
    results = run_batch(iter_inputs(args, config), config, workers=workers)
    failures = _write_records(_with_progress(results, args.quiet), args.format, single=False,
                              errors_path=args.errors)
    return PARTIAL_FAILURE_EXIT if failures else 0


def _with_progress(results, quiet: bool):
    if quiet:
        return results
    from tqdm import tqdm

    return tqdm(results, unit="article", file=sys.stderr, disable=None, desc="extract")


def _write_records(results, output_format: str, single: bool, errors_path: str | None = None) -> int:
    out, failures, first = sys.stdout, 0, True
    errors_file = open(errors_path, "w", encoding="utf-8") if errors_path else None
    try:
        if output_format == "json" and not single:
            out.write("[")
        for result in results:
            if isinstance(result, Failure):
                failures += 1
                print(f"storyline: {result.id}: {result.reason}", file=sys.stderr)
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


def run_eval(args: argparse.Namespace) -> int:
    import importlib

    module = importlib.import_module(f"storyline.evaluation.{args.benchmark}")
    result = module.evaluate(args.path, Config(model=args.model or None), limit=args.limit)
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    else:
        print(module.format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
