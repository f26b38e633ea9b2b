"""The entities stage: document-level resolution on the founding sample and on invented text.

Invented sentences check one rule each. Where a rule is about a tagger mistake (a surname
tagged as a place), the test sets the tagger's entities itself so it does not depend on what a
given model happens to do.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline import Config, Pipeline
from storyline.entities import clusters
from storyline.entities import resolve as resolve_module
from storyline.entities.resolve import resolve_entities
from storyline.inputs.read import article_from_text
from storyline.record import ENTITY_TYPES, Article, Entity
from storyline.spans import Spans

from conftest import real_bodies

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE = SHARED / "samples" / "rust-baldwin-2023-04.txt"
SCHEMA = SHARED / "contract" / "article.schema.json"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Config())


@pytest.fixture(scope="module")
def sample(pipeline) -> Article:
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} not available (../shared is absent)")
    text = SAMPLE.read_text(encoding="utf-8")
    return pipeline.run(article_from_text(text, pipeline.config))


def resolve(pipeline, text: str, ents: list[tuple[str, str]] | None = None) -> Article:
    """Run the stage on `text`; `ents` ((surface, label) in order) replaces the tagger's."""
    doc = pipeline.nlp(text)
    if ents is not None:
        spans, position = [], 0
        for surface, label in ents:
            start = text.index(surface, position)
            spans.append(doc.char_span(start, start + len(surface), label=label))
            position = start + len(surface)
        doc.ents = spans
    article = Article(raw=text, text=text, paragraphs=[(0, len(text))])
    article.doc = doc
    return resolve_entities(article, Config())


def named(article: Article, name: str) -> Entity:
    found = [e for e in article.entities if e.name == name]
    assert len(found) == 1, (name, [(e.name, e.type) for e in article.entities])
    return found[0]


def surfaces(article: Article, entity: Entity) -> list[str]:
    return [article.text[start:end] for start, end in entity.mentions]


def owner(article: Article, start: int, end: int) -> Entity | None:
    """The entity with a mention covering the characters start..end."""
    for entity in article.entities:
        if any(s <= start and end <= e for s, e in entity.mentions):
            return entity
    return None


