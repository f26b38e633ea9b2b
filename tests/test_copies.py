"""Wire copies counted once: a reprint (same body under another headline and byline, a
dateline added, one sentence changed) is recorded as a copy of its original, joins its story
without taking nearest-neighbour links, shows as "N copies: outlet, outlet" in `storyline story`,
adds no weight to dates, no second confirmation and no conflict with itself; a different report
on the same topic is not a copy; replayed copies never split a story."""
from __future__ import annotations

import copy
import json
import re
import subprocess
import sys

import pytest
from conftest import FIXTURES, SAMPLE

from storyline.demo import records as demo_records
from storyline.inputs.read import article_from_record
from storyline.store import Store
from storyline.stories.clustering import ingest
from storyline.stories.copies import (COPY_THRESHOLD, copy_groups, copy_map,
                                      estimated_jaccard, minhash, shingles)
from storyline.stories.merge import build, story_timeline

DEMO = {record["id"]: record for record in demo_records()}
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
FIGURE = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+) ([a-z]+s)\b")  # a count: "3,800 households"


def body_of(name: str) -> tuple[str, str]:
    """A real article's (headline, body): the demo wire report, a fixture, the founding sample."""
    if name == "demo":
        text = DEMO["02"]["text"]
    elif name == "sample":
        if not SAMPLE.exists():
            pytest.skip(f"{SAMPLE} not available (../shared is absent)")
        text = SAMPLE.read_text(encoding="utf-8")
    else:
        text = (FIXTURES / "clean" / name).read_text(encoding="utf-8")
    headline, rest = text.split("\n", 1)
    body = "\n\n".join(p.strip() for p in rest.split("\n\n")
                       if p.strip() and not p.strip().startswith("By "))
    return headline.strip(), body


