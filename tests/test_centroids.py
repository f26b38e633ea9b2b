"""Story sum vectors (`stories/centroids.py`): the whole-story similarities the clusterer uses
against chaining equal the means of the pairwise similarities they stand for, and the stored sums
stay equal to a rebuild from the members as stories grow, merge and split."""
from __future__ import annotations

import itertools
import json
import random

import pytest

from test_stories import ELECTION, FIRE, corpus
from storyline.stories import centroids
from storyline.stories.clustering import Clustering, _parts, _similarity, ingest
from storyline.store import Store

OPTIONS = Clustering()


def _signatures(store: Store) -> dict[int, tuple[dict, dict]]:
    return {pk: (json.loads(terms), json.loads(entities)) for pk, terms, entities in
            store.connection.execute("SELECT article_pk, terms, entities FROM signatures")}


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "stories.db") as opened:
        for article in corpus()[0][:len(FIRE) + len(ELECTION)]:  # fire, then election
            ingest(opened, article)
        yield opened


def test_mean_cohesion_and_linkage_are_pairwise_means(store):
    signatures = _signatures(store)
    fire, election = list(signatures)[:len(FIRE)], list(signatures)[len(FIRE):]
    summed = {name: centroids.StoryVector({}, {}, 0) for name in ("fire", "election")}
    for name, members in (("fire", fire), ("election", election)):
        for pk in members:
            summed[name].add(*signatures[pk])
    newcomer = signatures[election[0]]
    expected_mean = sum(_similarity(newcomer, signatures[pk], OPTIONS) for pk in fire) / len(fire)
    assert centroids.mean_similarity(*newcomer, summed["fire"], OPTIONS.entity_share) == \
        pytest.approx(expected_mean)
    pairs = list(itertools.combinations(fire, 2))
    expected_cohesion = sum(_similarity(signatures[a], signatures[b], OPTIONS)
                            for a, b in pairs) / len(pairs)
    assert centroids.cohesion(summed["fire"], OPTIONS.entity_share) == \
        pytest.approx(expected_cohesion)
    expected_linkage = sum(_similarity(signatures[a], signatures[b], OPTIONS)
                           for a in fire for b in election) / (len(fire) * len(election))
    assert centroids.linkage(summed["fire"], summed["election"], OPTIONS.entity_share) == \
        pytest.approx(expected_linkage)
    # same-story articles are closer to their story than to the other one
    assert expected_cohesion > expected_linkage


def test_one_article_story_has_no_cohesion():
    vector = centroids.StoryVector({"t:fire": 1.0}, {}, 1)
    assert centroids.cohesion(vector, 0.3) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stored_sums_equal_a_rebuild_in_any_order(tmp_path, seed):
    articles = corpus()[0]
    random.Random(seed).shuffle(articles)
    with Store(tmp_path / f"order{seed}.db") as store:
        for article in articles:
            ingest(store, article)
        db = store.connection
        stories = [row[0] for row in db.execute("SELECT id FROM stories")]
        stored = {sid: centroids.load(db, sid) for sid in stories}
        assert {row[0] for row in db.execute("SELECT story_id FROM story_vectors")} == set(stories)
        for sid in stories:
            rebuilt = centroids.rebuild(db, sid)
            assert stored[sid].members == rebuilt.members == db.execute(
                "SELECT article_count FROM stories WHERE id = ?", (sid,)).fetchone()[0]
            for key, weight in rebuilt.terms.items():
                assert stored[sid].terms.get(key, 0.0) == pytest.approx(weight, abs=1e-9)


def test_a_story_from_before_gets_its_sum_rebuilt(store):
    db = store.connection
    story_id = db.execute("SELECT id FROM stories ORDER BY article_count DESC").fetchone()[0]
    count = db.execute("SELECT article_count FROM stories WHERE id = ?", (story_id,)).fetchone()[0]
    db.execute("DELETE FROM story_vectors")
    assert centroids.load(db, story_id).members == count


def test_parts_split_words_from_entities():
    terms, entities = _parts({"t:fire": 0.5, "e:ana morales": 0.7})
    assert terms == {"t:fire": 0.5} and entities == {"e:ana morales": 0.7}
