"""The read queries behind the views (the web pages and their JSON): stories with filters and
pages, a story's header and per-day counts, an article's row, and an entity's stories and
address. An entity's dossier data (its names, quotes, events, co-mentioned entities and every
mention in context) is in `entity_queries.py`.

Everything here reads through a `Reader` (a read-only connection); each function is a few
indexed queries, so a page stays fast on a store of thousands of articles. Full-text search is
in `search.py`.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..record import (Article, Entity, Event, EventTime, Participant, Published, Quote, Removed,
                      SkippedStage, Source, TimeExpression)
from .articles import Store, name_key
from .connection import connect_read_only
from ..stories.titles import story_title


class Reader(Store):
    """A `Store` on a read-only connection: it can run every read of `Store`, never a write.

    `story_articles` reads a story's articles whole in one query per table (a story of
    hundreds of articles is a handful of queries, not thousands); the articles are the same as
    `Store.story_articles` gives."""

    def __init__(self, path: str | Path):  # noqa: super().__init__ would open for writing
        self.path = str(path)
        self.connection = connect_read_only(path)

    def story_articles(self, story_id: int) -> list[Article]:
        db = self.connection
        rows = db.execute("SELECT * FROM articles WHERE story_id = ? "
                          "ORDER BY published IS NULL, published, pk", (story_id,)).fetchall()
        if not rows:
            return []
        members = "(SELECT pk FROM articles WHERE story_id = ?)"
        children: dict[str, dict[int, list]] = {}
        for table in ("entities", "times", "quotes", "events"):
            order = "position" if table == "times" else "pk"
            grouped: dict[int, list] = {}
            for row in db.execute(f"SELECT * FROM {table} WHERE article_pk IN {members} "
                                  f"ORDER BY article_pk, {order}", (story_id,)):
                grouped.setdefault(row["article_pk"], []).append(row)
            children[table] = grouped
        mentions: dict[int, list[tuple[int, int]]] = {}
        for entity_pk, start, end in db.execute(
                f"SELECT m.entity_pk, m.start, m.end FROM mentions m JOIN entities e "
                f"ON e.pk = m.entity_pk WHERE e.article_pk IN {members} "
                f"ORDER BY m.entity_pk, m.start", (story_id,)):
            mentions.setdefault(entity_pk, []).append((start, end))
        participants: dict[int, list[Participant]] = {}
        for event_pk, entity, role in db.execute(
                f"SELECT p.event_pk, p.entity, p.role FROM participants p JOIN events ev "
                f"ON ev.pk = p.event_pk WHERE ev.article_pk IN {members} "
                f"ORDER BY p.event_pk, p.position", (story_id,)):
            participants.setdefault(event_pk, []).append(Participant(entity, role))
        return [_article(row, {table: grouped.get(row["pk"], [])
                               for table, grouped in children.items()}, mentions, participants)
                for row in rows]


def _article(row: sqlite3.Row, parts: dict[str, list], mentions: dict, participants: dict
             ) -> Article:
    """An `Article` from its row and its child rows (as `Store.article` builds it)."""
    published = None
    if row["published"]:
        published = Published(row["published"], row["published_basis"],
                              row["published_confidence"] or 0.0, row["published_evidence"] or "")
    entities = [Entity(e["local_id"], e["name"], e["type"], mentions.get(e["pk"], []), e["kind"],
                       json.loads(e["descriptors"]), json.loads(e["aliases"]))
                for e in parts["entities"]]
    times = [TimeExpression(t["text"], (t["start"], t["end"]), t["type"], t["value"], t["anchor"])
             for t in parts["times"]]
    quotes = [Quote(q["local_id"], q["text"], (q["start"], q["end"]), q["kind"], q["speaker"],
                    json.loads(q["speakers"]), q["speaker_text"], q["cue"], q["addressee"],
                    q["time"]) for q in parts["quotes"]]
    events = []
    for event in parts["events"]:
        time = None
        if event["time_value"] is not None:
            span = (event["time_start"], event["time_end"]) \
                if event["time_start"] is not None else None
            time = EventTime(event["time_value"], span, event["time_basis"] or "sentence")
        events.append(Event(event["local_id"], event["summary"], (event["start"], event["end"]),
                            time, event["trigger"], participants.get(event["pk"], []),
                            event["place"], event["modality"]))
    return Article(
        raw=row["text"], source=Source(row["source_kind"], row["location"]), id=row["id"],
        headline=row["headline"], byline=json.loads(row["byline"]), published=published,
        language=row["language"],
        skipped=[SkippedStage(s["stage"], s["reason"]) for s in json.loads(row["skipped"])],
        text=row["text"], paragraphs=[tuple(span) for span in json.loads(row["paragraphs"])],
        removed=[Removed(r["kind"], r["text"], r.get("reason", ""), None, r.get("date"))
                 for r in json.loads(row["removed"])],
        entities=entities, times=times, quotes=quotes, events=events, url=row["url"],
        warnings=json.loads(row["warnings"]))


@dataclass(frozen=True)
class StoryFilters:
    """What the story list is narrowed to: a date range (ISO days), outlets and entity keys."""

    start: str | None = None
    end: str | None = None
    outlets: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()


# -- stories -------------------------------------------------------------------------------------

def stories(db: sqlite3.Connection, filters: StoryFilters, limit: int,
            offset: int) -> tuple[int, list[sqlite3.Row]]:
    """(how many stories match, this page of them), latest activity first."""
    where, params = ["1"], []
    if filters.start:  # the story's span overlaps the range
        where.append("s.last_date >= ?")
        params.append(filters.start)
    if filters.end:
        where.append("s.first_date <= ?")
        params.append(filters.end)
    for outlet in filters.outlets:
        where.append("s.id IN (SELECT a.story_id FROM articles a JOIN sources o "
                     "ON o.id = a.source_id WHERE o.name = ?)")
        params.append(outlet)
    for key in filters.entities:
        where.append("s.id IN (SELECT a.story_id FROM entities e JOIN articles a "
                     "ON a.pk = e.article_pk WHERE e.key = ?)")
        params.append(key)
    clause = " AND ".join(where)
    total = db.execute(f"SELECT count(*) FROM stories s WHERE {clause}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT s.id, s.first_date, s.last_date, s.article_count, s.updated_at FROM stories s "
        f"WHERE {clause} ORDER BY s.last_date IS NULL, s.last_date DESC, s.updated_at DESC, "
        f"s.id DESC LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    return total, rows


def story(db: sqlite3.Connection, story_id: int) -> dict | None:
    """A story's row with its title (the headline of its most central article, `titles`)."""
    row = db.execute("SELECT id, first_date, last_date, article_count, updated_at FROM stories "
                     "WHERE id = ?", (story_id,)).fetchone()
    return {**dict(row), "title": story_title(db, story_id)} if row else None


