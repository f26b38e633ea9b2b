"""The read queries behind the views (the web pages and their JSON): stories with filters and
pages, a story's header and per-day counts, an article's row, and an entity's dossier data
(its names, quotes, events, stories, co-mentioned entities and every mention in context).

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

# Entity types a dossier is about (people and organizations); other types still have pages.
DOSSIER_TYPES = ("PERSON", "ORG", "GROUP")
# SQLite's default limit on bound parameters is far above this; chunks keep queries modest.
CHUNK = 500
# The co-mentioned entities are counted over an entity's latest articles, at most this many.
CO_MENTION_ARTICLES = 400
# Characters of the article shown on each side of a mention in context.
CONTEXT_CHARS = 90


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


def story(db: sqlite3.Connection, story_id: int) -> sqlite3.Row | None:
    """A story's row with its title (the headline of its first article that has one)."""
    return db.execute(
        "SELECT s.id, s.first_date, s.last_date, s.article_count, s.updated_at, "
        "(SELECT headline FROM articles WHERE story_id = s.id AND headline IS NOT NULL "
        " ORDER BY published IS NULL, published, pk LIMIT 1) AS title FROM stories s "
        "WHERE s.id = ?", (story_id,)).fetchone()


def store_version(db: sqlite3.Connection) -> int:
    """What changes whenever anything a page shows changes: the store only grows, and every
    change (a story formed, joined, merged or split) comes with a new article, so the newest
    article's row number."""
    return db.execute("SELECT coalesce(max(pk), 0) FROM articles").fetchone()[0]


def story_version(db: sqlite3.Connection, story_id: int) -> tuple:
    """What changes whenever an article joins or leaves the story (stored articles never
    change): how many it has, its newest, and when the story was last updated."""
    row = db.execute("SELECT count(*), max(pk), (SELECT updated_at FROM stories WHERE id = ?) "
                     "FROM articles WHERE story_id = ?", (story_id, story_id)).fetchone()
    return tuple(row)


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
    """A title for a story none of whose articles has a headline: its first words."""
    row = db.execute("SELECT substr(text, 1, 120) FROM articles WHERE story_id = ? "
                     "ORDER BY published IS NULL, published, pk LIMIT 1", (story_id,)).fetchone()
    words = " ".join((row[0] if row else "").split())
    return (words[:90] + "…") if words else "(untitled story)"


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


# -- entities ------------------------------------------------------------------------------------

def fuller_name(db: sqlite3.Connection, key: str) -> str | None:
    """The one full name a bare surname stands for across the store ("lindqvist" -> "peter
    lindqvist"), or None when it is not a single word or fits none or several."""
    if not key or " " in key:
        return None
    fuller = {row[0] for row in db.execute(
        "SELECT DISTINCT e.key FROM entity_names n JOIN entities e ON e.pk = n.entity_pk "
        "WHERE n.name_key = ? AND e.type = 'PERSON' AND e.key != ?", (key, key))
        if row[0].endswith(f" {key}")}
    return fuller.pop() if len(fuller) == 1 else None


def entity_keys(db: sqlite3.Connection, key: str) -> tuple[str, ...]:
    """The keys one dossier covers: the name's own, and its surname when that stands for it."""
    if " " not in key:
        return (key,)
    surname = key.rsplit(" ", 1)[1]
    return (key, surname) if fuller_name(db, surname) == key else (key,)


def entity_rows(db: sqlite3.Connection, keys: tuple[str, ...]) -> list[sqlite3.Row]:
    """Each article's entity under these keys, with its article, oldest first."""
    marks = ",".join("?" * len(keys))
    return db.execute(
        f"SELECT e.pk, e.local_id, e.name, e.key, e.type, e.kind, e.descriptors, e.aliases, "
        f"a.pk AS article_pk, a.id AS article, a.published, a.story_id, o.name AS outlet, "
        f"(SELECT count(*) FROM mentions m WHERE m.entity_pk = e.pk) AS mentions "
        f"FROM entities e JOIN articles a ON a.pk = e.article_pk "
        f"LEFT JOIN sources o ON o.id = a.source_id WHERE e.key IN ({marks}) "
        f"ORDER BY a.published IS NULL, a.published, a.pk", keys).fetchall()


def entity_quotes(db: sqlite3.Connection, keys: tuple[str, ...], limit: int = -1,
                  offset: int = 0) -> list[sqlite3.Row]:
    """The quotes these entities speak (as the speaker or one of the speakers), oldest first;
    each row's `total` counts them all."""
    return db.execute(
        f"SELECT q.text, q.kind, q.cue, q.start, q.local_id, a.pk AS article_pk, "
        f"a.id AS article, a.published, o.name AS outlet, count(*) OVER () AS total "
        f"{_spoken(len(keys))} "
        f"ORDER BY a.published IS NULL, a.published, a.pk, q.start LIMIT ? OFFSET ?",
        (*keys, limit, offset)).fetchall()


def entity_quote_count(db: sqlite3.Connection, keys: tuple[str, ...]) -> int:
    return db.execute(f"SELECT count(*) {_spoken(len(keys))}", keys).fetchone()[0]


def entity_events(db: sqlite3.Connection, keys: tuple[str, ...], limit: int = -1,
                  offset: int = 0) -> list[sqlite3.Row]:
    """The events these entities take part in, with their role, dated ones first by date;
    each row's `total` counts them all."""
    return db.execute(
        f"SELECT ev.summary, ev.time_value, ev.modality, ev.start, p.role, "
        f"a.pk AS article_pk, a.id AS article, a.published, o.name AS outlet, "
        f"count(*) OVER () AS total {_taking_part(len(keys))} "
        f"ORDER BY ev.time_value IS NULL, "
        f"substr(ev.time_value, 1, 1) NOT BETWEEN '0' AND '9', ev.time_value, a.published, "
        f"ev.start LIMIT ? OFFSET ?", (*keys, limit, offset)).fetchall()


