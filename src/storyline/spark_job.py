"""The Spark job behind `storyline spark`: WARC files in, Parquet out, one WARC per task.

As Common Crawl's cc-pyspark jobs do, the driver lists the WARC files and spreads them over the
tasks of an RDD (one WARC per partition by default), and `mapPartitions` runs each partition's
WARCs in a Python worker: every record through `warc_records` (offset, target URI, what became
of it), the HTML responses' articles through the unchanged `Pipeline` in batches, and the rows
out. Each task writes its WARC's output itself (`articles/month=YYYY-MM/part-KEY.parquet`,
`errors/part-KEY.parquet`) under hidden temporary names, renames them into place, and writes the
WARC's `_done/KEY.json` marker last. A rerun skips the WARCs with a marker and first removes
what an unfinished WARC left, so a WARC that failed halfway is redone whole, never half-counted.
The counts come back to the driver with each task's result (exact even when a task is retried,
which accumulators are not).

Run as a script, this module is the entry point for `spark-submit` (`storyline spark
--print-entry` prints its path); it takes the same arguments as `storyline spark`.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.config import Config
from storyline.errors import (EmptyInput, FetchFailed, InputNotFound, MalformedRecord,
                              OutputUnwritable, StorylineError)
from storyline.inputs import parquet
from storyline.inputs.warc import warc_records
from storyline.pipeline import Failure, Pipeline

WARC_SUFFIXES = (".warc", ".warc.gz")
LISTING_SUFFIXES = (".paths", ".paths.gz", ".txt", ".txt.gz")
REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
# Rows kept per month before they are written out as a Parquet row group.
ROW_GROUP = 128
# Bytes per read when a remote WARC is copied to local disk.
COPY_STEP = 1 << 20

# The one module-level cache the house allows. A Spark Python worker is a long-lived process that
# runs task after task (spark.python.worker.reuse, on by default), and loading the spaCy model
# takes seconds and hundreds of MB: each worker loads it once, on its first task, and reuses it
# for every record of every later task. Keyed by the frozen `Config` a task brings.
_WORKER_PIPELINES: dict[Config, Pipeline] = {}


def worker_pipeline(config: Config) -> Pipeline:
    if config not in _WORKER_PIPELINES:
        _WORKER_PIPELINES[config] = Pipeline(config)
    return _WORKER_PIPELINES[config]


# -- the driver -------------------------------------------------------------------------------

def warc_paths(inputs: Iterable[str], base_url: str | None = None,
               config: Config = Config()) -> list[str]:
    """The WARC files named by `inputs`: files, folders of them, or listings (one path a line,
    optionally gzipped, as CC-NEWS's warc.paths.gz; a remote one is fetched like a remote WARC).
    A relative path in a listing is taken against `base_url`, else against the listing's folder."""
    found: list[str] = []
    for location in inputs:
        if location.lower().endswith(LISTING_SUFFIXES):
            found += _listed(location, base_url, config)
        elif REMOTE.match(location):
            found.append(location)
        elif Path(location).is_dir():
            found += sorted(str(path) for path in Path(location).resolve().rglob("*")
                            if path.name.lower().endswith(WARC_SUFFIXES) and path.is_file())
        elif Path(location).is_file():
            found.append(str(Path(location).resolve()))
        else:
            raise InputNotFound(f"{location}: no such file or folder")
    if not found:
        raise EmptyInput(f"no WARC files in {', '.join(inputs)}")
    return list(dict.fromkeys(found))


def _listed(location: str, base_url: str | None, config: Config) -> list[str]:
    remote = REMOTE.match(location) and not location.lower().startswith("file://")
    if not remote and not Path(location.removeprefix("file://")).is_file():
        raise InputNotFound(f"{location}: no such listing")
    with local_copy(location, config) as local:
        opener = gzip.open if location.lower().endswith(".gz") else open
        try:
            with opener(local, "rt", encoding="utf-8") as listing:
                lines = listing.read().splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise MalformedRecord(f"{location}: not a listing of paths ({error})") from None
    base = base_url or (location.rsplit("/", 1)[0] + "/" if remote
                        else str(Path(local).resolve().parent) + "/")
    paths = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return [path if REMOTE.match(path) or path.startswith("/") else base + path
            for path in paths]


def warc_key(path: str) -> str:
    """A file name for one WARC's outputs: its own name, and a hash of its whole path (two
    folders may hold WARCs of the same name)."""
    name = re.sub(r"\.warc(\.gz)?$", "", path.rstrip("/").rsplit("/", 1)[-1], flags=re.I)
    digest = hashlib.sha256(path.encode("utf-8")).hexdigest()[:10]
    return f"{re.sub(r'[^A-Za-z0-9._-]', '_', name)[:120]}-{digest}"


def run_job(spark, paths: list[str], out: str, config: Config,
            partitions: int | None = None) -> dict:
    """Run the job over `paths` into `out`; the totals, the WARCs done before, and each task's
    summary (one per WARC processed now)."""
    output = Output(out)
    try:
        output.fs.create_dir(output.root)
    except OSError as error:
        raise OutputUnwritable(f"--out {out}: cannot be written ({error})") from None
    done = output.done_keys()
    output.sweep(done)
    todo = [path for path in paths if warc_key(path) not in done]
    summaries: list[dict] = []
    if todo:
        slices = min(partitions or len(todo), len(todo))
        tasks = spark.sparkContext.parallelize(todo, slices)
        summaries = tasks.mapPartitions(
            lambda warcs: process_warcs(warcs, out, config)).collect()
    totals = Counter()
    for summary in summaries:
        totals.update(summary["counts"])
    return {"warcs": len(paths), "already_done": len(paths) - len(todo),
            "totals": dict(totals), "tasks": summaries}


# -- the workers ------------------------------------------------------------------------------

def process_warcs(warcs: Iterator[str], out: str, config: Config) -> Iterator[dict]:
    """One partition's WARC files, one after another, in this worker's process."""
    started = time.perf_counter()
    pipeline = worker_pipeline(config)
    loaded = round(time.perf_counter() - started, 3)  # 0 once this worker has the model
    for path in warcs:
        yield dict(process_warc(path, out, config, pipeline), model_seconds=loaded)
        loaded = 0.0


def process_warc(path: str, out: str, config: Config, pipeline: Pipeline) -> dict:
    """One WARC: every record accounted for, its rows written, then its marker."""
    started, key = time.perf_counter(), warc_key(path)
    counts: Counter = Counter()
    output = Output(out)
    writer = output.writer(key)
    try:
        with local_copy(path, config) as local:
            for chunk in _chunks(warc_records(local, config), config.batch_size):
                results = iter(pipeline.run_many([r.article for r in chunk if r.article]))
                for record in chunk:
                    counts["records"] += 1
                    if record.article is not None:
                        result = next(results)
                        if isinstance(result, Failure):
                            writer.error(path, record.offset, record.uri, result.id,
                                         result.error, result.reason)
                            counts["errors"] += 1
                        else:
                            writer.article(parquet.article_row(result, path, record.offset))
                            counts["articles"] += 1
                    elif record.error is not None:
                        writer.error(path, record.offset, record.uri,
                                     getattr(record.error, "record_id", record.record_id),
                                     type(record.error).__name__, str(record.error))
                        counts["errors"] += 1
                    else:
                        counts["skipped"] += 1
                        counts[f"skipped: {record.why}"] += 1
    except (InputNotFound, FetchFailed) as error:  # not read at all: left to a rerun
        writer.abort()
        return {"warc": path, "counts": {"warcs_unreadable": 1}, "reason": str(error),
                "worker": os.getpid(), "seconds": time.perf_counter() - started}
    except StorylineError as error:  # the whole file is no WARC (or an empty one): one row
        writer.error(path, None, None, None, type(error).__name__, str(error))
        counts["warcs_failed"] += 1
    except BaseException:
        writer.abort()
        raise
    summary = {"warc": path, "key": key, "counts": dict(counts), "worker": os.getpid(),
               "seconds": round(time.perf_counter() - started, 3)}
    writer.commit(summary)
    return summary


def _chunks(records, size: int):
    chunk, articles = [], 0
    for record in records:
        chunk.append(record)
        articles += record.article is not None
        if articles >= size:
            yield chunk
            chunk, articles = [], 0
    if chunk:
        yield chunk


@contextmanager
def local_copy(path: str, config: Config):
    """A local file for `path`: itself, or a remote WARC (https://, s3a://, hdfs://, ...)
    copied to a temporary file for the task (and removed after it)."""
    if not REMOTE.match(path) or path.lower().startswith("file://"):
        yield path.removeprefix("file://")
        return
    with tempfile.NamedTemporaryFile(suffix=".warc.gz" if path.endswith(".gz") else ".warc",
                                     delete=False) as copy:
        try:
            _download(path, copy, config)
        except Exception as error:
            os.unlink(copy.name)
            if isinstance(error, StorylineError):
                raise
            raise FetchFailed(f"{path}: cannot be read ({type(error).__name__}: {error})") from None
    try:
        yield copy.name
    finally:
        os.unlink(copy.name)


def _download(path: str, target, config: Config) -> None:
    if path.lower().startswith(("http://", "https://")):
        import httpx

        from storyline.inputs.addresses import refuse_private_address

        refuse_private_address(path, config)
        with httpx.stream("GET", path, timeout=config.fetch_timeout, follow_redirects=False,
                          headers={"User-Agent": config.user_agent}) as response:
            if response.status_code != 200:
                raise FetchFailed(f"{path}: HTTP {response.status_code}")
            for block in response.iter_bytes(COPY_STEP):
                target.write(block)
        return
    from pyarrow import fs

    filesystem, where = fs.FileSystem.from_uri(re.sub(r"^s3a://", "s3://", path))
    with filesystem.open_input_stream(where) as source:
        shutil.copyfileobj(source, target, COPY_STEP)


# -- the output folder ------------------------------------------------------------------------

class Output:
    """`--out`: a local folder, or any filesystem pyarrow opens (s3a:// as s3://, hdfs://)."""

    def __init__(self, out: str):
        from pyarrow import fs

        if REMOTE.match(out) and not out.lower().startswith("file://"):
            self.fs, self.root = fs.FileSystem.from_uri(re.sub(r"^s3a://", "s3://", out))
        else:
            self.fs, self.root = fs.LocalFileSystem(), str(Path(out.removeprefix("file://"))
                                                           .resolve())
        self.root = self.root.rstrip("/")

    def path(self, *parts: str) -> str:
        return "/".join((self.root, *parts))

    def done_keys(self) -> set[str]:
        from pyarrow import fs

        selector = fs.FileSelector(self.path(parquet.DONE_DIR), allow_not_found=True)
        return {info.base_name[:-5] for info in self.fs.get_file_info(selector)
                if info.base_name.endswith(".json")}

    def sweep(self, done: set[str]) -> None:
        """Remove what unfinished WARCs left: temporary files, and parts with no marker."""
        from pyarrow import fs

        for folder in (parquet.ARTICLES_DIR, parquet.ERRORS_DIR, parquet.DONE_DIR):
            selector = fs.FileSelector(self.path(folder), recursive=True, allow_not_found=True)
            for info in self.fs.get_file_info(selector):
                name = info.base_name
                key = re.sub(r"^part-|\.parquet$", "", name)
                if info.type == fs.FileType.File and (
                        name.startswith(".") or (name.startswith("part-") and key not in done)):
                    self.fs.delete_file(info.path)

    def writer(self, key: str) -> "WarcWriter":
        return WarcWriter(self, key)


class WarcWriter:
    """One WARC's rows, streamed to hidden temporary files and renamed into place on commit."""

    def __init__(self, output: Output, key: str):
        self.output, self.key = output, key
        self.token = uuid.uuid4().hex[:8]
        self.pending: dict[str, list[dict]] = {}
        self.writers: dict[str, tuple[object, str, str]] = {}  # folder -> writer, temp, final
        self.errors: list[dict] = []

    def article(self, row: dict) -> None:
        folder = f"{parquet.ARTICLES_DIR}/month={parquet.month_of(row)}"
        self.pending.setdefault(folder, []).append(row)
        if len(self.pending[folder]) >= ROW_GROUP:
            self._flush(folder)

    def error(self, warc, offset, uri, record_id, kind, reason) -> None:
        self.errors.append({"warc": warc, "offset": offset, "uri": uri or None,
                            "record_id": record_id or None, "kind": kind, "reason": reason})

    def commit(self, summary: dict) -> None:
        import json

        for folder in list(self.pending):
            self._flush(folder)
        if self.errors:
            self.pending[parquet.ERRORS_DIR] = self.errors
            self._flush(parquet.ERRORS_DIR, parquet.error_schema())
        finals = []
        for writer, temp, final in self.writers.values():
            writer.close()
            self.output.fs.move(temp, final)
            finals.append(final[len(self.output.root) + 1:])
        marker = dict(summary, articles=sorted(f for f in finals
                                               if f.startswith(parquet.ARTICLES_DIR)),
                      errors=[f for f in finals if f.startswith(parquet.ERRORS_DIR)])
        done = self.output.path(parquet.DONE_DIR)
        self.output.fs.create_dir(done)
        temp = f"{done}/.{self.key}.{self.token}"
        with self.output.fs.open_output_stream(temp) as stream:
            stream.write(json.dumps(marker, ensure_ascii=False, indent=1).encode("utf-8"))
        self.output.fs.move(temp, f"{done}/{self.key}.json")

    def abort(self) -> None:
        for writer, temp, _ in self.writers.values():
            writer.close()
            self.output.fs.delete_file(temp)
        self.writers = {}

    def _flush(self, folder: str, schema=None) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self.pending.pop(folder, [])
        if not rows:
            return
        schema = schema or parquet.article_schema()
        if folder not in self.writers:
            directory = self.output.path(folder)
            self.output.fs.create_dir(directory)
            temp = f"{directory}/.part-{self.key}.{self.token}"
            writer = pq.ParquetWriter(temp, schema, filesystem=self.output.fs,
                                      compression="zstd")
            self.writers[folder] = (writer, temp, f"{directory}/part-{self.key}.parquet")
        self.writers[folder][0].write_table(pa.Table.from_pylist(rows, schema=schema))


if __name__ == "__main__":  # under spark-submit: the master and settings are spark-submit's
    from storyline.cli import main

    sys.exit(main(["spark", "--submitted", *sys.argv[1:]]))
