"""`storyline threads` and `storyline thread ID`: long-running stories above their incidents.

The data comes from `stories.threads` (linked after every ingest batch); a thread's merged
timeline is `merge.build` over all its stories' articles, rendered as `storyline story` renders a
story's (`render_story`).
"""
from __future__ import annotations

import argparse
import json
import textwrap

from ..stories.merge import build
from ..stories.threads import listing, thread_articles
from .options import count
from .stories import _add_db, _open, render_story


def add_parser(commands) -> None:
    threads = commands.add_parser(
        "threads", help="list the threads: long-running stories linked above their incidents",
        description="Stories that share their core entities and continue one another over weeks "
                    "or months (a war, an oil spill, a trial), most recent first: title, span, "
                    "stories, articles, core people.")
    threads.add_argument("--limit", type=int, help="only the N most recent threads")
    threads.add_argument("--format", choices=("table", "md", "json"), default="table",
                         help="json lists each thread with the ids of its stories")
    _add_db(threads)
    threads.set_defaults(run=run_threads)

    thread = commands.add_parser(
        "thread", help="one thread's merged timeline across all its stories",
        description="The events of every story in the thread merged into one timeline, key "
                    "developments first, every source kept, conflicts flagged (as `story`).")
    thread.add_argument("id", type=int, help="thread id (see `storyline threads`)")
    thread.add_argument("--format", choices=("table", "md", "json", "html"), default="table")
    _add_db(thread)
    thread.set_defaults(run=run_thread)


def run_threads(args: argparse.Namespace) -> int:
    count(args.limit, "--limit")
    with _open(args.db) as store:
        found = listing(store)[:args.limit] if args.limit else listing(store)
    if args.format == "json":
        print(json.dumps({"schema": "storyline.threads/1", "threads": found}, ensure_ascii=False,
                         indent=2))
        return 0
    if args.format == "md":
        print("| thread | title | dates | stories | articles | people |\n|---|---|---|---|---|---|")
        for t in found:
            print(f"| {t['id']} | {t['title']} | {_span(t)} | {t['story_count']} | "
                  f"{t['article_count']} | {', '.join(t['people'])} |")
        return 0
    print(f"{'ID':>5}  {'DATES':<23}  {'STORIES':>7}  {'ARTS':>4}  {'TITLE':<50}  PEOPLE")
    for t in found:
        print(f"{t['id']:>5}  {_span(t):<23}  {t['story_count']:>7}  {t['article_count']:>4}  "
              f"{textwrap.shorten(t['title'], 50):<50}  {', '.join(t['people'])}")
    if not found:
        print("(no threads yet: they need two or more stories that continue one another)")
    return 0


def run_thread(args: argparse.Namespace) -> int:
    with _open(args.db) as store:
        title, articles = thread_articles(store, args.id)
        outlets = {a.id: store.outlet(a.id) or _file_name(a.source.location) for a in articles}
        urls = {a.id: a.url for a in articles}
    timeline = build(articles, outlets, args.id, title=title)
    print(as_thread(render_story(timeline, args.format, urls), args.format, args.id),
          end="" if args.format == "html" else "\n")
    return 0


def as_thread(rendered: str, fmt: str, thread_id: int) -> str:
    """A story rendering relabelled for a thread: its heading says "Thread", its JSON names the
    thread (the merged timeline is the same kind of record as a story's)."""
    if fmt == "json":
        record = json.loads(rendered)
        record = {"schema": record.pop("schema"), "thread": thread_id, **record, "story": None}
        return json.dumps(record, ensure_ascii=False, indent=2)
    if fmt == "html":
        return rendered.replace(f"story-{thread_id}", f"thread-{thread_id}", 1)
    return rendered.replace(f"Story {thread_id}:", f"Thread {thread_id}:", 1)


def _file_name(location: str | None) -> str | None:
    """Where an article without a web address came from: its file name (and line)."""
    return location.replace("\\", "/").rsplit("/", 1)[-1] if location else None


def _span(thread: dict) -> str:
    first, last = thread["first_date"] or "?", thread["last_date"] or "?"
    return first if first == last else f"{first} to {last}"
