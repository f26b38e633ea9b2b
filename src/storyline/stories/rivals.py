"""Two incidents of one kind told apart by who is in them: rival core participants.

Two coaches fired by one team, two pirate attacks foiled by one navy, two title fights of one
boxer read alike word for word, and undated articles chain them into one story. But each
incident has its own participants, named in most of its articles and in almost none of the
other's: the ship that caught the pirates, the challenger who lost. A story is split in two
when two of its core names (each in at least `rival_share` of its members) almost never meet in
one article (at most `rival_overlap` of the rarer one's articles), and the two sides that these
names gather read apart as wholes even with those two names taken out: their average linkage is
below `rival_ratio` of their cohesion. One incident's story also has names that avoid each
other (a witness quoted by one outlet, a suburb named by another), but its sides then read
alike, so it stays whole; and sides dated within the same days (`days_close`) are one
developing story, whose later reports name a suspect the first ones did not. The names only
seed the sides: each member then goes to the side it reads more like (`settled_by_fit`), and
when that leaves a side with fewer than two members, there is no split. When it does not, a
member that names exactly one of the two rivals goes with that rival after all.

A name is an entity key's last word, so "INS Mysore" and "Mysore", or two spellings of one
surname's first name, count as one. The check runs when a story reaches a checkpoint size (a
geometric series, so a growing story costs linear time in all) and after a merge that brings
in at least `rival_share` of the story, so two incidents that one bridging article joins are
parted again.
"""
from __future__ import annotations

import json
import math
import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from . import centroids
from .incidents import apart, move_to_new_story, period_of, sure

Period = tuple[date, date]

if TYPE_CHECKING:
    from .clustering import Clustering

CORES_PAIRED = 40      # a story's most frequent names paired (of thousands in a long story)
CHECKPOINT_GROWTH = 1.25
SETTLING_ROUNDS = 3    # rounds of members moving to the side they read more like


def names_of(entities: dict[str, float]) -> set[str]:
    """The last words of a signature's entity keys ('e:ins mysore' -> 'mysore')."""
    return {key[2:].split()[-1] for key in entities if len(key) > 4}


def rival_names(named: list[set[str]], options: Clustering) -> tuple[str, str] | None:
    """The two core names of these members that most often stand apart, or ``None``.

    Each is in at least `rival_share` of the members (and two of them), they share at most
    `rival_overlap` of the rarer one's members, and of such pairs the one whose rarer name is
    most frequent wins."""
    members = len(named)
    masks: dict[str, int] = {}
    for index, names in enumerate(named):
        for name in names:
            masks[name] = masks.get(name, 0) | (1 << index)
    counts = {name: mask.bit_count() for name, mask in masks.items()}
    floor = max(2, options.rival_share * members)
    # Most frequent first, ties by name: a set's order changes with the process's hash seed,
    # and the stories must not.
    ranked = sorted(counts, key=lambda name: (-counts[name], name))[:CORES_PAIRED]
    cores = [name for name in ranked if counts[name] >= floor]
    best, best_key = None, None
    for position, first in enumerate(cores):
        for second in cores[position + 1:]:
            rarer = min(counts[first], counts[second])
            if (masks[first] & masks[second]).bit_count() > options.rival_overlap * rarer:
                continue
            key = (rarer, counts[first] + counts[second], min(first, second))
            if best_key is None or key > best_key:
                best, best_key = (first, second), key
    return best


def rival_sides(rows: list[tuple[int, dict, dict, Period | None]], options: Clustering
                ) -> tuple[set[int], set[int]] | None:
    """The members (`pk, terms, entities, sure period or None`) parted by their rival names,
    when the two sides read apart and their dates do not put them in the same days; ``None``
    when the story is one incident."""
    if len(rows) < options.rival_members:
        return None
    named = [names_of(entities) for _, _, entities, _ in rows]
    pair = rival_names(named, options)
    if pair is None:
        return None
    first, second = pair
    sides: tuple[set[int], set[int]] = (set(), set())
    vectors = (centroids.StoryVector({}, {}, 0), centroids.StoryVector({}, {}, 0))
    undecided = []
    periods: tuple[list[Period], list[Period]] = ([], [])
    named_side: dict[int, int] = {}  # members that name one rival and not the other
    for (pk, terms, entities, period), names in zip(rows, named):
        if (first in names) == (second in names):
            undecided.append((pk, terms, entities))
            continue
        side = named_side[pk] = 0 if first in names else 1
        sides[side].add(pk)
        vectors[side].add(terms, entities)
        if period is not None:
            periods[side].append(period)
    if all(periods) and apart(*(span_of(dates) for dates in periods)) <= options.days_close:
        return None  # names that avoid each other in the same days: one developing story
    fixed = tuple(centroids.StoryVector(dict(v.terms), dict(v.entities), v.members)
                  for v in vectors)
    for pk, terms, entities in undecided:  # to the side it reads like, by the named members
        near = [centroids.mean_similarity(terms, entities, vector, options.entity_share)
                for vector in fixed]
        if near[0] == near[1]:  # reads like neither (often: shares nothing with either side)
            side = 0 if len(sides[0]) >= len(sides[1]) else 1
        else:
            side = 0 if near[0] > near[1] else 1
        sides[side].add(pk)
        vectors[side].add(terms, entities)
    if min(len(side) for side in sides) < 2:
        return None
    # The sides are compared without the two names that drew them (as entities and as words):
    # with them, any two sides would read apart.
    unnamed = (centroids.StoryVector({}, {}, 0), centroids.StoryVector({}, {}, 0))
    for pk, terms, entities, _ in rows:
        unnamed[0 if pk in sides[0] else 1].add(*without_names(terms, entities, pair))
    within = sum((centroids.cohesion(vector, options.entity_share) or 0.0) * vector.members
                 for vector in unnamed) / len(rows)
    between = centroids.linkage(unnamed[0], unnamed[1], options.entity_share)
    if not within or between >= options.rival_ratio * within:
        return None
    settled = settled_by_fit(rows, sides, options)
    if settled is None:
        return None
    # The settling decides that there are two incidents; a member that names one rival and not
    # the other still belongs with that name (a one-line report reads like either side).
    side_of = {pk: number for number, side in enumerate(settled) for pk in side}
    side_of.update(named_side)
    pinned = tuple({pk for pk, side in side_of.items() if side == number} for number in (0, 1))
    return pinned if min(len(side) for side in pinned) >= 2 else settled


