"""Spark against `storyline ingest` on the same WARC pages, and the per-article cost behind a model.

    .venv/bin/python benchmarks/bench_spark.py [--copies 2] [--warcs 16] [--skip-ingest]

Builds WARC files (gzip member per record, a request before each response, as CC-NEWS) from the
Article Extraction Benchmark's pages (../shared/data/aeb/html, 181 pages), each page `--copies`
times under distinct URIs (362 pages by default), spread over `--warcs` files. After a warm-up it
times, on those files: `storyline ingest --workers 1` and `--workers 2` (JSONL out), and the Spark
job on local[1] and local[2]; startup and model load are reported apart from the work. Then, on
one core in this process: the core-seconds per article of WARC reading (FastWARC and warcio beside
ours), HTML extraction and the pipeline; and `storyline ingest OUT --db` of the Spark output.
Prints one JSON object. Skips when ../shared is absent.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "aeb" / "html"


def build_warcs(folder: Path, copies: int, files: int,
                limit: int | None = None) -> tuple[list[Path], int]:
    """The pages (the first `limit` of them) as `files` WARC files; how many were written."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = sorted(DATA.glob("*.html.gz"))[:limit]
    paths = [folder / f"aeb-{index:02d}.warc.gz" for index in range(files)]
    outputs = [path.open("wb") for path in paths]
    writers = [WARCWriter(output, gzip=True) for output in outputs]
    count = 0
    for copy in range(copies):
        for page in pages:
            writer = writers[count % files]
            uri = f"https://aeb.example.org/copy{copy}/{page.name.split('.')[0][:24]}"
            writer.write_record(writer.create_warc_record(
                uri, "request", payload=io.BytesIO(f"GET {uri} HTTP/1.1\r\n\r\n".encode())))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(gzip.decompress(page.read_bytes())),
                http_headers=headers))
            count += 1
    for output in outputs:
        output.close()
    return paths, count


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def ingest_run(warcs: list[Path], one_page: Path, workers: int, folder: Path) -> dict:
    """`storyline ingest` wall time on all pages, less its fixed cost (startup, model load in
    every worker) measured on a one-page WARC with the same workers."""
    storyline = [sys.executable, "-m", "storyline.cli", "ingest", "--quiet", "--workers",
                 str(workers)]
    fixed = timed([*storyline, str(one_page), "--out", str(folder / f"fixed{workers}.jsonl")])
    total = timed([*storyline, *map(str, warcs), "--out", str(folder / f"all{workers}.jsonl")])
    return {"seconds": round(total, 2), "fixed_seconds": round(fixed, 2),
            "work_seconds": round(total - fixed, 2)}


def spark_run(spark_master: str, warcs: list[Path], folder: Path) -> dict:
    """The job in this process: session start, then the job (each worker loads the model once)."""
    from pyspark.sql import SparkSession

    from storyline.config import Config
    from storyline.spark_job import run_job

    started = time.perf_counter()
    spark = (SparkSession.builder.master(spark_master).appName("bench")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.log.level", "ERROR")
             .getOrCreate())
    startup = time.perf_counter() - started
    out = folder / f"out-{spark_master.strip('local[]')}"
    started = time.perf_counter()
    result = run_job(spark, list(map(str, warcs)), str(out), Config())
    job = time.perf_counter() - started
    spark.stop()
    tasks = result["tasks"]
    model = max(task["model_seconds"] for task in tasks)
    return {"startup_seconds": round(startup, 2), "job_seconds": round(job, 2),
            "model_seconds": round(model, 2), "work_seconds": round(job - model, 2),
            "workers": len({task["worker"] for task in tasks}),
            # the tasks' own seconds over the cores' time: below 1 where a core waited
            "busy_share": round(sum(task["seconds"] for task in tasks)
                                / (int(spark_master.strip("local[]")) * (job - model)), 3),
            "articles": result["totals"].get("articles", 0),
            "records": result["totals"].get("records", 0),
            "errors": result["totals"].get("errors", 0), "out": str(out)}


