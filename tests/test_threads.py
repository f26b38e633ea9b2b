"""Threads: two incidents a month apart that share their core entities are two stories in one
thread; a story that shares only a country stays out; threads keep their ids when relinked; a
store from before the migration gains the tables; a batch relinks only once the store has grown
by a tenth, `--relink` at once; `storyline threads` and `storyline thread ID` in every format,
and a bad id's exit code."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from test_store import make_article

from storyline.store import Store
from storyline.store.migrations import MIGRATIONS
from storyline.stories.clustering import Clustering, ingest
from storyline.stories.threads import (Threading, continuity, listing, profiles, update,
                                       update_when_due)

# Six articles give every shared name a high weight: a stricter link keeps the two incidents
# apart here, as the document frequencies of a real store do.
INCIDENTS = Clustering(threshold=0.4)
PEOPLE = ("Marta Velasquez", "Tomas Ferreira", "Lena Koval", "Ivo Brandt")
ORGS = ("Meridian Petroleum", "Santa Ines refinery", "Palmar Film Festival")
PLACES = ("Brazil", "Santa Ines", "Palmar")

# The first incident: a refinery fire.
FIRE = [
    ("2024-03-04", "Fire at Meridian refinery forces evacuation",
     "A fire at the Santa Ines refinery of Meridian Petroleum forced the evacuation of 300 "
     "workers on Monday in Brazil. Meridian Petroleum chief executive Marta Velasquez said the "
     "blaze began in a crude distillation unit. Firefighters fought the flames for nine hours "
     "and two workers were taken to hospital with burns."),
    ("2024-03-05", "Meridian refinery fire put out after nine hours",
     "Firefighters put out the fire at the Santa Ines refinery on Tuesday after nine hours, and "
     "Meridian Petroleum said the crude distillation unit was destroyed. Marta Velasquez, the "
     "company's chief executive, visited the two workers burned in the blaze. Smoke closed "
     "schools near the Santa Ines refinery."),
]
# The second incident, a month later: a strike at the same company.
STRIKE = [
    ("2024-04-08", "Meridian Petroleum dockers strike over pay",
     "Dock workers at Meridian Petroleum's export terminal walked out on Monday demanding a 9 "
     "percent raise, halting tanker loading. Union leader Tomas Ferreira said the strike would "
     "last until Meridian Petroleum chief executive Marta Velasquez met the union. Velasquez "
     "called the walkout illegal."),
    ("2024-04-09", "Tankers queue as Meridian strike enters second day",
     "Twelve tankers waited offshore on Tuesday as the strike by Meridian Petroleum dock workers "
     "entered its second day. Tomas Ferreira, who leads the dockers' union, rejected a 4 percent "
     "offer from Marta Velasquez and said pickets would stay at the terminal gates."),
]
# Unrelated news from the same country.
FESTIVAL = [
    ("2024-03-20", "Palmar Film Festival opens with a documentary",
     "The Palmar Film Festival opened on Wednesday in Brazil with a documentary about fishing "
     "villages by director Lena Koval. Festival director Ivo Brandt said 40 films from 12 "
     "countries would be screened over ten days on the beach at Palmar."),
    ("2024-03-21", "Koval documentary wins praise at Palmar festival",
     "Critics praised the documentary by Lena Koval that opened the Palmar Film Festival, and "
     "Ivo Brandt said tickets for the beach screenings had sold out. The festival in Brazil "
     "runs for ten days."),
]


def article(label: str, number: int, item: tuple[str, str, str]):
    published, headline, text = item
    entities = [(name, kind) for names, kind in ((PEOPLE, "PERSON"), (ORGS, "ORG"),
                                                (PLACES, "PLACE")) for name in names
                if name in text]
    return make_article(f"{label}-{number}", text, headline=headline, published=published,
                        url=f"https://news{number}.example/{label}-{number}", entities=entities)


def corpus():
    return [article(label, number, item) for label, items in
            (("fire", FIRE), ("strike", STRIKE), ("festival", FESTIVAL))
            for number, item in enumerate(items)]


def thread_store(path):
    """A store of the corpus, its threads linked: two incidents in one thread, one story out."""
    with Store(path) as store:
        for item in sorted(corpus(), key=lambda a: a.published.value):
            ingest(store, item, INCIDENTS)
        update(store)
    return path


@pytest.fixture
def store_path(tmp_path):
    return thread_store(tmp_path / "threads.db")


def stories_of(store: Store) -> dict[str, int]:
    return dict(store.connection.execute("SELECT id, story_id FROM articles"))


def test_two_incidents_are_two_stories_in_one_thread(store_path):
    with Store(store_path) as store:
        story = stories_of(store)
        (thread,) = listing(store)
    assert story["fire-0"] == story["fire-1"] != story["strike-0"] == story["strike-1"]
    assert sorted(thread["stories"]) == sorted({story["fire-0"], story["strike-0"]})
    assert thread["story_count"] == 2 and thread["article_count"] == 4
    assert thread["first_date"] == "2024-03-04" and thread["last_date"] == "2024-04-09"
    assert thread["people"][0] == "Marta Velasquez"
    assert story["festival-0"] not in thread["stories"]  # only "Brazil" in common


def test_a_shared_country_alone_links_nothing(tmp_path):
    with Store(tmp_path / "two.db") as store:
        for item in [article("fire", n, x) for n, x in enumerate(FIRE)] + \
                [article("festival", n, x) for n, x in enumerate(FESTIVAL)]:
            ingest(store, item, INCIDENTS)
        assert update(store, Threading(threshold=0.05)) == 0
        assert store.connection.execute("SELECT count(*) FROM threads").fetchone()[0] == 0


@pytest.mark.parametrize("gap, expected", [(0, 1.0), (30, 1.0), (90, 0.5), (150, 0.25)])
def test_continuity_halves_beyond_the_close_gap(store_path, gap, expected):
    with Store(store_path) as store:
        first, *_ = profiles(store.connection)
    from dataclasses import replace
    from datetime import timedelta
    later = replace(first, first=first.last + timedelta(days=gap),
                    last=first.last + timedelta(days=gap + 1))
    assert continuity(first, later) == pytest.approx(expected)


def test_relinking_keeps_the_thread_id(store_path):
    with Store(store_path) as store:
        (before,) = listing(store)
        assert update(store) == 1
        (after,) = listing(store)
    assert after["id"] == before["id"] and after["stories"] == before["stories"]


def test_relinking_waits_until_the_store_has_grown_by_a_tenth(tmp_path):
    """Relinking reads the whole store: after every batch it would cost the square of the
    store's size over its life, so a batch relinks only once the store has grown enough."""
    articles = sorted(corpus(), key=lambda a: a.published.value)
    options = Threading(relink_growth=0.5)
    with Store(tmp_path / "grow.db") as store:
        for item in articles[:4]:
            ingest(store, item, INCIDENTS)
        assert update_when_due(store, options) is not None     # never linked: due
        ingest(store, articles[4], INCIDENTS)                  # 5 < 4 * 1.5: not yet
        assert update_when_due(store, options) is None
        ingest(store, articles[5], INCIDENTS)                  # 6 >= 6: due again
        assert update_when_due(store, options) is not None
        assert update_when_due(store, options) is None         # nothing new


