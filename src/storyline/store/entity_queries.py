"""The entity queries behind the dossier pages: which records one entity covers, and its names,
types, quotes, events, co-mentioned entities and every mention in context.

Apart from `queries.py` (stories and articles) because they share their own rules: a name's type
is a store-wide vote over its records (`voted_types`), and a bare surname counts with a full
name only in the stories where it stands for that person (`EntitySelection`). Each reads
through a read-only connection in a few indexed queries.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass

# Entity types a dossier is about (people and organizations); other types still have pages.
DOSSIER_TYPES = ("PERSON", "ORG", "GROUP")
# SQLite's default limit on bound parameters is far above this; chunks keep queries modest.
CHUNK = 500
# The co-mentioned entities are counted over an entity's latest articles, at most this many.
CO_MENTION_ARTICLES = 400
# Characters of the article shown on each side of a mention in context.
CONTEXT_CHARS = 90


@dataclass(frozen=True)
class EntitySelection:
    """The records one dossier covers: every record of its names (`keys`), and a bare
    surname's records only in the stories where that surname stands for the full name."""

    keys: tuple[str, ...]
    surname: str | None = None
    surname_stories: tuple[int, ...] = ()

    def all_keys(self) -> tuple[str, ...]:
        return self.keys + ((self.surname,) if self.surname else ())

    def where(self, alias: str = "e") -> tuple[str, tuple]:
        """A SQL condition on the entity row `alias` and its parameters."""
        clause = f"{alias}.key IN ({','.join('?' * len(self.keys))})"
        if not (self.surname and self.surname_stories):
            return clause, self.keys
        stories = ",".join("?" * len(self.surname_stories))
        return (f"({clause} OR ({alias}.key = ? AND {alias}.article_pk IN "
                f"(SELECT pk FROM articles WHERE story_id IN ({stories}))))",
                (*self.keys, self.surname, *self.surname_stories))


# What the entity queries take: a dossier's selection, or plain keys (all their records).
Selection = EntitySelection | tuple[str, ...]


def _selection(keys: Selection) -> EntitySelection:
    return keys if isinstance(keys, EntitySelection) else EntitySelection(tuple(keys))


def voted_types(db: sqlite3.Connection, keys) -> dict[str, str]:
    """Each name's type by the store-wide vote over all its records, a record weighing as many
    mentions as it has (at least one), so that one article's slip does not make a city a
    person. A tie goes against PERSON: a person must win the vote. The sums are kept as records
    arrive (`entity_type_votes`), so a vote costs the same however common the name."""
    wanted = sorted(set(keys) - {""})
    votes: dict[str, dict[str, tuple[int, int]]] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        for key, kind, weight, records in db.execute(
                f"SELECT key, type, weight, records FROM entity_type_votes "
                f"WHERE key IN ({','.join('?' * len(chunk))})", chunk):
            votes.setdefault(key, {})[kind] = (weight, records)
    return {key: max(types, key=lambda kind: (types[kind][0], kind != "PERSON", types[kind][1],
                                              kind))
            for key, types in votes.items()}


def surname_owners(db: sqlite3.Connection, surname: str, story_ids) -> dict[int, str]:
    """In each of these stories, the one full name of a person (by the vote) that ends with this
    bare surname; stories with none or several are left out. Reads only those stories."""
    found: dict[int, set[str]] = {}
    ids = sorted(set(story_ids) - {None})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for story_id, key in db.execute(
                f"SELECT DISTINCT a.story_id, e.key FROM articles a JOIN entities e "
                f"ON e.article_pk = a.pk WHERE a.story_id IN ({','.join('?' * len(chunk))}) "
                f"AND substr(e.key, -?) = ?", (*chunk, len(surname) + 1, f" {surname}")):
            found.setdefault(story_id, set()).add(key)
    types = voted_types(db, {key for keys in found.values() for key in keys})
    owners = {}
    for story_id, keys in found.items():
        people = [key for key in keys if types.get(key) == "PERSON"]
        if len(people) == 1:
            owners[story_id] = people[0]
    return owners


def _stories_of_key(db: sqlite3.Connection, key: str) -> set[int]:
    return {row[0] for row in db.execute(
        "SELECT DISTINCT a.story_id FROM entities e JOIN articles a ON a.pk = e.article_pk "
        "WHERE e.key = ? AND a.story_id IS NOT NULL", (key,))}


