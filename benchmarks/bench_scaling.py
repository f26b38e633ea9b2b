"""How `extract` scales with article length: time and peak memory at 1×, 4×, 16×, 64× a normal
article and at about 1,000,000 characters, against bare spaCy `nlp(text)` on the same texts.

    .venv/bin/python benchmarks/bench_scaling.py [--sizes 1,4,16,64] [--million] [--topic T]

Texts: distinct Timeline17 articles of one topic (../shared/data/timeline17/<topic>), de-tokenized
lightly, cut into news-sized paragraphs (two sentences) and joined with blank lines; 1× is one
article of 4–5k characters. Each (system, size) runs in a fresh process, so peak RSS is its own;
seconds (wall and CPU, the fastest of a few runs for short texts) exclude the model load, and
memory is also given above the process's RSS once the model is loaded and warmed up. "× linear"
is time(N×) / (N · time(1×)) on CPU seconds (wall time swings with other jobs on the cores), and
the same for memory above the loaded model; N is the ratio of the lengths in characters.
Prints a Markdown table; skips cleanly when the data is absent.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import DATA, detokenize  # noqa: E402  (benchmarks share their corpus loader)

# One normal article: the size every multiple is counted in.
UNIT_CHARS = (4_000, 5_000)
MILLION = 1_000_000
SENTENCES_PER_PARAGRAPH = 2
# A run shorter than this is repeated (up to `MAX_RUNS` times) and the fastest counted.
SHORT_RUN_SECONDS = 3.0
MAX_RUNS = 5
SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[“\"A-Z])")
PTB_BRACKETS = {"-LRB- ": "(", " -RRB-": ")", "-LSB- ": "[", " -RSB-": "]", " 's ": "'s "}


def article_texts(topic: str) -> list[str]:
    """The topic's articles, each de-tokenized and cut into paragraphs, distinct, in file order."""
    seen, texts = set(), []
    for article in json.loads((DATA / topic / "articles.json").read_text()):
        text = article["text"].replace("`` ", "“").replace(" ''", "”")
        for token, plain in PTB_BRACKETS.items():
            text = text.replace(token, plain)
        text = detokenize(text).strip()
        if len(text) < 500 or text in seen:
            continue
        seen.add(text)
        texts.append("\n\n".join(paragraphs(text)))
    return texts


def paragraphs(text: str) -> list[str]:
    """Runs of `SENTENCES_PER_PARAGRAPH` sentences, never cut inside a quotation."""
    found, current = [], []
    for sentence in SENTENCE_END.split(text):
        current.append(sentence)
        joined = " ".join(current)
        if len(current) >= SENTENCES_PER_PARAGRAPH and joined.count("“") <= joined.count("”"):
            found.append(joined)
            current = []
    return found + ([" ".join(current)] if current else [])


def long_text(topic: str, multiple: int | None, chars: int | None = None) -> str:
    """`multiple` normal articles (or articles up to `chars` characters), blank lines between.

    1× is the first article of normal length; larger texts start with it and add the topic's
    other articles in order, so every size holds distinct real news."""
    texts = article_texts(topic)
    first = next(i for i, t in enumerate(texts) if UNIT_CHARS[0] <= len(t) <= UNIT_CHARS[1])
    ordered = texts[first:] + texts[:first]
    if chars is None:
        unit = len(ordered[0])
        chars = unit * multiple
    picked, total = [], -2
    for text in ordered:
        if total + 2 + len(text) > chars and total >= chars * 0.98:
            break
        picked.append(text)
        total += 2 + len(text)
        if total >= chars:
            break
    if total < chars * 0.98:
        raise SystemExit(f"topic {topic} has too little text for {chars:,} characters")
    return "\n\n".join(picked)[:max(chars, len(ordered[0]))].rstrip()


