"""Speed of `storyline serve` on a store of thousands of articles, under load, while it grows.

    .venv/bin/python benchmarks/bench_web.py [--articles 5000] [--clients 8] [--ingest 36]

1. The store: the Timeline17 articles through the full pipeline (as `bench_store.py` does),
   less `--ingest` of them held out, then stored again under new ids and mirror outlets until
   it holds `--articles` (each copy joins its original's story). Building
   takes minutes, so the store is kept under `--cache` (default /tmp/storyline-bench-web) and
   reused; each run serves a fresh copy of it. Stored-again copies split the clustered
   stories (see `gather_topic`), so each run first gathers the largest Timeline17 topic, one
   story in the data, into one story of over a thousand articles (`--big-story none`: not).
2. The server: `storyline serve --db COPY` in a subprocess on 127.0.0.1.
3. The pages, picked through the JSON twins: `/`, the largest story, the dossier of the most
   mentioned of that story's five main people (on these stores also the store's), the
   story's first article, and a search for that person.
4. The load: each page once from cold (the first view builds the caches), then `--clients`
   threads, each with its own connection, asking for the pages in turn without pause: first
   `--rounds` rounds on a quiet store, then until `storyline ingest` of the held-out articles
   into the same store has finished (bounded by `--max-seconds`). Loopback only. The server
   keeps rendered pages while the store is unchanged; `--render-every-time` gives each
   request an address of its own, to measure the rendering itself under the same load.

Prints p50 and p95 per page and phase (milliseconds, client side), the error count (any status
but 200, any failed request), the ingest's outcome and time, and the machine's load average.
Skips when ../shared is absent. Goal: p95 under 150 ms for each page, no errors.
"""
from __future__ import annotations

import argparse
import copy
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench_store import DATA, load_records

CACHE = Path(tempfile.gettempdir()) / "storyline-bench-web"
TOKEN = "bench-web-token-0123"
GOAL_MS = 150


# -- the store --------------------------------------------------------------------------------

def outlet_url(record_id: str, mirror: int = 0) -> str:
    """An address for a Timeline17 article: its outlet from the folder name (`H1N1_bbc`), or
    mirror N for a stored-again copy."""
    topic, _, uid = record_id.partition("-")
    host = f"mirror{mirror}" if mirror else topic.rsplit("_", 1)[-1].lower()
    return f"https://{host}.example/{topic.lower()}/{uid}"


