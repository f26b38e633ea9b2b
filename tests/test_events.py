"""The events stage: happenings, their modality and their time, on invented sentences (one per
rule) and on the founding sample. Published 2023-04-20, a Thursday."""
from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline import Config

from conftest import real_bodies

PUBLISHED = "2023-04-20"
SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "rust-baldwin-2023-04.txt"


@pytest.fixture(scope="module")
def pipeline():
    return storyline.Pipeline(Config())


def run(pipeline, text: str, headline: str | None = "Invented story"):
    """The text as an article's body (with a headline given, a lone line stays the body)."""
    article = storyline.inputs.read.article_from_text(text, Config(), published=PUBLISHED,
                                               headline=headline)
    return pipeline.run(article)


def event_of(article, trigger: str):
    found = [event for event in article.events if event.trigger == trigger]
    assert found, f"no event {trigger!r} in {[(e.trigger, e.summary) for e in article.events]}"
    return found[0]


def triggers(article) -> list[str]:
    return [event.trigger for event in article.events]


# -- modality ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, trigger, modality", [
    ("The company fired its chief executive on Monday.", "fired", "asserted"),
    ("The council did not approve the budget on Tuesday.", "approve", "negated"),
    ("The witness refused to testify at the trial in March.", "testify", "negated"),
    ("The mayor never signed the order in March.", "signed", "negated"),
    ("No charges were filed against the driver on Monday.", "filed", "negated"),
    ("This decision does not end the case, and charges may be refiled.", "refiled", "possible"),
    ("The mayor could resign next month.", "resign", "possible"),
    ("He said the company might close the plant in May.", "close", "possible"),
    ("The minister will visit Paris next week.", "visit", "planned"),
    ("The company plans to open a factory in Ohio.", "open", "planned"),
    ("The band is scheduled to perform on Saturday.", "perform", "planned"),
    ("The film is expected to premiere in June.", "premiere", "planned"),
    ("Its first project is set to star the actor as a psychologist.", "star", "planned"),
    ("A status hearing is set for the case on Friday.", "hearing", "planned"),
    ("Police said the suspect fled the scene.", "fled", "reported"),
    ("The suspect reportedly fled the country.", "fled", "reported"),
    ("According to officials, the bridge collapsed in March.", "collapsed", "reported"),
    ("“We closed the factory,” the owner said.", "closed", "reported"),
])
def test_modality(pipeline, text, trigger, modality):
    assert event_of(run(pipeline, text), trigger).modality == modality


def test_states_frames_and_asides_are_not_events(pipeline):
    article = run(pipeline, "Baldwin still faces lawsuits from the family. Looking to get his "
                            "career back on track, the actor seems calm. He said nothing.")
    assert triggers(article) == []


# -- time: own, inherited from the clause, from the discourse, or none ------------------------

@pytest.mark.parametrize("text, trigger, value, basis", [
    # own time, wherever it stands in the clause
    ("Prosecutors downgraded the felony penalties against the actor in February.",
     "downgraded", "2023-02", "sentence"),
    ("Last month the district attorney stepped down from the case.", "stepped", "2023-03",
     "sentence"),
    # a relative clause has its own time and place
    ("Baldwin has resumed production on the western, which restarted filming Thursday in "
     "Montana.", "restarted", "2023-04-20", "sentence"),
    # a time that opens the sentence frames the main clause, not the aside before it
    ("In April 2021, months before the film began production, the network scrapped a sitcom.",
     "scrapped", "2021-04", "sentence"),
    # a conjoined verb in the same tense shares the time
    ("The firm hired a new manager in March and opened a second office.", "opened", "2023-03",
     "clause"),
    # a "when" clause and its main clause share their time, both ways
    ("When the storm hit the coast in January, thousands of residents fled their homes.",
     "fled", "2023-01", "clause"),
    # a participial adjunct lends its time to the clause it modifies
    ("Speaking to reporters in March, the governor signed the bill.", "signed", "2023-03",
     "clause"),
    # a clause about a dated event noun
    ("The 1996 bombing that killed one person shocked the city.", "killed", "1996", "clause"),
    ("Two officers were injured in the 1998 bombing.", "injured", "1998", "clause"),
    # a dated event noun is an event of its own
    ("The board said Tuesday's vote was a mistake.", "vote", "2023-04-18", "sentence"),
    # the discourse: "then" continues the previous sentence's time
    ("The mayor announced the plan in March. Then the council approved it.", "approved",
     "2023-03", "discourse"),
    # the lede's present perfect is the news of the day
    ("Prosecutors have dropped all charges against the actor, two people familiar with the "
     "matter said.", "dropped", PUBLISHED, "published"),
])
def test_time(pipeline, text, trigger, value, basis):
    event = event_of(run(pipeline, text), trigger)
    assert event.time is not None, event
    assert (event.time.value, event.time.basis) == (value, basis)


