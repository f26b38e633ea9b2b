"""The SQLite store: schema and migrations, whole articles in and out, full-text search, and a
real `storyline ingest --db` killed mid-batch that resumes without losing or doubling anything."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import FIXTURE_ARTICLES

from storyline.errors import StoreUnavailable
from storyline.store import migrations
from storyline.record import (Article, Entity, Event, EventTime, Participant, Published, Quote,
                              Source, TimeExpression)
from storyline.stories.clustering import ingest
from storyline.store import Store, fts_query, name_key

STORYLINE = [sys.executable, "-m", "storyline.cli"]


def make_article(article_id: str, text: str, *, headline: str | None = None,
                 published: str | None = None, url: str | None = None,
                 entities: list[tuple[str, str]] = (), events: list[dict] = (),
                 quotes: list[tuple[str, str]] = ()) -> Article:
    """A processed article built by hand: entities are found in the text by name; each event is
    {"sentence", "trigger", "value", "who": [names], "summary"?}; quotes are (words, speaker)."""
    article = Article(raw=text, source=Source("jsonl", f"{article_id}.jsonl:1"), id=article_id,
                      headline=headline, text=text, url=url, paragraphs=[(0, len(text))])
    if published:
        article.published = Published(published, "metadata", 1.0)
    for number, (name, kind) in enumerate(entities, start=1):
        spans, start = [], text.find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = text.find(name, start + 1)
        article.entities.append(Entity(f"e{number}", name, kind, spans or [(0, 0)]))
    by_name = {entity.name: entity.id for entity in article.entities}
    for number, event in enumerate(events, start=1):
        start = text.find(event["sentence"])
        assert start >= 0, event["sentence"]
        span = (start, start + len(event["sentence"]))
        article.times.append(TimeExpression(event["value"], span, "DATE", event["value"]))
        article.events.append(Event(
            f"v{number}", event.get("summary", event["sentence"]), span,
            EventTime(event["value"], span, "sentence") if event.get("value") else None,
            event["trigger"], [Participant(by_name[name], "agent") for name in event.get("who", [])],
            modality=event.get("modality", "asserted")))
    for number, (words, speaker) in enumerate(quotes, start=1):
        start = text.find(words)
        article.quotes.append(Quote(f"q{number}", words, (start, start + len(words)), "direct",
                                    by_name.get(speaker), [by_name[speaker]] if speaker in by_name
                                    else [], speaker))
    return article


RUST = ("Prosecutors in New Mexico dropped the involuntary manslaughter charge against Alec "
        "Baldwin on April 20, 2023. “We are pleased with the decision,” said Luke Nikas, his "
        "lawyer. The shooting on the set of the film Rust killed Halyna Hutchins.")


def rust_article(article_id: str = "rust-1") -> Article:
    return make_article(
        article_id, RUST, headline="Charges against Alec Baldwin dropped", published="2023-04-21",
        url="https://www.example-news.com/rust", entities=[
            ("New Mexico", "PLACE"), ("Alec Baldwin", "PERSON"), ("Luke Nikas", "PERSON"),
            ("Rust", "WORK"), ("Halyna Hutchins", "PERSON")],
        events=[{"sentence": RUST.split(". ")[0] + ".", "trigger": "dropped", "value": "2023-04-20",
                 "who": ["Alec Baldwin"], "summary": "Prosecutors dropped the charge"}],
        quotes=[("We are pleased with the decision", "Luke Nikas")])


def test_migrations_are_named_ordered_and_applied_once(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        assert migrations.applied(store.connection) == [name for name, _ in migrations.MIGRATIONS]
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        schema = store.connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    with Store(path) as store:  # reopening applies nothing again
        assert migrations.apply(store.connection) == []
        assert store.connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == schema
        assert store.connection.execute("SELECT count(*) FROM migrations").fetchone()[0] == \
            len(migrations.MIGRATIONS)
        tables = {row[0] for row in store.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "entities", "mentions", "times", "quotes", "events", "participants",
            "stories", "sources", "articles_fts", "quotes_fts"} <= tables


def test_a_later_migration_converts_existing_data(tmp_path):
    connection = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    assert migrations.apply(connection, migrations.MIGRATIONS[:3])[-1] == "0003_clustering"
    connection.execute("INSERT INTO articles (id, source_kind, text, entity_count, time_count, "
                       "quote_count, event_count) VALUES ('a', 'text', 'x', 0, 0, 0, 0)")
    connection.executemany("INSERT INTO article_features VALUES (1, ?, ?)",
                           [("t:bridge", 0.8), ("t:council", 0.6), ("e:riverton", 1.0)])
    assert migrations.apply(connection, migrations.MIGRATIONS[:4]) == ["0004_signatures"]
    terms, entities = connection.execute("SELECT terms, entities FROM signatures").fetchone()
    assert json.loads(terms) == {"t:bridge": 0.8, "t:council": 0.6}
    assert json.loads(entities) == {"e:riverton": 1.0}
    assert not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'article_features'"
                                  ).fetchone()
    connection.close()


def test_the_type_vote_migration_sums_the_records_a_store_already_holds(tmp_path):
    connection = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    names = [name for name, _ in migrations.MIGRATIONS]
    migrations.apply(connection, migrations.MIGRATIONS[:names.index("0011_entity_type_votes")])
    for number, (kind, mentions) in enumerate([("PERSON", 3), ("PERSON", 0), ("ORG", 1)]):
        article = connection.execute(
            "INSERT INTO articles (id, source_kind, text, entity_count, time_count, quote_count, "
            "event_count) VALUES (?, 'text', 'x', 1, 0, 0, 0)", (f"a{number}",)).lastrowid
        entity = connection.execute(
            "INSERT INTO entities (article_pk, local_id, name, key, type) VALUES (?, 'e1', "
            "'Hana Mostafa', 'hana mostafa', ?)", (article, kind)).lastrowid
        connection.executemany("INSERT INTO mentions (entity_pk, start, end) VALUES (?, ?, ?)",
                               [(entity, start, start + 1) for start in range(mentions)])
    assert migrations.apply(connection) == ["0011_entity_type_votes"]
    assert connection.execute("SELECT key, type, weight, records FROM entity_type_votes ORDER BY "
                              "type").fetchall() == [("hana mostafa", "ORG", 1, 1),
                                                     ("hana mostafa", "PERSON", 4, 2)]
    connection.close()


def test_foreign_keys_are_enforced(tmp_path):
    with Store(tmp_path / "s.db") as store:
        try:
            store.connection.execute("INSERT INTO entities (article_pk, local_id, name, key, type) "
                                     "VALUES (999, 'e1', 'X', 'x', 'PERSON')")
        except sqlite3.IntegrityError:
            pass
        else:
            raise AssertionError("an entity of a missing article was accepted")


def test_article_round_trips_through_tables(tmp_path):
    article = rust_article()
    with Store(tmp_path / "s.db") as store:
        assert ingest(store, article) is not None
        back = store.article("rust-1")
        assert back.to_json() == article.to_json()
        assert store.outlet("rust-1") == "example-news.com"
        assert store.problems() == []
        # Tables, not one blob: the parts are rows of their own.
        counts = store.counts()
        assert counts["entities"] == 5 and counts["events"] == 1 and counts["quotes"] == 1
        assert counts["mentions"] >= 5 and counts["participants"] == 1 and counts["sources"] == 1


def test_reingesting_the_same_id_changes_nothing(tmp_path):
    with Store(tmp_path / "s.db") as store:
        ingest(store, rust_article())
        tables = [row[0] for row in store.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]

        def snapshot():
            return {table: store.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                    for table in tables}

        before = snapshot()
        df = store.connection.execute("SELECT sum(df) FROM term_df").fetchone()[0]
        assert ingest(store, rust_article()) is None
        changed = rust_article()
        changed.headline = "Something else entirely"
        assert ingest(store, changed) is None
        assert snapshot() == before
        assert store.connection.execute("SELECT sum(df) FROM term_df").fetchone()[0] == df
        assert store.article("rust-1").headline == "Charges against Alec Baldwin dropped"


def test_full_text_search_finds_articles_and_quotes(tmp_path):
    with Store(tmp_path / "s.db") as store:
        ingest(store, rust_article())
        ingest(store, make_article("other", "The city council voted to close the Mill Street "
                                   "bridge for repairs.", headline="Bridge closes"))
        found = store.search_articles("manslaughter Baldwin")
        assert [row["id"] for row in found] == ["rust-1"]
        assert "[manslaughter]" in found[0]["snippet"]
        assert [row["id"] for row in store.search_articles("bridges")] == ["other"]  # stemmed
        quotes = store.search_quotes("pleased")
        assert quotes[0]["article"] == "rust-1" and quotes[0]["speaker_text"] == "Luke Nikas"
        assert store.search_articles('"unbalanced (quote AND') == []  # no syntax errors
    assert fts_query('Baldwin "rust"') == '"Baldwin" "rust"'


def test_name_keys_fold_case_accents_and_articles():
    assert name_key("The Indian Navy") == name_key("indian navy")
    assert name_key("José Álvarez") == "jose alvarez"
    assert name_key("Baldwin’s") == "baldwin"


# -- a real ingest process, killed mid-batch ----------------------------------------------------

TOWNS = ("Riverton", "Lakeside", "Millbrook", "Ashford", "Cedar Falls", "Brookhaven")
OUTLETS = ("dailyherald.example", "courier.example", "gazette.example", "tribune.example")


def batch_records(count: int = 30) -> list[dict]:
    """Short articles that read like news: three running stories and some unrelated items."""
    records = []
    for number in range(count):
        town = TOWNS[number % len(TOWNS)]
        story = number % 3
        if story == 0:
            text = (f"The {town} city council voted on Monday to close the Mill Street bridge for "
                    f"repairs after inspectors found cracks in two of its steel beams. Mayor Elena "
                    f"Vasquez said the closure would last at least eight months. Drivers will be "
                    f"sent along Route {number + 9}, which adds about ten minutes to the commute. "
                    f"“Safety comes first,” Vasquez told reporters at City Hall.")
        elif story == 1:
            text = (f"Heavy rain flooded dozens of homes in {town} overnight, and the county "
                    f"opened an emergency shelter at the high school. Fire Chief Marcus Bell said "
                    f"crews rescued {number + 3} people from cars stranded on flooded roads. The "
                    f"National Weather Service warned that more storms could arrive on Thursday. "
                    f"“Stay off the roads,” Bell said.")
        else:
            text = (f"The {town} school board approved a budget of ${number + 40} million for the "
                    f"coming year, including raises for teachers and new buses. Superintendent "
                    f"Dana Whitfield said class sizes would shrink in the elementary schools. "
                    f"Parents at the meeting asked about the cost of the new science building. "
                    f"“We listened to families,” Whitfield said.")
        records.append({"id": f"art-{number:02d}", "text": text * 3,
                        "headline": f"{town}: story {story} update {number}",
                        "url": f"https://www.{OUTLETS[number % len(OUTLETS)]}/{number}",
                        "published": f"2024-03-{1 + number % 20:02d}"})
    return records


def _stored(path) -> int:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def test_killed_ingest_loses_nothing_committed_and_resumes(tmp_path):
    records = batch_records(30)
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    db = tmp_path / "news.db"
    command = [*STORYLINE, "ingest", str(batch), "--db", str(db), "--workers", "1", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 170
    try:
        while _stored(db) == 0 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)  # the whole group, workers included
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()
    with Store(db) as store:
        kept = store.article_ids()
        assert 0 < len(kept) < 30, "the kill should land mid-batch"
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.problems() == []
        for article_id in kept:  # every stored article is whole and in a story
            article = store.article(article_id)
            assert article.text and article.entities, article_id
            assert store.connection.execute("SELECT story_id FROM articles WHERE id = ?",
                                            (article_id,)).fetchone()[0] is not None
    again = subprocess.run(command, capture_output=True, timeout=180)
    assert again.returncode == 0, again.stderr.decode()
    assert f"{30 - len(kept)} written, {len(kept)} already done, 0 failed".encode() in again.stderr
    with Store(db) as store:
        ids = [row[0] for row in store.connection.execute("SELECT id FROM articles")]
        assert sorted(ids) == sorted(record["id"] for record in records)  # each exactly once
        assert store.problems() == []
        assert store.connection.execute("SELECT count(*) FROM assignments").fetchone()[0] == 30


# -- a path that is no usable store: one line naming it (exit 13), and nothing changed ------------

# Tests below replace `sqlite3.connect` for the store; these helpers keep the real one.
REAL_CONNECT = sqlite3.connect


def dump(path) -> str:
    """Everything in an SQLite file, read without changing it."""
    connection = REAL_CONNECT(f"file:{path}?mode=ro", uri=True)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def someone_elses_database(path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('keep me')")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("kind, reason", [
    ("text file", "not a storyline store (the file is not an SQLite database)"),
    ("other database", "an SQLite database, but not a storyline store"),
    ("folder", "is a folder"),
    ("missing folder", "folder"),
    ("under /proc", "cannot be opened"),
    ("empty path", "no store file given"),
])
def test_a_path_that_is_no_store_is_refused_in_one_line(tmp_path, kind, reason):
    path = {"text file": tmp_path / "notes.txt", "other database": tmp_path / "other.db",
            "folder": tmp_path, "missing folder": tmp_path / "nope" / "s.db",
            "under /proc": "/proc/storyline-test.db", "empty path": ""}[kind]
    if kind == "under /proc" and not os.path.isdir("/proc/self"):
        pytest.skip("no /proc here")
    if kind == "text file":
        path.write_text("not a database\n", encoding="utf-8")
    if kind == "other database":
        someone_elses_database(path)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(StoreUnavailable) as raised:
        Store(path, for_writing=True)
    message = str(raised.value)
    assert reason in message and message.startswith(str(path)) and "\n" not in message
    assert raised.value.exit_code == 13
    assert sorted(os.listdir(tmp_path)) == before  # no journal, no folder made
    if kind == "text file":
        assert path.read_text(encoding="utf-8") == "not a database\n"
    if kind == "other database":
        assert "keep me" in dump(path) and "articles" not in dump(path)


def read_only(monkeypatch) -> None:
    """Open stores as a user who may not write them does (root may write any file)."""
    def connect(path, *args, **kwargs):
        return REAL_CONNECT(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr("storyline.store.connection.sqlite3.connect", connect)


def test_a_read_only_store_can_be_read_but_not_written(monkeypatch, fixture_store):
    before = dump(fixture_store)
    read_only(monkeypatch)
    with Store(fixture_store) as store:
        assert len(store.article_ids()) == 9
    with pytest.raises(StoreUnavailable, match="is read-only"):
        Store(fixture_store, for_writing=True)
    assert dump(fixture_store) == before


def test_read_only_store_through_the_command(monkeypatch, capsys, fixture_store):
    from storyline.cli import main

    read_only(monkeypatch)
    assert main(["stories", "--db", str(fixture_store)]) == 0
    capsys.readouterr()
    code = main(["ingest", str(FIXTURE_ARTICLES[0]), "--db", str(fixture_store), "--quiet",
                 "--errors", str(fixture_store.parent / "errors.jsonl")])
    stderr = capsys.readouterr().err
    assert code == 13 and stderr == f"storyline: {fixture_store}: is read-only (SQLite writes " \
        "beside the file, even to read it: check the permissions of the file and its folder)\n"


@pytest.mark.parametrize("message, reason", [
    ("attempt to write a readonly database", "is read-only"),
    ("unable to open database file", "cannot be opened"),
    ("database is locked", "is locked by another process"),
    ("disk I/O error", "cannot be used (disk I/O error)"),
])
def test_sqlite_errors_on_opening_become_one_line(monkeypatch, capsys, tmp_path, message, reason):
    from storyline.cli import main

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr("storyline.store.connection.sqlite3.connect", refuse)
    (tmp_path / "s.db").write_bytes(b"")
    for command in (["stories"], ["story", "1"], ["dossier", "Vane"]):
        assert main([*command, "--db", str(tmp_path / "s.db")]) == 13
        stderr = capsys.readouterr().err
        assert stderr.startswith(f"storyline: {tmp_path / 's.db'}: {reason}"), stderr
        assert stderr.count("\n") == 1


@pytest.mark.parametrize("query", ['"', "*", "NEAR(", "NEAR(a b", "AND", "a OR", "-x", "^x",
                                   "col:x", "x*", "'; DROP TABLE articles; --", "\x00", ""])
def test_hostile_search_words_are_searched_as_words(fixture_store, query):
    before = dump(fixture_store)
    with Store(fixture_store) as store:
        assert isinstance(store.search_articles(query), list)
        assert isinstance(store.search_quotes(query), list)
    assert dump(fixture_store) == before


@pytest.mark.parametrize("url, outlet", [("https://www.example.org/a", "example.org"),
                                         ("https://[oops/a", None), ("not a url", None)])
def test_the_outlet_is_the_web_host_or_none(url, outlet):
    from storyline.record import Source
    from storyline.store.articles import outlet_of

    article = Article(raw="Body.", source=Source("text", "-"), id="x", url=url)
    assert outlet_of(article) == outlet