def test_threads_relink_option_links_at_once(tmp_path):
    path = tmp_path / "stale.db"
    with Store(path) as store:
        for item in sorted(corpus(), key=lambda a: a.published.value):
            ingest(store, item, INCIDENTS)  # stored, never linked into threads
    assert json.loads(cli("threads", "--db", str(path), "--format", "json").stdout)[
        "threads"] == []
    done = cli("threads", "--db", str(path), "--format", "json", "--relink")
    assert done.returncode == 0, done.stderr
    (thread,) = json.loads(done.stdout)["threads"]
    assert thread["story_count"] == 2
    missing = cli("threads", "--db", str(tmp_path / "none.db"), "--relink")
    assert missing.returncode != 0 and missing.stderr.startswith("storyline:")
    assert not (tmp_path / "none.db").exists()


def test_a_store_from_before_the_migration_gains_threads(tmp_path):
    path = tmp_path / "old.db"
    names = [name for name, _ in MIGRATIONS]
    old = sqlite3.connect(path)
    from storyline.store.migrations import apply
    apply(old, MIGRATIONS[:names.index("0007_threads")])
    old.close()
    with Store(path) as store:  # migrations run on open
        assert "0007_threads" in [row[0] for row in store.connection.execute(
            "SELECT name FROM migrations")]
        assert listing(store) == []


