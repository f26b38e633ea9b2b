"""The PolNeAR scorer on a tiny hand-made brat file (exact numbers), and the accuracy floors on
a fixed dev subset (gate)."""
from __future__ import annotations

import pytest

from storyline import Config
from storyline.evaluation import polnear
from storyline.evaluation.polnear import Attribution

from conftest import SHARED, shared_file

TEXT = ("Smith said the bridge would reopen. “We are ready,” Jones said, “and so is the city.” "
        "The weather was fine.")
STANDOFF = """T1\tSource 0 5\tSmith
T2\tCue 6 10\tsaid
T3\tContent 11 34\tthe bridge would reopen
T4\tAttribution 6 10\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tSource 52 57\tJones
T6\tCue 58 62\tsaid
T7\tContent 36 51;64 85\t“We are ready,” “and so is
the city.”
T8\tAttribution 58 62\tsaid
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5
#1\tAnnotatorNotes T7\tsplit quote
T9\tDiscard 86 106\tThe weather was fine
"""


def predicted(start, end, kind, source=(), cue=(), speakers=()):
    return polnear._with_letters(TEXT, Attribution(((start, end),), kind, source, cue, speakers))


def test_brat_reading():
    gold = polnear.parse_brat(STANDOFF, TEXT)
    assert [(g.content, g.kind, g.source, g.cue) for g in gold] == [
        (((11, 34),), "indirect", ((0, 5),), ((6, 10),)),
        (((36, 51), (64, 85)), "direct", ((52, 57),), ((58, 62),)),
    ]
    assert len(gold[1].letters) == 24 and len(gold[1].pieces) == 2


@pytest.mark.parametrize("content, kind", [
    ("“We are ready,”", "direct"),
    ("that “the plan is dead.”", "direct"),
    ("the plan was “dead on arrival” and would fail", "mixed"),
    ("the bridge would reopen", "indirect"),
    ("it’s Hutchins’ car", "indirect"),
])
def test_gold_kind(content, kind):
    assert polnear.gold_kind(content, ((0, len(content)),)) == kind


def test_scores_on_a_tiny_example():
    gold = polnear.parse_brat(STANDOFF, TEXT)
    ours = [
        predicted(11, 21, "indirect", ((0, 5),), ((6, 10),)),  # "the bridge": part of G1
        predicted(37, 49, "direct", ((52, 57),), ((58, 62),)),  # first piece of G2
        predicted(65, 83, "direct"),                             # second piece, no speaker
        predicted(86, 106, "indirect"),                          # matches nothing
    ]
    rows = {row: polnear.rates(counts)
            for row, counts in polnear.score_article(TEXT, gold, ours, {}).items()}
    direct, indirect, whole = rows["direct"], rows["indirect"], rows["all"]
    assert (direct["gold"], direct["pred"]) == (1, 2)
    assert direct["strict"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert direct["overlap"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert (direct["source_acc"], direct["cue_acc"]) == (0.5, 0.5)
    assert indirect["strict"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert indirect["overlap"]["p"] == 0.5
    assert indirect["overlap"]["r"] == pytest.approx(9 / 20)
    assert indirect["overlap"]["f1"] == pytest.approx(2 * 0.5 * 0.45 / 0.95)
    assert (indirect["source_acc"], indirect["cue_acc"]) == (1.0, 1.0)
    assert rows["mixed"]["strict"]["p"] is None and rows["mixed"]["gold"] == 0
    assert whole["strict"] == {"p": 0.5, "r": 0.5, "f1": 0.5}
    assert whole["overlap"]["p"] == 0.75
    assert whole["overlap"]["r"] == pytest.approx(1.45 / 2)
    assert whole["source_acc"] == pytest.approx(2 / 3)


def test_source_counts_through_the_entity():
    """ "he" resolved to an entity named where the gold source stands is right."""
    gold = polnear.parse_brat(STANDOFF, TEXT)
    ours = [predicted(65, 83, "direct", speakers=("e2",))]
    counts = polnear.score_article(TEXT, gold, ours, {"e2": [(52, 57)]})
    assert polnear.rates(counts["direct"])["source_acc"] == 1.0
    counts = polnear.score_article(TEXT, gold, ours, {"e2": [(0, 5)]})
    assert polnear.rates(counts["direct"])["source_acc"] == 0.0


def test_first_annotator_is_used(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "story_aaaa.ann").write_text(STANDOFF, encoding="utf-8")
    (tmp_path / "attributions" / "story_bbbb.ann").write_text("", encoding="utf-8")
    [(name, text, annotation)] = polnear.documents(str(tmp_path))
    assert (name, text) == ("story", TEXT) and annotation.endswith("story_aaaa.ann")


def test_report_is_markdown():
    result = {"split": "dev", "articles": 1, "model": "m", "textacy": None,
              "seconds": {"parse": 1, "entities+times": 0, "quotes": 0, "textacy": 0},
              "systems": {"storyline": {row: polnear.rates(polnear._empty())
                                        for row in polnear.KINDS + ("all",)}}}
    report = polnear.format_report(result)
    assert report.startswith("# PolNeAR") and "| storyline | direct |" in report


# Floors a little under what the first 25 dev articles measure (direct overlap F1 0.94, strict
# 0.80; indirect overlap 0.62; source accuracy 0.84); the whole dev split is in the report.
GATE_ARTICLES = 25
FLOORS = {("direct", "overlap"): 0.90, ("direct", "strict"): 0.75,
          ("indirect", "overlap"): 0.57, ("all", "source"): 0.80}


@pytest.mark.gate
def test_gate_dev_subset():
    dev = shared_file(SHARED / "data" / "polnear" / "dev")
    result = polnear.evaluate(str(dev), Config(), limit=GATE_ARTICLES, baseline=False)
    rows = result["systems"]["storyline"]
    for (row, measure), floor in FLOORS.items():
        value = rows[row]["source_acc"] if measure == "source" else rows[row][measure]["f1"]
        assert value >= floor, (row, measure, value, floor)