def entity_event_count(db: sqlite3.Connection, keys: tuple[str, ...]) -> int:
    return db.execute(f"SELECT count(*) {_taking_part(len(keys))}", keys).fetchone()[0]


def _spoken(keys: int) -> str:
    """FROM and WHERE of the quotes that `keys` entity keys speak."""
    return (f"FROM entities e JOIN quotes q ON q.article_pk = e.article_pk "
            f"JOIN articles a ON a.pk = e.article_pk LEFT JOIN sources o ON o.id = a.source_id "
            f"WHERE e.key IN ({','.join('?' * keys)}) AND (q.speaker = e.local_id OR "
            f"q.speakers LIKE '%\"' || e.local_id || '\"%')")  # a JSON list of ids


def _taking_part(keys: int) -> str:
    """FROM and WHERE of the events that `keys` entity keys take part in."""
    return (f"FROM entities e JOIN events ev ON ev.article_pk = e.article_pk "
            f"JOIN participants p ON p.event_pk = ev.pk AND p.entity = e.local_id "
            f"JOIN articles a ON a.pk = e.article_pk LEFT JOIN sources o ON o.id = a.source_id "
            f"WHERE e.key IN ({','.join('?' * keys)})")


def stories_of(db: sqlite3.Connection, counts: Counter[int]) -> list[dict]:
    """The stories these articles belong to, the one with most of them first."""
    found = []
    for story_id, count in counts.most_common():
        row = story(db, story_id)
        if row:
            found.append({**dict(row), "mentioning_articles": count})
    return found


def co_mentioned(db: sqlite3.Connection, keys: tuple[str, ...], limit: int = 12,
                 articles: int = CO_MENTION_ARTICLES) -> list[sqlite3.Row]:
    """The entities most often in the same articles as these (over their latest `articles`
    articles, so that a person in thousands of articles costs no more), with how many."""
    marks = ",".join("?" * len(keys))
    return db.execute(
        f"WITH mine AS (SELECT DISTINCT article_pk FROM entities WHERE key IN ({marks}) "
        f"ORDER BY article_pk DESC LIMIT ?) "
        f"SELECT other.key, max(other.name) AS name, max(other.type) AS type, "
        f"count(DISTINCT other.article_pk) AS articles FROM mine "
        f"JOIN entities other ON other.article_pk = mine.article_pk "
        f"WHERE other.key NOT IN ({marks}) AND other.key != '' "
        f"AND (other.kind IS NULL OR other.kind != 'news_outlet') "
        f"GROUP BY other.key ORDER BY articles DESC, other.key LIMIT ?",
        (*keys, articles, *keys, limit)).fetchall()


def mention_count(db: sqlite3.Connection, keys: tuple[str, ...]) -> int:
    marks = ",".join("?" * len(keys))
    return db.execute(f"SELECT count(*) FROM entities e JOIN mentions m ON m.entity_pk = e.pk "
                      f"WHERE e.key IN ({marks})", keys).fetchone()[0]


def mentions(db: sqlite3.Connection, keys: tuple[str, ...], limit: int, offset: int,
             context: int = CONTEXT_CHARS) -> list[dict]:
    """Mentions in context, newest article first: the words before, the mention, the words
    after (each to a word boundary), and where they stand in the article."""
    marks = ",".join("?" * len(keys))
    rows = db.execute(
        f"SELECT m.start, m.end, a.pk AS article_pk, a.id AS article, a.published, a.headline, "
        f"o.name AS outlet, max(0, m.start - ?) AS lead, "
        f"substr(a.text, max(0, m.start - ?) + 1, m.end - max(0, m.start - ?) + ?) AS window "
        f"FROM entities e JOIN mentions m ON m.entity_pk = e.pk "
        f"JOIN articles a ON a.pk = e.article_pk LEFT JOIN sources o ON o.id = a.source_id "
        f"WHERE e.key IN ({marks}) ORDER BY a.published IS NULL, a.published DESC, a.pk DESC, "
        f"m.start LIMIT ? OFFSET ?",
        (context, context, context, context, *keys, limit, offset)).fetchall()
    found = []
    for row in rows:
        window, at = row["window"] or "", row["start"] - row["lead"]
        size = row["end"] - row["start"]
        before, after = window[:at], window[at + size:]
        if row["lead"] > 0 and " " in before:
            before = "…" + before[before.index(" ") + 1:]
        if len(after) >= context and " " in after:
            after = after[:after.rindex(" ")] + "…"
        found.append({"article_pk": row["article_pk"], "article": row["article"],
                      "headline": row["headline"], "published": row["published"],
                      "outlet": row["outlet"], "start": row["start"], "end": row["end"],
                      "before": before.replace("\n", " "),
                      "text": window[at:at + size],
                      "after": after.replace("\n", " ")})
    return found


def entity_names(db: sqlite3.Connection, keys: list[str]) -> dict[str, str]:
    """A display name for each key: its most common spelling."""
    names: dict[str, Counter[str]] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        for key, name, count in db.execute(
                f"SELECT key, name, count(*) FROM entities WHERE key IN "
                f"({','.join('?' * len(chunk))}) GROUP BY key, name", chunk):
            names.setdefault(key, Counter())[name] += count
    return {key: counter.most_common(1)[0][0] for key, counter in names.items()}


def slug(name: str) -> str:
    """An entity's id in addresses: its folded name with hyphens ("peter-lindqvist")."""
    return name_key(name).replace(" ", "-")


def key_of_slug(value: str) -> str:
    """The folded name an address or a typed name stands for."""
    return name_key(value.replace("-", " "))