def check_record(article: Article) -> None:
    """Spans round-trip, sorted, trimmed; ids stable and in order of first mention."""
    firsts = []
    for number, entity in enumerate(article.entities, start=1):
        assert entity.id == f"e{number}"
        assert entity.type in ENTITY_TYPES
        assert entity.name and entity.name == entity.name.strip()
        assert entity.mentions == sorted(set(entity.mentions))
        for start, end in entity.mentions:
            surface = article.text[start:end]
            assert 0 <= start < end <= len(article.text)
            assert surface == surface.strip()
            assert not surface.endswith(("’s", "'s", "’")), surface
            assert not surface[0] in "“”‘’\"'", surface
        firsts.append(entity.mentions[0])
    assert firsts == sorted(firsts)
    spans = sorted(span for e in article.entities for span in e.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "mentions of two entities overlap"


# The founding sample ----------------------------------------------------------------------

def test_sample_record_is_well_formed(sample):
    check_record(sample)
    if SCHEMA.exists():
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        item = dict(schema["properties"]["entities"]["items"], **{"$defs": schema.get("$defs", {})})
        for record in sample.to_json()["entities"]:
            jsonschema.validate(record, item)


def test_sample_baldwin_is_one_person_with_every_mention(sample):
    baldwin = named(sample, "Alec Baldwin")
    assert baldwin.type == "PERSON"
    for match in re.finditer(r"\bBaldwin\b", sample.text):
        assert owner(sample, *match.span()) is baldwin, sample.text[match.start() - 40:match.end()]
    assert not [e for e in sample.entities if "Baldwin" in e.name and e is not baldwin]
    assert "Baldwin" in baldwin.aliases


@pytest.mark.parametrize("name, descriptor", [
    ("Halyna Hutchins", "cinematographer"),
    ("Kari T. Morrissey", "special prosecutor"),
    ("Jason L. Lewis", "special prosecutor"),
    ("Hilaria", "wife"),
    ("Anjul Nigam", "producer"),
    ("Hannah Gutierrez Reed", "armorer"),
    ("Luke Nikas", "attorney"),
    ("Alex Spiro", "attorney"),
    ("Trump", "president"),
])
def test_sample_people_and_their_descriptors(sample, name, descriptor):
    person = named(sample, name)
    assert person.type == "PERSON"
    assert descriptor in person.descriptors


def test_sample_surnames_join_their_people(sample):
    assert surfaces(sample, named(sample, "Hannah Gutierrez Reed")).count("Gutierrez Reed") >= 1
    assert "Nigam" in surfaces(sample, named(sample, "Anjul Nigam"))
    assert surfaces(sample, named(sample, "Halyna Hutchins")).count("Hutchins") >= 3
    assert named(sample, "George Stephanopoulos").type == "PERSON"  # no leading quote mark


@pytest.mark.parametrize("title, kind", [
    ("Rust", "film"),
    ("30 Rock", "tv_series"),
    ("Here’s the Thing", "podcast"),
    ("Art Fraud", "podcast"),
    ("Beetlejuice", "film"),
    ("The Hunt for Red October", "film"),
    ("Glengarry Glen Ross", "film"),
    ("The Cooler", "film"),
])
def test_sample_works(sample, title, kind):
    work = named(sample, title)
    assert (work.type, work.kind) == ("WORK", kind)


def test_sample_every_quoted_rust_is_the_film(sample):
    rust = named(sample, "Rust")
    for match in re.finditer(r"[“‘]Rust[,.]?[”’]", sample.text):
        assert owner(sample, match.start() + 1, match.start() + 5) is rust


def test_sample_prize_and_outlets(sample):
    assert not [e for e in sample.entities if e.name == "Oscar" and e.type == "PERSON"]
    assert named(sample, "CNN").kind == "news_outlet"
    assert not [e for e in sample.entities if e.type == "PLACE" and e.name in ("Nigam", "Hilaria")]


def test_same_input_same_record(pipeline, sample):
    again = pipeline.run(article_from_text(SAMPLE.read_text(encoding="utf-8"), pipeline.config))
    assert again.to_json()["entities"] == sample.to_json()["entities"]


# One rule at a time ----------------------------------------------------------------------

def test_honorific_joins_full_name(pipeline):
    article = resolve(pipeline, "Ms. Smith said the plan was sound. Jane Smith has led the "
                                "agency since 2019.")
    smith = named(article, "Jane Smith")
    assert smith.type == "PERSON"
    assert surfaces(article, smith) == ["Smith", "Jane Smith"]
    assert "Ms. Smith" in smith.aliases
    check_record(article)


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_possessives_are_not_part_of_names(pipeline, apostrophe):
    text = (f"Maria Alvarez{apostrophe}s lawyers appealed on Monday. The court rejected "
            f"Alvarez{apostrophe}s appeal, and Thomas{apostrophe} brother said nothing.")
    article = resolve(pipeline, text)
    alvarez = named(article, "Maria Alvarez")
    assert surfaces(article, alvarez) == ["Maria Alvarez", "Alvarez"]
    check_record(article)


def test_apposition_after_a_name(pipeline):
    article = resolve(pipeline, "Jane Roe, a spokeswoman for the Federal Aviation "
                                "Administration, said the FAA would review the incident.")
    assert named(article, "Jane Roe").descriptors == ["spokeswoman"]
    agency = named(article, "Federal Aviation Administration")
    assert agency.type == "ORG" and "FAA" in agency.aliases  # the acronym it spells
    assert len(agency.mentions) == 2


def test_apposition_before_a_name(pipeline):
    article = resolve(pipeline, "Former President Barack Obama and his wife, Michelle, "
                                "visited Chicago on Friday.")
    assert named(article, "Michelle").descriptors == ["wife"]
    assert "former president" in named(article, "Barack Obama").descriptors


def test_coordinated_names_share_a_plural_role(pipeline):
    article = resolve(pipeline, "Defense attorneys Maria Lopez and Tom Chen filed a motion on "
                                "Monday. Lopez said the judge erred.")
    assert named(article, "Maria Lopez").descriptors == ["defense attorney"]
    assert named(article, "Tom Chen").descriptors == ["defense attorney"]
    assert surfaces(article, named(article, "Maria Lopez")) == ["Maria Lopez", "Lopez"]


@pytest.mark.parametrize("text, name, descriptor", [
    ("Sen. Elizabeth Warren met voters in Boston.", "Elizabeth Warren", "senator"),
    ("Gov. Gavin Newsom signed the bill.", "Gavin Newsom", "governor"),
    ("Prime Minister Rishi Sunak told the BBC that Britain would act.", "Rishi Sunak",
     "prime minister"),
    ("The firm hired cinematographer Ana Ruiz last spring.", "Ana Ruiz", "cinematographer"),
    ("Chief executive Satya Nadella said the deal was final.", "Satya Nadella",
     "chief executive"),
])
def test_titles_and_role_words_before_names(pipeline, text, name, descriptor):
    article = resolve(pipeline, text)
    person = named(article, name)
    assert person.type == "PERSON" and descriptor in person.descriptors


def test_role_word_inside_the_tagged_entity(pipeline):
    text = "Cinematographer Halyna Hutchins was killed. Hutchins was 42."
    article = resolve(pipeline, text, [("Cinematographer Halyna Hutchins", "PERSON"),
                                       ("Hutchins", "PERSON")])
    person = named(article, "Halyna Hutchins")
    assert person.descriptors == ["cinematographer"]
    assert surfaces(article, person) == ["Halyna Hutchins", "Hutchins"]


def test_leading_junk_is_trimmed(pipeline):
    text = "Baldwin told ABC News’ George Stephanopoulos in December."
    article = resolve(pipeline, text, [("Baldwin", "PERSON"), ("ABC News", "ORG"),
                                       ("’ George Stephanopoulos", "PERSON")])
    assert surfaces(article, named(article, "George Stephanopoulos")) == ["George Stephanopoulos"]
    assert named(article, "ABC News").kind == "news_outlet"


@pytest.mark.parametrize("text, title, kind", [
    ("She starred in the film “Northern Lights,” which opened in May.", "Northern Lights", "film"),
    ("He played a banker on the NBC sitcom “Office Hours.”", "Office Hours", "tv_series"),
    ("She hosts the weekly podcast, “Here’s the Thing,” from New York.", "Here’s the Thing",
     "podcast"),
    ("His first novel, “The Quiet Harbor,” sold well.", "The Quiet Harbor", "book"),
    ("She wrote the memoir “Crying in the Rain” last year.", "Crying in the Rain", "book"),
    ("The band’s song “Blue Water” topped the charts.", "Blue Water", "song"),
    ("Their album “Folklore Nights” came out in July.", "Folklore Nights", "album"),
    ("He shot the western “Dust Road” in Montana.", "Dust Road", "film"),
    ("She joined a spy thriller called “Chief of Station.”", "Chief of Station", "film"),
    ("He appeared on the Netflix series “Stranger Days.”", "Stranger Days", "tv_series"),
    ("The documentary ‘River Song’ won praise.", "River Song", "film"),
    ('The novel "The Long Road" was reissued.', "The Long Road", "book"),
])
def test_quoted_title_after_a_cue_word(pipeline, text, title, kind):
    article = resolve(pipeline, text)
    work = named(article, title)
    assert (work.type, work.kind) == ("WORK", kind)
    check_record(article)


def test_titles_listed_after_one_cue_share_it(pipeline):
    article = resolve(pipeline, "He had roles in films like “Beetlejuice,” “The Hunt for Red "
                                "October” and “Glengarry Glen Ross” in those years.")
    for title in ("Beetlejuice", "The Hunt for Red October", "Glengarry Glen Ross"):
        assert (named(article, title).type, named(article, title).kind) == ("WORK", "film")
    assert not [e for e in article.entities if e.type in ("PERSON", "EVENT")]


def test_title_quoted_again_without_cue_is_the_same_work(pipeline):
    article = resolve(pipeline, "She starred in the film “Northern Lights.” Reviews of "
                                "“Northern Lights” were kind, and the ‘Northern Lights’ crew "
                                "celebrated.")
    work = named(article, "Northern Lights")
    assert work.type == "WORK" and len(work.mentions) == 3


def test_quoted_speech_is_not_a_title(pipeline):
    article = resolve(pipeline, "“We are pleased with the decision,” the lawyers said. "
                                "“Someone is responsible,” she told reporters.")
    assert not [e for e in article.entities if e.type == "WORK"]


def test_surname_tagged_as_place_is_the_person(pipeline):
    text = "Ann Brook spoke in Ohio on Monday. Later, Brook left, and Brook's aides stayed."
    article = resolve(pipeline, text, [("Ann Brook", "PERSON"), ("Ohio", "GPE"),
                                       ("Monday", "DATE"), ("Brook", "GPE"), ("Brook", "FAC")])
    brook = named(article, "Ann Brook")
    assert brook.type == "PERSON"
    assert surfaces(article, brook) == ["Ann Brook", "Brook", "Brook"]
    ohio = named(article, "Ohio")
    assert (ohio.type, ohio.kind) == ("PLACE", "state")


def test_multiword_surname_tagged_as_facility(pipeline):
    text = "Armorer Hannah Gutierrez Reed was charged. Charges against Gutierrez Reed stand."
    article = resolve(pipeline, text, [("Hannah Gutierrez Reed", "PERSON"),
                                       ("Gutierrez Reed", "FAC")])
    person = named(article, "Hannah Gutierrez Reed")
    assert person.type == "PERSON" and "armorer" in person.descriptors
    assert surfaces(article, person) == ["Hannah Gutierrez Reed", "Gutierrez Reed"]


def test_type_by_document_vote(pipeline):
    text = "Jordan Hale won. Hale thanked fans. Hale said Hale would return."
    article = resolve(pipeline, text, [("Jordan Hale", "PERSON"), ("Hale", "ORG"),
                                       ("Hale", "ORG"), ("Hale", "GPE")])
    assert [e.type for e in article.entities] == ["PERSON"]
    assert len(article.entities[0].mentions) == 4


def test_names_found_again_where_the_tagger_missed_them(pipeline):
    text = "Mira Patel leads the project. Patel said the bridge would open in June."
    article = resolve(pipeline, text, [("Mira Patel", "PERSON")])
    assert surfaces(article, named(article, "Mira Patel")) == ["Mira Patel", "Patel"]


def test_prizes_are_not_people(pipeline):
    text = "She earned an Oscar nod in 2004 and won three Emmys for the show."
    article = resolve(pipeline, text, [("Oscar", "PERSON"), ("2004", "DATE")])
    assert not [e for e in article.entities if e.type == "PERSON"]
    assert (named(article, "Oscar").type, named(article, "Oscar").kind) == ("OTHER", "award")


def test_the_and_bare_org_are_one(pipeline):
    text = ("The Justice Department opened an inquiry. Officials at the Justice Department "
            "declined to comment.")
    article = resolve(pipeline, text, [("The Justice Department", "ORG"),
                                       ("the Justice Department", "ORG")])
    department = named(article, "Justice Department")
    assert department.type == "ORG" and len(department.mentions) == 2


def test_organisation_spoken_to_is_an_outlet(pipeline):
    text = "The actor told Kestrel Radio in an interview that he would return."
    article = resolve(pipeline, text, [("Kestrel Radio", "ORG")])
    assert named(article, "Kestrel Radio").kind == "news_outlet"


def test_ids_are_stable_and_ordered(pipeline):
    text = "Ann Brook met Tom Chen in Paris. Chen and Brook then flew to Rome."
    first, second = resolve(pipeline, text), resolve(pipeline, text)
    assert [(e.id, e.name) for e in first.entities] == [(e.id, e.name) for e in second.entities]
    check_record(first)


def test_entity_reaching_out_of_quotes_keeps_the_name(pipeline):
    text = "It was executive produced by “Rust” producer Anjul Nigam. The film “Rust” was shot."
    start = text.index("Rust”")
    article = resolve(pipeline, text, [(text[start:text.index("Nigam") + 5], "PERSON")])
    nigam = named(article, "Anjul Nigam")
    assert nigam.type == "PERSON" and nigam.descriptors == ["producer"]
    assert (named(article, "Rust").type, len(named(article, "Rust").mentions)) == ("WORK", 2)


def test_places_and_parties_are_not_read_as_names(pipeline):
    text = ("Virginia Democrats won. Voters in Virginia cheered, and Democrats in Virginia "
            "celebrated.")
    article = resolve(pipeline, text, [("Virginia Democrats", "PERSON"), ("Virginia", "GPE"),
                                       ("Democrats", "NORP"), ("Virginia", "GPE")])
    assert named(article, "Virginia").type == "PLACE"
    assert named(article, "Democrats").type == "GROUP"


def test_town_name_opening_local_bodies_is_a_place_and_short_org_joins_its_owner():
    from storyline import Config, Pipeline
    from storyline.inputs.read import article_from_text

    text = ("The Millbrook City Council voted on Tuesday to close the library. Millbrook’s budget "
            "has shrunk for years, and Millbrook General Hospital has cut staff.\n\n"
            "Council member Dana Kirk said the vote was a mistake.")
    article = Pipeline(Config()).run(article_from_text(text, Config(), headline="Library closes"))
    types = {entity.name: entity.type for entity in article.entities}
    assert types.get("Millbrook") != "PERSON"
    council = next(e for e in article.entities if e.name == "Millbrook City Council")
    assert len(council.mentions) == 2
    assert "Council" not in types


@pytest.mark.parametrize("text, name, descriptor", [
    ("Council member Dana Kirk voted against the plan on Monday.", "Dana Kirk", "council member"),
    ("Board member Luis Ortega said the vote was rushed.", "Luis Ortega", "board member"),
])
def test_a_compound_role_opening_a_sentence_keeps_its_noun(text, name, descriptor):
    from storyline import Config, Pipeline
    from storyline.inputs.read import article_from_text

    article = Pipeline(Config()).run(article_from_text(text, Config(), headline="Vote"))
    person = next(entity for entity in article.entities if entity.name == name)
    assert descriptor in person.descriptors


# Lookups indexed for long texts give the clusters the scans gave --------------------------


def _scanning_short_form_of(persons, key):
    return [(full, c) for full, c in persons.found if clusters.short_form(key, full)]


def _scanning_nearest(owners, position):
    if len(owners) == 1:
        return owners[0]

    def last_before(cluster):
        before = [m.start for m in cluster.mentions if m.start < position]
        return (1, max(before)) if before else (0, -min(m.start for m in cluster.mentions))
    return max(owners, key=last_before)


@pytest.mark.parametrize("number", range(len(real_bodies())))
def test_indexed_name_lookups_give_the_entities_scans_gave(pipeline, number, monkeypatch):
    text = real_bodies()[number]
    doc = pipeline.nlp(text)

    def entities() -> list[Entity]:
        article = Article(raw=text, text=text, doc=doc)
        return resolve_entities(article, Config()).entities
    indexed = entities()
    monkeypatch.setattr(clusters._Persons, "short_form_of", _scanning_short_form_of)
    monkeypatch.setattr(clusters, "nearest", _scanning_nearest)
    monkeypatch.setattr(resolve_module, "nearest", _scanning_nearest)
    monkeypatch.setattr(resolve_module, "_title_over", lambda mention, titles, ends: next(
        (t for t in titles if mention.start < t.end and t.start < mention.end), None))
    monkeypatch.setattr(Spans, "overlaps", lambda self, start, end: any(
        s < end and start < e for s, e in self.spans))
    assert indexed == entities()
    assert any(len(e.aliases) > 0 for e in indexed) or len(text) < 1_000  # short forms joined


BETTIE = ("Bettie Page, the pin-up model whose photographs outraged America, has died. Page "
          "suffered a heart attack. Page was 85. Bettie Page never returned to modelling, and "
          "Page lived quietly in Los Angeles.")


def test_a_full_name_tagged_org_is_the_person_its_surname_is(pipeline):
    """The tagger calls the full name an organization twice and the surname a person three
    times (as it does in real obituaries): after the vote they are one person."""
    article = resolve(pipeline, BETTIE, [
        ("Bettie Page", "ORG"), ("Page", "PERSON"), ("Page", "PERSON"), ("Bettie Page", "ORG"),
        ("Page", "PERSON"), ("Los Angeles", "GPE")])
    page = named(article, "Bettie Page")
    assert page.type == "PERSON" and "Page" in page.aliases
    assert surfaces(article, page).count("Page") == 3
    assert not [e for e in article.entities if e.name == "Page"]


def test_a_surname_does_not_join_an_organization_that_outvotes_it(pipeline):
    text = "Goldman Sachs cut jobs. Goldman said the cuts were final. Goldman Sachs declined."
    article = resolve(pipeline, text, [("Goldman Sachs", "ORG"), ("Goldman", "PERSON"),
                                        ("Goldman Sachs", "ORG")])
    assert named(article, "Goldman Sachs").type == "ORG"
    assert named(article, "Goldman").type == "PERSON"


@pytest.mark.parametrize("text, descriptor", [
    ("Bettie Page, the 1950s pin-up queen of the magazines, died on Thursday.", "queen"),
    ("Bettie Page, the pin-up model whose photographs outraged America, died.", "model"),
    ("Fans mourned pin-up icon Bettie Page on Friday.", "icon"),
])
def test_roles_behind_unlisted_words_still_describe_a_person(pipeline, text, descriptor):
    article = resolve(pipeline, text, [("Bettie Page", "ORG")])
    page = named(article, "Bettie Page")
    assert page.type == "PERSON" and descriptor in page.descriptors


def test_a_place_keeps_its_name_when_a_full_name_becomes_a_person(pipeline):
    text = "Lincoln Page, the pin-up model, visited Lincoln on Friday."
    article = resolve(pipeline, text, [("Lincoln Page", "ORG"), ("Lincoln", "GPE")])
    assert named(article, "Lincoln Page").type == "PERSON"
    assert named(article, "Lincoln").type == "PLACE"


@pytest.mark.parametrize("text, tagged, expected", [
    ("Crews worked at the Riverside pumping station. The council closed the Riverside building.",
     [("Riverside", "PERSON"), ("Riverside", "PERSON")], "PLACE"),
    ("Aides said the Obama administration would appeal. Obama declined to comment.",
     [("Obama", "PERSON"), ("Obama", "PERSON")], "PERSON"),
    ("Riverside said the Riverside station would close.",
     [("Riverside", "PERSON"), ("Riverside", "PERSON")], "PERSON"),
])
def test_a_name_that_only_modifies_a_built_place_is_a_place(pipeline, text, tagged, expected):
    article = resolve(pipeline, text, tagged)
    assert named(article, tagged[0][0]).type == expected


@pytest.mark.parametrize("text, tagged, kept", [
    # a common word capitalized only because its sentence opens with it
    ("A cracked main let groundwater into the supply. Groundwater carrying bacteria seeped in, "
     "he said.", [("Groundwater", "PERSON")], False),
    ("Crews cleared the square. “Police arrived within minutes,” a witness said of the police.",
     [("Police", "ORG")], False),
    # a name: capitalized inside a sentence too, or never written in lower case
    ("Rose said the rose garden would close. The gardeners thanked Rose.",
     [("Rose", "PERSON"), ("Rose", "PERSON")], True),
    ("Brook declined to comment. Her lawyer said the case was closed.",
     [("Brook", "PERSON")], True),
])
def test_a_word_capitalized_only_at_a_sentence_start_is_no_name(pipeline, text, tagged, kept):
    article = resolve(pipeline, text, tagged)
    names = {entity.name for entity in article.entities}
    assert (tagged[0][0] in names) == kept, [(e.name, e.type) for e in article.entities]


def test_sample_roles_baldwin_played_are_characters(sample):
    # "his run as smooth-talking network executive Jack Donaghy", "His recurring turn as
    # President Trump": roles he played, not people in the story.
    assert named(sample, "Jack Donaghy").kind == "character"
    assert named(sample, "Trump").kind == "character"
    assert named(sample, "Alec Baldwin").kind is None
    assert named(sample, "Kelsey Grammer").kind is None  # "co-starred Baldwin and Kelsey Grammer"


@pytest.mark.parametrize("text, tagged, kinds", [
    ("She won praise for her turn as detective Sarah Linden in the series. Critics loved it.",
     [("Sarah Linden", "PERSON")], {"Sarah Linden": "character"}),
    ("Nadal played Roger Federer in the final on Sunday.",
     [("Nadal", "PERSON"), ("Roger Federer", "PERSON")], {"Nadal": None, "Roger Federer": None}),
    # named once as a role, once in the news: a person
    ("He is known for his impression of Joe Biden. Joe Biden laughed about it on Monday.",
     [("Joe Biden", "PERSON"), ("Joe Biden", "PERSON")], {"Joe Biden": None}),
    ("In her role as secretary of state, Hillary Clinton flew to Cairo.",
     [("Hillary Clinton", "PERSON"), ("Cairo", "PLACE")], {"Hillary Clinton": None}),
])
def test_a_name_only_played_is_a_character(pipeline, text, tagged, kinds):
    article = resolve(pipeline, text, tagged)
    for name, kind in kinds.items():
        assert named(article, name).kind == kind, name
