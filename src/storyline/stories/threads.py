"""Threads: the long-running story above its incidents (a war, an oil spill, a trial).

Clustering keeps each incident its own story; a thread links stories that share their core
entities and distinctive words and continue one another in time. A story's *profile* is the mean
of its articles' signatures (`clustering.signature`: entity keys weighted by type, mentions and
rarity; the strongest TF-IDF words), so an entity counts by how many of the story's articles
name it. Entity weights are then scaled by how rare the key is among stories, so a country that
half the store names links little. Two stories link when the weighted cosine of their profiles,
discounted by the gap between their date spans, reaches the threshold and they share more than
places (one country in common is not a thread). Blocking: an inverted index from each story's
core entity keys to the stories holding them, keys held by too many stories left out, so no story
meets every other. Each story keeps its few best links; a thread is a connected component of two
or more stories. Threads are recomputed and keep their ids where their stories
stay (greatest overlap), so `storyline thread ID` means the same thread from one batch to the
next. Relinking reads every story, so after a batch it runs only when the store has grown by a
tenth since the last time (`update_when_due`; linear in all), and `storyline threads --relink`
runs it at once. Between relinks a thread keeps what it holds: articles that join its stories
count at once (its span and counts are read from its stories, `store.queries.THREAD_FIGURES`),
and a story that a merge or a split makes from one of its stories stays in it (a trigger,
migration 0010); only a new incident waits for the next relink.
"""
from __future__ import annotations

import json
import math
import sqlite3
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from ..errors import StorylineError
from ..store import Store, queries
from ..vocab.stories import NOT_PEOPLE_KINDS
from .clustering import SKIPPED_KINDS, TYPE_WEIGHTS

# Entity types that only say where: sharing these alone never makes a thread.
PLACE_TYPES = frozenset({"PLACE"})


@dataclass(frozen=True)
class Threading:
    """How stories are linked into threads."""

    threshold: float = 0.15         # similarity a link needs (tuned on all Timeline17 topics)
    entity_share: float = 0.6       # weight of core entities against words
    core_entities: int = 10         # a story's strongest entity keys kept in its profile
    core_terms: int = 100           # and its strongest words
    places_only: float = 0.3        # share of the entity score left when only places are shared
    terms_floor: float = 0.03       # word similarity a link needs at least
    rarity: float = 0.5             # how much a key's rarity among stories counts (exponent)
    probes: int = 10                # core keys looked up in the blocking index
    postings: int = 100             # earlier stories compared per key (the nearest in order)
    links: int = 3                  # links each story keeps (its best ones)
    days_close: float = 30.0        # spans this far apart lose nothing
    days_halving: float = 60.0      # and then similarity halves every this many days more
    # Relinking reads every story, so doing it after every batch or web add would cost the
    # square of the store over its life; it waits until the store has grown by this share.
    relink_growth: float = 0.1


@dataclass
class Profile:
    story_id: int
    articles: int
    first: date | None
    last: date | None
    entities: dict[str, float]
    terms: dict[str, float]
    types: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    first: int
    second: int
    similarity: float


class ThreadNotFound(StorylineError):
    exit_code = 3


# -- profiles -----------------------------------------------------------------------------------

def profiles(db: sqlite3.Connection, options: Threading = Threading()) -> list[Profile]:
    """Every story's profile: its core entities and its strongest words.

    An entity key weighs its type times its salience in each article (1 + log of its mentions),
    summed over the story's articles and divided by their number: a key that every article names
    often counts most. Words are the story's articles' TF-IDF signatures, averaged.
    """
    salience: dict[int, Counter] = defaultdict(Counter)
    votes: dict[str, Counter] = defaultdict(Counter)
    for story_id, key, kind, mentions in db.execute(
            "SELECT a.story_id, e.key, e.type, (SELECT count(*) FROM mentions m "
            "WHERE m.entity_pk = e.pk) FROM entities e JOIN articles a ON a.pk = e.article_pk "
            f"WHERE a.story_id IS NOT NULL AND e.key != '' AND coalesce(e.kind, '') NOT IN "
            f"({','.join('?' * len(SKIPPED_KINDS))})", sorted(SKIPPED_KINDS)):
        salience[story_id][key] += TYPE_WEIGHTS.get(kind, 0.5) * (1 + math.log(max(1, mentions)))
        votes[key][kind] += 1
    terms: dict[int, Counter] = defaultdict(Counter)
    for story_id, signature in db.execute(
            "SELECT a.story_id, s.terms FROM signatures s JOIN articles a "
            "ON a.pk = s.article_pk WHERE a.story_id IS NOT NULL"):
        terms[story_id].update(json.loads(signature))
    found = []
    for story_id, count, first, last in db.execute(
            "SELECT id, article_count, first_date, last_date FROM stories ORDER BY id"):
        if not count or not (salience[story_id] or terms[story_id]):
            continue
        entities = {key: weight / count for key, weight in
                    salience[story_id].most_common(options.core_entities)}
        found.append(Profile(
            story_id, count, day_of(first), day_of(last), entities,
            {key: weight / count for key, weight in
             terms[story_id].most_common(options.core_terms)},
            {key: votes[key].most_common(1)[0][0] for key in entities}))
    return found