def run_child(system: str, topic: str, multiple: int | None, chars: int | None) -> dict:
    """Child process body: load and warm up on another text, then time one article of the asked
    size (the fastest of a few runs when one is short); report seconds and RSS."""
    text = long_text(topic, multiple, chars)
    warm_up = article_texts(topic)[-1]  # lazy loads (the language model) before measuring
    from storyline.config import Config

    config = Config()
    started = time.perf_counter()
    if system == "spacy":
        from storyline.nlp import load_language

        nlp = load_language(config)
        nlp.max_length = max(nlp.max_length, len(text) + 1)  # bare spaCy refuses >1M otherwise

        def process(body: str) -> dict:
            return {"tokens": len(nlp(body))}
    else:
        from storyline.batch import run_batch
        from storyline.inputs.read import article_from_text
        from storyline.pipeline import Failure, Pipeline

        pipeline = Pipeline(config)

        def process(body: str) -> dict:
            article = article_from_text(body, config, "bench", None)
            (result,) = list(run_batch([article], config, workers=1, pipeline=pipeline))
            if isinstance(result, Failure):
                raise SystemExit(f"storyline failed: {result.reason}")
            return {"entities": len(result.entities), "quotes": len(result.quotes),
                    "events": len(result.events), "times": len(result.times)}
    process(warm_up)
    loaded, loaded_kb = time.perf_counter(), _rss_kb()
    runs: list[tuple[float, float]] = []  # (wall, CPU) seconds
    while not runs or (len(runs) < MAX_RUNS and sum(w for w, _ in runs) < SHORT_RUN_SECONDS):
        begun, begun_cpu = time.perf_counter(), time.process_time()
        records = process(text)
        runs.append((time.perf_counter() - begun, time.process_time() - begun_cpu))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"system": system, "multiple": multiple, "chars": len(text),
            "paragraphs": text.count("\n\n") + 1, "load_seconds": loaded - started,
            "seconds": min(w for w, _ in runs), "cpu_seconds": min(c for _, c in runs),
            "runs": len(runs), "loaded_mb": loaded_kb / 1024, "peak_mb": peak_kb / 1024,
            **records}


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(system: str, topic: str, multiple: int | None, chars: int | None) -> dict:
    command = [sys.executable, __file__, "--child", system, "--topic", topic]
    command += ["--chars", str(chars)] if chars else ["--multiple", str(multiple)]
    output = subprocess.run(command, capture_output=True, text=True)
    if output.returncode:
        raise SystemExit(f"{system} at {multiple or chars}: {output.stderr.strip()[-2000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    """One line per run; ratios to linear against the same system's 1× run, on CPU seconds
    (steadier than wall time on a shared machine) and on memory above the loaded model."""
    unit = {row["system"]: row for row in rows if row["multiple"] == 1}
    spacy = {row["chars"]: row for row in rows if row["system"] == "spacy"}
    lines = ["| system | size | characters | paragraphs | seconds | CPU s | × linear (CPU) | "
             "peak RSS MB | above model MB | × linear (memory) | CPU vs bare spaCy |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        base = unit.get(row["system"])
        size = f"{row['multiple']}×" if row["multiple"] else f"{row['chars'] / 1e6:.2f}M chars"
        above = row["peak_mb"] - row["loaded_mb"]
        time_ratio = memory_ratio = versus = "–"
        if base:
            n = row["chars"] / base["chars"]
            time_ratio = f"{row['cpu_seconds'] / (n * base['cpu_seconds']):.2f}"
            base_above = max(base["peak_mb"] - base["loaded_mb"], 1.0)
            memory_ratio = f"{above / (n * base_above):.2f}"
        if row["system"] != "spacy" and row["chars"] in spacy:
            versus = f"{row['cpu_seconds'] / spacy[row['chars']]['cpu_seconds']:.2f}"
        lines.append(f"| {row['system']} | {size} | {row['chars']:,} | {row['paragraphs']:,} | "
                     f"{row['seconds']:.2f} | {row['cpu_seconds']:.2f} | {time_ratio} | "
                     f"{row['peak_mb']:.0f} | {above:.0f} | {memory_ratio} | {versus} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,4,16,64", help="multiples of one article")
    parser.add_argument("--million", action=argparse.BooleanOptionalAction, default=True,
                        help="also run one ~1,000,000-character article (default: yes)")
    parser.add_argument("--topic", default="SyrianCrisis_reuters")
    parser.add_argument("--systems", default="spacy,storyline")
    parser.add_argument("--child")
    parser.add_argument("--multiple", type=int)
    parser.add_argument("--chars", type=int)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.topic, args.multiple, args.chars)))
        return 0
    if not (DATA / args.topic / "articles.json").exists():
        print(f"skipped: {DATA / args.topic} not available")
        return 0
    sizes = [(int(m), None) for m in args.sizes.split(",")]
    if args.million:
        sizes.append((None, MILLION - 10_000))  # just under the default `max_chars`
    rows = []
    for system in args.systems.split(","):
        for multiple, chars in sizes:
            rows.append(measure(system, args.topic, multiple, chars))
            print(f"  {system} {multiple or chars}: {rows[-1]['seconds']:.1f} s, "
                  f"{rows[-1]['peak_mb']:.0f} MB", file=sys.stderr, flush=True)
    print(f"One article of Timeline17 {args.topic} text per row, each a fresh process; seconds "
          "(wall and CPU) exclude the model load; ratios are to the same system's 1× run.\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