@pytest.mark.parametrize("text, trigger", [
    # a change of tense is a change of time
    ("The actor earned a nomination in 2004 and has won three awards.", "won"),
    # "after" does not share the time of its clause
    ("The company collapsed after the founder resigned in May.", "collapsed"),
    # what was reported happened before the report, not at it
    ("The senator said on Monday that the committee had approved the bill.", "approved"),
    # a relative clause is not dated by the clause it sits in
    ("The actor, who founded a studio, was charged in January.", "founded"),
    # a change of tense breaks the narrative: the previous sentence's time is not carried over
    ("The mayor announced the plan in March. The council had approved it.", "approved"),
    # a simple past in the lede is not the news of the day by itself
    ("The company opened a new office.", "opened"),
])
def test_time_is_never_invented(pipeline, text, trigger):
    assert event_of(run(pipeline, text), trigger).time is None


# -- the narrative goes on: a simple-past main clause takes the time of the one before ---------

@pytest.mark.parametrize("text, trigger, value", [
    ("The mayor announced the plan in March. The council approved it.", "approved", "2023-03"),
    # passive simple past, and the thread holds over the next paragraph
    ("The storm hit the coast on Monday.\n\nThousands of homes were flooded.", "flooded",
     "2023-04-17"),
    # a sentence without a time of its own keeps the thread for the next one
    ("The storm hit the coast on Monday. Rescuers searched the ruins. Dozens of people were "
     "evacuated.", "evacuated", "2023-04-17"),
    # what a past reporting verb reports continues the narrative too
    ("Police said the two men showed up at the house on Monday. They knocked on the door.",
     "knocked", "2023-04-17"),
    # the baseline of a comparison is no new time
    ("Sales rose in March. Profit fell to $5 million from $7 million a year earlier.", "fell",
     "2023-03"),
])
def test_narrative_goes_on(pipeline, text, trigger, value):
    event = event_of(run(pipeline, text), trigger)
    assert event.time is not None, event
    assert (event.time.value, event.time.basis) == (value, "discourse")


@pytest.mark.parametrize("text, trigger", [
    # a word that moves the time
    ("The mayor announced the plan in March. The council later approved it.", "approved"),
    ("The mayor announced the plan in March. The council soon approved it.", "approved"),
    # a time clause of its own
    ("The mayor announced the plan in March. As costs mounted, the council dropped it.",
     "dropped"),
    # a time expression of its own that is no date
    ("The mayor announced the plan in March. The council approved it within weeks.",
     "approved"),
    # a perfect or a progressive is not the narrative's simple past
    ("The mayor announced the plan in March. The council had approved it.", "approved"),
    ("The mayor announced the plan in March. The council was debating it.", "debating"),
    # inside a quote: the speaker's time, not the narrative's
    ("The mayor announced the plan in March. “We approved it,” the council said.", "approved"),
    # a sentence that moves the time ends the thread for the ones after it too
    ("The mayor announced the plan in March.\n\nThe budget has grown since then.\n\nThe "
     "council approved it.", "approved"),
    # the previous sentence's time is not a simple-past main clause's
    ("The mayor will announce the plan in March. The council approved it.", "approved"),
])
def test_narrative_breaks(pipeline, text, trigger):
    assert event_of(run(pipeline, text), trigger).time is None


@pytest.mark.parametrize("text, trigger, value", [
    # an infinitive of purpose lends its time to the verb it completes
    ("Two rival bidders extended their offers to acquire the company Monday.", "extended",
     "2023-04-17"),
])
def test_infinitive_of_purpose_lends_its_time(pipeline, text, trigger, value):
    event = event_of(run(pipeline, text), trigger)
    assert event.time is not None, event
    assert (event.time.value, event.time.basis) == (value, "clause")


def test_baseline_of_a_comparison_dates_no_event(pipeline):
    article = run(pipeline, "Revenue declined 8% to $85.7 million, from $93.3 million a year "
                            "earlier.")
    assert all(event.time is None for event in article.events if event.trigger == "declined")


def test_deictic_time_inside_a_quote_counts_from_the_quote(pipeline):
    article = run(pipeline, "“I got fired from another job yesterday,” the actor told CNN in an "
                            "interview in August.")
    fired, told = event_of(article, "fired"), event_of(article, "told")
    assert told.time.value == "2022-08"
    assert (fired.time.value, fired.modality) == ("2022-08", "reported")


# -- summary, participants, place -------------------------------------------------------------