def timeline17_records(held_out: int, limit: int | None) -> tuple[list[dict], list[dict]]:
    """The Timeline17 articles as JSONL records (detokenized text, address, date): those the
    store is built from, and the last `held_out` of each topic's share, left for the ingest."""
    from storyline.evaluation.ecbplus import detokenize

    records = [{"id": r["id"], "url": outlet_url(r["id"]), "published": r["published"],
                "text": detokenize(r["text"].split())} for r in load_records(limit)]
    step = max(1, len(records) // held_out) if held_out else 0
    kept = set(range(step - 1, len(records), step)[:held_out]) if held_out else set()
    return ([r for n, r in enumerate(records) if n not in kept],
            [r for n, r in enumerate(records) if n in kept])


def build_store(path: Path, records: list[dict], target: int, workers: int) -> dict:
    """Run `records` through the pipeline into a new store at `path`, then store them again
    under new ids until it holds `target` articles; return what was built and how long it took."""
    from storyline.batch import run_batch
    from storyline.config import Config
    from storyline.inputs.read import article_from_record
    from storyline.record import Article
    from storyline.store import Store
    from storyline.stories.clustering import ingest

    config = Config()
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    store = Store(partial, for_writing=True)
    kept = []
    articles = (article_from_record(json.dumps(r), config, r["id"]) for r in records)
    for result in run_batch(articles, config, workers=workers):
        if isinstance(result, Article):
            ingest(store, result)
            kept.append(result)
    processed = time.perf_counter() - started
    rounds = max(0, math.ceil(target / max(1, len(kept))) - 1)
    for mirror in range(1, rounds + 1):
        for article in kept:
            twin = copy.copy(article)
            twin.id, twin.url = f"{article.id}~{mirror}", outlet_url(article.id, mirror)
            ingest(store, twin)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    count = store.connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    stories = store.connection.execute("SELECT count(*) FROM stories").fetchone()[0]
    store.close()
    partial.rename(path)
    return {"articles": count, "stories": stories, "processed": len(kept),
            "copies": rounds, "pipeline_seconds": round(processed, 1),
            "build_seconds": round(time.perf_counter() - started, 1), "workers": workers}


def cached_store(args, records: list[dict]) -> tuple[Path, dict]:
    """The built store for these options, from the cache when it is there."""
    args.cache.mkdir(parents=True, exist_ok=True)
    name = f"timeline17-{args.limit or 'all'}-{args.articles}-held{args.ingest}"
    path, info_path = args.cache / f"{name}.db", args.cache / f"{name}.json"
    if path.exists() and info_path.exists():
        return path, {**json.loads(info_path.read_text()), "cached": True}
    print(f"building the store ({len(records)} Timeline17 articles through the pipeline, then "
          f"copies to {args.articles}): this takes minutes…", file=sys.stderr, flush=True)
    info = build_store(path, records, args.articles, args.workers)
    info_path.write_text(json.dumps(info))
    return path, {**info, "cached": False}


def gather_topic(db: Path, topic: str | None) -> tuple[str, int] | None:
    """Put every stored article of one Timeline17 topic (its originals and their copies) into
    one story, as that topic's timeline is one story; `topic` None: the topic with the most
    articles. Returns (topic, articles), or None when no article is of that topic.

    Why: stored-again copies take every one of an article's nearest-neighbour links (identical
    text), so replaying splits the clustered stories into groups of copies, and the largest
    story left is a few dozen articles at most. The story page's weak point is a story of
    hundreds, so the benchmark makes one."""
    from storyline.store import Store
    from storyline.stories.clustering import refresh

    with Store(db, for_writing=True) as store, store.transaction() as connection:
        topics = connection.execute(
            "SELECT substr(id, 1, instr(id, '-') - 1) AS topic, count(*) FROM articles "
            "WHERE instr(id, '-') > 0 GROUP BY topic ORDER BY count(*) DESC, topic").fetchall()
        counts = {name: count for name, count in topics}
        topic = topic if topic is not None else (topics[0][0] if topics else None)
        if not counts.get(topic):
            return None
        members = "substr(id, 1, ?) = ?"
        key = (len(topic) + 1, f"{topic}-")
        stories = connection.execute(f"SELECT story_id, count(*) FROM articles WHERE {members} "
                                     "GROUP BY story_id ORDER BY count(*) DESC, story_id",
                                     key).fetchall()
        target = stories[0][0]
        connection.execute(f"UPDATE articles SET story_id = ? WHERE {members}", (target, *key))
        for story_id, _ in stories:
            refresh(connection, story_id)
    return topic, counts[topic]


# -- the server and the pages -----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int, log: Path, workers: int = 1) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", "--db", str(db),
                               "--port", str(port), "--token", TOKEN, "--workers", str(workers)],
                              stdout=subprocess.DEVNULL, stderr=log.open("w"))
    deadline = time.monotonic() + 120
    while True:
        if server.poll() is not None:
            raise SystemExit(f"bench_web: the server stopped: {log.read_text()}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5)
            return server
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise SystemExit("bench_web: the server did not start") from None
            time.sleep(0.3)


def pick_pages(client: httpx.Client) -> tuple[list[tuple[str, str]], dict[str, float]]:
    """(name, path) of each page, chosen through the JSON twins; and how long the first views
    of the largest story and the largest thread took, by page name (their merge, which the
    first request builds)."""
    stories, address = [], "/.json"
    while address:
        listing = client.get(address).raise_for_status().json()
        stories += listing["stories"]
        address = listing["pages"]["next"] and listing["pages"]["next"].replace("/?", "/.json?")
    largest = max(stories, key=lambda s: s["article_count"])
    started = time.perf_counter()
    story = client.get(f"{largest['url']}.json").raise_for_status().json()
    first_view = (time.perf_counter() - started) * 1000
    people = [p for p in story["people"] if p["type"] == "PERSON" and p.get("url")][:5]
    mentions = {p["url"]: client.get(f"{p['url']}.json").raise_for_status().json()
                ["pages"]["mentions"]["total"] for p in people}
    person = max(people, key=lambda p: mentions[p["url"]])
    article = story["articles"][0]["articles"][0]
    query = json.dumps(person["name"])  # a phrase
    story_name = f"largest story ({largest['article_count']} articles)"
    pages = [("stories list", "/"), (story_name, largest["url"]),
             (f"dossier ({person['name']}, {mentions[person['url']]} mentions)", person["url"]),
             ("article", article["url"]),
             (f"search ({query})", str(httpx.URL("/search", params={"q": query})))]
    first_views = {story_name: first_view}
    linked = client.get("/threads.json").raise_for_status().json()["threads"]
    if linked:
        thread = max(linked, key=lambda t: t["article_count"])
        thread_name = (f"largest thread ({thread['article_count']} articles, "
                       f"{thread['story_count']} stories)")
        started = time.perf_counter()
        client.get(f"{thread['url']}.json").raise_for_status()
        first_views[thread_name] = (time.perf_counter() - started) * 1000
        pages += [(f"threads list ({len(linked)})", "/threads"), (thread_name, thread["url"])]
    return pages, first_views


# -- the load ---------------------------------------------------------------------------------

class Load:
    """Clients asking for the pages in turn; each request's (page, milliseconds, ok)."""

    def __init__(self, base: str, pages: list[tuple[str, str]], clients: int,
                 unique: bool = False):
        self.base, self.pages, self.clients, self.unique = base, pages, clients, unique
        self.results: list[tuple[str, float, bool]] = []
        self.stale: list[str] = []  # pages served as they were while their new version built
        self.failures: list[str] = []
        self.lock = threading.Lock()

    def run(self, rounds: int | None = None, until=None, max_seconds: float = 600) -> None:
        """Every client does `rounds` rounds, or goes on until `until()` is true."""
        deadline = time.monotonic() + max_seconds
        threads = [threading.Thread(target=self._client, args=(n, rounds, until, deadline))
                   for n in range(self.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _client(self, number: int, rounds, until, deadline) -> None:
        with httpx.Client(base_url=self.base, timeout=60) as client:
            turn = number  # clients start on different pages
            while time.monotonic() < deadline:
                if rounds is not None and turn - number >= rounds * len(self.pages):
                    return
                if until is not None and until():
                    return
                name, path = self.pages[turn % len(self.pages)]
                turn += 1
                if self.unique:  # an address of its own: the server renders the page again
                    path += f"{'&' if '?' in path else '?'}request={number}-{turn}"
                started = time.perf_counter()
                state = None
                try:
                    response = client.get(path)
                    state = response.headers.get("x-storyline-page")
                    failure = (None if response.status_code == 200
                               else f"{path}: status {response.status_code}")
                except httpx.HTTPError as error:
                    failure = f"{path}: {type(error).__name__} {error}"
                elapsed = (time.perf_counter() - started) * 1000
                with self.lock:
                    self.results.append((name, elapsed, failure is None))
                    if failure:
                        self.failures.append(failure)
                    if state == "stale":
                        self.stale.append(name)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (`share` of 1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def ingest_command(db: Path, records: list[dict], folder: Path) -> list[str]:
    source = folder / "new-articles.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return [sys.executable, "-m", "storyline.cli", "ingest", str(source), "--db", str(db),
            "--workers", "1", "--quiet"]


def article_count(db: Path) -> int:
    from storyline.store import connect_read_only

    connection = connect_read_only(db)
    try:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        connection.close()


def report(pages, cold: dict, phases: dict[str, Load]) -> list[str]:
    names = list(phases)
    lines = ["| page | path | cold first view ms | "
             + " | ".join(f"{n} p50 | {n} p95" for n in names) + " | requests | errors |",
             "|---|---|---|" + "---|---|" * len(names) + "---|---|"]
    for name, path in pages:
        cells, requests, errors = [], 0, 0
        for load in phases.values():
            times = [ms for page, ms, ok in load.results if page == name]
            requests += len(times)
            errors += sum(not ok for page, _, ok in load.results if page == name)
            cells += ([f"{percentile(times, .5):.0f}", f"**{percentile(times, .95):.0f}**"]
                      if times else ["–", "–"])
        lines.append(f"| {name} | `{path}` | {cold[name]:.0f} | " + " | ".join(cells)
                     + f" | {requests} | {errors} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles in the store")
    parser.add_argument("--ingest", type=int, default=36,
                        help="Timeline17 articles held out, ingested during the load")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=10, help="rounds per client, quiet store")
    parser.add_argument("--max-seconds", type=float, default=600,
                        help="bound on the load while the ingest runs")
    parser.add_argument("--workers", type=int, default=2, help="processes for the build")
    parser.add_argument("--serve-workers", type=int, default=1,
                        help="`storyline serve --workers`: server processes")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the built store is kept")
    parser.add_argument("--big-story", default=None, metavar="TOPIC",
                        help="gather this Timeline17 topic's articles into one story (default: "
                             "the largest topic; none: leave the stories as clustered)")
    parser.add_argument("--render-every-time", action="store_true",
                        help="give each request an address of its own, so that no rendered "
                             "page is reused (the merged stories still are)")
    parser.add_argument("--limit", type=int, help="only the first N Timeline17 articles (a try)")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not available")
        return 0
    from storyline.store import Store
    from storyline.stories.threads import update as update_threads

    base_records, held_out = timeline17_records(args.ingest, args.limit)
    built, info = cached_store(args, base_records)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="storyline-bench-web-") as folder:
        folder = Path(folder)
        db = folder / "store.db"
        shutil.copyfile(built, db)
        gathered = gather_topic(db, args.big_story) if args.big_story != "none" else None
        with Store(db, for_writing=True) as store:  # the threads of the stories as they are now
            relink_started = time.perf_counter()
            thread_count = update_threads(store)
            relink_seconds = time.perf_counter() - relink_started
        before = article_count(db)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port, folder / "serve.log", args.serve_workers)
        try:
            with httpx.Client(base_url=base, timeout=120) as client:
                pages, first_views = pick_pages(client)
                cold = {}
                for name, path in pages:
                    started = time.perf_counter()
                    client.get(path).raise_for_status()
                    cold[name] = (time.perf_counter() - started) * 1000
                for name, merged in first_views.items():  # merge, then render
                    cold[name] += merged
            quiet = Load(base, pages, args.clients, args.render_every_time)
            quiet.run(rounds=args.rounds)
            busy = Load(base, pages, args.clients, args.render_every_time)
            ingest_started = time.perf_counter()
            ingest = subprocess.Popen(ingest_command(db, held_out, folder),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            busy.run(until=lambda: ingest.poll() is not None, max_seconds=args.max_seconds)
            if ingest.poll() is None:
                ingest.kill()
            ingest_rc = ingest.wait()
            ingest_seconds = time.perf_counter() - ingest_started
            ingest_errors = ingest.stderr.read().strip().splitlines()
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        after = article_count(db)
    load_after = os.getloadavg()
    build = ("reused from the cache" if info["cached"] else "built now") + \
        f": {info['build_seconds']:.0f} s to build ({info['processed']} articles through the " \
        f"pipeline in {info['pipeline_seconds']:.0f} s on {info['workers']} workers, then " \
        f"{info['copies']} copies of each)"
    print(f"# Web benchmark: {before:,} articles, {info['stories']:,} stories; "
          f"{args.clients} clients on loopback, {args.serve_workers} server process"
          + ("es" if args.serve_workers > 1 else "")
          + (", every page rendered again" if args.render_every_time else "") + "\n")
    print(f"- store: {build}")
    print(f"- threads: {thread_count} linked over the stories in {relink_seconds:.1f} s")
    if gathered:
        print(f"- one big story: the {gathered[1]} articles of the Timeline17 topic "
              f"{gathered[0]} gathered into one (replayed copies split the clustered stories)")
    print(f"- load average (1, 5, 15 min): before {', '.join(f'{v:.2f}' for v in load_before)};"
          f" after {', '.join(f'{v:.2f}' for v in load_after)} ({os.cpu_count()} cores)")
    print(f"- ingest during the load: exit {ingest_rc}, {after - before} of {len(held_out)} "
          f"articles added in {ingest_seconds:.0f} s"
          + (f"; its errors: {ingest_errors[-3:]}" if ingest_rc else ""))
    total = len(quiet.results) + len(busy.results)
    errors = quiet.failures + busy.failures
    print(f"- requests: {total:,}, errors: {len(errors)}"
          + (f" (first: {errors[:3]})" if errors else "")
          + f"; during the ingest {len(busy.stale)} of {len(busy.results)} answers were a "
            f"page's previous version while its new one was built")
    print()
    print("\n".join(report(pages, cold, {"quiet": quiet, "during ingest": busy})))
    misses = [name for name, _ in pages
              if percentile([ms for p, ms, _ in busy.results + quiet.results if p == name], .95)
              >= GOAL_MS]
    print(f"\nGoal p95 < {GOAL_MS} ms: " + ("met by every page" if not misses else
                                           f"missed by {', '.join(misses)}"))
    return 0 if not errors and ingest_rc == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
