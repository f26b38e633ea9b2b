"""Options and helpers shared by the commands."""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from ..clean.published import normalize_date
from ..config import Config
from ..errors import OutputUnwritable, UsageError
from ..inputs.sources import INPUT_FORMATS, Request
from ..timex.calendar_math import valid_date

# What `--since` takes: a year, a month or a day, as the timeline's dates are written.
SINCE_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


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
    command.add_argument("--require-english", action="store_true",
                         help="refuse articles that are not English (exit 7) instead of reading "
                              "their body and metadata and skipping the English-only stages")
    # Kept so that scripts written for the old default still run; reading them is now the default.
    command.add_argument("--allow-other-languages", action="store_true", help=argparse.SUPPRESS)
    command.add_argument("--allow-private-fetch", action="store_true",
                         help="fetch URLs on loopback, private and link-local addresses too "
                              "(refused by default, as a feed's links could point anywhere)")
    command.add_argument("--quiet", action="store_true", help="no progress bar")


def config_from(args: argparse.Namespace) -> Config:
    return Config(model=args.model or None,
                  require_english=bool(getattr(args, "require_english", False)),
                  allow_private_addresses=bool(getattr(args, "allow_private_fetch", False)))


def request_from(args: argparse.Namespace) -> Request:
    if args.published is not None and not normalize_date(args.published):
        raise UsageError(f"--published {args.published!r} is not a date; give YYYY-MM-DD")
    return Request(tuple(args.inputs), args.input_format, args.published)


def with_progress(results, quiet: bool, label: str):
    if quiet:
        return results
    from tqdm import tqdm

    return tqdm(results, unit="article", file=sys.stderr, disable=None, desc=label)


# -- checking options before any work starts -------------------------------------------------

def writable_file(path: str, option: str) -> str:
    """`path`, once it is known that a file can be written there (fail before the model loads).

    The check opens the file for appending, as only the system knows what may be written (a
    read-only mount, /proc); a file the check itself created is removed again.
    """
    target = Path(path)
    if not path:
        raise UsageError(f"{option} needs a file name")
    if target.is_dir():
        raise OutputUnwritable(f"{option} {path}: is a folder; give a file name")
    if not target.parent.is_dir():
        raise OutputUnwritable(f"{option} {path}: folder {target.parent} does not exist")
    existed = target.exists()
    try:
        with open(target, "a", encoding="utf-8"):
            pass
    except OSError as error:
        raise OutputUnwritable(f"{option} {path}: cannot be written ({error.strerror})") from None
    if not existed:
        target.unlink(missing_ok=True)
    return path


def distinct_files(outputs: dict[str, str | None], inputs: tuple[str, ...] = ()) -> None:
    """Refuse one file named twice: outputs would write into each other (JSONL into the store),
    and an output that is also an input would be written while it is read."""
    seen = {os.path.realpath(path): "an input" for path in inputs
            if path != "-" and "://" not in path}
    for option, path in outputs.items():
        if not path:
            continue
        key = os.path.realpath(path)
        if key in seen:
            raise UsageError(f"{option} and {seen[key]} name the same file ({path}); "
                             "give each its own")
        seen[key] = option


def count(value: int | None, option: str, minimum: int = 1) -> int | None:
    """A number option (`--limit`, `--workers`), refused below `minimum`."""
    if value is not None and value < minimum:
        raise UsageError(f"{option} {value}: must be {minimum} or more")
    return value


def since_date(value: str | None) -> str | None:
    """`--since`: YYYY, YYYY-MM or YYYY-MM-DD, and a day that exists."""
    if value is None:
        return None
    match = SINCE_DATE.fullmatch(value)
    if match and valid_date(*(int(part or 1) for part in match.groups())):
        return value
    raise UsageError(f"--since {value!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD")