# -- linking ------------------------------------------------------------------------------------

def link(stories: list[Profile], options: Threading = Threading()) -> list[Link]:
    """Each story's best links to the stories sharing its core entity keys (blocked)."""
    holders: dict[str, list[int]] = defaultdict(list)
    for index, story in enumerate(stories):
        for key in story.entities:
            holders[key].append(index)
    total = len(stories)
    rarity = {key: (math.log((1 + total) / (1 + len(held))) + 1.0) ** options.rarity
              for key, held in holders.items()}
    vectors = [(_unit({k: w * rarity[k] for k, w in s.entities.items()}), _unit(s.terms))
               for s in stories]
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for index, story in enumerate(stories):
        probes = sorted(story.entities, key=lambda k: -vectors[index][0][k])[:options.probes]
        candidates = set()
        for key in probes:  # the stories nearest in order (ids grow with time) hold most
            held = holders[key]
            at = bisect_left(held, index)
            candidates.update(held[max(0, at - options.postings):at])
        for other in candidates:
            score = _similarity(story, stories[other], vectors[index], vectors[other], options)
            if score >= options.threshold:
                best[index].append((score, other))
                best[other].append((score, index))
    links = {}
    for index, scored in best.items():
        for score, other in sorted(scored, reverse=True)[:options.links]:
            links[(min(index, other), max(index, other))] = score
    return [Link(stories[a].story_id, stories[b].story_id, score)
            for (a, b), score in sorted(links.items())]


def _similarity(first: Profile, second: Profile, first_vectors, second_vectors,
                options: Threading) -> float:
    shared = first_vectors[0].keys() & second_vectors[0].keys()
    entities = sum(first_vectors[0][k] * second_vectors[0][k] for k in shared)
    if not any(first.types.get(key) not in PLACE_TYPES for key in shared):
        entities *= options.places_only  # a country in common says little on its own
    terms = sum(w * second_vectors[1].get(k, 0.0) for k, w in first_vectors[1].items())
    if terms < options.terms_floor:
        return 0.0  # a thread shares its distinctive words, not only its names
    score = options.entity_share * entities + (1 - options.entity_share) * terms
    return score * continuity(first, second, options)


def continuity(first: Profile, second: Profile, options: Threading = Threading()) -> float:
    """1 when the spans overlap or follow within `days_close`; halving with each
    `days_halving` days more. Undated stories neither gain nor lose."""
    if None in (first.first, first.last, second.first, second.last):
        return 1.0
    gap = max((second.first - first.last).days, (first.first - second.last).days, 0)
    return 1.0 if gap <= options.days_close else 0.5 ** ((gap - options.days_close)
                                                          / options.days_halving)


def components(story_ids: list[int], links: list[Link]) -> list[list[int]]:
    """Connected components of two or more stories, largest first."""
    parent = {story_id: story_id for story_id in story_ids}

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for item in links:
        first, second = root(item.first), root(item.second)
        if first != second:
            parent[max(first, second)] = min(first, second)
    groups: dict[int, list[int]] = defaultdict(list)
    for story_id in story_ids:
        groups[root(story_id)].append(story_id)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))


