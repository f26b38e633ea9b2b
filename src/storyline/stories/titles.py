"""A story's title: the headline of its most central article, when that headline is usable.

Most central is the article whose stored signature (words and entities, see `clustering`) is most
similar to the story's centroid, the sum of its articles' signatures: one pass to add them up and
one to compare, so the cost is linear in the story's size, never all pairs. A headline is usable
when a reader would take it for a headline: not empty, not a web address, not a timestamp, date or
dateline line (pages copied with their furniture, or stores filled before the cleaner knew those
lines). Without any usable headline the title is the first words of the most central article.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from ..clean.layout import usable_headline
from .clustering import Clustering, _similarity, _unit

# Characters of the most central article's text a title made of its first words keeps at most.
FIRST_WORDS_CHARS = 90
UNTITLED = "(untitled story)"


@dataclass(frozen=True)
class Member:
    """One article of a story as the title needs it."""

    pk: int
    headline: str | None
    terms: dict[str, float]
    entities: dict[str, float]


def story_title(db: sqlite3.Connection, story_id: int,
                options: Clustering = Clustering()) -> str:
    """The story's title: the most central usable headline, else the most central article's
    first words, else a placeholder for a story with no articles."""
    ranked = central_articles(db, story_id, options)
    for member in ranked:
        if usable_headline(member.headline):
            return " ".join(member.headline.split())
    if not ranked:
        return UNTITLED
    (text,) = db.execute("SELECT text FROM articles WHERE pk = ?", (ranked[0].pk,)).fetchone()
    return first_words(text or "")


def central_articles(db: sqlite3.Connection, story_id: int,
                     options: Clustering = Clustering()) -> list[Member]:
    """The story's articles, most central first (ties: earliest published, then first stored).
    An article without a stored signature counts as least central."""
    members = [Member(pk, headline, json.loads(terms or "{}"), json.loads(entities or "{}"))
               for pk, headline, terms, entities in db.execute(
                   "SELECT a.pk, a.headline, s.terms, s.entities FROM articles a "
                   "LEFT JOIN signatures s ON s.article_pk = a.pk WHERE a.story_id = ? "
                   "ORDER BY a.published IS NULL, a.published, a.pk", (story_id,))]
    centroid = (_unit(_sum(member.terms for member in members)),
                _unit(_sum(member.entities for member in members)))
    # Weighed as clustering weighs a link: words and entities, words alone when one lacks them.
    scores = {member.pk: _similarity((member.terms, member.entities), centroid, options)
              for member in members}
    return sorted(members, key=lambda member: -scores[member.pk])  # stable: keeps date order


def first_words(text: str) -> str:
    """The opening words of a text, cut at a word boundary, with an ellipsis when cut."""
    words = " ".join(text.split())
    if len(words) <= FIRST_WORDS_CHARS:
        return words or UNTITLED
    return words[:FIRST_WORDS_CHARS].rsplit(" ", 1)[0] + "…"


def _sum(vectors) -> dict[str, float]:
    total: dict[str, float] = {}
    for vector in vectors:
        for key, weight in vector.items():
            total[key] = total.get(key, 0.0) + weight
    return total
