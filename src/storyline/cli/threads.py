"""`storyline threads` and `storyline thread ID`: long-running stories above their incidents.

The data comes from `stories.threads` (relinked after an ingest batch once the store has grown
by a tenth, or at once with `--relink`); a thread's merged
timeline is `merge.build` over all its stories' articles, rendered as `storyline story` renders a
story's (`render_story`).
"""
from __future__ import annotations

import argparse

from ..store import Store
from ..stories.copies import copy_map
from ..stories.merge import build, outlets_of
from ..stories.threads import listing, thread_articles, thread_story_ids, update
from .options import count
from .stories import _add_db, _open, print_listing, render_story


def add_parser(commands) -> None:
    threads = commands.add_parser(
        "threads", help="list the threads: long-running stories linked above their incidents",
        description="Stories that share their core entities and continue one another over weeks "
                    "or months (a war, an oil spill, a trial), most recent first: title, span, "
                    "stories, articles, core people.")
    threads.add_argument("--limit", type=int, help="only the N most recent threads")
    threads.add_argument("--relink", action="store_true",
                         help="relink all stories into threads first (ingest relinks only once "
                              "the store has grown by a tenth since the last time)")
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
    if args.relink:
        _open(args.db).close()  # the same one-line error for a missing store
        with Store(args.db, for_writing=True) as store:
            update(store)
    with _open(args.db) as store:
        found = listing(store)[:args.limit] if args.limit else listing(store)
    print_listing(found, args.format, ("storyline.threads/1", "threads"), "thread",
                  [("stories", "STORIES", "story_count"), ("articles", "ARTS", "article_count")],
                  50)
    if args.format == "table" and not found:
        print("(no threads yet: they need two or more stories that continue one another)")
    return 0


def run_thread(args: argparse.Namespace) -> int:
    with _open(args.db) as store:
        title, articles = thread_articles(store, args.id)
        copies = copy_map(store.connection, thread_story_ids(store.connection, args.id))
        timeline = build(articles, outlets_of(store, articles), args.id, title=title,
                         copies=copies, kind="thread")
    print(render_story(timeline, args.format, {a.id: a.url for a in articles}),
          end="" if args.format == "html" else "\n")
    return 0
