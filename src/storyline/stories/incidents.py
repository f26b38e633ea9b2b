"""Keeping a story one incident: whole-story fit, time apart, and splitting incidents years apart.

Single links between articles chain: one undated article that reads like both of two earthquakes
joins them into one story. Three checks keep incidents of the same kind apart. An article joins
a story only when it fits the story as a whole (`within_fitting_stories`: its mean similarity to
the members, against the story's own cohesion, from `centroids.py`), and two stories it links
merge only when they fit each other. Similarities are discounted by the time between the dates
(`time_factor`: any precision, the fewest days both dates allow). And a story whose dated
members fall into groups years apart is split there (`split_years_apart`); its undated members
go with the group they resemble. A long-running story is not lost by this: threads
(`threads.py`) link its incidents again, above the stories.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from . import centroids

# Publication dates good enough to compare: inferred ones only when the inference is this sure.
SURE_INFERENCE = 0.8

if TYPE_CHECKING:
    from .clustering import Clustering


def period_of(value: str | None) -> tuple[date, date] | None:
    """The first and last day a date of day, month or year precision allows."""
    try:
        if not value or len(value) < 4 or not value[:4].isdigit():
            return None
        if len(value) >= 10:
            day = date.fromisoformat(value[:10])
            return day, day
        year = int(value[:4])
        if len(value) >= 7 and value[5:7].isdigit():
            month = int(value[5:7])
            following = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def apart(first: tuple[date, date], second: tuple[date, date]) -> int:
    """The fewest days between two periods (0 when they overlap): all the dates let us say."""
    return max(0, (second[0] - first[1]).days, (first[0] - second[1]).days)


def within_fitting_stories(db: sqlite3.Connection, scores: dict[int, float],
                            terms: dict[str, float], entities: dict[str, float],
                            when: tuple[date, date] | None,
                            options: Clustering) -> dict[int, float]:
    """Keep the links into the story the article fits as a whole (and the stories that fit
    that one); links into other stories are not made, so a story stays one incident.

    Whole-story similarities are discounted by the time between the article's date and the
    story's span, as single links are: two earthquakes years apart stay two stories even when
    undated articles would chain them."""
    if not scores:
        return scores
    marks = ",".join("?" * len(scores))
    story_of = dict(db.execute(f"SELECT pk, story_id FROM articles WHERE pk IN ({marks})",
                               list(scores)))
    # A story's span takes every member's date, unsure inferences too: an unsure date is most
    # often a year the text talks about, which still tells one era from another.
    spans = {sid: story_span(first, last) for sid, first, last in db.execute(
        f"SELECT id, first_date, last_date FROM stories WHERE id IN "
        f"({','.join('?' * len(set(story_of.values())))})", sorted(set(story_of.values())))}
    vectors, fits = {}, {}
    for story_id in set(story_of.values()):
        vectors[story_id] = vector = centroids.load(db, story_id)
        if vector.members < options.join_members:
            fits[story_id] = max(score for other, score in scores.items()
                                 if story_of[other] == story_id)
            continue
        mean = centroids.mean_similarity(terms, entities, vector, options.entity_share) \
            * time_factor(when, spans.get(story_id), options)
        cohesion = centroids.cohesion(vector, options.entity_share) or 0.0
        if mean >= options.join_floor and mean >= options.join_ratio * cohesion:
            fits[story_id] = mean
    if not fits:
        return {}
    best = max(fits, key=lambda sid: (fits[sid], -sid))
    chosen = {best} | {sid for sid in fits if sid != best and centroids.linkage(
        vectors[best], vectors[sid], options.entity_share)
        * time_factor(spans.get(best), spans.get(sid), options) >= options.merge_floor}
    return {other: score for other, score in scores.items() if story_of[other] in chosen}


def sure(basis: str | None, confidence: float | None) -> bool:
    """A publication date good enough to compare: inferred ones only when the inference is sure
    (low-confidence inferences are often a background year the text mentions)."""
    return basis != "inferred" or (confidence or 0.0) >= SURE_INFERENCE


def sure_span(db: sqlite3.Connection, story_id: int) -> tuple[date, date] | None:
    """The first and last day of a story's sure publication dates."""
    first, last = db.execute(
        "SELECT min(published), max(published) FROM articles WHERE story_id = ? AND published "
        "GLOB '[0-9][0-9][0-9][0-9]*' AND (published_basis IS NOT 'inferred' OR "
        "published_confidence >= ?)", (story_id, SURE_INFERENCE)).fetchone()
    return story_span(first, last)


def story_span(first: str | None, last: str | None) -> tuple[date, date] | None:
    """A story's span from its first and last dates (any precision; unreadable ones ignored)."""
    start, end = period_of(first), period_of(last)
    if start is None or end is None:
        return start or end
    return start[0], end[1]


