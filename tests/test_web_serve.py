"""`storyline serve`: the command over real HTTP on 127.0.0.1, its one-line errors, and the
bundled demo corpus it serves with --demo."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
from pathlib import Path
import pytest

from storyline.demo import CORPUS, records


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def first_answer(server: subprocess.Popen, url: str, seconds: float) -> httpx.Response:
    """The first answer of a starting server (it must not exit meanwhile)."""
    deadline = time.monotonic() + seconds
    while True:
        assert server.poll() is None, server.stderr.read()
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)


def test_serve_demo_answers_over_http_and_stops_on_sigint():
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", "--demo",
                               "--port", str(port), "--token", "demo-token-123456"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        listing = first_answer(server, f"{base}/", seconds=240)
        assert listing.status_code == 200
        assert "Millbrook water: state sends investigators" in listing.text
        story = httpx.get(f"{base}/stories/1.json", timeout=30).json()
        assert story["id"] == 1 and story["entries"]
        assert httpx.get(f"{base}/stories/1.json", headers={"Host": "evil.example"},
                         timeout=5).status_code == 421
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
        printed = server.stderr.read()
        assert "serving" in printed and f"{base}/?token=demo-token-123456" in printed
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


@pytest.mark.parametrize("args, code, words", [
    (["--db", "missing.db"], 3, "no store here"),
    (["--db", "."], 13, "is a folder"),
    (["--db", "x.db", "--port", "0"], 2, "--port 0"),
    (["--demo", "--db", "x.db"], 2, "leave out --db"),
    (["--db", "x.db", "--token", "short"], 2, "at least 8"),
    (["--db", "x.db", "--workers", "0"], 2, "--workers 0"),
])
def test_serve_refuses_in_one_line(tmp_path, args, code, words):
    done = subprocess.run([sys.executable, "-m", "storyline.cli", "serve", *args],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60,
                          env={**os.environ, "STORYLINE_TOKEN": ""})
    assert done.returncode == code
    assert words in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_the_demo_corpus_is_nine_dated_articles_from_three_outlets():
    found = records()
    assert len(found) == 9 and len({r["id"] for r in found}) == 9
    assert {r["url"].split("/")[2] for r in found} == {
        "millbrookgazette.example", "valleycourier.example", "northshoretimes.example"}
    assert [r["published"] for r in found] == sorted(r["published"] for r in found)
    assert all(r["text"].strip() for r in found)
    assert len(list(CORPUS.glob("*.txt"))) == 9


def test_the_demo_store_has_the_three_stories(web_store):
    import sqlite3

    db = sqlite3.connect(web_store)
    try:
        sizes = sorted(n for (n,) in db.execute(
            "SELECT article_count FROM stories WHERE id IN (SELECT story_id FROM articles "
            "WHERE id != 'xss')"))
    finally:
        db.close()
    assert sizes == [1, 1, 7]


def test_a_port_in_use_is_one_line(web_store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "storyline.cli", "serve", "--db",
                               str(web_store), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == f"storyline: cannot listen on http://127.0.0.1:{port}: " \
                                  f"Address already in use"


def test_serve_with_two_workers_reads_and_writes_and_stops_on_sigint(web_store_copy):
    port, token = free_port(), "worker-token-123456"
    server = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", "--db",
                               str(web_store_copy), "--port", str(port), "--token", token,
                               "--workers", "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        listing = first_answer(server, f"{base}/.json", seconds=120)
        assert listing.status_code == 200 and listing.json()["stories"]
        workers = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert len(workers) >= 2  # uvicorn's worker processes (a supervisor may sit between)
        pages = [httpx.get(f"{base}/stories/1.json", timeout=30) for _ in range(4)]
        assert {page.json()["id"] for page in pages} == {1}
        assert httpx.get(f"{base}/", headers={"Host": "evil.example"}, timeout=5).status_code == 421
        added = httpx.post(f"{base}/add.json", timeout=120, headers={
            "Origin": base, "Authorization": f"Bearer {token}"}, data={
            "text": "Mayor Ada Quill opened the new ferry terminal in Brightwater on Monday, "
                    "the city said. The terminal took three years to build, officials said."})
        assert added.status_code == 201, added.text
        assert added.json()["added"] == 1
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
        assert "with 2 worker processes" in server.stderr.read()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
