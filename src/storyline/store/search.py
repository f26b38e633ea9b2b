"""Full-text search for the views: FTS5 syntax over articles and quotes, narrowed by outlet,
story, entity, month and dates, with facet counts and a histogram of the matching articles.

The user's query is FTS5's own syntax (phrases, `OR`, `NOT`, `NEAR`, prefixes like `water*`);
one SQLite cannot read raises `SearchSyntaxError` with what is wrong, in words. Snippets mark
the matched words with `MARK_START` / `MARK_END`, control characters no article text keeps, so
a renderer can escape the text first and then mark it.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import UsageError
from ..stories.titles import story_title

MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_WORDS = 24
# The facets list this many values each. Outlets, stories and months count every match; the
# entities are counted over the best matches, at most this many (an article has dozens).
FACET_SIZE = 10
ENTITY_FACET_MATCHES = 500
ENTITY_FACET_TYPES = ("PERSON", "ORG", "GROUP", "PLACE")


class SearchSyntaxError(UsageError):
    """A query FTS5 cannot read (an unpaired quote, a bare `NEAR(`, a lone `*`)."""


@dataclass(frozen=True)
class SearchFilters:
    outlet: str | None = None
    story: int | None = None
    entity: str | None = None        # an entity key: articles that mention it
    month: str | None = None         # YYYY-MM
    start: str | None = None         # ISO days, inclusive
    end: str | None = None

    def sql(self) -> tuple[str, list]:
        """Conditions on `a` (articles) for these filters, and their parameters."""
        where, params = [], []
        if self.outlet:
            where.append("a.source_id = (SELECT id FROM sources WHERE name = ?)")
            params.append(self.outlet)
        if self.story is not None:
            where.append("a.story_id = ?")
            params.append(self.story)
        if self.entity:
            where.append("a.pk IN (SELECT article_pk FROM entities WHERE key = ?)")
            params.append(self.entity)
        if self.month:
            where.append("substr(a.published, 1, 7) = ?")
            params.append(self.month)
        if self.start:
            where.append("substr(a.published, 1, 10) >= ?")
            params.append(self.start)
        if self.end:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(self.end)
        return (" AND " + " AND ".join(where)) if where else "", params


def explain(error: sqlite3.OperationalError, query: str) -> str | None:
    """What an FTS5 error means for the person who typed the query; None if not a query error."""
    message = str(error)
    if "unterminated string" in message:
        return "a double quote is not closed: phrases go in pairs of quotes, like \"boil water\""
    if "unknown special query" in message:
        return "`*` must follow a word, as in water* (words starting with water)"
    if message.startswith("no such column"):
        column = message.rsplit(":", 1)[-1].strip()
        return (f"`{column}:` (or `-{column}`) is read as a field name; the fields are headline "
                f"and text (quotes: text and speaker_text); put the word in quotes to search it")
    if message.startswith("fts5:") or "syntax error" in message:
        near = message.split("near", 1)[-1].strip() if "near" in message else ""
        where = f" near {near}" if near and near != '""' else " at the end of the query"
        return (f"the query cannot be read{where}: check parentheses, NEAR(...) and that AND, "
                f"OR and NOT stand between words")
    return None


def _run(db: sqlite3.Connection, sql: str, params: list | tuple, query: str) -> sqlite3.Cursor:
    try:
        return db.execute(sql, params)
    except sqlite3.OperationalError as error:
        reason = explain(error, query)
        if reason is None:
            raise
        raise SearchSyntaxError(f"search {query[:200]!r}: {reason}") from None


def marked(snippet: str | None) -> list[dict]:
    """A snippet as pieces: [{"text", "match"}], the matched words with match true."""
    pieces, inside = [], False
    for part in (snippet or "").replace(MARK_END, MARK_START).split(MARK_START):
        if part:
            pieces.append({"text": part, "match": inside})
        inside = not inside
    return pieces


def plain(snippet: str | None) -> str:
    return (snippet or "").replace(MARK_START, "").replace(MARK_END, "")


def article_hits(db: sqlite3.Connection, query: str, filters: SearchFilters, limit: int | None,
                 offset: int = 0) -> sqlite3.Cursor:
    """Matching articles, best first, with highlighted headline and snippet."""
    where, params = filters.sql()
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    return _run(db,
                f"SELECT a.pk, a.id, a.url, a.published, a.story_id, o.name AS outlet, "
                f"highlight(articles_fts, 0, '{MARK_START}', '{MARK_END}') AS headline, "
                f"snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', ' … ', "
                f"{SNIPPET_WORDS}) AS snippet FROM articles_fts "
                f"JOIN articles a ON a.pk = articles_fts.rowid "
                f"LEFT JOIN sources o ON o.id = a.source_id "
                f"WHERE articles_fts MATCH ?{where} ORDER BY rank{page}",
                (query, *params, *((limit, offset) if limit is not None else ())), query)


def quote_hits(db: sqlite3.Connection, query: str, filters: SearchFilters, limit: int | None,
               offset: int = 0) -> sqlite3.Cursor:
    """Matching quotes, best first, with their speaker and article."""
    where, params = filters.sql()
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    return _run(db,
                f"SELECT q.local_id, q.start, q.kind, q.speaker_text, a.pk AS article_pk, "
                f"a.id AS article, a.published, a.story_id, o.name AS outlet, "
                f"highlight(quotes_fts, 0, '{MARK_START}', '{MARK_END}') AS text "
                f"FROM quotes_fts JOIN quotes q ON q.pk = quotes_fts.rowid "
                f"JOIN articles a ON a.pk = q.article_pk LEFT JOIN sources o ON o.id = a.source_id "
                f"WHERE quotes_fts MATCH ?{where} ORDER BY rank{page}",
                (query, *params, *((limit, offset) if limit is not None else ())), query)


def quote_count(db: sqlite3.Connection, query: str, filters: SearchFilters) -> int | None:
    """How many quotes match; None when the query names a field quotes lack (`headline:`)."""
    where, params = filters.sql()
    try:
        return _run(db, f"SELECT count(*) FROM quotes_fts JOIN quotes q ON q.pk = quotes_fts.rowid "
                        f"JOIN articles a ON a.pk = q.article_pk WHERE quotes_fts MATCH ?{where}",
                    (query, *params), query).fetchone()[0]
    except SearchSyntaxError:
        return None


def facets(db: sqlite3.Connection, query: str, filters: SearchFilters) -> dict:
    """Counts over every matching article: total, by outlet, story, month and day; and the
    entities the best `ENTITY_FACET_MATCHES` of them mention."""
    where, params = filters.sql()
    rows = _run(db, f"SELECT a.pk, a.story_id, o.name AS outlet, substr(a.published, 1, 10) AS day "
                    f"FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
                    f"LEFT JOIN sources o ON o.id = a.source_id "
                    f"WHERE articles_fts MATCH ?{where}", (query, *params), query).fetchall()
    outlets = Counter(row["outlet"] for row in rows if row["outlet"])
    stories = Counter(row["story_id"] for row in rows if row["story_id"] is not None)
    days = Counter(row["day"] for row in rows if row["day"])
    months = Counter(day[:7] for day in days.elements())
    titles = {}
    for story_id, _ in stories.most_common(FACET_SIZE):
        titles[story_id] = story_title(db, story_id)  # as the story's own page titles it
    marks = ",".join("?" * len(ENTITY_FACET_TYPES))
    entities = _run(db, f"WITH best AS (SELECT a.pk FROM articles_fts "
                        f"JOIN articles a ON a.pk = articles_fts.rowid "
                        f"WHERE articles_fts MATCH ?{where} ORDER BY rank LIMIT ?) "
                        f"SELECT e.key, max(e.name) AS name, count(DISTINCT e.article_pk) AS n "
                        f"FROM best JOIN entities e ON e.article_pk = best.pk "
                        f"WHERE e.type IN ({marks}) AND e.key != '' "
                        f"AND (e.kind IS NULL OR e.kind != 'news_outlet') GROUP BY e.key "
                        f"ORDER BY n DESC, e.key LIMIT ?",
                    (query, *params, ENTITY_FACET_MATCHES, *ENTITY_FACET_TYPES, FACET_SIZE),
                    query).fetchall()
    return {"total": len(rows),
            "outlets": outlets.most_common(FACET_SIZE),
            "stories": [(story_id, titles[story_id], count)
                        for story_id, count in stories.most_common(FACET_SIZE)],
            "months": sorted(months.items()),
            "days": sorted(days.items()),
            "entities": [(row["key"], row["name"], row["n"]) for row in entities],
            "entities_over": min(len(rows), ENTITY_FACET_MATCHES)}


def every_result(db: sqlite3.Connection, query: str,
                 filters: SearchFilters) -> Iterator[dict]:
    """Every matching article, then every matching quote, as flat rows (for the exports)."""
    for row in article_hits(db, query, filters, None):
        yield {"kind": "article", "article_pk": row["pk"], "article": row["id"],
               "url": row["url"], "story_id": row["story_id"], "outlet": row["outlet"],
               "published": row["published"], "headline": plain(row["headline"]),
               "speaker": None, "text": plain(row["snippet"])}
    if quote_count(db, query, filters) is None:
        return
    for row in quote_hits(db, query, filters, None):
        yield {"kind": "quote", "article_pk": row["article_pk"], "article": row["article"],
               "url": None, "story_id": row["story_id"], "outlet": row["outlet"],
               "published": row["published"], "headline": None,
               "speaker": row["speaker_text"], "text": plain(row["text"]),
               "quote": row["local_id"], "start": row["start"]}
