"""Throughput and peak memory of `extract` in batch, against bare spaCy `nlp.pipe` on the same texts.

    .venv/bin/python benchmarks/bench_extract.py [--articles 300] [--workers 2]

Texts: Timeline17 articles (../shared/data/timeline17/*/articles.json), de-tokenized lightly.
Each system runs in its own fresh process so peak memory (max RSS) is its own. Prints a
Markdown table; skips cleanly when ../shared is absent.
"""
from __future__ import annotations

import argparse
import glob
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "timeline17"
SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "rust-baldwin-2023-04.txt"
REPO = Path(__file__).resolve().parents[1]


def load_texts(count: int) -> list[dict]:
    """Articles round-robin across topics, so every outlet and story is represented."""
    topics = [json.loads(Path(path).read_text()) for path in sorted(glob.glob(str(DATA / "*" / "articles.json")))]
    articles, index = [], 0
    while len(articles) < count and any(index < len(topic) for topic in topics):
        articles += [topic[index] for topic in topics if index < len(topic)]
        index += 1
    return [{"id": a["uid"], "text": detokenize(a["text"]), "published": a["dct"]} for a in articles[:count]]


def detokenize(text: str) -> str:
    text = re.sub(r" ([.,;:!?%)\]'])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return text.replace("`` ", "“").replace(" ''", "”").replace(" n't", "n't")


def run_system(system: str, count: int, workers: int) -> dict:
    """Child process body: time one system over the texts, report words/s and max RSS."""
    texts = load_texts(count)
    started, failures = time.perf_counter(), 0
    if system == "spacy":
        from storyline.config import Config
        from storyline.nlp import load_language

        nlp = load_language(Config())
        loaded = time.perf_counter()
        for _ in nlp.pipe((t["text"] for t in texts), batch_size=16, n_process=workers):
            pass
    else:
        from storyline.batch import run_batch
        from storyline.config import Config
        from storyline.pipeline import Failure

        config = Config()
        loaded = time.perf_counter()
        items = (_article_or_error(t, config) for t in texts)
        # Refusals (Timeline17 holds a few non-English pages) are counted, not hidden.
        failures = sum(isinstance(r, Failure) for r in run_batch(items, config, workers=workers))
    finished = time.perf_counter()
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"system": system, "workers": workers, "articles": len(texts), "refused": failures,
            "seconds": finished - started, "processing_seconds": finished - loaded,
            "articles_per_second": len(texts) / (finished - started), "peak_mb": peak_kb / 1024}


def _article_or_error(text: dict, config):
    from storyline.errors import StorylineError
    from storyline.inputs.read import article_from_text

    try:
        return article_from_text(text["text"], config, text["id"], text["published"])
    except StorylineError as error:  # an empty page in the corpus: the batch reports it
        return error


def measure(system: str, count: int, workers: int) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", system, "--articles", str(count),
                             "--workers", str(workers)], capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def cold_start() -> float:
    """Wall time of the CLI on the founding sample (or the bundled example): load and one article."""
    article = SAMPLE if SAMPLE.exists() else REPO / "examples" / "riverton-bridge.txt"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "storyline.cli", "extract", str(article)],
                   capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_system(args.child, args.articles, args.workers)))
        return 0
    if not DATA.exists():
        print(f"skipped: {DATA} not available")
        return 0
    rows = []
    for workers in sorted({1, args.workers}):
        spacy_row = measure("spacy", args.articles, workers)
        storyline_row = measure("storyline", args.articles, workers)
        rows += [spacy_row, storyline_row]
    print(f"{args.articles} Timeline17 articles; each row a fresh process (model load included "
          "in seconds, excluded from nothing).\n")
    print("| system | workers | articles/s | seconds | peak RSS MB | refused | vs bare spaCy |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        base = next(r for r in rows if r["system"] == "spacy" and r["workers"] == row["workers"])
        ratio = row["articles_per_second"] / base["articles_per_second"]
        print(f"| {row['system']} | {row['workers']} | {row['articles_per_second']:.1f} | "
              f"{row['seconds']:.1f} | {row['peak_mb']:.0f} | {row['refused']} | {ratio:.0%} |")
    starts = sorted(cold_start() for _ in range(3))
    print(f"\nCLI cold start, one article (median of 3): {starts[1]:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
