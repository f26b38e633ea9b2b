"""Running the pipeline over many articles on several cores, in input order.

Each worker process builds its own `Pipeline` once and processes chunks of articles; only the
finished records travel back. A record that fails becomes a `Failure`; the batch goes on.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Iterable, Iterator

from .config import Config
from .errors import StorylineError
from .pipeline import Failure, Pipeline, Skipped
from .record import Article

Item = Article | StorylineError
# Seconds between checks that the workers are still alive while waiting for a result.
LIVENESS_POLL = 1.0


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def as_failure(error: StorylineError) -> Failure:
    """A reading error (bad JSONL line, unreachable URL) as the batch's record of it."""
    location = getattr(error, "location", None)
    record_id = getattr(error, "record_id", None) or location or "?"
    return Failure(str(record_id), location, str(error), type(error).__name__, error.exit_code)


Result = Article | Failure | Skipped


def run_batch(items: Iterable[Item], config: Config, workers: int = 1,
              pipeline: Pipeline | None = None,
              skip_ids: frozenset[str] = frozenset()) -> Iterator[Result]:
    """Yield one finished `Article`, `Failure` or `Skipped` per input item, in input order."""
    if workers <= 1:
        yield from _run_here(items, config, pipeline or Pipeline(config), skip_ids)
    else:
        yield from _run_in_workers(items, config, workers, skip_ids)


def _run_here(items: Iterable[Item], config: Config, pipeline: Pipeline,
              skip_ids: frozenset[str]) -> Iterator[Result]:
    pending: list[Article] = []
    for item in items:
        if isinstance(item, Article):
            pending.append(item)
            if len(pending) >= config.batch_size:
                yield from pipeline.run_many(pending, skip_ids)
                pending = []
            continue
        yield from pipeline.run_many(pending, skip_ids)
        pending = []
        yield as_failure(item)
    yield from pipeline.run_many(pending, skip_ids)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _worker(config: Config, skip_ids: frozenset[str], inbox, outbox) -> None:
    pipeline = Pipeline(config)
    while (job := inbox.get()) is not None:
        index, chunk = job
        outbox.put((index, list(_run_here(chunk, config, pipeline, skip_ids))))


def _run_in_workers(items: Iterable[Item], config: Config, workers: int,
                    skip_ids: frozenset[str]) -> Iterator[Result]:
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    inbox, outbox = context.Queue(maxsize=workers * 2), context.Queue()
    processes = [context.Process(target=_worker, args=(config, skip_ids, inbox, outbox), daemon=True)
                 for _ in range(workers)]
    for process in processes:
        process.start()
    sent = {"count": 0, "done": False}
    feeding_error: list[BaseException] = []

    def feed() -> None:
        try:
            for index, chunk in enumerate(_chunks(items, config.batch_size)):
                inbox.put((index, chunk))
                sent["count"] = index + 1
        except BaseException as error:  # reported in the main thread below
            feeding_error.append(error)
        finally:
            sent["done"] = True
            for _ in processes:
                inbox.put(None)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    waiting: dict[int, list[Result]] = {}
    next_index = 0
    try:
        while not (sent["done"] and next_index >= sent["count"]):
            try:
                index, results = outbox.get(timeout=LIVENESS_POLL)
            except queue.Empty:
                if not any(process.is_alive() for process in processes):
                    raise StorylineError("all batch workers stopped unexpectedly") from None
                continue
            waiting[index] = results
            while next_index in waiting:
                yield from waiting.pop(next_index)
                next_index += 1
        if feeding_error:
            raise feeding_error[0]
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()

