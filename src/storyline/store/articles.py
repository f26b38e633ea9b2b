"""Articles in the store: each `Article` goes in as rows of its own tables (articles, entities,
mentions, times, quotes, events, participants, sources) in one transaction, stored whole or not
at all, and comes back out as the same `Article`. Clustering into stories is layered on top, in
`stories/clustering.py`; the views' read queries are in `queries.py` and `entity_queries.py`.
"""
from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from .connection import DEFAULT_PATH, connect
from ..record import (Article, Entity, Event, EventTime, Participant, Published, Quote, Removed,
                     SkippedStage, Source, TimeExpression)

TABLES = ("sources", "stories", "articles", "entities", "entity_names", "mentions", "times",
          "quotes", "events", "participants")


def name_key(name: str) -> str:
    """A name folded for matching across articles: accents, case, punctuation, leading 'the'."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = re.sub(r"[’'`]s\b", "", folded)
    folded = " ".join(re.sub(r"[^\w\s]", " ", folded).split())
    return folded[4:] if folded.startswith("the ") else folded


def outlet_of(article: Article) -> str | None:
    """The outlet an article came from: its web host, when it has an address."""
    for address in (article.url, article.source.location):
        if address and address.startswith(("http://", "https://")):
            try:
                host = urlsplit(address).hostname or ""
            except ValueError:  # a page's canonical link may be any string: "https://[x"
                return None
            return host[4:] if host.startswith("www.") else host or None
    return None


class Store:
    """One store file. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path = DEFAULT_PATH, for_writing: bool = False):
        self.path = str(path)
        self.connection = connect(self.path, for_writing)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; any exception rolls everything back."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    # -- writing -------------------------------------------------------------------------------

    def insert_article(self, article: Article) -> int | None:
        """Write one article and all its parts; ``None`` if its id is already stored.

        Call inside `transaction()` (with the story assignment) or on its own.
        """
        db = self.connection
        if not db.in_transaction:
            with self.transaction():
                return self.insert_article(article)
        record_id = article.id or article.to_json()["id"]
        if db.execute("SELECT 1 FROM articles WHERE id = ?", (record_id,)).fetchone():
            return None
        source_id = self._source_id(outlet_of(article))
        published = article.published
        pk = db.execute(
            "INSERT INTO articles (id, source_id, source_kind, location, url, headline, byline, "
            "published, published_basis, published_confidence, published_evidence, language, "
            "skipped, text, paragraphs, removed, warnings, entity_count, time_count, "
            "quote_count, event_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (record_id, source_id, article.source.kind, article.source.location, article.url,
             article.headline, _dump(article.byline),
             published.value if published else None, published.basis if published else None,
             published.confidence if published else None,
             published.evidence if published else None, article.language,
             _dump([{"stage": item.stage, "reason": item.reason} for item in article.skipped]),
             article.text,
             _dump([list(span) for span in article.paragraphs]),
             _dump([_removed_json(item) for item in article.removed]), _dump(article.warnings),
             len(article.entities), len(article.times), len(article.quotes),
             len(article.events))).lastrowid
        for entity in article.entities:
            entity_pk = db.execute(
                "INSERT INTO entities (article_pk, local_id, name, key, type, kind, descriptors, "
                "aliases) VALUES (?,?,?,?,?,?,?,?)",
                (pk, entity.id, entity.name, name_key(entity.name), entity.type, entity.kind,
                 _dump(entity.descriptors), _dump(entity.aliases))).lastrowid
            keys = {name_key(name) for name in (entity.name, *entity.aliases)} - {""}
            db.executemany("INSERT INTO entity_names (entity_pk, name_key) VALUES (?, ?)",
                           [(entity_pk, key) for key in sorted(keys)])
            db.executemany("INSERT OR IGNORE INTO mentions (entity_pk, start, end) VALUES (?,?,?)",
                           [(entity_pk, start, end) for start, end in entity.mentions])
        db.executemany(
            "INSERT INTO entity_type_votes (key, type, weight, records) VALUES (?,?,?,1) "
            "ON CONFLICT (key, type) DO UPDATE SET weight = weight + excluded.weight, "
            "records = records + 1",
            [(name_key(entity.name), entity.type,
              max(1, len({start for start, _ in entity.mentions})))
             for entity in article.entities])
        db.executemany(
            "INSERT INTO times (article_pk, position, text, start, end, type, value, anchor) "
            "VALUES (?,?,?,?,?,?,?,?)",
            [(pk, position, time.text, time.span[0], time.span[1], time.type, time.value,
              time.anchor) for position, time in enumerate(article.times)])
        db.executemany(
            "INSERT INTO quotes (article_pk, local_id, text, start, end, kind, speaker, speakers, "
            "speaker_text, cue, addressee, time) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(pk, quote.id, quote.text, quote.span[0], quote.span[1], quote.kind, quote.speaker,
              _dump(quote.speakers), quote.speaker_text, quote.cue, quote.addressee, quote.time)
             for quote in article.quotes])
        for event in article.events:
            time = event.time
            event_pk = db.execute(
                "INSERT INTO events (article_pk, local_id, summary, start, end, trigger, "
                "time_value, time_start, time_end, time_basis, place, modality) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (pk, event.id, event.summary, event.span[0], event.span[1], event.trigger,
                 time.value if time else None,
                 time.span[0] if time and time.span else None,
                 time.span[1] if time and time.span else None,
                 time.basis if time else None, event.place, event.modality)).lastrowid
            db.executemany(
                "INSERT INTO participants (event_pk, position, entity, role) VALUES (?,?,?,?)",
                [(event_pk, position, participant.entity, participant.role)
                 for position, participant in enumerate(event.participants)])
        return pk

    def _source_id(self, outlet: str | None) -> int | None:
        if not outlet:
            return None
        self.connection.execute("INSERT OR IGNORE INTO sources (name) VALUES (?)", (outlet,))
        return self.connection.execute("SELECT id FROM sources WHERE name = ?",
                                       (outlet,)).fetchone()[0]

    # -- reading -------------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self.connection.execute("SELECT 1 FROM articles WHERE id = ?",
                                       (article_id,)).fetchone() is not None

    def article_ids(self) -> frozenset[str]:
        return frozenset(row[0] for row in self.connection.execute("SELECT id FROM articles"))

    def article(self, article_id: str) -> Article | None:
        row = self.connection.execute("SELECT * FROM articles WHERE id = ?",
                                      (article_id,)).fetchone()
        return self._article(row) if row else None

    def story_articles(self, story_id: int) -> list[Article]:
        """A story's articles, oldest first (by publication date, then arrival)."""
        rows = self.connection.execute(
            "SELECT * FROM articles WHERE story_id = ? "
            "ORDER BY published IS NULL, published, pk", (story_id,)).fetchall()
        return [self._article(row) for row in rows]

    def outlet(self, article_id: str) -> str | None:
        row = self.connection.execute(
            "SELECT sources.name FROM articles JOIN sources ON sources.id = articles.source_id "
            "WHERE articles.id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def _article(self, row: sqlite3.Row) -> Article:
        db, pk = self.connection, row["pk"]
        published = None
        if row["published"]:
            published = Published(row["published"], row["published_basis"],
                                  row["published_confidence"] or 0.0,
                                  row["published_evidence"] or "")
        entities = []
        for entity in db.execute("SELECT * FROM entities WHERE article_pk = ? ORDER BY pk", (pk,)):
            mentions = [(m["start"], m["end"]) for m in db.execute(
                "SELECT start, end FROM mentions WHERE entity_pk = ? ORDER BY start",
                (entity["pk"],))]
            entities.append(Entity(entity["local_id"], entity["name"], entity["type"], mentions,
                                   entity["kind"], json.loads(entity["descriptors"]),
                                   json.loads(entity["aliases"])))
        times = [TimeExpression(t["text"], (t["start"], t["end"]), t["type"], t["value"],
                                t["anchor"])
                 for t in db.execute("SELECT * FROM times WHERE article_pk = ? ORDER BY position",
                                     (pk,))]
        quotes = [Quote(q["local_id"], q["text"], (q["start"], q["end"]), q["kind"], q["speaker"],
                        json.loads(q["speakers"]), q["speaker_text"], q["cue"], q["addressee"],
                        q["time"])
                  for q in db.execute("SELECT * FROM quotes WHERE article_pk = ? ORDER BY pk",
                                      (pk,))]
        events = []
        for event in db.execute("SELECT * FROM events WHERE article_pk = ? ORDER BY pk", (pk,)):
            time = None
            if event["time_value"] is not None:
                span = (event["time_start"], event["time_end"]) \
                    if event["time_start"] is not None else None
                time = EventTime(event["time_value"], span, event["time_basis"] or "sentence")
            participants = [Participant(p["entity"], p["role"]) for p in db.execute(
                "SELECT entity, role FROM participants WHERE event_pk = ? ORDER BY position",
                (event["pk"],))]
            events.append(Event(event["local_id"], event["summary"],
                                (event["start"], event["end"]), time, event["trigger"],
                                participants, event["place"], event["modality"]))
        return Article(
            raw=row["text"], source=Source(row["source_kind"], row["location"]), id=row["id"],
            headline=row["headline"], byline=json.loads(row["byline"]), published=published,
            language=row["language"],
            skipped=[SkippedStage(item["stage"], item["reason"])
                     for item in json.loads(row["skipped"])],
            text=row["text"],
            paragraphs=[tuple(span) for span in json.loads(row["paragraphs"])],
            removed=[Removed(item["kind"], item["text"], item.get("reason", ""), None,
                             item.get("date")) for item in json.loads(row["removed"])],
            entities=entities, times=times, quotes=quotes, events=events, url=row["url"],
            warnings=json.loads(row["warnings"]))

    # -- search and checks ---------------------------------------------------------------------

    def search_articles(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search over headlines and bodies, best match first."""
        rows = self.connection.execute(
            "SELECT articles.id, articles.headline, articles.published, articles.story_id, "
            "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet FROM articles_fts "
            "JOIN articles ON articles.pk = articles_fts.rowid WHERE articles_fts MATCH ? "
            "ORDER BY rank LIMIT ?", (fts_query(query), limit))
        return [dict(row) for row in rows]

    def search_quotes(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search over quotes and the names of their speakers."""
        rows = self.connection.execute(
            "SELECT articles.id AS article, quotes.local_id AS quote, quotes.text, "
            "quotes.speaker_text, articles.published FROM quotes_fts "
            "JOIN quotes ON quotes.pk = quotes_fts.rowid "
            "JOIN articles ON articles.pk = quotes.article_pk WHERE quotes_fts MATCH ? "
            "ORDER BY rank LIMIT ?", (fts_query(query), limit))
        return [dict(row) for row in rows]

    def counts(self) -> dict[str, int]:
        return {table: self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in TABLES}

    def problems(self) -> list[str]:
        """What is wrong with the file: SQLite's own checks, then articles missing parts."""
        db = self.connection
        found = [row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        found += [f"foreign key: {tuple(row)}" for row in db.execute("PRAGMA foreign_key_check")]
        for table, column in (("entities", "entity_count"), ("times", "time_count"),
                              ("quotes", "quote_count"), ("events", "event_count")):
            found += [f"article {row[0]}: {row[1]} {table} stored, {row[2]} expected"
                      for row in db.execute(
                          f"SELECT a.id, (SELECT count(*) FROM {table} c WHERE c.article_pk = a.pk)"
                          f" AS n, a.{column} FROM articles a WHERE n != a.{column}")]
        return found


def fts_query(text: str) -> str:
    """User words as an FTS5 query: each word quoted (no syntax errors), all must match."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{word}"' for word in words) or '""'


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _removed_json(item: Removed) -> dict:
    record = {"kind": item.kind, "text": item.text}
    if item.reason:
        record["reason"] = item.reason
    if item.date:
        record["date"] = item.date
    return record
