"""The merged story timeline: one entry per event across articles, every source kept, dates of
different precision agreeing, conflicts flagged with both sides, and `--since`."""
from __future__ import annotations

import json
import subprocess
import sys

from test_store import make_article

from storyline.stories.merge import COVERAGE, SAME_DAY, build, lemma, story_timeline
from storyline.stories.clustering import ingest
from storyline.store import Store

DROPPED_A = ("Prosecutors dropped the manslaughter charge against Alec Baldwin on April 20, 2023. "
             "The shooting on the film set in New Mexico killed a cinematographer.")
DROPPED_B = ("In April 2023, prosecutors dropped the charges against Baldwin, citing new evidence "
             "about the gun. Baldwin had always said he did not pull the trigger.")
DROPPED_WRONG_DAY = ("Prosecutors dropped the manslaughter charge against Alec Baldwin on April 19, "
                     "2023, his lawyers said.")
REFILED = ("A grand jury indicted Alec Baldwin again, and prosecutors refiled the manslaughter "
           "charge against Baldwin on January 19, 2024.")


def dropped_a():
    return make_article("a", DROPPED_A, headline="Charges against Baldwin dropped",
                        published="2023-04-21", url="https://alpha.example/a",
                        entities=[("Alec Baldwin", "PERSON"), ("New Mexico", "PLACE")],
                        events=[{"sentence": DROPPED_A.split(". ")[0] + ".", "trigger": "dropped",
                                 "value": "2023-04-20", "who": ["Alec Baldwin"],
                                 "summary": "Prosecutors dropped the manslaughter charge against "
                                            "Alec Baldwin"}])


def dropped_b():
    return make_article("b", DROPPED_B, headline="What next for Baldwin", published="2023-04-25",
                        url="https://www.beta.example/b", entities=[("Baldwin", "PERSON")],
                        events=[{"sentence": DROPPED_B.split(", citing")[0] + ", citing new "
                                 "evidence about the gun.", "trigger": "drops", "value": "2023-04",
                                 "who": ["Baldwin"],
                                 "summary": "prosecutors dropped the charges against Baldwin"}])


def dropped_wrong_day():
    return make_article("d", DROPPED_WRONG_DAY, headline="Baldwin case ends",
                        published="2023-04-22", url="https://delta.example/d",
                        entities=[("Alec Baldwin", "PERSON")],
                        events=[{"sentence": DROPPED_WRONG_DAY, "trigger": "dropped",
                                 "value": "2023-04-19", "who": ["Alec Baldwin"],
                                 "summary": "Prosecutors dropped the manslaughter charge against "
                                            "Alec Baldwin"}])


def refiled():
    return make_article("c", REFILED, headline="Baldwin charged again", published="2024-01-20",
                        url="https://gamma.example/c", entities=[("Alec Baldwin", "PERSON")],
                        events=[{"sentence": REFILED, "trigger": "refiled", "value": "2024-01-19",
                                 "who": ["Alec Baldwin"],
                                 "summary": "prosecutors refiled the manslaughter charge against "
                                            "Baldwin"}])


OUTLETS = {"a": "alpha.example", "b": "beta.example", "c": "gamma.example", "d": "delta.example"}


def test_verb_forms_fold_to_one_stem():
    assert lemma("dropped") == lemma("drops") == lemma("drop")
    assert lemma("refiled") == lemma("refile") and lemma("died") == lemma("die")
    assert lemma("struck") == "strike"


def test_same_event_with_different_date_precision_is_one_entry():
    timeline = build([dropped_a(), dropped_b()], OUTLETS)
    (entry,) = timeline.entries
    assert entry.value == "2023-04-20" and entry.precision == "day"  # the finer date wins
    assert [(r.article, r.outlet, r.value) for r in entry.reports] == [
        ("a", "alpha.example", "2023-04-20"), ("b", "beta.example", "2023-04")]
    assert entry.reports[1].sentence.startswith("In April 2023, prosecutors dropped")
    assert timeline.conflicts == []