def fuller_name(db: sqlite3.Connection, key: str) -> str | None:
    """The one full name a bare surname stands for ("lindqvist" -> "peter lindqvist"): when the
    surname is only an alias, the one person whose records carry it; when it has records of its
    own, the one person it stands for in every story it appears in. None when it is not a
    single word, not a person by the vote, or stands for several or for no one somewhere."""
    if not key or " " in key:
        return None
    own = voted_types(db, [key]).get(key)
    if own is None:
        carriers = {row[0] for row in db.execute(
            "SELECT DISTINCT e.key FROM entity_names n JOIN entities e ON e.pk = n.entity_pk "
            "WHERE n.name_key = ? AND e.key != ?", (key, key)) if row[0].endswith(f" {key}")}
        people = [k for k, kind in voted_types(db, carriers).items() if kind == "PERSON"]
        return people[0] if len(people) == 1 else None
    if own != "PERSON":
        return None
    stories = _stories_of_key(db, key)
    owners = surname_owners(db, key, stories)
    fuller = set(owners.values())
    return fuller.pop() if stories and len(owners) == len(stories) and len(fuller) == 1 else None


def entity_keys(db: sqlite3.Connection, key: str) -> EntitySelection:
    """The records one dossier covers: the name's own, and its bare surname's in the stories
    where this person is the only full name ending with it (never across unrelated stories)."""
    if " " not in key:
        return EntitySelection((key,))
    surname = key.rsplit(" ", 1)[1]
    if voted_types(db, [key, surname]) != {key: "PERSON", surname: "PERSON"}:
        return EntitySelection((key,))
    shared = _stories_of_key(db, key) & _stories_of_key(db, surname)
    owned = tuple(sorted(story for story, owner in surname_owners(db, surname, shared).items()
                         if owner == key))
    return EntitySelection((key,), surname, owned) if owned else EntitySelection((key,))


def entity_rows(db: sqlite3.Connection, keys: Selection) -> list[sqlite3.Row]:
    """Each article's entity under these keys, with its article, oldest first."""
    where, params = _selection(keys).where()
    return db.execute(
        f"SELECT e.pk, e.local_id, e.name, e.key, e.type, e.kind, e.descriptors, e.aliases, "
        f"a.pk AS article_pk, a.id AS article, a.published, a.story_id, o.name AS outlet, "
        f"(SELECT count(*) FROM mentions m WHERE m.entity_pk = e.pk) AS mentions "
        f"FROM entities e JOIN articles a ON a.pk = e.article_pk "
        f"LEFT JOIN sources o ON o.id = a.source_id WHERE {where} "
        f"ORDER BY a.published IS NULL, a.published, a.pk", params).fetchall()


def entity_quotes(db: sqlite3.Connection, keys: Selection, limit: int = -1,
                  offset: int = 0) -> list[sqlite3.Row]:
    """The quotes these entities speak (as the speaker or one of the speakers), oldest first;
    each row's `total` counts them all."""
    where, params = _selection(keys).where()
    return db.execute(
        f"SELECT q.text, q.kind, q.cue, q.start, q.local_id, a.pk AS article_pk, "
        f"a.id AS article, a.published, o.name AS outlet, count(*) OVER () AS total "
        f"{_spoken(where)} "
        f"ORDER BY a.published IS NULL, a.published, a.pk, q.start LIMIT ? OFFSET ?",
        (*params, limit, offset)).fetchall()


def entity_quote_count(db: sqlite3.Connection, keys: Selection) -> int:
    where, params = _selection(keys).where()
    return db.execute(f"SELECT count(*) {_spoken(where)}", params).fetchone()[0]


