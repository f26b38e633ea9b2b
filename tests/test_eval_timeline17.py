"""Timeline17 date selection: reading a topic, choosing the top dates, the F1; a tiny topic run
end to end; and the gate that keeps storyline's date F1 on a fixed topic above its floor."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.evaluation.timeline17 import (ALL_ARTICLES, HELD_OUT, date_f1, evaluate, family,
                                             format_report, read_topic, top_dates)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TIMELINE17 = SHARED / "data" / "timeline17"

# Three topic families, 60 articles each (spread over their dates), so that each held-out row is
# tuned on two other families. Measured (`storyline eval timeline17 DIR --limit 60` over these
# three): held-out thread 0.670, publication count 0.569, mention count 0.634. The floor sits
# below. Two families of 40 were too few: one small change to the clusterer moved the held-out
# thread from 0.871 to 0.788 there (tuned on one family, the choice flips), and from 0.600 to
# 0.716 on these three at 40, while at 60 both versions score 0.67.
GATE_TOPICS = ("H1N1_guardian", "haiti_bbc", "MJ_bbc")
GATE_LIMIT = 60
DATE_F1_FLOOR = 0.65


def test_family_is_the_event_before_the_outlet():
    assert family("H1N1_reuters") == family("H1N1_bbc") == "H1N1"
    assert family("haiti_bbc") == "haiti" != family("MJ_bbc")


def test_top_dates_keep_the_gold_span_and_break_ties_early():
    weights = {"2009-04-01": 5, "2009-04-02": 3, "2009-04-03": 3, "2009-05-30": 9, "2009-03-01": 9}
    assert top_dates(weights, 2, "2009-04-01", "2009-04-30") == ["2009-04-01", "2009-04-02"]
    assert top_dates(weights, 9, "2009-04-01", "2009-04-30") == ["2009-04-01", "2009-04-02",
                                                                "2009-04-03"]


def test_date_f1():
    assert date_f1(["a", "b"], ["a", "c"]) == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert date_f1([], ["a"])["f1"] == 0.0


TEXTS = [
    ("2009-04-27", "Health officials confirmed on Monday that two people in Paisley had swine flu "
                   ", the first cases in Scotland . The couple had returned from Mexico ."),
    ("2009-04-28", "Scotland 's health secretary Nicola Sturgeon said on Monday that two people had "
                   "swine flu . The couple from Paisley are recovering in hospital ."),
    ("2009-05-02", "A third case of swine flu was confirmed in Scotland on Friday , officials said "
                   ". The man had been in contact with the Paisley couple ."),
]


def test_tiny_topic_end_to_end(tmp_path):
    topic = tmp_path / "flu"
    topic.mkdir()
    (topic / "articles.json").write_text(json.dumps(
        [{"uid": str(n), "dct": dct, "dates": [], "text": text}
         for n, (dct, text) in enumerate(TEXTS)] + [{"uid": "9", "dct": "2009-05-03",
                                                     "dates": [], "text": "  "}]))
    (topic / "flu.timeline.json").write_text(json.dumps(
        [{"date": "2009-04-27", "text": "First cases."}, {"date": "2009-05-01", "text": "Third."}]))
    articles, timelines = read_topic(topic)
    assert len(articles) == 4 and timelines == {"flu": ["2009-04-27", "2009-05-01"]}
    result = evaluate(str(tmp_path), Config())
    (row,) = result["timelines"]
    assert row["gold_dates"] == 2 and result["topics"][0]["processed"] == 3  # the empty one left
    assert set(row) >= {HELD_OUT, ALL_ARTICLES, "publication count", "mention count"}
    assert row[ALL_ARTICLES]["recall"] >= 0.5  # "Monday" before 2009-04-27/28 is the 27th
    assert result["topics"][0]["stories"] >= 1 and "largest_thread_share" in result["topics"][0]
    report = format_report(result)
    assert "| flu | flu | 2 |" in report and "news-tls DATEWISE 0.544" in report


@pytest.mark.gate
def test_gate_date_f1_held_out(tmp_path):
    """CI gate: the held-out thread date F1 on three topic families (60 articles each) stays above
    the floor and ahead of both baselines (run `storyline eval timeline17` for every topic)."""
    if not TIMELINE17.exists():
        pytest.skip(f"{TIMELINE17} not available (../shared is absent)")
    for topic in GATE_TOPICS:
        (tmp_path / topic).symlink_to(TIMELINE17 / topic, target_is_directory=True)
    result = evaluate(str(tmp_path), Config(), limit=GATE_LIMIT)
    mean = {system: values["f1"] for system, values in result["mean"].items()}
    assert mean[HELD_OUT] >= DATE_F1_FLOOR, format_report(result)
    assert mean[HELD_OUT] > mean["publication count"], format_report(result)
    assert mean[HELD_OUT] >= mean["mention count"], format_report(result)