def test_wording_alone_does_not_merge_different_events():
    other = make_article("x", "Prosecutors dropped the manslaughter charge against a driver on "
                         "April 20, 2023.", published="2023-04-21",
                         entities=[("Kim Ortega", "PERSON")],
                         events=[{"sentence": "Prosecutors dropped the manslaughter charge against "
                                  "a driver on April 20, 2023.", "trigger": "dismissed",
                                  "value": "2023-04-20", "who": ["Kim Ortega"]}])
    timeline = build([dropped_a(), other], OUTLETS)
    assert len(timeline.entries) == 2  # another trigger and another person: another event


def test_conflicting_dates_are_flagged_with_both_sources():
    timeline = build([dropped_a(), dropped_wrong_day(), dropped_b()], OUTLETS)
    (entry,) = timeline.entries
    assert entry.value == "2023-04-20"
    assert {r.value for r in entry.reports} == {"2023-04-20", "2023-04-19", "2023-04"}
    (conflict,) = timeline.conflicts
    assert conflict.kind == "date" and conflict.entries == [entry.id]
    assert [(r.article, r.value) for r in conflict.reports] == [("a", "2023-04-20"),
                                                                ("d", "2023-04-19")]
    assert "20 Apr 2023" in conflict.description and "19 Apr 2023" in conflict.description


def test_dropped_then_refiled_is_a_reversal_that_keeps_both():
    timeline = build([dropped_a(), dropped_b(), refiled()], OUTLETS)
    assert [e.value for e in timeline.entries] == ["2023-04-20", "2024-01-19"]
    (conflict,) = timeline.conflicts
    assert conflict.kind == "reversal"
    assert [r.article for r in conflict.reports] == ["a", "c"]
    assert [r.outlet for r in conflict.reports] == ["alpha.example", "gamma.example"]
    assert conflict.description.startswith("dropped (Thu 20 Apr 2023) then refiled")


def test_negated_report_contradicts_an_asserted_one():
    denial = make_article(
        "n", "Prosecutors did not drop the manslaughter charge against Alec Baldwin on April 20, "
             "2023, a spokesman said.", published="2023-04-23", entities=[("Alec Baldwin", "PERSON")],
        events=[{"sentence": "Prosecutors did not drop the manslaughter charge against Alec "
                 "Baldwin on April 20, 2023, a spokesman said.", "trigger": "drop",
                 "value": "2023-04-20", "who": ["Alec Baldwin"], "modality": "negated",
                 "summary": "Prosecutors did not drop the manslaughter charge against Alec Baldwin"}])
    timeline = build([dropped_a(), denial], OUTLETS)
    assert len(timeline.entries) == 1
    (conflict,) = timeline.conflicts
    assert conflict.kind == "contradiction"
    assert {r.modality for r in conflict.reports} == {"asserted", "negated"}


