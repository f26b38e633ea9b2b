"""Running the pipeline over many articles on several cores, in input order.

Each worker process builds its own `Pipeline` once and processes chunks of articles; only the
finished records travel back. A record that fails becomes a `Failure`; the batch goes on. A
worker that cannot start reports why, and workers die with the batch's process, even when it is
killed outright (each holds a model in memory).
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator

from .config import Config
from .errors import StorylineError
from .nlp import resolve_model_name
from .pipeline import Failure, Pipeline, Skipped
from .record import Article

Item = Article | StorylineError
# Seconds between checks that the workers are still alive while waiting for a result.
LIVENESS_POLL = 1.0
# Seconds between a worker's checks that its parent lives, where the kernel cannot tell it.
PARENT_POLL = 1.0
# prctl(2) option: the signal a process gets when its parent dies (<linux/prctl.h>).
PR_SET_PDEATHSIG = 1
# In place of a chunk index: the worker could not start, and the error follows.
NOT_STARTED = -1


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def as_failure(error: StorylineError) -> Failure:
    """A reading error (bad JSONL line, unreachable URL) as the batch's record of it."""
    location = getattr(error, "location", None)
    record_id = str(getattr(error, "record_id", None) or location or "?")
    reason = str(error)
    if reason.startswith(f"{record_id}: "):  # the id says where; the reason need not repeat it
        reason = reason[len(record_id) + 2:]
    return Failure(record_id, location, reason, type(error).__name__, error.exit_code)


def describe(failure: Failure) -> str:
    """A failure as one line for the terminal: the id, then the reason (not naming it twice)."""
    if failure.reason.startswith(f"{failure.id}: "):
        return failure.reason
    return f"{failure.id}: {failure.reason}"


Result = Article | Failure | Skipped


def run_batch(items: Iterable[Item], config: Config, workers: int = 1,
              pipeline: Pipeline | None = None,
              skip_ids: frozenset[str] = frozenset()) -> Iterator[Result]:
    """One finished `Article`, `Failure` or `Skipped` per input item, in input order.

    The model is looked for now, not at the first result: a missing one is `ModelNotInstalled`
    before a caller writes any output, and before any worker starts.
    """
    if workers <= 1:
        return _run_here(items, config, pipeline or Pipeline(config), skip_ids)
    resolve_model_name(config)
    return _run_in_workers(items, config, workers, skip_ids)


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


def _worker(config: Config, skip_ids: frozenset[str], inbox, outbox, parent: int) -> None:
    _die_with(parent)
    try:
        pipeline = Pipeline(config)
    except Exception as error:  # reported by the parent as one line, not a worker's traceback
        if not isinstance(error, StorylineError):
            error = StorylineError(f"a batch worker could not start: {type(error).__name__}: "
                                   f"{error}")
        outbox.put((NOT_STARTED, error))
        return
    while (job := inbox.get()) is not None:
        index, chunk = job
        outbox.put((index, list(_run_here(chunk, config, pipeline, skip_ids))))


def _die_with(parent: int) -> None:
    """End this worker when the process that started it ends, however it ends."""
    if not _kernel_kills_on_parent_death():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the request above took effect
        os._exit(1)


def _kernel_kills_on_parent_death() -> bool:
    """On Linux, ask for SIGKILL when the parent dies. (Strictly, when the parent's thread that
    started the worker ends: the thread iterating the batch, which outlives it.)"""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Elsewhere: an orphan is adopted by another process, so its parent id changes."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _run_in_workers(items: Iterable[Item], config: Config, workers: int,
                    skip_ids: frozenset[str]) -> Iterator[Result]:
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    inbox, outbox = context.Queue(maxsize=workers * 2), context.Queue()
    processes = [context.Process(target=_worker, daemon=True,
                                 args=(config, skip_ids, inbox, outbox, os.getpid()))
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
    next_index, finished = 0, False
    try:
        while not (sent["done"] and next_index >= sent["count"]):
            try:
                index, results = outbox.get(timeout=LIVENESS_POLL)
            except queue.Empty:
                if not any(process.is_alive() for process in processes):
                    codes = ", ".join(sorted({str(process.exitcode) for process in processes}))
                    raise StorylineError(f"all batch workers stopped unexpectedly (exit code "
                                         f"{codes})") from None
                continue
            if index == NOT_STARTED:
                raise results
            waiting[index] = results
            while next_index in waiting:
                yield from waiting.pop(next_index)
                next_index += 1
        if feeding_error:
            raise feeding_error[0]
        finished = True
    finally:
        for process in processes:
            if finished:  # they are leaving: each has its end-of-work marker
                process.join(timeout=5)
            if process.is_alive():
                process.terminate()

