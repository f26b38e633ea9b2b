"""Speed and peak memory of storyline's HTML path against trafilatura alone, on the AEB pages.

    .venv/bin/python benchmarks/bench_html.py ../shared/data/aeb [--pages 181] [--repeat 1]

Systems, each in its own fresh process so that its peak memory (max RSS) is its own:
- trafilatura: `trafilatura.extract(html)` with its defaults (body only, no metadata);
- storyline html: `article_from_html` (metadata, furniture set aside, body, checks);
- storyline html+clean: the same, then the text-cleaning stage, as `storyline extract` runs it.
Pages are read and decompressed before the clock starts; wall time and CPU time are both
reported (CPU time is the fairer comparison when other work shares the machine). Prints a Markdown table; exits 0 with
a message when the data is absent.
"""
from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

SYSTEMS = ("trafilatura", "storyline html", "storyline html+clean")


def load_pages(folder: Path, count: int) -> list[str]:
    paths = sorted((folder / "html").glob("*.html.gz"))[:count]
    return [gzip.decompress(path.read_bytes()).decode("utf-8") for path in paths]


def run_system(system: str, folder: Path, count: int, repeat: int) -> dict:
    """Child process body: time one system over the pages, report pages/s and max RSS."""
    pages = load_pages(folder, count)
    import trafilatura  # imports are not timed: each system pays them once per process

    from storyline.clean.text import clean_article
    from storyline.config import Config
    from storyline.errors import StorylineError
    from storyline.inputs.html import article_from_html

    config = Config()
    baseline = _max_rss_mb()
    failures = 0
    cpu_started = time.process_time()
    started = time.perf_counter()
    for _ in range(repeat):
        for html in pages:
            try:
                if system == "trafilatura":
                    failures += not trafilatura.extract(html)
                else:
                    article = article_from_html(html, config)
                    if system.endswith("+clean"):
                        clean_article(article, config)
            except StorylineError:
                failures += 1
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return {"system": system, "pages": len(pages) * repeat, "seconds": seconds,
            "pages_per_second": len(pages) * repeat / seconds, "failures": failures // repeat,
            "pages_per_cpu_second": len(pages) * repeat / cpu,
            "max_rss_mb": _max_rss_mb(), "rss_before_mb": baseline}


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aeb", nargs="?", default=str(Path(__file__).resolve().parents[1].parent
                                                      / "shared" / "data" / "aeb"))
    parser.add_argument("--pages", type=int, default=181)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = Path(args.aeb)
    if not (folder / "html").is_dir():
        print(f"AEB pages not found at {folder}: nothing to measure (skipped).")
        return 0
    if args.child:
        print(json.dumps(run_system(args.child, folder, args.pages, args.repeat)))
        return 0
    rows = []
    for system in SYSTEMS:
        out = subprocess.run([sys.executable, __file__, str(folder), "--pages", str(args.pages),
                              "--repeat", str(args.repeat), "--child", system],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    base = rows[0]["pages_per_cpu_second"]
    print(f"HTML path on {rows[0]['pages']} AEB page runs (each system in a fresh process; "
          "CPU time is steadier than wall time on a shared machine)\n")
    print("| system | pages/s (wall) | pages per CPU-second | relative (CPU) | failures "
          "| peak RSS MB | RSS before MB |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['system']} | {row['pages_per_second']:.1f} | "
              f"{row['pages_per_cpu_second']:.1f} | {row['pages_per_cpu_second'] / base:.2f}x | "
              f"{row['failures']} | {row['max_rss_mb']:.0f} | {row['rss_before_mb']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
