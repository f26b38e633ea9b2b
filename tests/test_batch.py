"""Batches on several cores: workers die with the batch (even `kill -9`), a worker that cannot
start says why in one line, a missing model is found before any worker starts, and a failure's
message names its input once."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import FIXTURE_ARTICLES
from test_store import batch_records

from storyline import Config
from storyline.batch import as_failure, describe, run_batch
from storyline.errors import InputNotFound, ModelNotInstalled, StorylineError
from storyline.record import Article, Source

STORYLINE = [sys.executable, "-m", "storyline.cli"]
# `storyline.cli` with the Linux request to kill workers with their parent switched off, so the
# portable watcher alone must end them.
WITHOUT_PRCTL = ("import sys; import storyline.batch as batch; "
                 "batch._kernel_kills_on_parent_death = lambda: False; "
                 "from storyline.cli import main; sys.exit(main(sys.argv[1:]))")


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid`, from /proc (field 4 of /proc/PID/stat)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for whoever adopted it to reap it)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc to find the workers")
@pytest.mark.parametrize("launcher", [["-m", "storyline.cli"], ["-c", WITHOUT_PRCTL]],
                         ids=["prctl", "watcher"])
def test_workers_die_with_a_killed_batch(tmp_path, launcher):
    records = [dict(record, id=f"{record['id']}-{copy}") for copy in range(10)
               for record in batch_records(30)]  # minutes of work: the kill lands mid-batch
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    process = subprocess.Popen([sys.executable, *launcher, "ingest", str(batch), "--out",
                                str(tmp_path / "out.jsonl"), "--workers", "2", "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = children(process.pid)
        assert len(workers) == 2, process.stderr.read().decode() if process.poll() else workers
        os.kill(process.pid, signal.SIGKILL)  # the parent only, as `kill -9 PID` does
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if running(pid)], "workers outlived their batch"
    finally:
        for pid in workers:  # never leave them behind, even when the test fails
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize("workers", ["1", "2"])
def test_missing_model_is_one_line_before_any_work(tmp_path, command, workers):
    out = tmp_path / "out.jsonl"
    args = [*STORYLINE, command, *map(str, FIXTURE_ARTICLES[:3]), "--workers", workers, "--quiet"]
    if command == "ingest":
        args += ["--out", str(out), "--db", str(tmp_path / "new.db")]
    result = subprocess.run(args, capture_output=True, timeout=120,
                            env={**os.environ, "STORYLINE_MODEL": "no_such_model"})
    stderr = result.stderr.decode()
    assert result.returncode == ModelNotInstalled.exit_code, stderr
    assert stderr.startswith("storyline: spaCy model 'no_such_model' is not installed")
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert result.stdout == b""
    assert sorted(path.name for path in tmp_path.iterdir()) == []  # no store, no empty files


class Broken:
    """Stands in for `Pipeline` in the forked workers: building it fails."""

    def __init__(self, config):
        raise self.error


@pytest.mark.parametrize("error, message", [
    (StorylineError("the model file is damaged"), "the model file is damaged"),
    (MemoryError("out of memory"), "a batch worker could not start: MemoryError: out of memory"),
])
def test_a_worker_that_cannot_start_says_why(monkeypatch, error, message):
    if sys.platform == "win32":
        pytest.skip("workers are forked, so they see the patched Pipeline, on POSIX only")
    monkeypatch.setattr(Broken, "error", error, raising=False)
    monkeypatch.setattr("storyline.batch.Pipeline", Broken)
    articles = [Article(raw=path.read_text(encoding="utf-8"), source=Source("text", str(path)))
                for path in FIXTURE_ARTICLES[:4]]
    with pytest.raises(StorylineError) as raised:
        list(run_batch(articles, Config(), workers=2))
    assert str(raised.value) == message


@pytest.mark.parametrize("error, record_id, line", [
    (InputNotFound("missing.txt: no such file"), None, "missing.txt: no such file"),
    (InputNotFound("feed.rss: item 3: no such page"), "https://example.org/3",
     "https://example.org/3: feed.rss: item 3: no such page"),
])
def test_a_reading_failure_names_its_input_once(error, record_id, line):
    error.location = "missing.txt" if record_id is None else "feed.rss"
    if record_id:
        error.record_id = record_id
    failure = as_failure(error)
    assert describe(failure) == line
    assert failure.id == (record_id or "missing.txt") and failure.source == error.location


def test_batch_messages_do_not_repeat_the_path(tmp_path):
    missing, empty = tmp_path / "missing.txt", tmp_path / "empty.txt"
    empty.write_bytes(b"")
    errors = tmp_path / "errors.jsonl"
    result = subprocess.run([*STORYLINE, "extract", str(FIXTURE_ARTICLES[0]), str(missing),
                             str(empty), "--format", "jsonl", "--workers", "1", "--quiet",
                             "--errors", str(errors)], capture_output=True, timeout=120)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines == [f"storyline: {missing}: no such file",
                     f"storyline: {empty}: empty input, nothing to extract"]
    failed = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(f["id"], f["source"], f["error"]) for f in failed] == [
        (str(missing), str(missing), "InputNotFound"), (str(empty), str(empty), "EmptyInput")]