def reprint(headline: str, body: str) -> tuple[str, str]:
    """Another outlet's print of the same report: a new headline and byline, a dateline before
    the first paragraph, and one sentence in the middle reworded (its figure changed too)."""
    paragraphs = body.split("\n\n")
    sentences = [(n, s) for n, p in enumerate(paragraphs) for s in SENTENCE.split(p)]
    counted = [(n, s) for n, s in sentences if FIGURE.search(s)]
    n, sentence = counted[0] if counted else sentences[len(sentences) // 2]
    changed = FIGURE.sub(lambda m: f"{int(m[1].replace(',', '')) + 200:,} {m[2]}", sentence, 1)
    changed = changed if changed != sentence else sentence.rstrip(".") + ", officials added."
    paragraphs[n] = paragraphs[n].replace(sentence, changed, 1)
    dateline = "" if re.match(r"^[A-Z][A-Z .,]+(\([^)]*\))?\s*[—–-]", paragraphs[0]) \
        else "SPRINGFIELD (Wire Service) — "
    paragraphs[0] = dateline + paragraphs[0]
    return f"Reprinted: {headline.lower()}", "By Wire Service staff\n\n" + "\n\n".join(paragraphs)


def processed(pipeline, record: dict, number: int):
    return pipeline.run(article_from_record(json.dumps(record), pipeline.config, f"test:{number}"))


def story_of(store: Store, article_id: str) -> int:
    return store.connection.execute("SELECT story_id FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()[0]


def run_story(db, story_id: int, fmt: str) -> str:
    result = subprocess.run([sys.executable, "-m", "storyline.cli", "story", str(story_id),
                             "--db", str(db), "--format", fmt], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


@pytest.mark.parametrize("name", ["demo", "reuters-rates.txt", "bbc-floods.txt", "sample"])
def test_a_reprint_is_one_report_in_one_story(pipeline, tmp_path, name):
    headline, body = body_of(name)
    copy_headline, copy_text = reprint(headline, body)
    assert copy_text != body and copy_headline != headline
    first, second = shingles(body), shingles(copy_text)
    assert estimated_jaccard(minhash(first), minhash(second)) >= COPY_THRESHOLD
    original = processed(pipeline, {"id": "original", "url": "https://first.example/news/1",
                                    "published": "2025-06-03", "text": f"{headline}\n\n{body}"}, 1)
    reprinted = processed(pipeline, {"id": "reprint", "url": "https://second.example/wire/9",
                                     "published": "2025-06-03",
                                     "text": f"{copy_headline}\n\n{copy_text}"}, 2)
    db = tmp_path / "s.db"
    with Store(db) as store:
        ingest(store, original)
        placed = ingest(store, reprinted)
        story_id = story_of(store, "original")
        assert placed.story_id == story_id and story_of(store, "reprint") == story_id
        assert [(g.original, g.articles) for g in copy_groups(store.connection, story_id)] == [
            ("original", ["original", "reprint"])]
        taken = store.connection.execute(
            "SELECT count(*) FROM neighbors WHERE article_pk = (SELECT pk FROM articles WHERE "
            "id = 'reprint') OR neighbor_pk = (SELECT pk FROM articles WHERE id = 'reprint')"
        ).fetchone()[0]
        assert taken == 0, "a copy takes no nearest-neighbour links"
        timeline = story_timeline(store, story_id)
    alone = build([original], {"original": "first.example"})
    unaware = build([original, reprinted], {"original": "first.example",
                                            "reprint": "second.example"})
    assert unaware.published_on["2025-06-03"] == 2  # what counting the copy twice would give
    if name == "demo":  # its changed sentence gives another figure for the households
        assert [c.kind for c in unaware.conflicts] == ["figure"]
    scores = timeline.date_scores()
    assert {day: scores[day] for day in alone.date_scores()} == alone.date_scores(), \
        "the copy adds no weight to the days its original names"
    assert timeline.published_on == alone.published_on
    assert all(reporters <= {"original"} for reporters in timeline.attested.values())
    assert timeline.conflicts == [], "a copy never conflicts with its own original"
    assert all(len(entry.originals) == 1 for entry in timeline.entries)
    assert any(entry.copies == ["reprint"] and {r.outlet for r in entry.reports} ==
               {"first.example", "second.example"} for entry in timeline.entries)
    record = json.loads(run_story(db, story_id, "json"))
    assert record["copy_groups"] == [{"original": "original", "copies": 2,
                                      "articles": ["original", "reprint"],
                                      "outlets": ["first.example", "second.example"]}]
    assert all(entry["sources"] == 1 for entry in record["entries"])
    for fmt in ("table", "md", "html"):
        assert "2 copies: first.example, second.example" in run_story(db, story_id, fmt), fmt


def test_only_the_wire_reprint_is_a_copy_in_the_demo_story(pipeline, tmp_path):
    """The demo's Millbrook story has six reports from three outlets; one is a word-for-word
    reprint of another under a new headline. The others on the same topic are not copies."""
    with Store(tmp_path / "s.db") as store:
        for number, record in enumerate(demo_records(), start=1):
            ingest(store, processed(pipeline, record, number))
        story_id = story_of(store, "02")
        assert copy_map(store.connection, [story_id]) == {"03": "02"}
        same_topic = [row[0] for row in store.connection.execute(
            "SELECT id FROM articles WHERE story_id = ? ORDER BY id", (story_id,))]
        assert {"01", "02", "03", "04"} <= set(same_topic)
        timeline = story_timeline(store, story_id)
    assert [(g["original"], g["outlets"]) for g in timeline.copy_groups()] == [
        ("02", ["valleycourier.example", "northshoretimes.example"])]
    for day, reporters in timeline.attested.items():
        assert not {"02", "03"} <= reporters, day


def test_replayed_copies_do_not_split_stories(pipeline, tmp_path):
    """Every demo article stored again ten times under new ids (a feed replayed): each copy
    joins its original's story and the stories of the originals stay as they were."""
    articles = [processed(pipeline, record, n) for n, record in enumerate(demo_records(), 1)]
    with Store(tmp_path / "s.db") as store:
        for article in articles:
            ingest(store, article)
        before = {a.id: story_of(store, a.id) for a in articles}
        for round_number in range(10):
            for article in articles:
                again = copy.deepcopy(article)
                again.id = f"{article.id}-replay{round_number}"
                ingest(store, again)
        after = {a.id: story_of(store, a.id) for a in articles}
        assert after == before
        for article in articles:
            copies = {row[0] for row in store.connection.execute(
                "SELECT story_id FROM articles WHERE id LIKE ?", (f"{article.id}-replay%",))}
            assert copies == {before[article.id]}, article.id
        counts = dict(store.connection.execute("SELECT id, article_count FROM stories"))
        for story_id in set(before.values()):
            originals = sum(1 for sid in before.values() if sid == story_id)
            assert counts[story_id] == originals * 11


def test_copies_follow_their_original_to_another_story(pipeline, tmp_path):
    """When clustering moves an original (a merge or a split), its copies move with it."""
    original = processed(pipeline, {"id": "a", "text": DEMO["02"]["text"]}, 1)
    reprinted = copy.deepcopy(original)
    reprinted.id = "b"
    with Store(tmp_path / "s.db") as store:
        ingest(store, original)
        ingest(store, reprinted)
        db = store.connection
        new_story = db.execute("INSERT INTO stories DEFAULT VALUES").lastrowid
        db.execute("UPDATE articles SET story_id = ? WHERE id = 'a'", (new_story,))
        assert story_of(store, "b") == new_story