def time_factor(first: tuple[date, date] | None, second: tuple[date, date] | None,
                 options: Clustering) -> float:
    """How much time apart discounts a similarity: nothing within `days_close`, then halving
    every `days_halving` days, down to `time_floor`; nothing when either date is unknown."""
    if first is None or second is None:
        return 1.0
    gap = apart(first, second)
    if gap <= options.days_close:
        return 1.0
    return max(options.time_floor, 0.5 ** ((gap - options.days_close) / options.days_halving))


def split_years_apart(db: sqlite3.Connection, story_id: int, options: "Clustering") -> int | None:
    """Split a story whose dated members fall into two groups more than `split_gap_days` apart
    (each with at least `split_dated` members); the new story's id, or ``None``.

    Undated members go with the group whose summed signature they are closer to, and the links
    across the cut are dropped, so stories stay the connected parts of the links."""
    rows = db.execute(
        "SELECT a.pk, a.published, s.terms, s.entities, a.published_basis, "
        "a.published_confidence FROM articles a JOIN signatures s ON s.article_pk = a.pk "
        "WHERE a.story_id = ? AND a.pk NOT IN (SELECT article_pk FROM copies)",
        (story_id,)).fetchall()
    dated = sorted((period, pk) for pk, published, _, _, basis, confidence in rows
                   if sure(basis, confidence) and (period := period_of(published)) is not None)
    if len(dated) < 2 * options.split_dated:
        return None
    cut, widest, latest_end = None, options.split_gap_days, dated[0][0][1]
    for index in range(1, len(dated) - options.split_dated + 1):
        gap = (dated[index][0][0] - latest_end).days
        if index >= options.split_dated and gap > widest:
            cut, widest = index, gap
        latest_end = max(latest_end, dated[index][0][1])
    if cut is None:
        return None
    later = {pk for _, pk in dated[cut:]}
    earlier = {pk for _, pk in dated[:cut]}
    signatures = {pk: (json.loads(terms), json.loads(entities))
                  for pk, _, terms, entities, *_ in rows}
    sides = []
    for members in (earlier, later):
        vector = centroids.StoryVector({}, {}, 0)
        for pk in members:
            vector.add(*signatures[pk])
        sides.append(vector)
    for pk, *_ in rows:
        if pk in earlier or pk in later:
            continue
        near = [centroids.mean_similarity(*signatures[pk], side, options.entity_share)
                for side in sides]
        (later if near[1] > near[0] else earlier).add(pk)
    return move_to_new_story(db, story_id, later)


def move_to_new_story(db: sqlite3.Connection, story_id: int, moved: set[int]) -> int:
    """Move these members of a story to a new story (their copies follow) and drop the links
    across the cut, so stories stay the connected parts of the links; the new story's id."""
    new_id = db.execute("INSERT INTO stories DEFAULT VALUES").lastrowid
    moved = sorted(moved)
    for start in range(0, len(moved), 500):
        chunk = moved[start:start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(f"UPDATE articles SET story_id = ? WHERE pk IN ({marks})", (new_id, *chunk))
        db.execute(f"DELETE FROM neighbors WHERE (article_pk IN ({marks}) AND neighbor_pk IN "
                   f"(SELECT pk FROM articles WHERE story_id = ?)) OR (neighbor_pk IN ({marks}) "
                   f"AND article_pk IN (SELECT pk FROM articles WHERE story_id = ?))",
                   (*chunk, story_id, *chunk, story_id))
    return new_id


def due_for_split_check(db: sqlite3.Connection, story_id: int, pk: int,
                        when: tuple[date, date], options: "Clustering") -> bool:
    """Whether to look for a split now that a dated article (`pk`, dated `when`) joined: when it
    lies further than a split's gap from the story's other sure dates, or when the number of
    sure dates reaches a power of two while they span more than the gap. Either way the checks
    of a growing story cost linear time in all."""
    count, first, last = db.execute(
        "SELECT count(*), min(published), max(published) FROM articles WHERE story_id = ? "
        "AND pk != ? AND published GLOB '[0-9][0-9][0-9][0-9]*' AND (published_basis IS NOT "
        "'inferred' OR published_confidence >= ?) AND pk NOT IN (SELECT article_pk FROM copies)",
        (story_id, pk, SURE_INFERENCE)).fetchone()
    others = story_span(first, last)
    if others is None or count + 1 < 2 * options.split_dated:
        return False
    if apart(when, others) > options.split_gap_days:
        return True
    dated = count + 1
    whole = (min(others[0], when[0]), max(others[1], when[1]))
    return dated & (dated - 1) == 0 and (whole[1] - whole[0]).days > options.split_gap_days
