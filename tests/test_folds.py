"""The tuning protocol (`evaluation/folds.py`): topics dealt into folds, options tuned on the
other folds only, each fold scored with what was chosen without it."""
from __future__ import annotations

import pytest

from storyline.evaluation.folds import (cross_validate, grid, mean_scores, topic_folds,
                                       training_sets, tune)


def test_topics_are_dealt_round_robin_and_never_twice():
    folds = topic_folds([str(n) for n in range(1, 19)], 5)
    assert folds[0] == ("1", "6", "11", "16") and len(folds) == 5
    flat = [topic for fold in folds for topic in fold]
    assert sorted(flat, key=int) == [str(n) for n in range(1, 19)]
    assert topic_folds(["a", "b"], 5) == [("a",), ("b",)]


def test_grid_and_tune_keep_the_first_of_equal_candidates():
    candidates = grid({"threshold": (0.2, 0.1), "ratio": (1, 2)})
    assert candidates[0] == {"threshold": 0.2, "ratio": 1} and len(candidates) == 4
    chosen, value = tune(candidates, lambda options: -abs(options["threshold"] - 0.1))
    assert chosen == {"threshold": 0.1, "ratio": 1} and value == pytest.approx(0.0)


def test_each_fold_is_scored_with_options_tuned_without_it():
    # Each topic prefers its own threshold; the held-out fold never sees its own preference.
    best = {"a": 0.1, "b": 0.1, "c": 0.3, "d": 0.3}
    seen_in_tuning = []

    def objective(training, options):
        seen_in_tuning.append(training)
        return -sum(abs(options["threshold"] - best[topic]) for topic in training)

    def held_out(topics, options):
        return {"error": sum(abs(options["threshold"] - best[topic]) for topic in topics)}

    results = cross_validate(list(best), grid({"threshold": (0.1, 0.2, 0.3)}), objective,
                             held_out, folds=4)
    assert [r.held_out for r in results] == [("a",), ("b",), ("c",), ("d",)]
    # every tuning call saw three topics, and each fold's own topic was missing from its calls
    calls_per_fold = len(seen_in_tuning) // 4
    for number, result in enumerate(results):
        calls = seen_in_tuning[number * calls_per_fold:(number + 1) * calls_per_fold]
        assert all(result.held_out[0] not in training for training in calls)
    # training on b, c, d picks 0.3 (two of three prefer it), so topic a is scored at 0.3
    assert results[0].chosen == {"threshold": 0.3}
    assert results[0].scores["error"] == pytest.approx(0.2)
    assert all(len(training) == 3 for training in seen_in_tuning)
    assert mean_scores(results)["error"] == pytest.approx(
        sum(r.scores["error"] for r in results) / 4)


def test_each_fold_is_tuned_on_the_other_folds_topics():
    topics = [str(n) for n in range(1, 8)]
    sets = training_sets(topics, 3)
    assert [held_out for held_out, _ in sets] == topic_folds(topics, 3)
    for held_out, training in sets:
        assert set(held_out).isdisjoint(training)
        assert sorted(held_out + training, key=int) == topics
