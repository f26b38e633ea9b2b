"""The CoNLL-2003 scorer: reading, exact scores on a tiny hand-tagged snippet, and the gate."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline import Config
from storyline.evaluation import conll

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TESTA = SHARED / "data" / "conll2003" / "eng.testa"

SNIPPET = """-DOCSTART- -X- O O

John NNP I-NP I-PER
Smith NNP I-NP I-PER
visited VBD I-VP O
Paris NNP I-NP I-LOC
with IN I-PP O
the DT I-NP O
United NNP I-NP I-ORG
Nations NNP I-NP I-ORG
. . O O

Smith NNP I-NP I-PER
praised VBD I-VP O
French JJ I-NP I-MISC
officials NNS I-NP O
. . O O

-DOCSTART- -X- O O

Berlin NNP I-NP I-LOC
Bonn NNP I-NP B-LOC
and CC O O
Reuters NNP I-NP I-ORG
reported VBD I-VP O
. . O O
"""

# What a tagger "found" in each document: (surface, spaCy label), in order.
TAGGED = [
    [("John Smith", "PERSON"), ("Paris", "GPE"), ("the United Nations", "ORG"),
     ("Smith", "PERSON"), ("French", "NORP")],
    [("Berlin Bonn", "GPE"), ("Reuters", "ORG")],
]


@pytest.fixture
def snippet(tmp_path) -> Path:
    path = tmp_path / "tiny.conll"
    path.write_text(SNIPPET, encoding="utf-8")
    return path


def spans(text: str, *surfaces: str) -> list[tuple[int, int]]:
    found, position = [], 0
    for surface in surfaces:
        start = text.index(surface, position)
        found.append((start, start + len(surface)))
        position = start + len(surface)
    return found


def test_reading_rebuilds_text_and_gold(snippet):
    first, second = list(conll.read_documents(str(snippet)))
    assert first.text == ("John Smith visited Paris with the United Nations .\n"
                          "Smith praised French officials .")
    assert first.tokens == 14
    (john, paris, un, smith) = spans(first.text, "John Smith", "Paris", "United Nations", "Smith")
    assert first.gold == {(*john, "PER"), (*paris, "LOC"), (*un, "ORG"), (*smith, "PER")}  # no MISC
    assert second.text == "Berlin Bonn and Reuters reported ."
    berlin, bonn, reuters = spans(second.text, "Berlin", "Bonn", "Reuters")
    assert second.gold == {(*berlin, "LOC"), (*bonn, "LOC"), (*reuters, "ORG")}  # B- splits


def hand_tagged_docs(documents):
    """Docs of a blank pipeline whose entities are exactly TAGGED: scores independent of models."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    docs = []
    for document, tagged in zip(documents, TAGGED):
        doc = nlp(document.text)
        ents, position = [], 0
        for surface, label in tagged:
            start = document.text.index(surface, position)
            ents.append(doc.char_span(start, start + len(surface), label=label))
            position = start + len(surface)
        doc.ents = ents
        docs.append(doc)
    return docs


def test_exact_scores_on_the_snippet(snippet):
    documents = list(conll.read_documents(str(snippet)))
    result = conll.score_parsed(documents, hand_tagged_docs(documents), Config())
    assert result["documents"] == 2
    spacy_scores, storyline_scores = result["systems"]["spacy"], result["systems"]["storyline"]
    # spaCy: PER 2/2; "the United Nations" misses the gold span; "Berlin Bonn" is one wrong LOC.
    assert (spacy_scores["PER"]["tp"], spacy_scores["PER"]["fp"], spacy_scores["PER"]["fn"]) == (2, 0, 0)
    assert (spacy_scores["ORG"]["tp"], spacy_scores["ORG"]["fp"], spacy_scores["ORG"]["fn"]) == (1, 1, 1)
    assert (spacy_scores["LOC"]["tp"], spacy_scores["LOC"]["fp"], spacy_scores["LOC"]["fn"]) == (1, 1, 2)
    overall = spacy_scores["overall"]
    assert overall["precision"] == pytest.approx(4 / 6)
    assert overall["recall"] == pytest.approx(4 / 7)
    assert overall["f1"] == pytest.approx(8 / 13)
    # storyline trims "the": the organisation matches; "Smith" joins John Smith (still PER).
    assert (storyline_scores["ORG"]["tp"], storyline_scores["ORG"]["fp"]) == (2, 0)
    assert (storyline_scores["PER"]["tp"], storyline_scores["PER"]["fp"]) == (2, 0)
    overall = storyline_scores["overall"]
    assert overall["precision"] == pytest.approx(5 / 6)
    assert overall["recall"] == pytest.approx(5 / 7)
    assert overall["f1"] == pytest.approx(10 / 13)
    report = conll.format_report(result)
    assert "| spacy | overall | 0.667 | 0.571 | 0.615 | 4 | 2 | 3 |" in report
    assert "| storyline | overall | 0.833 | 0.714 | 0.769 | 5 | 1 | 2 |" in report
    assert "MISC ignored" in report


def test_evaluate_runs_both_systems_on_a_file(snippet):
    result = conll.evaluate(str(snippet), Config(), limit=1)
    assert result["documents"] == 1 and result["tokens"] == 14
    for system in ("spacy", "storyline"):
        scores = result["systems"][system]
        # Whatever the model finds, true positives and misses add up to the gold.
        assert scores["PER"]["tp"] + scores["PER"]["fn"] == 2
        assert scores["LOC"]["tp"] + scores["LOC"]["fn"] == 1
        assert scores["ORG"]["tp"] + scores["ORG"]["fn"] == 1
    assert result["model"]
    assert result["refused"] == 0 and result["not_english"] == {}
    assert "Language check: 0 documents refused, 0 identified as not English." in \
        conll.format_report(result)
    assert conll.format_report(result).count("\n| ") == 1 + 8  # header, 2 systems x 4 rows


# Measured on the first 60 documents of eng.testa with en_core_web_sm 3.8.0: storyline overall
# F1 0.737 (spaCy 0.632). The floor sits a little below.
GATE_DOCS = 60
GATE_F1_FLOOR = 0.72


@pytest.mark.gate
def test_gate_storyline_beats_spacy_on_conll():
    if not TESTA.exists():
        pytest.skip(f"{TESTA} not available (../shared is absent)")
    result = conll.evaluate(str(TESTA), Config(), limit=GATE_DOCS)
    assert result["refused"] == 0 and result["not_english"] == {}, conll.format_report(result)
    storyline_f1 = result["systems"]["storyline"]["overall"]["f1"]
    spacy_f1 = result["systems"]["spacy"]["overall"]["f1"]
    assert storyline_f1 >= GATE_F1_FLOOR, conll.format_report(result)
    assert storyline_f1 >= spacy_f1, conll.format_report(result)
