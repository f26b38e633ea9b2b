"""`storyline spark`: WARC archives (CC-NEWS) through the pipeline on Apache Spark, into Parquet."""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ..batch import default_workers
from ..errors import PARTIAL_FAILURE_EXIT, SparkUnavailable, UsageError
from ..nlp import resolve_model_name
from .options import config_from, count

# Spark 4 runs on Java 17 or later.
JAVA_NEEDED = 17
MASTER = re.compile(r"local(\[([0-9]+|\*)\])?|(spark|yarn|k8s|mesos)(://.*)?")


def add_parser(commands) -> None:
    spark = commands.add_parser(
        "spark", help="WARC archives on Apache Spark, one WARC per task, into Parquet",
        description="Run the pipeline over WARC files (CC-NEWS) on Spark: one WARC per task, "
                    "each worker loading the model once. Writes OUT/articles/ (Parquet, by "
                    "publication month), OUT/errors/ (one row per failed record) and OUT/_done/ "
                    "(the WARCs finished: a rerun skips them; a WARC stopped halfway is redone "
                    "whole). Needs `pip install \"storyline[spark]\"` and Java 17+.",
        epilog="INPUT: .warc/.warc.gz files, folders of them, or a listing (warc.paths[.gz], one "
               "path a line). Remote paths (s3a://, https://) are read by the workers; see the "
               "README for spark-submit on a cluster. Exit code 1 when any record failed, 16 "
               "when pyspark or Java is missing.")
    spark.add_argument("inputs", nargs="*", metavar="INPUT", help="WARC files, folders, listings")
    spark.add_argument("--out", metavar="DIR", help="output folder (created if missing)")
    spark.add_argument("--master", help="Spark master (default: local[N], N = the cores here)")
    spark.add_argument("--partitions", type=int,
                       help="tasks to spread the WARCs over (default: one per WARC)")
    spark.add_argument("--input-base-url", metavar="URL",
                       help="prefix for the relative paths of a listing, e.g. "
                            "https://data.commoncrawl.org/ (default: the listing's folder)")
    spark.add_argument("--model", help="spaCy pipeline package (default: the best installed)")
    spark.add_argument("--require-english", action="store_true",
                       help="refuse articles that are not English instead of reading them")
    spark.add_argument("--print-entry", action="store_true",
                       help="print the path of the entry script for spark-submit, and exit")
    spark.add_argument("--quiet", action="store_true", help="no Spark progress bar")
    spark.add_argument("--submitted", action="store_true", help=argparse.SUPPRESS)
    spark.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .. import spark_job

    if args.print_entry:
        print(spark_job.__file__)
        return 0
    if not args.inputs or not args.out:
        raise UsageError("spark needs INPUT... and --out DIR")
    partitions = count(args.partitions, "--partitions")
    if args.master and not MASTER.fullmatch(args.master):
        raise UsageError(f"--master {args.master!r} is not a Spark master (local[N], yarn, "
                         "spark://HOST:PORT, k8s://...)")
    config = config_from(args)
    resolve_model_name(config)  # before the JVM starts
    spark = start_session(args)
    try:
        paths = spark_job.warc_paths(args.inputs, args.input_base_url, config)
        result = spark_job.run_job(spark, paths, args.out, config, partitions)
    finally:
        spark.stop()
    return report(result)


def report(result: dict) -> int:
    totals = result["totals"]
    records, articles = totals.get("records", 0), totals.get("articles", 0)
    errors, skipped = totals.get("errors", 0), totals.get("skipped", 0)
    why = ", ".join(f"{key.removeprefix('skipped: ')} {value}"
                    for key, value in sorted(totals.items()) if key.startswith("skipped: "))
    workers = len({task["worker"] for task in result["tasks"]})
    print(f"storyline: {len(result['tasks'])} WARC files processed by {workers} worker "
          f"processes, {result['already_done']} already done", file=sys.stderr)
    print(f"storyline: {records} records seen = {articles} articles + {errors} errors + "
          f"{skipped} skipped" + (f" ({why})" if why else ""), file=sys.stderr)
    if totals.get("warcs_failed"):
        print(f"storyline: {totals['warcs_failed']} WARC files unreadable as a whole (one row "
              "each in errors/)", file=sys.stderr)
    for task in result["tasks"]:
        if "reason" in task:
            print(f"storyline: {task['warc']}: not read, left for a rerun ({task['reason']})",
                  file=sys.stderr)
    failed = errors + totals.get("warcs_failed", 0) + totals.get("warcs_unreadable", 0)
    return PARTIAL_FAILURE_EXIT if failed else 0


def start_session(args: argparse.Namespace):
    """A SparkSession: spark-submit's when submitted, else local[N] (or --master)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable('pyspark is not installed; install it with '
                               'pip install "storyline[spark]"') from None
    check_java()
    # The workers must run this Python (its packages, its spaCy model), not the first on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    logging = Path(__file__).resolve().parents[1] / "spark_log4j2.properties"
    builder = (SparkSession.builder.appName("storyline")
               .config("spark.driver.extraJavaOptions",
                       f"-Dlog4j2.configurationFile={logging.as_uri()}"))
    if not args.submitted:
        master = args.master or f"local[{default_workers()}]"
        if master.startswith("local"):  # one machine: no need to look up its network name
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.master(master)
        builder = builder.config("spark.ui.showConsoleProgress", str(not args.quiet).lower())
    try:
        spark = builder.getOrCreate()
    except Exception as error:  # the JVM did not start: one line, not its stack
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise SparkUnavailable(f"Spark did not start: {message}") from None
    return spark


def check_java() -> None:
    """Java 17+ where Spark will look for it (JAVA_HOME, else PATH)."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise SparkUnavailable(f"Spark needs Java {JAVA_NEEDED} or later and none was found "
                               "(install openjdk-17-jre-headless, or set JAVA_HOME)")
    try:
        shown = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        raise SparkUnavailable(f"{java} does not run ({error})") from None
    version = re.search(r'version "(\d+)(?:\.(\d+))?', shown.stderr + shown.stdout)
    major = int(version.group(1)) if version else 0
    if major == 1 and version.group(2):  # "1.8.0" is Java 8
        major = int(version.group(2))
    if major < JAVA_NEEDED:
        raise SparkUnavailable(f"Spark needs Java {JAVA_NEEDED} or later; {java} is "
                               f"{'version ' + str(major) if major else 'of unknown version'}")