def entity_events(db: sqlite3.Connection, keys: Selection, limit: int = -1,
                  offset: int = 0) -> list[sqlite3.Row]:
    """The events these entities take part in, with their role, dated ones first by date;
    each row's `total` counts them all."""
    where, params = _selection(keys).where()
    return db.execute(
        f"SELECT ev.summary, ev.time_value, ev.modality, ev.start, p.role, "
        f"a.pk AS article_pk, a.id AS article, a.published, o.name AS outlet, "
        f"count(*) OVER () AS total {_taking_part(where)} "
        f"ORDER BY ev.time_value IS NULL, "
        f"substr(ev.time_value, 1, 1) NOT BETWEEN '0' AND '9', ev.time_value, a.published, "
        f"ev.start LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()


def entity_event_count(db: sqlite3.Connection, keys: Selection) -> int:
    where, params = _selection(keys).where()
    return db.execute(f"SELECT count(*) {_taking_part(where)}", params).fetchone()[0]


def _spoken(where: str) -> str:
    """FROM and WHERE of the quotes that the entities chosen by `where` speak."""
    return (f"FROM entities e JOIN quotes q ON q.article_pk = e.article_pk "
            f"JOIN articles a ON a.pk = e.article_pk LEFT JOIN sources o ON o.id = a.source_id "
            f"WHERE {where} AND (q.speaker = e.local_id OR "
            f"q.speakers LIKE '%\"' || e.local_id || '\"%')")  # a JSON list of ids


def _taking_part(where: str) -> str:
    """FROM and WHERE of the events that the entities chosen by `where` take part in."""
    return (f"FROM entities e JOIN events ev ON ev.article_pk = e.article_pk "
            f"JOIN participants p ON p.event_pk = ev.pk AND p.entity = e.local_id "
            f"JOIN articles a ON a.pk = e.article_pk LEFT JOIN sources o ON o.id = a.source_id "
            f"WHERE {where}")


def co_mentioned(db: sqlite3.Connection, keys: Selection, limit: int = 12,
                 articles: int = CO_MENTION_ARTICLES) -> list[dict]:
    """The entities most often in the same articles as these (over their latest `articles`
    articles, so that a person in thousands of articles costs no more), with how many; each
    with its type by the store-wide vote."""
    chosen = _selection(keys)
    where, params = chosen.where()
    own = chosen.all_keys()
    marks = ",".join("?" * len(own))
    rows = db.execute(
        f"WITH mine AS (SELECT DISTINCT e.article_pk FROM entities e WHERE {where} "
        f"ORDER BY e.article_pk DESC LIMIT ?) "
        f"SELECT other.key, max(other.name) AS name, "
        f"count(DISTINCT other.article_pk) AS articles FROM mine "
        f"JOIN entities other ON other.article_pk = mine.article_pk "
        f"WHERE other.key NOT IN ({marks}) AND other.key != '' "
        f"AND (other.kind IS NULL OR other.kind != 'news_outlet') "
        f"GROUP BY other.key ORDER BY articles DESC, other.key LIMIT ?",
        (*params, articles, *own, limit)).fetchall()
    types = voted_types(db, [row["key"] for row in rows])
    return [{"key": row["key"], "name": row["name"], "type": types.get(row["key"]),
             "articles": row["articles"]} for row in rows]


def mention_count(db: sqlite3.Connection, keys: Selection) -> int:
    where, params = _selection(keys).where()
    return db.execute(f"SELECT count(*) FROM entities e JOIN mentions m ON m.entity_pk = e.pk "
                      f"WHERE {where}", params).fetchone()[0]


def mentions(db: sqlite3.Connection, keys: Selection, limit: int, offset: int,
             context: int = CONTEXT_CHARS) -> list[dict]:
    """Mentions in context, newest article first: the words before, the mention, the words
    after (each to a word boundary), and where they stand in the article."""
    where, params = _selection(keys).where()
    rows = db.execute(
        f"SELECT m.start, m.end, a.pk AS article_pk, a.id AS article, a.published, a.headline, "
        f"o.name AS outlet, max(0, m.start - ?) AS lead, "
        f"substr(a.text, max(0, m.start - ?) + 1, m.end - max(0, m.start - ?) + ?) AS window "
        f"FROM entities e JOIN mentions m ON m.entity_pk = e.pk "
        f"JOIN articles a ON a.pk = e.article_pk LEFT JOIN sources o ON o.id = a.source_id "
        f"WHERE {where} ORDER BY a.published IS NULL, a.published DESC, a.pk DESC, "
        f"m.start LIMIT ? OFFSET ?",
        (context, context, context, context, *params, limit, offset)).fetchall()
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