def settled_by_fit(rows: list[tuple[int, dict, dict, Period | None]],
                   sides: tuple[set[int], set[int]], options: Clustering
                   ) -> tuple[set[int], set[int]] | None:
    """The sides once each member has gone to the side it reads more like, or ``None`` when a
    side is left with fewer than two.

    The names only seed the sides: a member stays when its mean similarity to the rest of its
    side is at least its mean similarity to the other side, and moves otherwise, until none
    moves (`SETTLING_ROUNDS` at most). Names that avoid each other inside one incident (a
    former host recalled by some reports, a city others name) seed a small side whose members
    read more like the large one; they go back, and the split is not made."""
    signatures = {pk: (terms, entities) for pk, terms, entities, _ in rows}
    side_of = {pk: 0 if pk in sides[0] else 1 for pk in signatures}
    share = options.entity_share
    itself = {pk: centroids.mean_similarity(terms, entities,
                                            centroids.StoryVector(terms, entities, 1), share)
              for pk, (terms, entities) in signatures.items()}  # each member with itself
    for _ in range(SETTLING_ROUNDS):
        sums = (centroids.StoryVector({}, {}, 0), centroids.StoryVector({}, {}, 0))
        for pk, side in side_of.items():
            sums[side].add(*signatures[pk])
        moves = {}
        for pk, side in side_of.items():
            terms, entities = signatures[pk]
            own = sums[side]
            rest = (centroids.mean_similarity(terms, entities, own, share) * own.members
                    - itself[pk]) / (own.members - 1)
            if centroids.mean_similarity(terms, entities, sums[1 - side], share) > rest:
                moves[pk] = 1 - side
        if not moves:
            break
        side_of.update(moves)
        if min(sum(1 for side in side_of.values() if side == k) for k in (0, 1)) < 2:
            return None
    return ({pk for pk, side in side_of.items() if side == 0},
            {pk for pk, side in side_of.items() if side == 1})


def without_names(terms: dict[str, float], entities: dict[str, float], names: tuple[str, str]
                  ) -> tuple[dict[str, float], dict[str, float]]:
    """A signature with these names taken out: entity keys ending in them, and their words."""
    words = {f"t:{name}" for name in names}
    return ({key: weight for key, weight in terms.items() if key not in words},
            {key: weight for key, weight in entities.items()
             if len(key) <= 4 or key[2:].split()[-1] not in names})


def span_of(periods: list[Period]) -> Period:
    return min(start for start, _ in periods), max(end for _, end in periods)


def due_for_rival_check(members: int, merged: bool, options: Clustering) -> bool:
    """After a merge that brought in a rival side's worth of articles (`merged`: the caller's
    test), or when a story reaches a checkpoint size: `rival_members`, then a quarter more each
    time (8, 10, 13, 16, 20, ...). Either way the checks of a growing story sum to a few times
    its size."""
    if members < options.rival_members or members > options.search_limit:
        return False
    if merged:
        return True
    step = float(options.rival_members)
    while math.ceil(step) < members:
        step *= CHECKPOINT_GROWTH
    return math.ceil(step) == members


def split_rivals(db: sqlite3.Connection, story_id: int, options: Clustering) -> int | None:
    """Split the story when rival names part it (`rival_sides`); the new story's id, or ``None``.
    The smaller side moves to the new story; links across the cut are dropped, as for any
    split."""
    rows = [(pk, json.loads(terms), json.loads(entities),
             period_of(published) if sure(basis, confidence) else None)
            for pk, terms, entities, published, basis, confidence in db.execute(
                "SELECT a.pk, s.terms, s.entities, a.published, a.published_basis, "
                "a.published_confidence FROM articles a JOIN signatures s ON s.article_pk = a.pk "
                "WHERE a.story_id = ? AND a.pk NOT IN (SELECT article_pk FROM copies) "
                "ORDER BY a.pk", (story_id,))]
    sides = rival_sides(rows, options)
    if sides is None:
        return None
    return move_to_new_story(db, story_id, min(sides, key=lambda side: (len(side), min(side))))
