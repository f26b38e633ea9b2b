"""The TempEval-3 scorer: TimeML reading and the measures, on a document written here; and the
gate that keeps storyline's value F1 on TBAQ-cleaned above its recorded floor."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Config
from storyline.evaluation.tempeval import (
    Tally, Timex, evaluate, format_report, pair, read_corpus, read_timeml,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TBAQ = SHARED / "data" / "tempeval3" / "TBAQ-cleaned"

# Measured on the first 40 files of TBAQ-cleaned (sorted by path; the AQUAINT newswire):
# value F1 77.6, relaxed extent F1 95.3. The floors sit a little below.
GATE_FILES = 40
VALUE_F1_FLOOR = 0.76
RELAXED_F1_FLOOR = 0.93

TIMEML = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>TINY001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" \
functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
The <EVENT eid="e1" class="OCCURRENCE">talks</EVENT> ended <TIMEX3 tid="t1" type="DATE" \
value="1998-01-07">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">three \
days</TIMEX3> &amp; will resume <TIMEX3 tid="t3" type="TIME" value="1998-01-12TMO">Monday \
morning</TIMEX3>.
</TEXT>
</TimeML>
"""
TEXT = "\nThe talks ended yesterday after three days & will resume Monday morning.\n"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    folder = tmp_path / "timeml"
    folder.mkdir()
    (folder / "TINY001.tml").write_text(TIMEML, encoding="utf-8")
    return folder


def test_read_timeml(tiny):
    document = read_timeml(tiny / "TINY001.tml")
    assert document.name == "TINY001.tml"
    assert document.dct == "1998-01-08"
    assert document.text == TEXT  # tags removed, "&amp;" decoded
    assert [(g.text, g.type, g.value) for g in document.gold] == [
        ("yesterday", "DATE", "1998-01-07"), ("three days", "DURATION", "P3D"),
        ("Monday morning", "TIME", "1998-01-12TMO")]
    for g in document.gold:
        assert document.text[g.start:g.end] == g.text
    assert [d.name for d in read_corpus(str(tiny))] == ["TINY001.tml"]


def _span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def test_measures_on_a_hand_scored_system(tiny):
    gold = read_timeml(tiny / "TINY001.tml").gold
    found = [
        Timex(*_span("yesterday"), "DATE", "1998-01-07"),           # strict, type and value
        Timex(*_span("after three days"), "DURATION", "P3D"),       # relaxed, type and value
        Timex(*_span("Monday"), "DATE", "1998-01-12"),              # relaxed, wrong type/value
        Timex(*_span("talks"), "DATE", "1998-01-08"),               # spurious
    ]
    tally = Tally()
    tally.add(gold, found)
    scores = tally.scores()
    assert (scores["gold"], scores["found"]) == (3, 4)
    assert scores["strict"]["precision"] == pytest.approx(1 / 4)
    assert scores["strict"]["recall"] == pytest.approx(1 / 3)
    assert scores["strict"]["f1"] == pytest.approx(2 / 7)
    assert scores["relaxed"]["precision"] == pytest.approx(3 / 4)
    assert scores["relaxed"]["recall"] == pytest.approx(1.0)
    assert scores["relaxed"]["f1"] == pytest.approx(6 / 7)
    assert scores["type_accuracy"] == pytest.approx(2 / 3)
    assert scores["value"]["precision"] == pytest.approx(2 / 4)
    assert scores["value"]["recall"] == pytest.approx(2 / 3)
    assert scores["value"]["f1"] == pytest.approx(4 / 7)


def test_pairs_are_one_to_one_by_largest_overlap():
    gold = [Timex(0, 8, "DATE", "a"), Timex(10, 16, "DATE", "b")]
    found = [Timex(0, 16, "DATE", "b")]  # one system span over two gold ones pairs once
    assert [(g.value, f.value) for g, f in pair(gold, found)] == [("a", "b")]
    found = [Timex(5, 12, "DATE", "x"), Timex(0, 3, "DATE", "y")]
    assert [(g.value, f.value) for g, f in pair(gold, found)] == [("a", "x")]


def test_evaluate_and_report_on_the_tiny_corpus(tiny):
    pytest.importorskip("dateparser")  # the `eval` extra
    result = evaluate(str(tiny), Config(), baselines=True)
    assert result["documents"] == 1
    assert set(result["systems"]) == {"storyline", "spacy", "dateparser"}
    storyline = result["systems"]["storyline"]
    assert storyline["gold"] == 3
    # storyline finds all three, with the TimeML extents and values
    assert storyline["strict"]["hits"] == 3
    assert storyline["value"]["hits"] == 3
    report = format_report(result)
    assert "| storyline |" in report and "| spaCy DATE+TIME |" in report
    assert "| dateparser search_dates |" in report
    assert "value F1" in report and "Value F1: a true positive" in report


@pytest.mark.gate
def test_gate_value_f1_on_tbaq_subset():
    """CI gate: storyline's TempEval-3 scores on a fixed TBAQ-cleaned subset stay above the
    recorded floors (run the whole set with `storyline eval tempeval` for the full table)."""
    if not TBAQ.exists():
        pytest.skip(f"{TBAQ} not available (../shared is absent)")
    result = evaluate(str(TBAQ), Config(), limit=GATE_FILES, baselines=False)
    scores = result["systems"]["storyline"]
    assert result["documents"] == GATE_FILES
    assert scores["value"]["f1"] >= VALUE_F1_FLOOR, format_report(result)
    assert scores["relaxed"]["f1"] >= RELAXED_F1_FLOOR, format_report(result)
