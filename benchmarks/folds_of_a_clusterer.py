"""ECB+ held-out folds scored with another checkout's clusterer and its fixed `Clustering()`.

    git worktree add /tmp/before 2c42c8c     # the commit before issue 11's clustering work
    .venv/bin/storyline eval ecbplus ../shared/data/ecbplus/ECB+   # fills the evaluation cache
    .venv/bin/python benchmarks/folds_of_a_clusterer.py /tmp/before/src

The same folds as `storyline eval ecbplus` (5 by topic, 6 orders of arrival each, the same seed),
on the same processed articles (the newest full ECB+ entry of `.cache/storyline-eval/`), so an
older clusterer's figure stands beside the new held-out one. The older options are fixed, not
tuned per fold: if they were tuned on all topics, this figure is optimistic for them.
"""
from __future__ import annotations

import glob
import json
import os
import random
import sys
from pathlib import Path

FOLDS, ORDERS, SEED = 5, 6, 17
CACHE = Path(__file__).resolve().parents[1] / ".cache" / "storyline-eval"
ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "ECB+"


def main(source: str) -> None:
    sys.path.insert(0, source)
    from storyline.evaluation.ecbplus import cluster_online, read_documents, score
    from storyline.record import Article

    full = [p for p in glob.glob(str(CACHE / "ecbplus-*.jsonl")) if os.path.getsize(p) > 10**6]
    if not full:
        raise SystemExit("no ECB+ entry in the evaluation cache: run `storyline eval ecbplus` "
                         "first")
    with open(max(full, key=os.path.getmtime), encoding="utf-8") as lines:
        articles = {a.id: a for a in (Article.from_json(json.loads(line)) for line in lines)}
    documents = read_documents(str(ECBPLUS))
    gold = {doc.name: doc.story for doc in documents}
    topics = sorted({name.split("_")[0] for name in articles}, key=int)
    results = []
    for index in range(FOLDS):
        held_out = topics[index::FOLDS]
        members = [articles[d.name] for d in documents
                   if d.name in articles and d.name.split("_")[0] in held_out]
        shuffler, runs = random.Random(SEED), []
        for number in range(ORDERS):
            order = members[:]
            if number:
                shuffler.shuffle(order)
            runs.append(score(cluster_online(order), gold))
        mean = {key: sum(run[key] for run in runs) / ORDERS
                for key in ("bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_f1")}
        results.append(mean)
        print(f"fold {index + 1} ({', '.join(held_out)}): "
              + ", ".join(f"{key} {value:.3f}" for key, value in mean.items()))
    print("mean over folds: " + ", ".join(
        f"{key} {sum(r[key] for r in results) / FOLDS:.3f}" for key in results[0]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[1] / "src"))
