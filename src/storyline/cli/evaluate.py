"""`storyline eval`: accuracy on public benchmarks, beside a baseline in the same run."""
from __future__ import annotations

import argparse
import importlib
import json
from pathlib import Path

from ..config import Config
from ..errors import InputNotFound
from .options import count

EVALUATIONS = ("conll", "tempeval", "polnear", "aeb", "events", "ecbplus", "timeline17")


def add_parser(commands) -> None:
    evaluate = commands.add_parser(
        "eval", help="measure accuracy on a public benchmark",
        description="Score storyline against public data, side by side with a baseline.")
    evaluate.add_argument("benchmark", choices=EVALUATIONS)
    evaluate.add_argument("path", help="the data set's file or folder")
    evaluate.add_argument("--limit", type=int, help="only the first N documents")
    evaluate.add_argument("--format", choices=("md", "json"), default="md")
    evaluate.add_argument("--model", help="spaCy pipeline package to use")
    evaluate.add_argument("--workers", type=int, default=1,
                          help="processes for the single-article pipeline, and for "
                               "scoring ECB+'s tuning candidates (default 1)")
    evaluate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    count(args.limit, "--limit")
    count(args.workers, "--workers")
    if not Path(args.path).exists():
        raise InputNotFound(f"{args.path}: no such file or folder")
    module = importlib.import_module(f"storyline.evaluation.{args.benchmark}")
    result = module.evaluate(args.path, Config(model=args.model or None, workers=args.workers), limit=args.limit)
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    else:
        print(module.format_report(result))
    return 0