def store_version(db: sqlite3.Connection) -> tuple:
    """What changes whenever anything a page shows changes: the store only grows, and every
    change to a story (formed, joined, merged or split) comes with a new article, so the newest
    article's row number; and the last relink of the threads (`storyline threads --relink`
    relinks without a new article)."""
    return tuple(db.execute("SELECT (SELECT coalesce(max(pk), 0) FROM articles), "
                            "(SELECT max(updated_at) FROM threads)").fetchone())


def story_version(db: sqlite3.Connection, story_id: int) -> tuple:
    """What changes whenever an article joins or leaves the story (stored articles never
    change): how many it has, its newest, and when the story was last updated."""
    row = db.execute("SELECT count(*), max(pk), (SELECT updated_at FROM stories WHERE id = ?) "
                     "FROM articles WHERE story_id = ?", (story_id, story_id)).fetchone()
    return tuple(row)


# A thread's span and counts read from its stories as they are now, not as of its last relink:
# between relinks its stories grow, and merges and splits move its membership
# (migration 0010_threads_follow_moves).
THREAD_FIGURES = (
    "SELECT t.id AS id, t.title AS title, min(s.first_date) AS first_date, "
    "max(s.last_date) AS last_date, count(s.id) AS story_count, "
    "coalesce(sum(s.article_count), 0) AS article_count, t.updated_at AS updated_at "
    "FROM threads t LEFT JOIN thread_stories m ON m.thread_id = t.id "
    "LEFT JOIN stories s ON s.id = m.story_id")
THREAD_COLUMNS = ("id", "title", "first_date", "last_date", "story_count", "article_count",
                  "updated_at")


def thread(db: sqlite3.Connection, thread_id: int) -> dict | None:
    """A thread (`stories/threads.py`): title, span, story and article counts."""
    if not 0 < thread_id < 2**63:
        return None
    row = db.execute(f"{THREAD_FIGURES} WHERE t.id = ? GROUP BY t.id", (thread_id,)).fetchone()
    return dict(zip(THREAD_COLUMNS, row)) if row else None


