"""Figures that outlets report differently (`stories/figures.py`), on real-shaped news text."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.record import Article, Published
from storyline.stories.figures import figure_disagreements, figures_in
from storyline.stories.merge import build

DEMO = Path(__file__).resolve().parents[1] / "src" / "storyline" / "demo"


def article(id_: str, text: str, published: str) -> Article:
    return Article(raw=text, id=id_, text=text, published=Published(published, "user", 1.0))


LOCAL = article("local", "The water authority ordered about 4,200 households to boil their tap "
                "water on Monday after routine tests found E. coli bacteria in two neighborhoods.",
                "2025-06-02")
WIRE = article("wire", "State officials opened an inquiry into the contamination in the city, "
               "where about 3,800 households have been told to boil their tap water.",
               "2025-06-03")
WIRE_COPY = article("wire-copy", WIRE.text, "2025-06-03")
LATER = article("later", "Eight people reported stomach illness during the two weeks, and 3,900 "
                "households had been told to boil their tap water, the authority said.",
                "2025-06-16")


def outlets(**named: str) -> dict[str, str]:
    return {"local": "gazette.example", "wire": "courier.example",
            "wire-copy": "times.example", "later": "courier.example", **named}


def test_figures_count_plural_nouns_and_skip_spans_of_time():
    text = ("About 4.2 million people live in the region, where 60 schools closed for three "
            "days and 12 years of records were lost.")
    found = {(f.noun, f.value) for f in figures_in(article("a", text, "2025-01-01"), None)}
    assert found == {("people", 4_200_000.0), ("schools", 60.0)}


def test_two_outlets_a_day_apart_disagree_and_copies_agree():
    [(noun, sides)] = figure_disagreements([LOCAL, WIRE, WIRE_COPY], outlets())
    assert noun == "households"
    assert [(side.article, side.value) for side in sides] == [("local", 4200.0), ("wire", 3800.0)]
    assert "E. coli bacteria in two neighborhoods" in sides[0].sentence


@pytest.mark.parametrize("articles, named", [
    ([WIRE, WIRE_COPY], {}),                          # reprints give the same figure
    ([LOCAL, WIRE], {"wire": "gazette.example"}),     # one outlet correcting itself
    ([LOCAL, LATER], {}),                             # two weeks apart: an update
])
def test_no_disagreement(articles, named):
    assert figure_disagreements(articles, outlets(**named)) == []


def test_unrelated_sentences_with_the_same_noun_do_not_disagree():
    festival = article("fest", "More than 60,000 people visited the harbor festival over the "
                       "weekend, organizers said.", "2025-06-08")
    school = article("school", "The board chose a new superintendent to lead 14,000 people "
                     "working in the district's schools.", "2025-06-08")
    assert figure_disagreements([festival, school], {"fest": "a.example",
                                                     "school": "b.example"}) == []


def test_the_merged_timeline_flags_the_figure_with_both_sides():
    timeline = build([LOCAL, WIRE, WIRE_COPY], outlets())
    [conflict] = [c for c in timeline.conflicts if c.kind == "figure"]
    assert conflict.entries == []
    assert [r.outlet for r in conflict.reports] == ["gazette.example", "courier.example"]
    assert "4,200 households" in conflict.description and "3,800 households" in conflict.description
    assert timeline.to_json()["conflicts"][0]["kind"] == "figure"


def test_the_demo_story_has_its_figure_disagreement():
    texts = {path.name[:2]: path.read_text(encoding="utf-8") for path in DEMO.glob("0*.txt")}
    demo = [article("01", texts["01"], "2025-06-02"), article("02", texts["02"], "2025-06-03"),
            article("03", texts["03"], "2025-06-03"), article("05", texts["05"], "2025-06-10")]
    found = figure_disagreements(demo, {"01": "millbrookgazette.example",
                                        "02": "valleycourier.example",
                                        "03": "northshoretimes.example",
                                        "05": "millbrookgazette.example"})
    assert [(noun, [s.value for s in sides]) for noun, sides in found] == [
        ("households", [4200.0, 3800.0])]
