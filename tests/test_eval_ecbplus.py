"""ECB+ story clustering: reading token XML back into text, the B-cubed and pairwise measures,
the report; and the gate that keeps online clustering above its floor and ahead of the offline
TF-IDF average-linkage baseline on a fixed subset of topics."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Config
from storyline.errors import UsageError
from storyline.evaluation.ecbplus import (
    detokenize, evaluate, format_report, read_documents, score, tfidf_average_linkage,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ECBPLUS = SHARED / "data" / "ecbplus" / "ECB+"

# Measured on topics 2, 7, 10 and 13 (96 documents, 8 stories) under the fold protocol (each
# topic held out in turn, options tuned on the other three): storyline online B3 F1 0.888,
# precision 0.881 (mean of 6 orders, the same under any hash seed since the rival check ranks
# ties by name; 0.887 and 0.878 before the probes went on past keys that find nothing; 0.877
# and 0.887 before names were typed by the store's vote and a report naming
# one rival stayed with it; 0.880 and 0.874 before the sides were settled; 0.884 in an earlier run; before short forms joined after the type vote 0.891 and
# 0.878, before the rival-name check 0.856 and 0.841); TF-IDF average linkage, threshold tuned
# the same way, 0.810.
GATE_TOPICS = ("2", "7", "10", "13")
BCUBED_F1_FLOOR = 0.86
BCUBED_P_FLOOR = 0.85


def write_doc(folder: Path, name: str, sentences: list[list[str]]) -> None:
    tokens, number = [], 1
    for index, sentence in enumerate(sentences):
        for position, token in enumerate(sentence):
            tokens.append(f'<token t_id="{number}" sentence="{index}" number="{position}">'
                          f"{token}</token>")
            number += 1
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f'<Document doc_name="{name}" doc_id="x">\n' + "\n".join(tokens)
                               + "\n<Markables>\n</Markables>\n</Document>\n", encoding="utf-8")


def test_documents_are_rebuilt_from_tokens(tmp_path):
    write_doc(tmp_path / "3", "3_1ecbplus.xml", [
        "http : / / www . news . example / 2009 / quake".split(),
        "Quake hits Qeshm island".split(),
        "A 6.1 - magnitude quake struck the island , officials said . ".split(),
        "`` We felt it , '' said Ali Rezaei , who does n't live there .".split()])
    write_doc(tmp_path / "3", "3_2ecb.xml", [["An", "earthquake", "hit", "Iran", "."]])
    write_doc(tmp_path / "12", "12_1ecb.xml", [["Pirates", "seized", "a", "ship", "."]])
    (doc_a, doc_b, doc_c) = read_documents(str(tmp_path))
    assert [d.name for d in (doc_a, doc_b, doc_c)] == ["3_1ecbplus.xml", "3_2ecb.xml",
                                                        "12_1ecb.xml"]
    assert (doc_a.story, doc_b.story, doc_c.story) == ("3ecbplus", "3ecb", "12ecb")
    assert doc_a.url == "http://www.news.example/2009/quake"
    assert doc_a.text.split("\n\n") == [
        "http: / / www. news. example / 2009 / quake",  # as a copy of the page has it
        "Quake hits Qeshm island",
        "A 6.1-magnitude quake struck the island, officials said.",
        "“We felt it,” said Ali Rezaei, who doesn't live there."]
    assert detokenize(["(", "AP", ")", "It", "'s", "$", "5"]) == "(AP) It's $5"
    assert detokenize("March 26 -LRB- Reuters -RRB- - Syria 's".split()) == \
        "March 26 (Reuters) - Syria's"


def test_bcubed_and_pairwise_scores():
    gold = {"a": "X", "b": "Y", "c": "Y"}
    perfect = score({"a": 1, "b": 2, "c": 2}, gold)
    assert perfect["bcubed_f1"] == perfect["pairwise_f1"] == 1.0
    mixed = score({"a": 1, "b": 1, "c": 2}, gold)
    assert mixed["bcubed_p"] == pytest.approx(2 / 3) and mixed["bcubed_r"] == pytest.approx(2 / 3)
    assert mixed["pairwise_f1"] == 0.0 and mixed["clusters"] == 2
    lumped = score({"a": 1, "b": 1, "c": 1}, gold)
    assert lumped["bcubed_r"] == 1.0 and lumped["bcubed_p"] == pytest.approx(5 / 9)


def test_baseline_threshold_is_tuned_on_the_data():
    texts = {"a": "volcano erupts ash cloud flights", "b": "volcano ash cloud grounds flights",
             "c": "election results parliament vote", "d": "parliament vote election count"}
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    result = tfidf_average_linkage(texts, gold)
    assert result["bcubed_f1"] == 1.0 and 0 < result["threshold"] < 1


def test_evaluate_and_report_on_a_tiny_corpus(tmp_path):
    quake = "A strong earthquake struck {place} on Sunday , killing {n} people , officials said ."
    for topic, sub, place in (("1", "ecb", "Qeshm island in Iran"),
                              ("1", "ecbplus", "the city of Bam in Iran"),
                              ("2", "ecb", "Kathmandu in Nepal"),
                              ("2", "ecbplus", "the Gorkha district of Nepal")):
        for number in (1, 2):
            address = f"http : / / news . example / {topic} / {sub} / {number}".split()
            write_doc(tmp_path / topic, f"{topic}_{number}{sub}.xml",
                      [address] + [quake.format(place=place, n=number * 3).split()] * 3)
    result = evaluate(str(tmp_path), Config())
    assert result["documents"] == result["processed"] == 8 and result["gold_stories"] == 4
    assert len(result["storyline"]["runs"]) == 6
    folds = result["held_out"]["folds"]
    assert [fold["held_out"] for fold in folds] == [["1"], ["2"]] or \
        [tuple(fold["held_out"]) for fold in folds] == [("1",), ("2",)]
    assert all(0 <= fold["scores"]["bcubed_f1"] <= 1 for fold in folds)
    checks = result["reader_checks"]
    assert checks["address_lines"] == checks["urls_filled"] == 8
    assert checks["titles_not_headlines"] == [] and checks["people_not_people"] == []
    report = format_report(result)
    assert "8 of 8 opening address lines were set aside" in report
    assert "| storyline online, held-out folds |" in report
    assert "tuned on all (mean of 6 orders) |" in report
    assert "| TF-IDF average linkage, offline, threshold tuned on the other folds |" in report
    # The tuning's candidates are scored in two processes with --workers 2: the same figures.
    parallel = evaluate(str(tmp_path), Config(workers=2))
    for part in ("held_out", "storyline", "shipped_defaults", "baseline_held_out"):
        assert parallel[part] == result[part], part


def test_one_topic_is_refused_for_the_fold_protocol(tmp_path):
    write_doc(tmp_path / "1", "1_1ecb.xml", [["An", "earthquake", "hit", "Iran", "."]])
    write_doc(tmp_path / "1", "1_1ecbplus.xml", [["A", "quake", "hit", "Nepal", "."]])
    with pytest.raises(UsageError, match="at least two topics"):
        evaluate(str(tmp_path), Config())


@pytest.mark.gate
def test_gate_bcubed_on_topic_subset(tmp_path):
    """CI gate: online clustering on four fixed ECB+ topics stays above the floor and ahead of
    the tuned offline baseline (`storyline eval ecbplus` gives the full table)."""
    if not ECBPLUS.exists():
        pytest.skip(f"{ECBPLUS} not available (../shared is absent)")
    for topic in GATE_TOPICS:
        (tmp_path / topic).symlink_to(ECBPLUS / topic, target_is_directory=True)
    result = evaluate(str(tmp_path), Config(workers=2))  # the tuning in two processes
    held_out, baseline = result["held_out"], result["baseline_held_out"]
    assert result["gold_stories"] == 2 * len(GATE_TOPICS)
    assert held_out["bcubed_f1"] >= BCUBED_F1_FLOOR, format_report(result)
    assert held_out["bcubed_p"] >= BCUBED_P_FLOOR, format_report(result)
    assert held_out["bcubed_f1"] > baseline["bcubed_f1"], format_report(result)
