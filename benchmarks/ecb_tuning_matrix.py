"""How much of the ECB+ held-out figure is the tuning's noise: every grid candidate on every fold.

`storyline eval ecbplus` tunes each fold's options on the other four folds clustered together
(2 orders of arrival) and scores the fold alone (6 orders). This scores every candidate of the
grid (`evaluation.ecbplus.TUNING_GRID`) on every fold alone, 6 orders each, once; then a fold's
options can be chosen from the other folds' cells under other objectives, and each choice's
held-out mean read off the matrix:

- the mean over the other folds' cells, each a mean of 6 orders;
- the same with the cells' first 2 orders only (the eval's number of tuning orders);
- and, not held out, one candidate on every fold (the shipped defaults are the first).

    .venv/bin/python benchmarks/ecb_tuning_matrix.py ../shared/data/ecbplus/ECB+   # ~6 min
"""
from __future__ import annotations

import argparse
import sys

from storyline.config import Config
from storyline.evaluation import ecbplus
from storyline.evaluation.folds import grid, topic_folds
from storyline.stories.clustering import Clustering

ORDERS = 6
MEASURES = ("bcubed_p", "bcubed_r", "bcubed_f1")


def matrix(path: str) -> tuple[list[dict], list[list[dict]]]:
    """The candidates, and for each its scores on each fold (means over 6 orders, and the F1
    of the first 2 orders as `f1_first_2`)."""
    documents = ecbplus.read_documents(path)
    articles = ecbplus._process(documents, Config())
    gold = {doc.name: doc.story for doc in documents}
    topic_of = {name: ecbplus._topic(name) for name in articles}
    folds = topic_folds(sorted(set(topic_of.values()), key=int))
    candidates = grid(ecbplus.TUNING_GRID)
    cells = []
    for number, options in enumerate(candidates):
        row = []
        for fold in folds:
            members = [articles[doc.name] for doc in documents
                       if doc.name in articles and topic_of[doc.name] in fold]
            runs = ecbplus.online_runs(members, gold, Clustering(**options), ORDERS)
            row.append({**{m: sum(run[m] for run in runs) / ORDERS for m in MEASURES},
                        "f1_first_2": sum(run["bcubed_f1"] for run in runs[:2]) / 2})
        cells.append(row)
        print(f"{number + 1}/{len(candidates)} {options}: "
              f"{[round(cell['bcubed_f1'], 3) for cell in row]}", file=sys.stderr, flush=True)
    return candidates, cells


def held_out(cells: list[list[dict]], objective: str) -> tuple[dict, list[int]]:
    """Each fold scored with the candidate whose mean `objective` over the other folds is best
    (ties: the earlier candidate); the mean scores and the chosen candidates."""
    folds = len(cells[0])
    chosen = []
    for fold in range(folds):
        def tuning(candidate: int) -> float:
            return sum(cells[candidate][k][objective] for k in range(folds) if k != fold)
        chosen.append(max(range(len(cells)), key=lambda c: (tuning(c) - 1e-9 * c)))
    scores = {m: sum(cells[c][fold][m] for fold, c in enumerate(chosen)) / folds
              for m in MEASURES}
    return scores, chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", help="the ECB+ folder")
    candidates, cells = matrix(parser.parse_args().path)
    print("| choice | B3 P | B3 R | B3 F1 | per fold | candidates chosen |")
    print("|---|---|---|---|---|---|")
    for label, objective in (("held out, other folds' cells (6 orders)", "bcubed_f1"),
                             ("held out, other folds' cells (2 orders)", "f1_first_2")):
        scores, chosen = held_out(cells, objective)
        per_fold = ", ".join(f"{cells[c][f]['bcubed_f1']:.3f}" for f, c in enumerate(chosen))
        print(f"| {label} | {scores['bcubed_p']:.3f} | {scores['bcubed_r']:.3f} | "
              f"{scores['bcubed_f1']:.3f} | {per_fold} | {', '.join(map(str, chosen))} |")
    shipped = cells[0]
    means = " | ".join(f"{sum(cell[m] for cell in shipped) / len(shipped):.3f}" for m in MEASURES)
    per_fold = ", ".join(f"{cell['bcubed_f1']:.3f}" for cell in shipped)
    print(f"| shipped defaults on every fold (chosen on all topics: not held out) | {means} | "
          f"{per_fold} | 0 |")
    print(f"\ncandidate 0 is {candidates[0]} (the shipped defaults)")


if __name__ == "__main__":
    main()