def test_summary_participants_and_place(pipeline):
    article = run(pipeline, "New Mexico prosecutors charged Alec Baldwin in January with two "
                            "counts of involuntary manslaughter. The crew restarted filming "
                            "Thursday in Montana.")
    charged = event_of(article, "charged")
    assert charged.summary.startswith("New Mexico prosecutors charged Alec Baldwin in January")
    names = {article.entity(p.entity).name: p.role for p in charged.participants}
    assert names.get("Alec Baldwin") == "patient"
    restarted = event_of(article, "restarted")
    assert restarted.place == "Montana"
    assert article.text[restarted.span[0]:restarted.span[1]] == \
        "The crew restarted filming Thursday in Montana."


def test_relative_pronoun_stands_for_its_noun(pipeline):
    article = run(pipeline, "Baldwin has resumed production on the western, which restarted "
                            "filming Thursday in Montana.")
    assert event_of(article, "restarted").summary == "the western restarted filming in Montana"


# -- the founding sample ----------------------------------------------------------------------

SAMPLE_FACTS = [
    ("2023-01", "charged"),
    ("2023-02", "downgraded"),
    ("2023-03", "stepped down"),
    ("2023-04-20", "dropped criminal charges"),
    ("2023-04-20", "restarted filming"),
    ("2023-04-21", "hearing"),
    ("2021-04", "scrapped a sitcom"),
    ("2021-12", "Stephanopoulos"),
    ("2022-08", "told CNN"),
    ("2022", "launched a new production banner"),
    ("2004", "Oscar nod"),
    ("2012", "30 Rock"),
    ("2020", "came to an end"),
]


@pytest.fixture(scope="module")
def sample(pipeline):
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} not available (../shared is absent)")
    return run(pipeline, SAMPLE.read_text(encoding="utf-8"), headline=None)


@pytest.mark.parametrize("value, words", SAMPLE_FACTS)
def test_sample_dated_fact(sample, value, words):
    dated = [(e.time.value if e.time else None, e.summary) for e in sample.events]
    assert any(v == value and words in summary for v, summary in dated), dated


def test_sample_restart_is_in_montana_and_hearing_is_planned(sample):
    restart = next(e for e in sample.events if "restarted filming" in e.summary)
    assert restart.place == "Montana"
    hearing = next(e for e in sample.events if e.trigger == "hearing")
    assert hearing.modality == "planned"
    refiled = next(e for e in sample.events if e.trigger == "refiled")
    assert (refiled.modality, refiled.time) == ("possible", None)


@pytest.mark.parametrize("text, trigger", [
    ("The 1962 span carries about 11,000 vehicles a day across the river.", "carries"),
    ("Its 2019 budget covers road repairs and new buses.", "covers"),
])
def test_a_year_describing_a_thing_dates_no_event(pipeline, text, trigger):
    event = next((event for event in run(pipeline, text).events if event.trigger == trigger), None)
    assert event is None or event.time is None


# Lookups indexed for long texts give the events the scans gave -----------------------------


def _scanning_patches(monkeypatch) -> None:
    """The events stage as it looked things up before its lookups were indexed: every name,
    quote, time expression, paragraph and place of the article, for each sentence or clause."""
    from storyline.events import phrases
    from storyline.events import stage as events_stage
    from storyline.spans import Spans

    monkeypatch.setattr(Spans, "holds", lambda self, offset: any(
        s <= offset < e for s, e in self.spans))
    monkeypatch.setattr(Spans, "encloses", lambda self, start, end: any(
        s <= start and end <= e and e - s > end - start for s, e in self.spans))
    monkeypatch.setattr(events_stage._ByStart, "between", lambda self, start, end: [
        t for t in self.times if start <= t.span[0] < end])
    monkeypatch.setattr(events_stage, "_paragraph", lambda article, starts, offset: next(
        (n for n, (s, e) in enumerate(article.paragraphs) if s <= offset < e), -1))
    monkeypatch.setattr(phrases.Mentions, "places_starting", lambda self, start, end: [
        p for p in self.places if start <= p[0]])


@pytest.mark.parametrize("number", range(len(real_bodies())))
def test_indexed_lookups_give_the_events_scans_gave(pipeline, number, monkeypatch):
    from storyline.events.stage import detect_events, find_events
    from storyline.pipeline import AFTER_PARSE, BEFORE_PARSE

    article = storyline.inputs.read.article_from_text(real_bodies()[number], Config(),
                                                      published=PUBLISHED, headline="Real story")
    for stage in BEFORE_PARSE:
        article = stage(article, Config())
    article.doc = pipeline.nlp(article.text)
    for stage in AFTER_PARSE:  # what the events stage reads: entities, times, quotes
        article = stage(article, Config()) if stage is not find_events else article
    indexed = detect_events(article)
    _scanning_patches(monkeypatch)
    assert indexed == detect_events(article)
    assert any(event.time is not None for event, _ in indexed)
