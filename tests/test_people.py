"""People are people: every entity list types a name by the store-wide vote over all its
records, weighted by mentions (not by one article's type), and a bare surname is one entity with
the full name only inside a story where that person is the only full name ending with it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_store import make_article

from storyline.batch import run_batch
from storyline.config import Config
from storyline.evaluation.ecbplus import read_documents
from storyline.inputs.read import article_from_text
from storyline.stories import dossier
from storyline.stories.clustering import Clustering, ingest
from storyline.stories.listing import main_people
from storyline.store import Store, entity_queries

# Articles of one story: a flood and its relief effort, from several outlets.
FLOOD = [
    "Floodwater from the Nile delta reached Alexandria on Monday, and governor Hana Mostafa "
    "ordered the evacuation of 3,000 families from the low-lying districts of the city.",
    "Hana Mostafa, the governor, said Alexandria had opened 14 shelters for families forced "
    "from their homes by the flood, as the water kept rising in the delta on Tuesday.",
    "Relief convoys reached Alexandria from Cairo after the flood, and governor Hana Mostafa "
    "thanked volunteers who filled sandbags along the flooded delta districts overnight.",
    "The flood in Alexandria cut power to the port for two days; governor Hana Mostafa said "
    "the shelters would stay open until the delta districts are dry.",
]
# One story about a phone launch: the product's name is typed PERSON once.
LAUNCH = [
    "BlackBerry Q10 went on sale in London on Tuesday, and chief executive Thorsten Heins said "
    "the keyboard phone would win back business customers.",
    "Queues formed outside London shops for the BlackBerry Q10 keyboard phone, which Thorsten "
    "Heins called the company's most important launch.",
    "Analysts said the BlackBerry Q10 keyboard phone sold out in some London shops on its first "
    "day, a relief for chief executive Thorsten Heins.",
    "Thorsten Heins said early sales of the BlackBerry Q10 keyboard phone in London beat the "
    "company's forecast.",
]
SHOOTING = [
    "The actor Alec Baldwin fired a prop gun on the set of the film Rust in New Mexico on "
    "October 21, killing the cinematographer Halyna Hutchins.",
    "Investigators in New Mexico said Baldwin had been told the prop gun on the set of Rust was "
    "safe before it killed Halyna Hutchins on October 21.",
]
# Unrelated: a county commissioner who shares the surname.
ROADS = ("County commissioner Baldwin asked the state for money to repave the flooded river "
         "road in Marion County, where the bridge has been closed since March.")
STORY = Clustering(threshold=0.05)
ECBPLUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus" / "ECB+"


def people_store(texts: list[str], types: list[dict[str, str]], ids: str = "a") -> Store:
    """A store of these articles, each with the entities `types` gives it (name -> type)."""
    store = Store(":memory:")
    for number, (text, typed) in enumerate(zip(texts, types)):
        ingest(store, make_article(f"{ids}{number}", text, published=f"2024-03-0{number + 1}",
                                   url=f"https://outlet{number}.example/{ids}{number}",
                                   entities=list(typed.items())), STORY)
    return store


def story_of(store: Store, article_id: str) -> int:
    return store.connection.execute("SELECT story_id FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()[0]


@pytest.mark.parametrize("texts,person,thing,slip,usual", [
    (FLOOD, "Hana Mostafa", "Alexandria", "PERSON", "GPE"),
    (FLOOD, "Hana Mostafa", "Alexandria", "PERSON", "PLACE"),
    (LAUNCH, "Thorsten Heins", "BlackBerry Q10", "PERSON", "PRODUCT"),
])
def test_a_name_typed_person_in_one_article_only_is_not_a_person(texts, person, thing, slip,
                                                                  usual):
    types = [{person: "PERSON", thing: slip if number == 0 else usual}
             for number in range(len(texts))]
    with people_store(texts, types) as store:
        db = store.connection
        story = story_of(store, "a0")
        assert {story_of(store, f"a{n}") for n in range(len(texts))} == {story}
        assert entity_queries.voted_types(db, [thing.lower(), person.lower()]) == {
            thing.lower(): usual, person.lower(): "PERSON"}
        assert main_people(db, story) == [person]
        found = dossier.candidates(store, thing)
        assert found == []  # not a person or organization by the vote
        assert dossier.build(store, person).type == "PERSON"


@pytest.mark.parametrize("person_mentions,org_mentions,expected", [
    (1, 3, "ORG"),     # two PERSON records of one mention lose to one ORG record of three
    (3, 1, "PERSON"),  # and the other way round
])
def test_mentions_weigh_the_vote(person_mentions, org_mentions, expected):
    # The governor's name typed PERSON in two articles and ORG in the third (or the reverse),
    # each record with the mentions the case gives (the name said again at the end).
    plan = [("PERSON", person_mentions), ("PERSON", person_mentions), ("ORG", org_mentions)] \
        if expected == "ORG" else [("ORG", org_mentions), ("ORG", org_mentions),
                                   ("PERSON", person_mentions)]
    texts = [text + " Hana Mostafa said so." * (mentions - 1)
             for text, (_, mentions) in zip(FLOOD, plan)]
    with people_store(texts, [{"Hana Mostafa": kind} for kind, _ in plan]) as store:
        db = store.connection
        assert entity_queries.voted_types(db, ["hana mostafa"]) == {"hana mostafa": expected}
        people = main_people(db, story_of(store, "a0"))
        assert people == (["Hana Mostafa"] if expected == "PERSON" else [])


RECOUNT = ("SELECT key, type, sum(weight), count(*) FROM (SELECT e.key, e.type, max(1, (SELECT "
           "count(*) FROM mentions m WHERE m.entity_pk = e.pk)) AS weight FROM entities e) "
           "GROUP BY key, type ORDER BY key, type")


def test_the_vote_is_summed_as_records_arrive_and_matches_a_recount():
    types = [{"Hana Mostafa": "PERSON", "Alexandria": "GPE", "Nile": "LOC"},
             {"Hana Mostafa": "PERSON", "Alexandria": "PERSON"},
             {"Hana Mostafa": "ORG", "Alexandria": "GPE", "Cairo": "GPE"},
             {"Hana Mostafa": "PERSON", "Alexandria": "GPE"}]
    with people_store(FLOOD, types) as store:
        db = store.connection
        kept = [tuple(row) for row in db.execute(
            "SELECT key, type, weight, records FROM entity_type_votes ORDER BY key, type")]
        assert kept == [tuple(row) for row in db.execute(RECOUNT)]
        assert ("hana mostafa", "PERSON", 3, 3) in kept and ("alexandria", "GPE", 3, 3) in kept


def test_a_name_one_article_mistypes_is_signed_as_the_vote_has_it():
    """Clustering weighs a name by the store's vote, not by one article's slip: the governor
    typed ORG in the fourth report still weighs as a person there, surname key included."""
    types = [{"Hana Mostafa": "PERSON", "Alexandria": "GPE"}] * 3 + [
        {"Hana Mostafa": "ORG", "Alexandria": "GPE"}]
    with people_store(FLOOD, types) as store:
        signed = json.loads(store.connection.execute(
            "SELECT s.entities FROM signatures s JOIN articles a ON a.pk = s.article_pk "
            "WHERE a.id = 'a3'").fetchone()[0])
    with people_store(FLOOD, [{"Hana Mostafa": "PERSON", "Alexandria": "GPE"}] * 4) as typed:
        as_person = json.loads(typed.connection.execute(
            "SELECT s.entities FROM signatures s JOIN articles a ON a.pk = s.article_pk "
            "WHERE a.id = 'a3'").fetchone()[0])
    with people_store(FLOOD[3:], types[3:]) as alone:  # no other record to vote
        unvoted = json.loads(alone.connection.execute(
            "SELECT entities FROM signatures").fetchone()[0])
    assert signed == pytest.approx(as_person)  # as if it had typed her a person itself
    assert "e:mostafa" in signed and "e:mostafa" not in unvoted


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="../shared/data/ecbplus is not present")
def test_a_real_report_that_mistypes_its_subject_joins_her_story():
    """ECB+ topic 4's first story: one report (a biographer's essay) types Bettie Page as an
    organization, every other report as a person. By the store's vote it joins her story; by
    its own type it started a story of its own."""
    config = Config()
    documents = [doc for doc in read_documents(str(ECBPLUS))
                 if doc.name.startswith("4_") and doc.story == "4ecb"]
    items = [article_from_text(doc.text, config, doc.name) for doc in documents]
    for item, doc in zip(items, documents):
        item.id = doc.name
    articles = list(run_batch(items, config))
    essay = next(article for article in articles if article.id == "4_11ecb.xml")
    assert {entity.type for entity in essay.entities if entity.name == "Bettie Page"} == {"ORG"}
    with Store(":memory:") as store:
        for article in articles:
            ingest(store, article)
        stories = dict(store.connection.execute("SELECT id, story_id FROM articles"))
    assert len(set(stories.values())) == 1
def test_a_tie_goes_against_person():
    with people_store(FLOOD[:2], [{"Alexandria": "PERSON"}, {"Alexandria": "GPE"}]) as store:
        assert entity_queries.voted_types(store.connection, ["alexandria"]) == {"alexandria": "GPE"}


def baldwin_types(with_stephen: bool = False) -> list[dict[str, str]]:
    first = {"Alec Baldwin": "PERSON", "Halyna Hutchins": "PERSON", "New Mexico": "GPE"}
    if with_stephen:
        first["Stephen Baldwin"] = "PERSON"
    return [first, {"Baldwin": "PERSON", "Halyna Hutchins": "PERSON", "New Mexico": "GPE"}]


def test_a_bare_surname_joins_the_full_name_within_its_story():
    store = people_store(SHOOTING, baldwin_types())
    ingest(store, make_article("roads", ROADS, published="2024-04-01",
                               url="https://county.example/roads",
                               entities=[("Baldwin", "PERSON"), ("Marion County", "GPE")]))
    db = store.connection
    story = story_of(store, "a0")
    assert story_of(store, "a1") == story != story_of(store, "roads")
    assert main_people(db, story)[:2] == ["Alec Baldwin", "Halyna Hutchins"]
    # The listing counts the two articles as one person's: Alec Baldwin ranks first by articles.
    chosen = entity_queries.entity_keys(db, "alec baldwin")
    assert chosen.surname == "baldwin" and chosen.surname_stories == (story,)
    assert {row["article"] for row in entity_queries.entity_rows(db, chosen)} == {"a0", "a1"}
    assert dossier.build(store, "Alec Baldwin").articles == 2
    # Not across unrelated stories: the commissioner stays apart, and the surname alone is
    # ambiguous (it stands for Alec Baldwin in one story and for no full name in the other).
    assert entity_queries.fuller_name(db, "baldwin") is None
    with pytest.raises(dossier.AmbiguousName) as raised:
        dossier.build(store, "Baldwin")
    assert sorted(c.name for c in raised.value.candidates) == ["Alec Baldwin", "Baldwin"]
    assert {c.name: c.articles for c in raised.value.candidates} == {"Alec Baldwin": 2,
                                                                      "Baldwin": 1}
    assert main_people(db, story_of(store, "roads")) == ["Baldwin"]
    store.close()


def test_a_bare_surname_shared_by_two_full_names_joins_neither():
    with people_store(SHOOTING, baldwin_types(with_stephen=True)) as store:
        db = store.connection
        assert entity_queries.entity_keys(db, "alec baldwin").surname is None
        assert dossier.build(store, "Alec Baldwin").articles == 1
        assert "Baldwin" in main_people(db, story_of(store, "a0"), count=10)


def test_a_surname_of_one_story_redirects_only_when_it_always_stands_for_them():
    with people_store(SHOOTING, baldwin_types()) as store:
        assert entity_queries.fuller_name(store.connection, "baldwin") == "alec baldwin"
        # No record or alias of "hutchins" ends with a full name.
        assert entity_queries.fuller_name(store.connection, "hutchins") is None


def test_demo_people_are_people_by_the_vote(pipeline, tmp_path):
    """Every name the demo lists as a story's person is a person by the store-wide vote."""
    from storyline.demo import build_store

    with Store(build_store(tmp_path / "demo.db", pipeline)) as store:
        db = store.connection
        stories = [row[0] for row in db.execute("SELECT id FROM stories")]
        listed = [name for story in stories for name in main_people(db, story, count=10)]
        assert listed
        types = entity_queries.voted_types(db, [name.lower() for name in listed])
        assert set(types.values()) == {"PERSON"}
        # The demo's "Riverside" (only ever "the Riverside pumping station", "the Riverside
        # building") is a place by the facility rule, so it is no story's person.
        riverside = {row[0] for row in db.execute("SELECT type FROM entities WHERE key = ?",
                                                  ("riverside",))}
        assert "Riverside" not in listed and riverside == {"PLACE"}