def day_of(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {key: w / norm for key, w in vector.items()} if norm else {}


# -- the store ----------------------------------------------------------------------------------

def update_when_due(store: Store, options: Threading = Threading()) -> int | None:
    """Relink (`update`) when the store holds `relink_growth` more articles than at the last
    relink, or was never linked: the thread count, or ``None`` when not yet due. Each relink
    reads the whole store, and the store grows geometrically between them, so the relinks of a
    store's life cost a few times one relink of its final size."""
    db = store.connection
    articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    row = db.execute("SELECT value FROM counters WHERE name = 'threads_linked_at'").fetchone()
    if row is not None and articles < row[0] * (1 + options.relink_growth):
        return None
    return update(store, options)


def update(store: Store, options: Threading = Threading()) -> int:
    """Relink every story into threads and store them (one transaction); the thread count.

    A thread keeps the id of the stored thread it shares most stories with.
    """
    db = store.connection
    stories = profiles(db, options)
    links = link(stories, options)
    found = components([s.story_id for s in stories], links)
    best_link: dict[int, float] = defaultdict(float)
    for item in links:
        best_link[item.first] = max(best_link[item.first], item.similarity)
        best_link[item.second] = max(best_link[item.second], item.similarity)
    with store.transaction():
        before = dict(db.execute("SELECT story_id, thread_id FROM thread_stories").fetchall())
        taken: set[int] = set()
        placed = []
        for group in found:
            votes = Counter(before[s] for s in group if s in before and before[s] not in taken)
            thread_id = votes.most_common(1)[0][0] if votes else None
            if thread_id is not None:
                taken.add(thread_id)
            placed.append((thread_id, group))
        db.execute("DELETE FROM thread_stories")
        db.execute(f"DELETE FROM threads WHERE id NOT IN ({','.join('?' * len(taken))})",
                   sorted(taken))
        for thread_id, group in placed:
            if thread_id is None:
                thread_id = db.execute("INSERT INTO threads (title) VALUES ('')").lastrowid
            db.executemany("INSERT INTO thread_stories (story_id, thread_id, similarity) "
                           "VALUES (?,?,?)", [(s, thread_id, best_link[s]) for s in group])
            _refresh(db, thread_id)
        db.execute("INSERT INTO counters (name, value) VALUES ('threads_linked_at', "
                   "(SELECT count(*) FROM articles)) ON CONFLICT(name) DO UPDATE SET "
                   "value = excluded.value")
    return len(found)


def _refresh(db: sqlite3.Connection, thread_id: int) -> None:
    """A thread's title (the first headline of its largest story), and its counts and span as
    of this relink (pages read them live from its stories: `queries.THREAD_FIGURES`)."""
    stories, articles, first, last = db.execute(
        "SELECT count(*), sum(s.article_count), min(s.first_date), max(s.last_date) FROM "
        "thread_stories t JOIN stories s ON s.id = t.story_id WHERE t.thread_id = ?",
        (thread_id,)).fetchone()
    title = db.execute(
        "SELECT a.headline FROM thread_stories t JOIN stories s ON s.id = t.story_id "
        "JOIN articles a ON a.story_id = s.id WHERE t.thread_id = ? AND a.headline IS NOT NULL "
        "AND a.headline != '' ORDER BY s.article_count DESC, s.id, a.published IS NULL, "
        "a.published, a.pk LIMIT 1", (thread_id,)).fetchone()
    db.execute("UPDATE threads SET title = ?, story_count = ?, article_count = ?, first_date = ?, "
               "last_date = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
               (title[0] if title else "(untitled thread)", stories, articles or 0, first, last,
                thread_id))


def listing(store: Store) -> list[dict]:
    """Stored threads, most recent first: title, span, story and article counts, core people."""
    db = store.connection
    return [{**{key: row[key] for key in ("id", "title", "first_date", "last_date",
                                          "story_count", "article_count")},
             "people": core_people(db, row["id"]), "stories": thread_story_ids(db, row["id"])}
            for row in queries.threads(db)]


def thread_story_ids(db: sqlite3.Connection, thread_id: int) -> list[int]:
    return [row[0] for row in db.execute(
        "SELECT t.story_id FROM thread_stories t JOIN stories s ON s.id = t.story_id "
        "WHERE t.thread_id = ? ORDER BY s.first_date IS NULL, s.first_date, s.id", (thread_id,))]


def core_people(db: sqlite3.Connection, thread_id: int, count: int = 3) -> list[str]:
    """The people most of a thread's articles name (a bare surname counts for its full name)."""
    rows = db.execute(
        "SELECT e.key, e.name, e.article_pk FROM entities e JOIN articles a ON a.pk = "
        "e.article_pk JOIN thread_stories t ON t.story_id = a.story_id WHERE t.thread_id = ? "
        f"AND e.type = 'PERSON' AND coalesce(e.kind, '') NOT IN "
        f"({','.join('?' * len(NOT_PEOPLE_KINDS))})", (thread_id, *NOT_PEOPLE_KINDS)).fetchall()
    articles: dict[str, set[int]] = defaultdict(set)
    names: dict[str, Counter] = defaultdict(Counter)
    for key, name, article_pk in rows:
        articles[key].add(article_pk)
        names[key][name] += 1
    for key in [k for k in articles if " " not in k]:
        fuller = [other for other in articles if other.endswith(f" {key}")]
        if len(fuller) == 1:
            articles[fuller[0]] |= articles.pop(key)
    ranked = sorted(articles, key=lambda key: (-len(articles[key]), key))[:count]
    return [names[key].most_common(1)[0][0] for key in ranked]


def thread_articles(store: Store, thread_id: int):
    """A thread's title and its articles, oldest first; `ThreadNotFound` for a bad id."""
    row = store.connection.execute("SELECT title FROM threads WHERE id = ?",
                                   (thread_id,)).fetchone() if 0 < thread_id < 2**63 else None
    if row is None:
        raise ThreadNotFound(f"no thread {thread_id} in {store.path}; see `storyline threads`")
    articles = [article for story_id in thread_story_ids(store.connection, thread_id)
                for article in store.story_articles(story_id)]
    articles.sort(key=lambda a: (a.published is None, a.published.value if a.published else ""))
    return row[0], articles