def test_since_shows_only_what_is_new(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for article in (dropped_a(), dropped_b(), refiled()):
            ingest(store, article)
        story_ids = {row[0] for row in store.connection.execute("SELECT story_id FROM articles")}
        assert len(story_ids) == 1, "one story"
        (story_id,) = story_ids
        everything = story_timeline(store, story_id)
        assert len(everything.entries) == 2 and len(everything.articles) == 3
        new = story_timeline(store, story_id, since="2024-01-01")
        assert [(e.value, e.status) for e in new.entries] == [("2024-01-19", "new")]
        assert [c.kind for c in new.conflicts] == ["reversal"]
        updated = story_timeline(store, story_id, since="2023-04-23")
        assert [(e.value, e.status) for e in updated.entries] == [("2023-04-20", "updated"),
                                                                  ("2024-01-19", "new")]


def stored_story(tmp_path):
    """The three reports ingested into a store: its path and the `storyline story` command."""
    db = tmp_path / "s.db"
    with Store(db) as store:
        for article in (dropped_a(), dropped_b(), refiled()):
            ingest(store, article)
        (story_id,) = {row[0] for row in store.connection.execute("SELECT story_id FROM articles")}
    return db, [sys.executable, "-m", "storyline.cli", "story", str(story_id), "--db", str(db)]


def test_story_command_renders_every_format(tmp_path):
    db, command = stored_story(tmp_path)
    outputs = {fmt: subprocess.run([*command, "--format", fmt], capture_output=True, timeout=120)
               for fmt in ("table", "md", "json", "html")}
    for fmt, result in outputs.items():
        assert result.returncode == 0, (fmt, result.stderr.decode())
    record = json.loads(outputs["json"].stdout)
    assert record["schema"] == "storyline.story/1" and len(record["entries"]) == 2
    assert record["entries"][0]["sources"] == 2
    for fmt in ("table", "md", "html"):
        text = outputs[fmt].stdout.decode()
        assert "beta.example" in text and "refiled" in text, fmt
    assert "REVERSAL" in outputs["table"].stdout.decode()
    assert outputs["html"].stdout.decode().lstrip().startswith("<!DOCTYPE html>")
    since = subprocess.run([*command, "--since", "2024-01-01", "--format", "json"],
                           capture_output=True, timeout=120)
    assert [e["status"] for e in json.loads(since.stdout)["entries"]] == ["new"]
    missing = subprocess.run([*command[:4], "999", "--db", str(db)], capture_output=True, timeout=60)
    assert missing.returncode == 3 and b"no story 999" in missing.stderr


def test_key_developments_open_every_format(tmp_path):
    """The heaviest days, in calendar order, each with its best entry's one-line summary and
    sources, before the full timeline, in table, md, json and html."""
    timeline = build([dropped_a(), dropped_b(), refiled()], OUTLETS)
    developments = timeline.key_developments(3)
    assert [d.date for d in developments] == sorted(day for day, _ in timeline.key_dates(3))
    first = developments[0]
    assert (first.date, first.label, first.sources) == ("2023-04-20", "Thu 20 Apr 2023", 2)
    assert first.summary == "Prosecutors dropped the manslaughter charge against Alec Baldwin"
    assert first.outlets == ["alpha.example", "beta.example"] and first.entry == "t1"
    db, command = stored_story(tmp_path)
    outputs = {fmt: subprocess.run([*command, "--format", fmt], capture_output=True,
                                   timeout=120).stdout.decode()
               for fmt in ("table", "md", "json", "html")}
    record = json.loads(outputs["json"])
    assert list(record)[:6] == ["schema", "story", "title", "since", "articles",
                                "key_developments"]
    assert record["key_developments"][0] == {
        "date": "2023-04-20", "label": "Thu 20 Apr 2023", "weight": 1.0,
        "summary": "Prosecutors dropped the manslaughter charge against Alec Baldwin",
        "sources": 2, "outlets": ["alpha.example", "beta.example"], "entry": "t1"}
    for fmt, timeline_heading in (("table", "REVERSAL"), ("md", "## Timeline"),
                                  ("html", "<h2>Entries and their sources</h2>")):
        text = outputs[fmt]
        opening = text.index("Key developments")
        assert opening < text.index(timeline_heading), fmt
        assert text.index("Thu 20 Apr 2023", opening) < text.index(timeline_heading), fmt
        assert "Prosecutors dropped the manslaughter charge" in text[opening:], fmt
    html = outputs["html"]
    assert html.index("Key developments") < html.index("<svg"), "before the drawn timeline"


def test_a_day_looked_back_to_outweighs_one_named_on_the_day():
    """A later report naming a day counts once; a report naming its own day counts SAME_DAY."""
    same_day = make_article("s", DROPPED_A, headline="Charges dropped today",
                            published="2023-04-20", url="https://alpha.example/s",
                            entities=[("Alec Baldwin", "PERSON")],
                            events=[{"sentence": DROPPED_A.split(". ")[0] + ".",
                                     "trigger": "dropped", "value": "2023-04-20",
                                     "who": ["Alec Baldwin"], "summary": "charge dropped"}])
    timeline = build([same_day, dropped_wrong_day()], OUTLETS)
    evidence = timeline.day_evidence()
    assert evidence["2023-04-20"] == (0, 1, 1) and evidence["2023-04-19"] == (1, 0, 0)
    scores = timeline.date_scores()
    assert scores["2023-04-19"] == 1.0
    assert scores["2023-04-20"] == SAME_DAY + COVERAGE < scores["2023-04-19"]
    assert scores["2023-04-22"] == COVERAGE  # published on, named by nobody