def test_a_split_off_part_of_a_thread_story_stays_in_the_thread(store_path):
    from storyline.stories.clustering import refresh
    from storyline.stories.incidents import move_to_new_story

    with Store(store_path) as store:
        db, story = store.connection, stories_of(store)
        (pk,) = db.execute("SELECT pk FROM articles WHERE id = 'fire-1'").fetchone()
        with store.transaction():  # as a split of the fire story would, between relinks
            new_id = move_to_new_story(db, story["fire-0"], {pk})
            refresh(db, story["fire-0"]), refresh(db, new_id)
        (thread,) = listing(store)
        assert new_id in thread["stories"] and story["fire-0"] in thread["stories"]
        assert thread["story_count"] == 3 and thread["article_count"] == 4  # nothing lost
        update(store)  # the next relink places every story again
        assert sum(t["article_count"] for t in listing(store)) >= 4


def test_a_merge_survivor_outside_the_thread_takes_the_thread(store_path):
    from storyline.stories.clustering import refresh

    with Store(store_path) as store:
        db, story = store.connection, stories_of(store)
        survivor, merged = story["festival-0"], story["strike-0"]
        with store.transaction():  # as `clustering._join` merges a story into a larger one
            db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (survivor, merged))
            db.execute("DELETE FROM stories WHERE id = ?", (merged,))
            refresh(db, survivor)
        (thread,) = listing(store)
        assert survivor in thread["stories"] and merged not in thread["stories"]
        assert thread["article_count"] == 4 + 2  # the strike's articles stay, the festival's join
        assert thread["last_date"] == db.execute("SELECT last_date FROM stories WHERE id = ?",
                                                 (survivor,)).fetchone()[0]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline.cli", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("fmt", ["table", "md", "json"])
def test_threads_command(store_path, fmt):
    done = cli("threads", "--db", str(store_path), "--format", fmt)
    assert done.returncode == 0, done.stderr
    if fmt == "json":
        (thread,) = json.loads(done.stdout)["threads"]
        assert thread["story_count"] == 2 and thread["article_count"] == 4
    else:
        assert "Marta Velasquez" in done.stdout and "2024-03-04 to 2024-04-09" in done.stdout
        assert "Palmar" not in done.stdout


@pytest.mark.parametrize("fmt", ["table", "md", "json", "html"])
def test_thread_command_merges_every_story(store_path, fmt):
    with Store(store_path) as store:
        (thread,) = listing(store)
    done = cli("thread", str(thread["id"]), "--db", str(store_path), "--format", fmt)
    assert done.returncode == 0, done.stderr
    if fmt == "json":
        record = json.loads(done.stdout)
        assert record["thread"] == thread["id"]
        assert {a["id"] for a in record["articles"]} == {"fire-0", "fire-1", "strike-0",
                                                         "strike-1"}
    elif fmt == "html":
        assert done.stdout.lstrip().startswith("<!") and "news0.example" in done.stdout
    else:
        assert f"Thread {thread['id']}:" in done.stdout and "4 articles" in done.stdout
        assert "2024-03-04 to 2024-04-09" in done.stdout


@pytest.mark.parametrize("bad", ["999", "0", "-1", "99999999999999999999"])
def test_thread_bad_id_exits_3(store_path, bad):
    done = cli("thread", bad, "--db", str(store_path))
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith("storyline:") and "Traceback" not in done.stderr
