"""Options and helpers shared by the commands."""
from __future__ import annotations

import argparse
import sys

from ..config import Config
from ..inputs.sources import INPUT_FORMATS, Request


def add_input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                         help="how to read inputs (default: auto: .jsonl, .warc[.gz], "
                              ".rss/.atom/.xml by extension; HTML or text by content)")
    command.add_argument("--published", metavar="DATE",
                         help="the publication date (YYYY-MM-DD), when you know it")


def add_run_options(command: argparse.ArgumentParser) -> None:
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


def config_from(args: argparse.Namespace) -> Config:
    return Config(model=args.model or None,
                  require_english=not getattr(args, "allow_other_languages", False))


def request_from(args: argparse.Namespace) -> Request:
    return Request(tuple(args.inputs), args.input_format, args.published)


def with_progress(results, quiet: bool, label: str):
    if quiet:
        return results
    from tqdm import tqdm

    return tqdm(results, unit="article", file=sys.stderr, disable=None, desc=label)


