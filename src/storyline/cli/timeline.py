"""`storyline timeline`: one article's story in order, as a table, Markdown, JSON or an HTML page."""
from __future__ import annotations

import argparse
import sys

from ..errors import StorylineError, UsageError
from ..pipeline import Pipeline
from ..inputs.sources import iter_articles
from ..report.timeline import FORMATS, build_timeline, render_timeline
from .options import (add_input_options, config_from, distinct_files, request_from,
                      writable_file)


def add_parser(commands) -> None:
    timeline = commands.add_parser(
        "timeline", help="one article's events and quotes in date order",
        description="Print an article's timeline: dated events in date order, grouped at the "
                    "precision the text gives (year, month, day), each with the sentence that "
                    "says it; quotes at the time they were said; undated events after.",
        epilog="examples:\n  storyline timeline article.txt --published 2023-04-20\n"
               "  storyline timeline page.html --format html -o timeline.html",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    timeline.add_argument("inputs", nargs="?", default="-", metavar="PATH|-",
                          help="the article to read (default: stdin)")
    timeline.add_argument("--format", choices=FORMATS, default="table",
                          help="table: for the terminal; md: Markdown; json: the timeline "
                               "record; html: one self-contained page with an SVG timeline "
                               "(default: table)")
    add_input_options(timeline)
    timeline.add_argument("--model", help="spaCy pipeline package (default: the best installed "
                          "English one; env STORYLINE_MODEL)")
    timeline.add_argument("--require-english", action="store_true",
                          help="refuse an article that is not English (exit 7); by default it "
                               "is read and its timeline is empty, as its events need the "
                               "English model")
    timeline.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    timeline.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    args.inputs = [args.inputs] if isinstance(args.inputs, str) else list(args.inputs)
    config, request = config_from(args), request_from(args)
    if args.output:
        distinct_files({"-o": args.output}, request.locations)
        writable_file(args.output, "-o")
    items = list(iter_articles(request, config))
    if len(items) != 1:
        raise UsageError(f"timeline takes one article; {args.inputs[0]} holds {len(items)}")
    (item,) = items
    if isinstance(item, StorylineError):
        raise item
    article = Pipeline(config).run(item)
    text = render_timeline(build_timeline(article), args.format)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    return 0