def test_the_story_page_and_a_dossier_use_the_vote(tmp_path):
    from conftest import web_client

    path = tmp_path / "flood.db"
    types = [{"Hana Mostafa": "PERSON", "Alexandria": "PERSON" if n == 0 else "GPE",
              "Cairo": "GPE"} for n in range(len(FLOOD))]
    with Store(path) as store:
        for number, (text, typed) in enumerate(zip(FLOOD, types)):
            ingest(store, make_article(f"a{number}", text, published=f"2024-03-0{number + 1}",
                                       url=f"https://outlet{number}.example/a{number}",
                                       entities=list(typed.items())), STORY)
        story = story_of(store, "a0")
    with web_client(path) as client:
        page = client.get(f"/stories/{story}.json").json()
        assert [(p["name"], p["type"], p["articles"]) for p in page["people"]] == [
            ("Hana Mostafa", "PERSON", 4)]
        data = client.get("/entities/hana-mostafa.json").json()
        assert data["type"] == "PERSON" and data["articles"] == 4
        assert {o["name"]: o["type"] for o in data["co_mentioned"]} == {"Alexandria": "GPE",
                                                                     "Cairo": "GPE"}
        assert client.get("/entities/alexandria.json").json()["type"] == "GPE"


def test_a_role_someone_plays_is_not_among_a_storys_people():
    texts = [f"Alec Baldwin, who won fame for his turn as network executive Jack Donaghy, said "
             f"on day {number} that the film Rust would resume in Montana." for number in range(3)]
    types = [{"Alec Baldwin": "PERSON", "Jack Donaghy": "PERSON", "Montana": "PLACE"}] * 3
    store = Store(":memory:")
    for number, (text, typed) in enumerate(zip(texts, types)):
        article = make_article(f"r{number}", text, published=f"2024-03-0{number + 1}",
                               entities=list(typed.items()))
        named = {entity.name: entity for entity in article.entities}
        named["Jack Donaghy"].kind = "character"  # as the entities stage gives it
        ingest(store, article, STORY)
    with store:
        story = story_of(store, "r0")
        assert {story_of(store, f"r{n}") for n in range(3)} == {story}
        assert main_people(store.connection, story) == ["Alec Baldwin"]
