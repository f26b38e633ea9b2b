"""The tuning protocol for story-layer figures: folds by topic, tuned on the rest, scored held out.

A figure a threshold was tuned on says little about news nobody tuned for. So every tuned option
of the story layer is chosen on four folds of topics and scored on the fifth, never on its own
topics; the headline number is the mean over the held-out folds (and, for clustering, over
several orders of arrival). The same options tuned on every topic are reported beside it, labelled
as such, because they are what ships.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

FOLDS = 5


@dataclass(frozen=True)
class FoldResult:
    fold: int
    held_out: tuple[str, ...]       # the topics scored
    chosen: dict[str, Any]          # the options tuned on the other folds
    tuning_score: float             # their score on the other folds
    scores: dict[str, float]        # on the held-out topics


def topic_folds(topics: Sequence[str], folds: int = FOLDS) -> list[tuple[str, ...]]:
    """Topics dealt round-robin into `folds` folds, in their given (sorted) order."""
    ordered = list(topics)
    return [tuple(ordered[index::folds]) for index in range(min(folds, len(ordered)))]


def training_sets(topics: Sequence[str], folds: int = FOLDS
                  ) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each fold's held-out topics and the other folds' topics it is tuned on."""
    return [(held_out, tuple(topic for topic in topics if topic not in held_out))
            for held_out in topic_folds(topics, folds)]


def grid(choices: dict[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """Every combination of the option values (the first value of each is the default)."""
    names = list(choices)
    return [dict(zip(names, values)) for values in itertools.product(*choices.values())]


def tune(candidates: list[dict[str, Any]], objective: Callable[[dict[str, Any]], float]
         ) -> tuple[dict[str, Any], float]:
    """The candidate with the best objective (ties: the earlier candidate)."""
    best, best_score = candidates[0], float("-inf")
    for candidate in candidates:
        value = objective(candidate)
        if value > best_score + 1e-9:
            best, best_score = candidate, value
    return best, best_score


def cross_validate(topics: Sequence[str], candidates: list[dict[str, Any]],
                   objective: Callable[[tuple[str, ...], dict[str, Any]], float],
                   held_out_scores: Callable[[tuple[str, ...], dict[str, Any]], dict[str, float]],
                   folds: int = FOLDS) -> list[FoldResult]:
    """For each fold: tune on the other folds' topics, score the fold's own topics."""
    results = []
    for number, (held_out, training) in enumerate(training_sets(topics, folds), 1):
        chosen, tuning_score = tune(candidates, lambda options: objective(training, options))
        results.append(FoldResult(number, held_out, chosen, tuning_score,
                                  held_out_scores(held_out, chosen)))
    return results


def mean_scores(results: list[FoldResult]) -> dict[str, float]:
    """Each measure's mean over the held-out folds."""
    names = results[0].scores if results else {}
    return {name: sum(result.scores[name] for result in results) / len(results) for name in names}


def with_options(base, options: dict[str, Any]):
    """A frozen options dataclass with some fields replaced."""
    return replace(base, **options)
