"""The `storyline` command line. Run `storyline --help`.

Each command is a module with `add_parser(commands)` and `run(args) -> exit code`, listed once
in `COMMANDS`.
"""
from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..errors import USAGE_EXIT, StorylineError
from . import evaluate, export, extract, ingest, serve, spark, stories, threads, timeline

COMMANDS = (extract, ingest, evaluate, timeline, stories, threads, serve, spark, export)

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
  storyline ingest feed.rss crawl.warc.gz --out records.jsonl   resumable batch
  storyline threads --db storyline.db                long-running stories above their incidents
  storyline eval conll ../shared/data/conll2003/eng.testa

exit codes: 0 ok; 1 some records in a batch failed (see the errors file); 2 usage (a bad
option or argument); 3 input, story or name not found; 4 empty input; 5 binary or
undecodable; 6 too large; 7 not English (with --require-english); 8 spaCy model missing;
9 malformed JSONL record; 10 fetch failed; 11 ambiguous dossier name; 12 output not
writable; 13 store unavailable (not a store, unreadable or read-only); 15 private address
refused (see --allow-private-fetch); 16 Spark unavailable (no pyspark, or no
Java 17+); 70 internal error (a bug); 130 interrupted.
"""


class Parser(argparse.ArgumentParser):
    """argparse, with its errors as one `storyline:` line like every other error (not the usage
    dump), exit code 2; its commands' parsers are of this class too."""

    def error(self, message: str):
        command = self.prog.removeprefix("storyline").strip()
        self.exit(USAGE_EXIT, f"storyline: {command + ': ' if command else ''}{message} "
                              f"(see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="storyline", description=DESCRIPTION,
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return USAGE_EXIT
    try:
        return args.run(args)
    except StorylineError as error:
        print(f"storyline: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("storyline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
