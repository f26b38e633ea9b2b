"""Reading stories for listings: each story's title, dates, article count, main people, outlets."""
from __future__ import annotations

import sqlite3
from collections import Counter

from ..store import Store
from .titles import story_title
from ..store.entity_queries import voted_types
from ..vocab.stories import NOT_PEOPLE_KINDS


def summaries(store: Store, limit: int | None = None, search: str | None = None) -> list[dict]:
    """Stories, most recent first: title, date span, article count, main people, article ids;
    with `search`, only those with an article matching it (full text)."""
    db = store.connection
    wanted = sorted({row["story_id"] for row in store.search_articles(search, 1000)
                     if row["story_id"] is not None}) if search else None
    rows = db.execute(
        "SELECT id, first_date, last_date, article_count FROM stories "
        + (f"WHERE id IN ({','.join('?' * len(wanted))}) " if wanted is not None else "")
        + "ORDER BY last_date IS NULL, last_date DESC, article_count DESC, id"
        + (" LIMIT ?" if limit else ""),
        (*(wanted or ()), *((limit,) if limit else ()))).fetchall()
    found = []
    for row in rows:
        articles = db.execute(
            "SELECT a.id, a.headline, a.text, s.name FROM articles a LEFT JOIN sources s "
            "ON s.id = a.source_id WHERE a.story_id = ? ORDER BY a.published IS NULL, "
            "a.published, a.pk", (row["id"],)).fetchall()
        title = story_title(db, row["id"])
        found.append({"id": row["id"], "title": title, "first_date": row["first_date"],
                      "last_date": row["last_date"], "article_count": row["article_count"],
                      "people": main_people(db, row["id"]),
                      "outlets": sorted({a["name"] for a in articles if a["name"]}),
                      "articles": [a["id"] for a in articles]})
    return found


def main_people(db: sqlite3.Connection, story_id: int, count: int = 3) -> list[str]:
    """The people most of a story's articles mention: names the store-wide vote over all their
    records (weighted by mentions) calls PERSON, whatever one article typed them; a bare
    surname counts for the one full name of a person in the story that ends with it."""
    rows = db.execute(
        "SELECT e.key, e.name, e.article_pk FROM entities e JOIN articles a ON a.pk = e.article_pk "
        f"WHERE a.story_id = ? AND e.key != '' AND coalesce(e.kind, '') NOT IN "
        f"({','.join('?' * len(NOT_PEOPLE_KINDS))})", (story_id, *NOT_PEOPLE_KINDS)).fetchall()
    types = voted_types(db, {row[0] for row in rows})
    articles: dict[str, set[int]] = {}
    names: dict[str, Counter[str]] = {}
    for key, name, article_pk in rows:
        if types.get(key) == "PERSON":
            articles.setdefault(key, set()).add(article_pk)
            names.setdefault(key, Counter())[name] += 1
    by_surname: dict[str, list[str]] = {}  # one pass, not a scan of every name per name
    for key in articles:
        if " " in key:
            by_surname.setdefault(key.rsplit(" ", 1)[1], []).append(key)
    for key in [k for k in articles if " " not in k]:
        fuller = by_surname.get(key, [])
        if len(fuller) == 1:
            articles[fuller[0]] |= articles.pop(key)
    ranked = sorted(articles, key=lambda key: (-len(articles[key]), key))[:count]
    return [names[key].most_common(1)[0][0] for key in ranked]
