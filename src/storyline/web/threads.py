"""`/threads`: long-running stories above their incidents (`stories/threads.py`), latest first,
each with its stories; `/threads/{id}`: one thread's merged timeline, laid out as a story's page
(`story.py`), with the stories it links.

A thread's base is built once per version of the thread (its relink and its stories' versions)
and kept in the app's cache beside the stories'."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..store import queries
from ..store.queries import Reader
from ..stories import threads
from ..stories.copies import copy_map
from . import links
from .deps import reader, row_id
from .render import twin
from .story import StoryBase, build_base, check_sort, timeline_page

router = APIRouter()
STORIES_SHOWN = 12   # a card's stories (a war's thread holds hundreds; its page lists them all)


@twin(router, "/threads", "threads.html")
def threads_page(request: Request, db: Reader = Depends(reader)) -> dict:
    """Every thread, latest activity first: title, span, counts, core people, its stories."""
    return {
        "title": "Threads",
        "threads": [_card(db, row) for row in threads.listing(db)],
        "links": {"self": "/threads", "json": "/threads.json", "stories": "/"},
    }


def _card(db: Reader, row: dict) -> dict:
    return {**{key: row[key] for key in ("id", "title", "first_date", "last_date",
                                         "story_count", "article_count")},
            "url": links.thread_url(row["id"]),
            "people": [{"name": name, "url": links.entity_url(name)} for name in row["people"]],
            "stories": [_story(db, story_id) for story_id in row["stories"][:STORIES_SHOWN]]}


def _story(db: Reader, story_id: int) -> dict:
    header = queries.story(db.connection, story_id) or {}
    return {"id": story_id, "url": links.story_url(story_id), "title": header.get("title"),
            "first_date": header.get("first_date"), "last_date": header.get("last_date"),
            "article_count": header.get("article_count")}


@twin(router, "/threads/{thread_id}", "story.html")
def thread_page(request: Request, thread_id: str, db: Reader = Depends(reader),
                since: str | None = None, start: str | None = Query(None, alias="from"),
                end: str | None = Query(None, alias="to"), sort: str = "date",
                page: int | None = None) -> dict:
    number = row_id(thread_id, "thread")
    check_sort(sort)
    header = queries.thread(db.connection, number)
    if header is None:
        raise HTTPException(404, f"no thread {number}")
    base = _thread_base(request, db, number, header["title"])
    data = timeline_page(base, number, links.thread_url(number), header, since, start, end,
                         sort, page)
    data["stories"] = [_story(db, story_id)
                       for story_id in threads.thread_story_ids(db.connection, number)]
    data["links"]["threads"] = "/threads"
    return data


def _thread_base(request: Request, db: Reader, thread_id: int, title: str) -> StoryBase:
    version = queries.thread_version(db.connection, thread_id)

    def made() -> StoryBase:
        _, articles = threads.thread_articles(db, thread_id)
        if not articles:
            raise HTTPException(404, f"thread {thread_id} has no articles")
        story_ids = threads.thread_story_ids(db.connection, thread_id)
        return build_base(db, articles, queries.thread_article_refs(db.connection, thread_id),
                          copy_map(db.connection, story_ids), thread_id, title, "thread")

    return request.app.state.stories.get(("thread", thread_id), version, made)
