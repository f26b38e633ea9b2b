"""What each stage adds to `extract`: time per stage over real articles, as a share of the whole.

    .venv/bin/python benchmarks/bench_stages.py [--articles 150]

One process, one core, the stages run one after another on each article exactly as
`Pipeline.run` runs them; the parse is spaCy's `nlp(text)`. Texts: Timeline17 articles
(../shared/data/timeline17). Prints a Markdown table; skips cleanly when the data is absent.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import DATA, load_texts  # noqa: E402  (benchmarks share their corpus loader)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=150)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not available")
        return 0
    from storyline.config import Config
    from storyline.errors import StorylineError
    from storyline.nlp import load_language
    from storyline.pipeline import AFTER_PARSE, BEFORE_PARSE
    from storyline.inputs.read import article_from_text

    config = Config()
    nlp = load_language(config)
    seconds: dict[str, float] = defaultdict(float)
    done = words = 0
    for text in load_texts(args.articles):
        try:
            article = article_from_text(text["text"], config, text["id"], text["published"])
            for stage in BEFORE_PARSE:
                started = time.perf_counter()
                article = stage(article, config)
                seconds[stage.__module__.rsplit(".", 1)[-1]] += time.perf_counter() - started
        except StorylineError:
            continue  # empty or non-English pages in the corpus
        started = time.perf_counter()
        article.doc = nlp(article.text)
        seconds["spaCy parse"] += time.perf_counter() - started
        for stage in AFTER_PARSE:
            started = time.perf_counter()
            article = stage(article, config)
            seconds[stage.__module__.rsplit(".", 1)[-1]] += time.perf_counter() - started
        done += 1
        words += len(article.doc)
    total = sum(seconds.values())
    print(f"{done} Timeline17 articles, {words:,} tokens, {total:.1f} s in all "
          f"({done / total:.1f} articles/s on one core)\n")
    print("| stage | seconds | share of extract | added to the spaCy parse |")
    print("|---|---|---|---|")
    for name, spent in seconds.items():
        added = "" if name == "spaCy parse" else f"{spent / seconds['spaCy parse']:.1%}"
        print(f"| {name} | {spent:.2f} | {spent / total:.1%} | {added} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
