"""Reading stories for listings: each story's title, dates, article count, main people, outlets."""
from __future__ import annotations

import sqlite3
from collections import Counter

from ..store import Store


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
        titled = next((a for a in articles if a["headline"]), None)
        title = titled["headline"] if titled else " ".join(articles[0]["text"][:90].split()) + "…"
        found.append({"id": row["id"], "title": title, "first_date": row["first_date"],
                      "last_date": row["last_date"], "article_count": row["article_count"],
                      "people": main_people(db, row["id"]),
                      "outlets": sorted({a["name"] for a in articles if a["name"]}),
                      "articles": [a["id"] for a in articles]})
    return found


def main_people(db: sqlite3.Connection, story_id: int, count: int = 3) -> list[str]:
    """The people most of a story's articles mention (a bare surname counts for its full name)."""
    rows = db.execute(
        "SELECT e.key, e.name, e.article_pk FROM entities e JOIN articles a ON a.pk = e.article_pk "
        "WHERE a.story_id = ? AND e.type = 'PERSON'", (story_id,)).fetchall()
    articles: dict[str, set[int]] = {}
    names: dict[str, Counter[str]] = {}
    for key, name, article_pk in rows:
        articles.setdefault(key, set()).add(article_pk)
        names.setdefault(key, Counter())[name] += 1
    for key in [k for k in articles if " " not in k]:
        fuller = [other for other in articles if other.endswith(f" {key}")]
        if len(fuller) == 1:
            articles[fuller[0]] |= articles.pop(key)
    ranked = sorted(articles, key=lambda key: (-len(articles[key]), key))[:count]
    return [names[key].most_common(1)[0][0] for key in ranked]
