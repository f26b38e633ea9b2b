"""Scale of the store: Timeline17 articles ingested end to end into a fresh SQLite file.

    .venv/bin/python benchmarks/bench_store.py [--articles N] [--workers 2] [--replay 4]

Reports articles per second end to end (read, pipeline, store, story clustering), the time per
article as the store grows (in buckets: it must stay flat, not grow with the store), and the
database size per article. `--replay K` then stores the same processed articles K more times
under new ids, to watch the store's own cost per article at K+1 times the size without parsing
again (copies link to their originals, so stories grow too). Skips when ../shared is absent.
"""
from __future__ import annotations

import argparse
import copy
import glob
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "timeline17"


def load_records(limit: int | None) -> list[dict]:
    records = []
    for path in sorted(glob.glob(str(DATA / "*" / "articles.json"))):
        topic = Path(path).parent.name
        records += [{"id": f"{topic}-{r['uid']}", "text": r["text"], "published": r["dct"][:10]}
                    for r in json.loads(Path(path).read_text(encoding="utf-8")) if r["text"].strip()]
    return records[:limit] if limit else records


def buckets(samples: list[tuple[int, float]], size: int) -> list[dict]:
    """Mean and median milliseconds per article for each `size` articles of store growth."""
    rows = []
    for start in range(0, len(samples), size):
        chunk = [seconds * 1000 for _, seconds in samples[start:start + size]]
        rows.append({"from": samples[start][0], "to": samples[start + len(chunk) - 1][0],
                     "mean_ms": statistics.mean(chunk), "median_ms": statistics.median(chunk)})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--replay", type=int, default=0, help="store the articles K more times")
    parser.add_argument("--bucket", type=int, default=250)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not available")
        return 0
    from storyline.batch import run_batch
    from storyline.config import Config
    from storyline.evaluation.ecbplus import detokenize
    from storyline.inputs.read import article_from_text
    from storyline.record import Article
    from storyline.stories.clustering import ingest
    from storyline.store import Store

    config = Config()
    records = load_records(args.articles)

    def articles():
        for record in records:
            article = article_from_text(detokenize(record["text"].split()), config, record["id"],
                                        record["published"])
            article.id = record["id"]
            yield article

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        store = Store(path)
        kept, end_to_end, storing = [], [], []
        started = last = time.perf_counter()
        for result in run_batch(articles(), config, workers=args.workers):
            if not isinstance(result, Article):
                continue
            before = time.perf_counter()
            ingest(store, result)
            now = time.perf_counter()
            storing.append((len(kept) + 1, now - before))
            end_to_end.append((len(kept) + 1, now - last))
            last = now
            kept.append(result)
        total = time.perf_counter() - started
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        stories = store.connection.execute("SELECT count(*) FROM stories").fetchone()[0]
        replayed = []
        for round_number in range(1, args.replay + 1):
            for article in kept:
                twin = copy.copy(article)
                twin.id = f"{article.id}~{round_number}"
                before = time.perf_counter()
                ingest(store, twin)
                replayed.append((len(kept) + len(replayed) + 1, time.perf_counter() - before))
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        final_size, final_count = path.stat().st_size, \
            store.connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        store.close()
    print(f"# Store benchmark: {len(kept)} Timeline17 articles ({len(records)} read), "
          f"{args.workers} workers\n")
    print(f"- end to end: {total:.1f} s, **{len(kept) / total:.2f} articles/s** "
          f"(read, pipeline, store, clustering)")
    print(f"- store + clustering alone: mean {statistics.mean(s for _, s in storing) * 1000:.1f} ms "
          f"per article")
    print(f"- database: {size / 1e6:.1f} MB, **{size / len(kept) / 1024:.1f} KB per article** "
          f"(text, parts, full-text index, clustering); {stories} stories")
    print("\n| articles in store | end to end ms/article (mean) | store ms/article (mean) | "
          "store ms/article (median) |\n|---|---|---|---|")
    for whole, part in zip(buckets(end_to_end, args.bucket), buckets(storing, args.bucket)):
        print(f"| {part['from']}-{part['to']} | {whole['mean_ms']:.0f} | {part['mean_ms']:.1f} | "
              f"{part['median_ms']:.1f} |")
    if replayed:
        print(f"\nReplay: the same articles {args.replay} more times under new ids, store only "
              f"({final_count} articles, {final_size / 1e6:.1f} MB, "
              f"{final_size / final_count / 1024:.1f} KB per article):\n")
        print("| articles in store | store ms/article (mean) | (median) |\n|---|---|---|")
        for row in buckets(replayed, len(kept)):
            print(f"| {row['from']}-{row['to']} | {row['mean_ms']:.1f} | {row['median_ms']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
