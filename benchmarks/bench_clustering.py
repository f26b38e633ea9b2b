"""Cost of online story clustering alone, as the store grows: the shipped options against the
same options without the rival-name check (`stories/rivals.py`), in the same run.

    .venv/bin/python benchmarks/bench_clustering.py [--single] [--threads]

Articles: every Timeline17 article and every ECB+ document, processed once through the pipeline
(the evaluation cache, `evaluation/cache.py`, so a warm run parses nothing), then ingested in
publication order into a fresh in-memory store twice over (`--single`: once): the second round
under new ids with each body's words in reverse order, so its signatures are the first round's
(each twin joins its original's story, and stories double) but no word shingle recurs, so no
twin is taken for a wire copy and the full path runs. Reports per-article milliseconds in
buckets of the store's size (p50, p95; they must stay flat as the store grows), the total, and
how many stories the rival check split. `--threads` also ingests in batches of 50 and compares
relinking threads (`stories/threads.py`) after every batch with relinking when due (the store
grown by a tenth): the number of relinks and their total seconds. Skips cleanly when ../shared
is absent.
"""
from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from storyline.config import Config
from storyline.evaluation import ecbplus, timeline17
from storyline.stories.clustering import Clustering, ingest
from storyline.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BUCKETS = 6


def corpus(config: Config) -> list:
    articles = []
    for folder in sorted((SHARED / "timeline17").iterdir()):
        if (folder / "articles.json").exists():
            records, _ = timeline17.read_topic(folder)
            articles += timeline17._process(folder.name, records, config)
    articles += list(ecbplus._process(ecbplus.read_documents(str(SHARED / "ecbplus" / "ECB+")),
                                      config).values())
    return sorted(articles, key=lambda a: (a.published.value if a.published else "", a.id))


def reversed_twin(article):
    """A new article with the same words in reverse order: the same bag of words and entities,
    none of the word shingles the copy detector compares."""
    twin = copy.deepcopy(article)
    twin.text = " ".join(reversed(twin.text.split()))
    twin.id = f"{article.id}#reversed"
    return twin


def run(articles: list, options: Clustering, rounds: int) -> dict:
    timings = []
    with Store(":memory:") as store:
        for round_number in range(rounds):
            for article in articles:
                item = article if round_number == 0 else reversed_twin(article)
                started = time.perf_counter()
                ingest(store, item, options)
                timings.append(time.perf_counter() - started)
        stories = store.connection.execute("SELECT count(*) FROM stories").fetchone()[0]
    size = len(timings) // BUCKETS
    buckets = [sorted(timings[i * size:(i + 1) * size]) for i in range(BUCKETS)]
    return {"total": sum(timings), "stories": stories,
            "buckets": [(statistics.median(b) * 1000, b[int(0.95 * len(b))] * 1000)
                        for b in buckets]}


def relinks(articles: list, rounds: int, batch: int = 50) -> dict:
    """Relinking threads after every batch against relinking when due, over the same ingest."""
    from storyline.stories.threads import update, update_when_due

    found = {}
    for name, relink in (("after every batch", update), ("when due (shipped)", update_when_due)):
        seconds, count = 0.0, 0
        with Store(":memory:") as store:
            items = [a if r == 0 else reversed_twin(a) for r in range(rounds) for a in articles]
            for start in range(0, len(items), batch):
                for item in items[start:start + batch]:
                    ingest(store, item)
                started = time.perf_counter()
                count += relink(store) is not None
                seconds += time.perf_counter() - started
            started = time.perf_counter()
            update(store)
            last = time.perf_counter() - started
        found[name] = {"relinks": count, "seconds": seconds, "one_relink_at_the_end": last}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--single", action="store_true", help="one round only")
    parser.add_argument("--threads", action="store_true", help="also the cost of relinking")
    args = parser.parse_args()
    if not (SHARED / "timeline17").is_dir() or not (SHARED / "ecbplus").is_dir():
        print("skipped: ../shared/data (timeline17, ecbplus) is not present")
        return
    config = Config(workers=2)
    articles = corpus(config)
    systems = {"shipped (rival check on)": Clustering(),
               "baseline: rival check off": replace(Clustering(), rival_members=10 ** 9)}
    rounds = 1 if args.single else 2
    results = {name: run(articles, options, rounds) for name, options in systems.items()}
    count = len(articles) * rounds
    print(f"{count} articles ({len(articles)} distinct, {rounds} rounds), "
          f"in {BUCKETS} buckets of the store's growth; ms per article, p50 / p95\n")
    print("| system | " + " | ".join(f"{i * count // BUCKETS}–{(i + 1) * count // BUCKETS}"
                                     for i in range(BUCKETS)) + " | total s | stories |")
    print("|---|" + "---|" * (BUCKETS + 2))
    for name, result in results.items():
        cells = " | ".join(f"{p50:.1f} / {p95:.1f}" for p50, p95 in result["buckets"])
        print(f"| {name} | {cells} | {result['total']:.1f} | {result['stories']} |")
    if args.threads:
        print(f"\nThreads relinked while the same {count} articles are ingested in batches of 50:\n")
        print("| relinking | relinks | their seconds | one relink of the final store, s |")
        print("|---|---|---|---|")
        for name, found in relinks(articles, rounds).items():
            print(f"| {name} | {found['relinks']} | {found['seconds']:.1f} | "
                  f"{found['one_relink_at_the_end']:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