def threads(db: sqlite3.Connection) -> list[dict]:
    """Every thread as `thread` gives it, latest activity first."""
    rows = db.execute(f"SELECT * FROM ({THREAD_FIGURES} GROUP BY t.id) ORDER BY "
                      f"last_date IS NULL, last_date DESC, article_count DESC, id").fetchall()
    return [dict(zip(THREAD_COLUMNS, row)) for row in rows]


def story_thread(db: sqlite3.Connection, story_id: int) -> dict | None:
    """The thread a story belongs to (its id and title), if any."""
    row = db.execute("SELECT t.id, t.title FROM thread_stories s JOIN threads t "
                     "ON t.id = s.thread_id WHERE s.story_id = ?", (story_id,)).fetchone()
    return {"id": row[0], "title": row[1]} if row else None


def thread_version(db: sqlite3.Connection, thread_id: int) -> tuple:
    """What changes whenever the thread is relinked or one of its stories changes (each story's
    `story_version`, read in one query)."""
    rows = db.execute(
        "SELECT t.story_id, count(a.pk), max(a.pk), s.updated_at FROM thread_stories t "
        "JOIN stories s ON s.id = t.story_id LEFT JOIN articles a ON a.story_id = t.story_id "
        "WHERE t.thread_id = ? GROUP BY t.story_id ORDER BY t.story_id", (thread_id,))
    relinked = db.execute("SELECT updated_at FROM threads WHERE id = ?", (thread_id,)).fetchone()
    return (relinked and relinked[0], tuple(tuple(row) for row in rows))


def thread_article_refs(db: sqlite3.Connection, thread_id: int) -> dict[str, int]:
    """A thread's articles: record id -> row number."""
    return {row[0]: row[1] for row in db.execute(
        "SELECT a.id, a.pk FROM articles a JOIN thread_stories t ON t.story_id = a.story_id "
        "WHERE t.thread_id = ?", (thread_id,))}


def story_outlets(db: sqlite3.Connection, story_id: int) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT DISTINCT o.name FROM articles a JOIN sources o ON o.id = a.source_id "
        "WHERE a.story_id = ? ORDER BY o.name", (story_id,))]


def story_days(db: sqlite3.Connection, story_id: int) -> list[tuple[str, int]]:
    """Articles per publication day, oldest day first (undated articles left out)."""
    return [(row[0], row[1]) for row in db.execute(
        "SELECT substr(published, 1, 10) AS day, count(*) FROM articles "
        "WHERE story_id = ? AND published IS NOT NULL GROUP BY day ORDER BY day", (story_id,))]


def untitled(db: sqlite3.Connection, story_id: int) -> str:
    """A title for a story none of whose articles has a usable headline: the first words of its
    most central article (`story_title` already falls back to them)."""
    return story_title(db, story_id)


def story_article_refs(db: sqlite3.Connection, story_id: int) -> dict[str, int]:
    """A story's articles: record id -> row number (the pages' article ids)."""
    return {row[0]: row[1] for row in db.execute(
        "SELECT id, pk FROM articles WHERE story_id = ?", (story_id,))}


def outlets(db: sqlite3.Connection) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM sources ORDER BY name")]


# -- articles ------------------------------------------------------------------------------------

def article_row(db: sqlite3.Connection, pk: int) -> sqlite3.Row | None:
    """An article's identity: row number, record id, url, story, outlet and story title."""
    return db.execute(
        "SELECT a.pk, a.id, a.url, a.story_id, a.ingested_at, o.name AS outlet FROM articles a "
        "LEFT JOIN sources o ON o.id = a.source_id WHERE a.pk = ?", (pk,)).fetchone()


def article_pk(db: sqlite3.Connection, article_id: str) -> int | None:
    row = db.execute("SELECT pk FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row else None


# -- entity pages (the dossier queries are in entity_queries.py) ---------------------------------

def stories_of(db: sqlite3.Connection, counts: Counter[int]) -> list[dict]:
    """The stories these articles belong to, the one with most of them first."""
    found = []
    for story_id, count in counts.most_common():
        row = story(db, story_id)
        if row:
            found.append({**dict(row), "mentioning_articles": count})
    return found


def slug(name: str) -> str:
    """An entity's id in addresses: its folded name with hyphens ("peter-lindqvist")."""
    return name_key(name).replace(" ", "-")


def key_of_slug(value: str) -> str:
    """The folded name an address or a typed name stands for."""
    return name_key(value.replace("-", " "))
