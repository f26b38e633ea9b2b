"""Wire copies: where the copy threshold (`stories/copies.py`) sits, on real article bodies.

    .venv/bin/python benchmarks/bench_copies.py [--seed 11] [--timeline17] [--datasketch]

Reprints: each real article body of the Article Extraction Benchmark (its ground truth), edited
the way a wire report is reprinted: a dateline added and one sentence changed (the reprint
pattern of issue 11), then also the last paragraph cut, then two sentences changed. Different
articles: every pair of documents inside one ECB+ topic (the same kind of news, often the same
incident, told by different outlets). For each, the exact Jaccard of the word shingles and the
MinHash estimate, and the share at or above the threshold. The threshold was chosen on all of
this data (there is nothing to fold: it is one number in a wide gap), and is labelled so.
`--timeline17` also counts the pairs that the band index proposes and the threshold accepts
among the Timeline17 articles of each topic (real outlets, real reprints), with examples.
Skips when ../shared is absent.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from storyline.stories.copies import (COPY_THRESHOLD, MIN_WORDS, WORD, band_keys,
                                      estimated_jaccard, minhash, shingles)

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
DATELINES = ("LONDON (Reuters) - ", "WASHINGTON (AP) — ", "PARIS, March 3 (AFP) - ",
             "NEW YORK — ")


def jaccard(first: set[str], second: set[str]) -> float:
    return len(first & second) / len(first | second) if first | second else 1.0


def reprint(body: str, other: str, rng: random.Random, changed: int = 1,
            cut_last: bool = False) -> str | None:
    """The body as another outlet prints it: a dateline, `changed` sentences replaced by
    sentences of another article, and maybe its last paragraph cut."""
    paragraphs = [p for p in body.split("\n") if p.strip()]
    if cut_last and len(paragraphs) > 2:
        paragraphs = paragraphs[:-1]
    sentences = [s for p in paragraphs for s in SENTENCE.split(p)]
    donors = [s for s in SENTENCE.split(" ".join(other.split())) if 8 <= len(s.split()) <= 40]
    if len(sentences) < 3 or not donors:
        return None
    for index in rng.sample(range(1, len(sentences)), min(changed, len(sentences) - 1)):
        sentences[index] = rng.choice(donors)
    return rng.choice(DATELINES) + " ".join(sentences)


def summary(name: str, exact: list[float], estimated: list[float],
            found: list[bool] | None = None) -> str:
    """One row; `found`: whether the band index proposed each pair (as the store looks up)."""
    ranked = sorted(exact)
    share = sum(value >= COPY_THRESHOLD for value in estimated) / len(estimated)
    proposed = (f"{sum(found) / len(found):.2%}" if found else "")
    caught = (f"{sum(f and e >= COPY_THRESHOLD for f, e in zip(found, estimated)) / len(found):.2%}"
              if found else "")
    return (f"| {name} | {len(exact)} | {ranked[0]:.3f} | {ranked[len(ranked) // 100]:.3f} | "
            f"{statistics.median(ranked):.3f} | {ranked[-1]:.3f} | {share:.2%} | {proposed} | "
            f"{caught} |")


def aeb_bodies() -> list[str]:
    truth = json.loads((SHARED / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    return [page["articleBody"] for _, page in sorted(truth.items())
            if len(WORD.findall(page.get("articleBody") or "")) >= MIN_WORDS]


def reprint_rows(bodies: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    rows = []
    for name, changed, cut in (("dateline + 1 sentence changed", 1, False),
                               ("... + last paragraph cut", 1, True),
                               ("dateline + 2 sentences changed", 2, False)):
        exact, estimated, found = [], [], []
        for n, body in enumerate(bodies):
            copy = reprint(body, bodies[(n + 1) % len(bodies)], rng, changed, cut)
            if copy is None:
                continue
            first, second = shingles(body), shingles(copy)
            exact.append(jaccard(first, second))
            hashes = minhash(first), minhash(second)
            estimated.append(estimated_jaccard(*hashes))
            found.append(bool(set(band_keys(hashes[0])) & set(band_keys(hashes[1]))))
        rows.append(summary(f"reprint: {name}", exact, estimated, found))
    return rows


def ecbplus_rows() -> tuple[list[str], list[tuple[float, str, str]]]:
    from storyline.evaluation.ecbplus import read_documents

    documents = read_documents(str(SHARED / "ecbplus" / "ECB+"))
    by_topic = defaultdict(list)
    for document in documents:
        by_topic[re.match(r"\d+", document.story).group()].append(document)
    found = {True: ([], []), False: ([], [])}  # one gold story or two, in one topic
    closest = []
    for members in by_topic.values():
        sets = [shingles(d.text) for d in members]
        hashes = [minhash(s) for s in sets]
        for (i, first), (j, second) in itertools.combinations(enumerate(sets), 2):
            value, same = jaccard(first, second), members[i].story == members[j].story
            found[same][0].append(value)
            found[same][1].append(estimated_jaccard(hashes[i], hashes[j]))
            closest.append((value, same, members[i].name, members[j].name))
    return [summary("ECB+ topic, two incidents (different reports)", *found[False]),
            summary("ECB+ topic, one incident (reprints among them)", *found[True])], \
        sorted(closest, reverse=True)[:10]


def timeline17_rows() -> list[str]:
    rows = []
    for path in sorted((SHARED / "timeline17").glob("*/articles.json")):
        records = [r for r in json.loads(path.read_text(encoding="utf-8"))
                   if len(WORD.findall(r["text"])) >= MIN_WORDS]
        started = time.perf_counter()
        hashes = [minhash(shingles(r["text"])) for r in records]
        bands = defaultdict(list)
        for n, signature in enumerate(hashes):
            for key in band_keys(signature):
                bands[key].append(n)
        proposed = {pair for members in bands.values() for pair in
                    itertools.combinations(members, 2)}
        accepted = [(i, j) for i, j in proposed
                    if estimated_jaccard(hashes[i], hashes[j]) >= COPY_THRESHOLD]
        seconds = time.perf_counter() - started
        rows.append(f"| {path.parent.name} | {len(records)} | {len(proposed)} | {len(accepted)} "
                    f"| {seconds / max(1, len(records)) * 1000:.2f} |")
    return rows


def datasketch_rows(bodies: list[str], seed: int) -> list[str]:
    """Our MinHash against datasketch's (when importable): time per body, error against exact."""
    try:
        from datasketch import MinHash
    except ImportError:
        return ["(datasketch not installed: no comparison)"]
    rng = random.Random(seed)
    pairs = [(shingles(body), shingles(copy)) for n, body in enumerate(bodies)
             if (copy := reprint(body, bodies[(n + 1) % len(bodies)], rng)) is not None]
    exact = [jaccard(first, second) for first, second in pairs]

    def theirs(pieces: set[str]):
        signature = MinHash(num_perm=len(minhash(set())))
        signature.update_batch([piece.encode("utf-8") for piece in pieces])
        return signature

    rows = []
    for name, make, compare in (("own (numpy)", minhash, estimated_jaccard),
                                ("datasketch", theirs, lambda a, b: a.jaccard(b))):
        started = time.perf_counter()
        hashes = [(make(first), make(second)) for first, second in pairs]
        seconds = (time.perf_counter() - started) / (2 * len(pairs))
        error = statistics.mean(abs(compare(*pair) - value) for pair, value in zip(hashes, exact))
        rows.append(f"| {name} | {seconds * 1000:.2f} | {error:.4f} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--timeline17", action="store_true")
    parser.add_argument("--datasketch", action="store_true",
                        help="also time datasketch's MinHash against ours (when importable)")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent")
        return 0
    print(f"threshold {COPY_THRESHOLD} (estimated Jaccard of word shingles; tuned on all)\n")
    print("| pairs | n | Jaccard min | 1st pct | median | max | MinHash at or above threshold "
          "| proposed by bands | copies found |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in reprint_rows(aeb_bodies(), args.seed):
        print(row)
    rows, closest = ecbplus_rows()
    for row in rows:
        print(row)
    print("\nmost alike ECB+ pairs (exact Jaccard):")
    for value, same, first, second in closest:
        print(f"  {value:.3f}  {first}  {second}  {'one incident' if same else 'two incidents'}")
    if args.datasketch:
        print("\n| MinHash | ms per body | mean error against exact Jaccard |\n|---|---|---|")
        for row in datasketch_rows(aeb_bodies(), args.seed):
            print(row)
    if args.timeline17:
        print("\n| Timeline17 topic | articles | pairs proposed by bands | copies accepted "
              "| ms per article |\n|---|---|---|---|---|")
        for row in timeline17_rows():
            print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
