"""Story titles: the headline of the story's most central article (nearest its centroid), never a
web address, timestamp, dateline or empty headline; the first words when no headline is usable.

Articles go into a temporary store through the real online clustering (`ingest`), so the
signatures the title reads are the ones clustering stored.
"""
from __future__ import annotations

import pytest
from test_store import make_article

from storyline.store import Store, queries
from storyline.stories.clustering import ingest
from storyline.stories.listing import summaries
from storyline.stories.titles import central_articles, story_title, usable_headline

# One running story told by five outlets. The roundup restates what the others each report
# (evacuation, wiring, pay, schools), so it stands nearest the story's centroid.
MILL_FIRE = {
    "evacuation": "A fire at the Dunmore textile mill forced the evacuation of 200 workers on "
                  "Tuesday, and Fire Chief Ana Morales said the blaze started in a storage room "
                  "full of cotton bales.",
    "wiring": "Investigators are examining the wiring of the Dunmore textile mill after "
              "Tuesday's fire; Ana Morales, the fire chief, said arson had not been ruled out "
              "and the storage room wiring was old.",
    "pay": "Owners of the Dunmore textile mill promised to pay the 200 workers during repairs "
           "after the fire, while mill owner Peter Kline said production would resume in March.",
    "schools": "Smoke from the Dunmore textile mill fire closed two schools on Wednesday, "
               "officials said, as firefighters kept watch over smouldering cotton bales.",
    "roundup": "The fire at the Dunmore textile mill, which started in a storage room full of "
               "cotton bales on Tuesday, forced 200 workers out; Fire Chief Ana Morales said "
               "investigators are examining the wiring, owner Peter Kline promised to pay the "
               "workers during repairs, and smoke closed two schools.",
}
HEADLINES = {
    "evacuation": "Fire forces 200 out of Dunmore mill",
    "wiring": "Old wiring examined after Dunmore mill fire",
    "pay": "Mill owner promises pay after fire",
    "schools": "Smoke from mill fire shuts two schools",
    "roundup": "Dunmore mill fire: what we know",
}
PEOPLE = (("Ana Morales", "PERSON"), ("Peter Kline", "PERSON"), ("Dunmore", "PLACE"),
          ("Dunmore textile mill", "ORG"))
# Headlines a copied page leaves where its headline should be.
NOT_HEADLINES = [
    None,
    "",
    "   ",
    "http: / / www. dunmore-courier. example / news / 2024 / 02 / 13 / mill-fire. html",
    "https://www.dunmore-courier.example/news/2024/02/13/mill-fire.html",
    "9 September 2013 Last updated at 14: 39 GMT",
    "Mar. 8 5:46 PM EST",
    "Last updated at 22:46 GMT",
    "February 13, 2024",
    "DUNMORE, Feb. 13 (Reuters) -",
    "WASHINGTON (AP) —",
]


def build(tmp_path, headlines: dict[str, str | None]) -> tuple[Store, int]:
    store = Store(tmp_path / "titles.db", for_writing=True)
    for day, (name, text) in enumerate(MILL_FIRE.items(), start=13):
        entities = [(entity, kind) for entity, kind in PEOPLE if entity in text]
        ingest(store, make_article(name, text, headline=headlines[name],
                                   published=f"2024-02-{day:02d}", entities=entities,
                                   url=f"https://outlet{day}.example/{name}"))
    stories = {row[0] for row in store.connection.execute("SELECT story_id FROM articles")}
    assert len(stories) == 1, "the five reports should form one story"
    return store, stories.pop()


def test_the_central_article_is_the_one_that_restates_the_others(tmp_path):
    store, story_id = build(tmp_path, HEADLINES)
    with store:
        ranked = [member.headline for member in central_articles(store.connection, story_id)]
        assert story_title(store.connection, story_id) == ranked[0]
    assert ranked[0] == HEADLINES["roundup"]
    assert sorted(ranked) == sorted(HEADLINES.values())


def test_the_central_headline_is_the_title_everywhere(tmp_path):
    store, story_id = build(tmp_path, HEADLINES)
    with store:
        db = store.connection
        assert story_title(db, story_id) == HEADLINES["roundup"]
        assert summaries(store)[0]["title"] == HEADLINES["roundup"]
        assert queries.story(db, story_id)["title"] == HEADLINES["roundup"]
        assert queries.story(db, story_id)["article_count"] == len(MILL_FIRE)
        assert queries.story(db, story_id + 100) is None


@pytest.mark.parametrize("bad", NOT_HEADLINES)
def test_an_unusable_central_headline_gives_way_to_the_next_most_central(tmp_path, bad):
    # Headline words count in a signature, so a bad headline moves its article: the two most
    # central reports both get it, and one of them still leads.
    store, story_id = build(tmp_path, {**HEADLINES, "roundup": bad, "evacuation": bad})
    with store:
        db = store.connection
        ranked = central_articles(db, story_id)
        assert ranked[0].headline == bad
        expected = next(member.headline for member in ranked if member.headline != bad)
        assert expected in HEADLINES.values()
        assert expected not in (HEADLINES["roundup"], HEADLINES["evacuation"])
        assert story_title(db, story_id) == expected
        assert summaries(store)[0]["title"] == expected
        assert queries.story(db, story_id)["title"] == expected


def test_no_usable_headline_gives_the_central_article_first_words(tmp_path):
    bad = dict(zip(MILL_FIRE, NOT_HEADLINES[3:]))
    store, story_id = build(tmp_path, bad)
    with store:
        title = story_title(store.connection, story_id)
    assert title.startswith("The fire at the Dunmore textile mill, which started")
    assert title.endswith("…") and len(title) <= 91
    assert MILL_FIRE["roundup"].startswith(title[:-1])


@pytest.mark.parametrize("bad", NOT_HEADLINES)
def test_what_is_not_a_headline(bad):
    assert not usable_headline(bad)


@pytest.mark.parametrize("headline", [
    *HEADLINES.values(),
    "FIRE DESTROYS HISTORIC DAIRY BUILDING",   # upper case, no dateline mark
    "Storm to reach the coast by 5 p.m. Monday",
    "May 2024 was the wettest on record",
    "Sheriff: Michigan office shooting kills 1, injures 2",
])
def test_what_is_a_headline(headline):
    assert usable_headline(headline)


def test_a_story_title_reads_no_more_than_its_own_articles(tmp_path):
    store, story_id = build(tmp_path, HEADLINES)
    with store:
        ingest(store, make_article(
            "concert", "The county orchestra will perform Beethoven's ninth symphony at the "
            "Riverside amphitheatre on Saturday, conductor Ivo Brandt announced.",
            headline="Orchestra to play Beethoven's ninth", published="2024-02-20"))
        other = store.connection.execute(
            "SELECT story_id FROM articles WHERE id = 'concert'").fetchone()[0]
        assert other != story_id
        assert story_title(store.connection, other) == "Orchestra to play Beethoven's ninth"
        assert story_title(store.connection, story_id) == HEADLINES["roundup"]
