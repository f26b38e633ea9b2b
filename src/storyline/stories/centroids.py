"""Each story's summed signature, kept up to date, so whole-story similarities cost one product.

The similarity of two articles is a weighted sum of dot products, so it is linear in either
side: an article's mean similarity to a story's members is its similarity to the sum of their
signatures, divided by their number, and the mean similarity between two stories (average
linkage) or inside one (its cohesion) comes from the sums the same way. The clusterer uses these
to stop one strong link from chaining two incidents of the same kind into one story. A sum keeps
its heaviest keys only (`TERMS_KEPT`, `ENTITIES_KEPT`), so it stays small for stories of
thousands of articles; the means are then slight underestimates, alike for every story.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

TERMS_KEPT = 600
ENTITIES_KEPT = 200


@dataclass
class StoryVector:
    """The sum of a story's article signatures: word part, entity part, and how many."""

    terms: dict[str, float]
    entities: dict[str, float]
    members: int

    def add(self, terms: dict[str, float], entities: dict[str, float], members: int = 1) -> None:
        for total, part in ((self.terms, terms), (self.entities, entities)):
            for key, weight in part.items():
                total[key] = total.get(key, 0.0) + weight
        self.members += members
        self.terms = _heaviest(self.terms, TERMS_KEPT)
        self.entities = _heaviest(self.entities, ENTITIES_KEPT)


def mean_similarity(terms: dict[str, float], entities: dict[str, float], story: StoryVector,
                    entity_share: float) -> float:
    """An article's mean similarity to the story's members (the clusterer's mix of parts)."""
    words = _dot(terms, story.terms)
    if not entities or not story.entities:
        return words / story.members
    return ((1 - entity_share) * words + entity_share * _dot(entities, story.entities)) \
        / story.members


def cohesion(story: StoryVector, entity_share: float) -> float | None:
    """The mean similarity between two different members (``None`` for a one-article story)."""
    n = story.members
    if n < 2:
        return None
    square = (1 - entity_share) * _dot(story.terms, story.terms) \
        + entity_share * _dot(story.entities, story.entities)
    return max(0.0, (square - n) / (n * (n - 1)))  # minus each member's similarity to itself


def linkage(first: StoryVector, second: StoryVector, entity_share: float) -> float:
    """Average linkage: the mean similarity between a member of one and a member of the other."""
    words = _dot(first.terms, second.terms)
    entities = _dot(first.entities, second.entities)
    return ((1 - entity_share) * words + entity_share * entities) \
        / (first.members * second.members)


def load(db: sqlite3.Connection, story_id: int) -> StoryVector:
    """The story's sum, rebuilt from its members when it is missing (a store from before).
    Wire copies (`copies.py`) are left out: a reprint is one report, not a second member."""
    row = db.execute("SELECT terms, entities, members FROM story_vectors WHERE story_id = ?",
                     (story_id,)).fetchone()
    if row is not None:
        return StoryVector(json.loads(row[0]), json.loads(row[1]), row[2])
    return rebuild(db, story_id)


def rebuild(db: sqlite3.Connection, story_id: int) -> StoryVector:
    vector = StoryVector({}, {}, 0)
    for terms, entities in db.execute(
            "SELECT s.terms, s.entities FROM signatures s JOIN articles a ON a.pk = s.article_pk "
            "WHERE a.story_id = ? AND a.pk NOT IN (SELECT article_pk FROM copies)", (story_id,)):
        vector.add(json.loads(terms), json.loads(entities))
    if vector.members:
        save(db, story_id, vector)
    else:
        forget(db, [story_id])
    return vector


def save(db: sqlite3.Connection, story_id: int, vector: StoryVector) -> None:
    db.execute("INSERT INTO story_vectors (story_id, terms, entities, members) VALUES (?,?,?,?) "
               "ON CONFLICT(story_id) DO UPDATE SET terms = excluded.terms, "
               "entities = excluded.entities, members = excluded.members",
               (story_id, json.dumps(vector.terms), json.dumps(vector.entities), vector.members))


def forget(db: sqlite3.Connection, story_ids: list[int]) -> None:
    db.executemany("DELETE FROM story_vectors WHERE story_id = ?", [(sid,) for sid in story_ids])


def _heaviest(vector: dict[str, float], count: int) -> dict[str, float]:
    if len(vector) <= count * 1.5:  # trim in batches: sorting on every add would be quadratic
        return vector
    return dict(sorted(vector.items(), key=lambda item: -item[1])[:count])


def _dot(first: dict[str, float], second: dict[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(weight * second[key] for key, weight in first.items() if key in second)
