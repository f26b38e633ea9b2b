"""`storyline dossier NAME`: aliases, roles over time with sources, quotes, events, stories;
tolerant name matching, and a list of candidates (exit code 11) when a name is ambiguous."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from test_store import dump, make_article

from storyline.errors import UsageError
from storyline.stories import dossier
from storyline.stories.clustering import ingest
from storyline.store import Store

SHOOTING = ("The actor Alec Baldwin fired a prop gun on the set of Rust on October 21, 2021. "
            "“There were no live rounds,” Baldwin said.")
DROPPED = ("Prosecutors dropped the charge against Alec Baldwin, a producer of Rust, on April 20, "
           "2023. “We are grateful,” Baldwin said in a statement.")
BROTHER = "Stephen Baldwin, the actor's brother, posted a prayer for the crew of the film Rust."


def baldwin_store(path, with_brother: bool = False) -> Store:
    store = Store(path)
    first = make_article(
        "shooting", SHOOTING, published="2021-10-22", url="https://www.wire.example/1",
        entities=[("Alec Baldwin", "PERSON"), ("Rust", "WORK")],
        events=[{"sentence": SHOOTING.split(". ")[0] + ".", "trigger": "fired",
                 "value": "2021-10-21", "who": ["Alec Baldwin"]}],
        quotes=[("There were no live rounds", "Alec Baldwin")])
    first.entities[0].descriptors, first.entities[0].aliases = ["actor"], ["Baldwin"]
    second = make_article(
        "dropped", DROPPED, published="2023-04-21", url="https://daily.example/2",
        entities=[("Alec Baldwin", "PERSON"), ("Rust", "WORK")],
        events=[{"sentence": DROPPED.split(". ")[0] + ".", "trigger": "dropped",
                 "value": "2023-04-20", "who": ["Alec Baldwin"]}],
        quotes=[("We are grateful", "Alec Baldwin")])
    second.entities[0].descriptors, second.entities[0].aliases = ["producer"], ["Baldwin"]
    for article in (first, second):
        ingest(store, article)
    if with_brother:
        brother = make_article("brother", BROTHER, published="2021-10-23",
                               entities=[("Stephen Baldwin", "PERSON"), ("Rust", "WORK")])
        brother.entities[0].descriptors = ["actor"]
        ingest(store, brother)
    return store


def test_dossier_gathers_roles_quotes_events_and_stories(tmp_path):
    with baldwin_store(tmp_path / "s.db") as store:
        found = dossier.build(store, "Baldwin")  # the surname alone is enough
        assert found.name == "Alec Baldwin" and found.type == "PERSON"
        assert found.aliases[:2] == ["Alec Baldwin", "Baldwin"]
        assert [(r["role"], r["first"]) for r in found.roles] == [("actor", "2021-10-22"),
                                                                  ("producer", "2023-04-21")]
        assert found.roles[0]["sources"][0] == {"article": "shooting", "outlet": "wire.example",
                                                "published": "2021-10-22"}
        assert [q["text"] for q in found.quotes] == ["There were no live rounds", "We are grateful"]
        assert [(e["date"], e["role"]) for e in found.events] == [("2021-10-21", "agent"),
                                                                  ("2023-04-20", "agent")]
        assert found.stories and sum(s["mentioning_articles"] for s in found.stories) == 2
        assert found.articles == 2
        # Case, accents and a typo are forgiven.
        assert dossier.build(store, "ALEC baldwin").name == "Alec Baldwin"
        assert dossier.build(store, "Alec Baldwn").name == "Alec Baldwin"
        text = dossier.render(found, "md")
        assert "## Roles over time" in text and "producer (2023-04-21; daily.example)" in text


def test_ambiguous_surname_lists_the_candidates(tmp_path):
    with baldwin_store(tmp_path / "s.db", with_brother=True) as store:
        with pytest.raises(dossier.AmbiguousName) as raised:
            dossier.build(store, "Baldwin")
        assert [c.name for c in raised.value.candidates] == ["Alec Baldwin", "Stephen Baldwin"]
        assert dossier.build(store, "Stephen Baldwin").roles[0]["role"] == "actor"
        with pytest.raises(dossier.NameNotFound):
            dossier.build(store, "Halyna Hutchins")


def test_dossier_command_exit_codes_and_formats(tmp_path):
    db = tmp_path / "s.db"
    baldwin_store(db, with_brother=True).close()
    command = [sys.executable, "-m", "storyline.cli", "dossier", "--db", str(db)]
    ambiguous = subprocess.run([*command, "Baldwin"], capture_output=True, timeout=120)
    assert ambiguous.returncode == 11
    message = ambiguous.stderr.decode()
    assert "Alec Baldwin" in message and "Stephen Baldwin" in message
    assert len(message.strip().splitlines()) == 1 and "Traceback" not in message
    found = subprocess.run([*command, "Alec", "Baldwin", "--format", "json"], capture_output=True,
                           timeout=120)
    assert found.returncode == 0, found.stderr.decode()
    record = json.loads(found.stdout)
    assert record["name"] == "Alec Baldwin" and len(record["quotes"]) == 2
    table = subprocess.run([*command, "alec baldwin"], capture_output=True, timeout=120)
    assert b"ROLES OVER TIME" in table.stdout and b"producer" in table.stdout
    missing = subprocess.run([*command, "Nobody Here"], capture_output=True, timeout=120)
    assert missing.returncode == 3


# -- hostile names: a wildcard is a character, SQL is text, and each gives one line --------------

@pytest.mark.parametrize("name, meant", [("_d", "Ed"), ("e_", "Ed"), ("b_nn", "Benn")])
def test_underscore_in_a_name_is_no_wildcard(fixture_store, name, meant):
    # Before LIKE escaping, "_d" found Ed Farrow and "b_nn" Gloria Benn (any one character).
    with Store(fixture_store) as store:
        assert dossier.candidates(store, name) == []
        assert dossier.candidates(store, meant)  # the real name is there


def test_control_characters_and_empty_names(fixture_store):
    with Store(fixture_store) as store:
        assert dossier.build(store, "Harriet\x00Vane").name == "Harriet Vane"
        for name in ("", "\x00", "%", "_", "__", " - "):
            with pytest.raises(UsageError, match="is not a name"):
                dossier.build(store, name)


@pytest.mark.parametrize("name, code, message", [
    ("%", 2, "'%' is not a name"),
    ("_", 2, "'_' is not a name"),
    ("__", 2, "'__' is not a name"),
    ("", 2, "'' is not a name"),
    ("'; DROP TABLE articles; --", 3, "no person or organization called "
                                      "\"'; DROP TABLE articles; --\""),
    ("x" * 100_000, 2, "… (100000 characters) is too long for a name"),
    ("Harriet Vane", 0, ""),
])
def test_hostile_names_through_the_command(fixture_store, name, code, message):
    before = dump(fixture_store)
    result = subprocess.run([sys.executable, "-m", "storyline.cli", "dossier", name, "--db",
                             str(fixture_store)], capture_output=True, timeout=120)
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    if code:
        assert message in stderr and "Traceback" not in stderr
        assert len(stderr.strip().splitlines()) == 1 and len(stderr) < 300
    else:
        assert result.stdout.decode().startswith("Harriet Vane\n")
    assert dump(fixture_store) == before
