"""Timeline17 date selection: reading a topic, choosing the top dates, the F1; a tiny topic run
end to end; and the gate that keeps storyline's date F1 on a fixed topic above its floor."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.evaluation.timeline17 import date_f1, evaluate, format_report, read_topic, top_dates

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TIMELINE17 = SHARED / "data" / "timeline17"

# Measured on H1N1_guardian, all 76 articles (12 gold dates): storyline 0.833, publication
# count 0.556, mention count 0.833. The floor sits a little below.
GATE_TOPIC = "H1N1_guardian"
DATE_F1_FLOOR = 0.75


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
    assert set(row) >= {"storyline", "publication count", "mention count"}
    assert row["storyline"]["recall"] >= 0.5  # "Monday" before 2009-04-27/28 is the 27th
    report = format_report(result)
    assert "| flu | flu | 2 |" in report and "news-tls DATEWISE 0.544" in report


@pytest.mark.gate
def test_gate_date_f1_on_one_topic(tmp_path):
    """CI gate: date selection F1 on one fixed Timeline17 topic stays above the floor (run
    `storyline eval timeline17` for every topic)."""
    if not TIMELINE17.exists():
        pytest.skip(f"{TIMELINE17} not available (../shared is absent)")
    (tmp_path / GATE_TOPIC).symlink_to(TIMELINE17 / GATE_TOPIC, target_is_directory=True)
    result = evaluate(str(tmp_path), Config())
    (row,) = result["timelines"]
    assert row["storyline"]["f1"] >= DATE_F1_FLOOR, format_report(result)
    assert row["storyline"]["f1"] >= row["publication count"]["f1"], format_report(result)