def reading_costs(warcs: list[Path]) -> dict:
    """Seconds to read every response of the files: ours (framing + FastWARC), FastWARC's own
    iterator, warcio's, and our framing with warcio parsing each record."""
    from fastwarc.warc import ArchiveIterator as FastIterator, WarcRecordType
    from warcio.archiveiterator import ArchiveIterator

    from storyline.config import Config
    from storyline.inputs import warc
    from storyline.inputs.archive_stream import ArchiveStream

    def ours_with(parse):
        for path in warcs:
            with path.open("rb") as file:
                for frame in warc._frames(ArchiveStream(file), Config()):
                    if getattr(frame, "data", None) is not None:
                        parse(frame.data)

    def fastwarc_parse(data):
        next(iter(FastIterator(io.BytesIO(data), auto_decode="all"))).reader.read()

    def warcio_parse(data):
        next(iter(ArchiveIterator(io.BytesIO(data)))).content_stream().read()

    def fastwarc_alone():
        for path in warcs:
            with path.open("rb") as file:
                for record in FastIterator(file, record_types=WarcRecordType.response):
                    record.reader.read()

    def warcio_alone():
        for path in warcs:
            with path.open("rb") as file:
                for record in ArchiveIterator(file):
                    if record.rec_type == "response":
                        record.content_stream().read()

    runs = {"ours_fastwarc": lambda: ours_with(fastwarc_parse),
            "ours_warcio": lambda: ours_with(warcio_parse),
            "fastwarc_iterator": fastwarc_alone, "warcio_iterator": warcio_alone}
    seconds = {}
    for name, run in runs.items():
        run()  # warm
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - started)
        seconds[name] = round(best, 4)
    return seconds


def core_seconds(warcs: list[Path], pages: int) -> dict:
    """Per article, on one core: reading (ours), HTML extraction, and the pipeline."""
    from storyline.config import Config
    from storyline.inputs.warc import warc_records
    from storyline.pipeline import Pipeline

    pipeline = Pipeline(Config())
    reading = reading_costs(warcs)
    started = time.perf_counter()
    articles = [record.article for path in warcs for record in warc_records(str(path), Config())
                if record.article is not None]
    read_and_extract = time.perf_counter() - started
    started = time.perf_counter()
    finished = sum(1 for _ in pipeline.run_many(articles))
    pipeline_seconds = time.perf_counter() - started
    per = {"read": reading["ours_fastwarc"] / pages,
           "extract": (read_and_extract - reading["ours_fastwarc"]) / len(articles),
           "pipeline": pipeline_seconds / finished}
    return {"reading_seconds": reading, "per_article": {k: round(v, 5) for k, v in per.items()},
            "articles": len(articles)}


def store_ingest(out: str, folder: Path, articles: int) -> dict:
    db = folder / "from-spark.db"
    seconds = timed([sys.executable, "-m", "storyline.cli", "ingest", out, "--db", str(db),
                     "--quiet"])
    return {"seconds": round(seconds, 2), "articles_per_s": round(articles / seconds, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--warcs", type=int, default=16)
    parser.add_argument("--limit", type=int, help="only the first N pages (a quick check)")
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not available")
        return 0
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    folder = Path(tempfile.mkdtemp(prefix="bench-spark-"))
    try:
        warcs, pages = build_warcs(folder, args.copies, args.warcs, args.limit)
        (folder / "one").mkdir()
        one_page, _ = build_warcs(folder / "one", 1, 1, limit=1)
        report = {"pages": pages, "warc_files": len(warcs),
                  "load_before": os.getloadavg()[0]}
        timed([sys.executable, "-m", "storyline.cli", "ingest", "--quiet", "--workers", "1",
               str(one_page[0]), "--out", str(folder / "warm.jsonl")])  # warm-up
        if not args.skip_ingest:
            report["ingest"] = {f"workers_{n}": ingest_run(warcs, one_page[0], n, folder)
                                for n in (1, 2)}
        report["spark"] = {f"local_{n}": spark_run(f"local[{n}]", warcs, folder) for n in (1, 2)}
        one, two = report["spark"]["local_1"], report["spark"]["local_2"]
        for run in (one, two):
            run["articles_per_s"] = round(run["articles"] / run["job_seconds"], 2)
            run["articles_per_s_work"] = round(run["articles"] / run["work_seconds"], 2)
        report["spark_speedup"] = round(one["job_seconds"] / two["job_seconds"], 2)
        report["efficiency"] = round(one["job_seconds"] / (2 * two["job_seconds"]), 3)
        report["efficiency_work"] = round(one["work_seconds"] / (2 * two["work_seconds"]), 3)
        if "ingest" in report:
            for run in report["ingest"].values():
                run["articles_per_s"] = round(pages / run["seconds"], 2)
                run["articles_per_s_work"] = round(pages / run["work_seconds"], 2)
            ingest_two = report["ingest"]["workers_2"]
            report["spark2_vs_ingest2"] = round(ingest_two["seconds"] / two["job_seconds"], 2)
            report["spark2_vs_ingest2_work"] = round(
                ingest_two["work_seconds"] / two["work_seconds"], 2)
        report["core_seconds"] = core_seconds(warcs, pages)
        report["store_ingest"] = store_ingest(two["out"], folder, two["articles"])
        report["load_after"] = os.getloadavg()[0]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
