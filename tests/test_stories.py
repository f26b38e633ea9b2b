"""Online story clustering on small invented multi-outlet sets: two running stories and noise,
robust to the order of arrival, blocked (no all-pairs), merging and splitting as links change;
and the `storyline stories` listing."""
from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from test_store import make_article

from storyline.evaluation.ecbplus import score
from storyline.stories.clustering import (Clustering, entity_keys, ingest, lead_length,
                                          signature, similarity)
from storyline.stories import threads
from storyline.stories.listing import summaries
from storyline.store import Store

OUTLETS = ("herald.example", "courier.example", "gazette.example", "post.example")

FIRE = [
    "A fire at the Dunmore textile mill forced the evacuation of 200 workers on Tuesday, and "
    "Fire Chief Ana Morales said the blaze started in a storage room full of cotton bales.",
    "Investigators are examining the wiring of the Dunmore textile mill after Tuesday's fire; "
    "Ana Morales, the fire chief, said arson had not been ruled out.",
    "Owners of the Dunmore textile mill promised to pay the 200 workers during repairs after the "
    "fire, while chief Ana Morales said the storage room was destroyed.",
    "Smoke from the Dunmore mill fire closed two schools, officials said, as firefighters led by "
    "Ana Morales kept watch over smouldering cotton bales on Wednesday.",
    "The union representing Dunmore textile mill workers asked for an inspection of fire exits "
    "after the blaze; mill owner Peter Kline said the exits met the code.",
    "Peter Kline, who owns the Dunmore textile mill, said production would resume in March once "
    "the storage room destroyed by fire is rebuilt.",
]
ELECTION = [
    "Mayor Robert Haines of Eastport is accused of using campaign funds for a family holiday, "
    "according to a complaint filed with the state election board.",
    "The state election board opened an inquiry into Eastport mayor Robert Haines over campaign "
    "spending, weeks before the city votes in the mayoral election.",
    "Challenger Maria Oyelaran called on Robert Haines to step aside while the election board "
    "examines his campaign accounts in Eastport.",
    "Robert Haines said he repaid the campaign fund and denied wrongdoing, as his rival Maria "
    "Oyelaran gained ground in Eastport polls.",
    "Eastport voters head to the polls next week in a mayoral race shaken by the inquiry into "
    "Robert Haines's campaign spending.",
]
NOISE = [
    "The county orchestra will perform Beethoven's ninth symphony at the Riverside amphitheatre "
    "on Saturday, conductor Ivo Brandt announced.",
    "A new bakery on Orchard Lane sells sourdough loaves baked in a wood-fired oven; owner Lucy "
    "Tran learned the craft in Lyon.",
    "The Northside Hawks beat the Valley Rams 3-1 in the regional hockey final, with goalkeeper "
    "Sam Okafor saving two penalty shots.",
    "Astronomers at the Pine Ridge observatory photographed a comet that will be visible to the "
    "naked eye in early spring.",
]
PEOPLE = ("Ana Morales", "Peter Kline", "Robert Haines", "Maria Oyelaran", "Ivo Brandt",
          "Lucy Tran", "Sam Okafor")
PLACES = ("Dunmore", "Eastport", "Lyon", "Riverside", "Orchard Lane", "Pine Ridge")
ORGS = ("Dunmore textile mill", "state election board", "Northside Hawks", "Valley Rams")


def corpus() -> tuple[list, dict[str, str]]:
    articles, gold = [], {}
    groups = (("fire", FIRE, 3), ("election", ELECTION, 10), ("noise", NOISE, 5))
    for label, texts, first_day in groups:
        for number, text in enumerate(texts):
            article_id = f"{label}-{number}"
            entities = [(name, kind) for names, kind in ((PEOPLE, "PERSON"), (PLACES, "PLACE"),
                                                        (ORGS, "ORG")) for name in names
                        if name in text]
            articles.append(make_article(
                article_id, text, published=f"2024-02-{first_day + number:02d}",
                url=f"https://{OUTLETS[number % len(OUTLETS)]}/{article_id}", entities=entities))
            gold[article_id] = article_id if label == "noise" else label
    return articles, gold


def cluster(articles, options: Clustering = Clustering()) -> dict[str, int]:
    with Store(":memory:") as store:
        for article in articles:
            ingest(store, article, options)
        return dict(store.connection.execute("SELECT id, story_id FROM articles").fetchall())


def threads_or_stories(articles) -> dict[str, str]:
    """Each article's thread (`threads.update`), or its story when its story is in none."""
    with Store(":memory:") as store:
        for article in articles:
            ingest(store, article)
        threads.update(store)
        return {row[0]: f"thread {row[1]}" if row[1] is not None else f"story {row[2]}"
                for row in store.connection.execute(
                    "SELECT a.id, t.thread_id, a.story_id FROM articles a "
                    "LEFT JOIN thread_stories t ON t.story_id = a.story_id")}


def test_two_stories_and_noise_across_outlets():
    articles, gold = corpus()
    predicted = cluster(articles)
    # The mill fire's two later angles (the union, the owner) read little like the fire itself:
    # whole-story fit keeps them a story of their own, and the thread joins them again.
    fire_stories = {predicted[f"fire-{n}"] for n in range(len(FIRE))}
    assert 1 <= len(fire_stories) <= 2
    assert len({predicted[f"election-{n}"] for n in range(len(ELECTION))}) == 1
    above = threads_or_stories(articles)
    assert len({above[f"fire-{n}"] for n in range(len(FIRE))}) == 1
    assert above["fire-0"] != above["election-0"]
    assert score(above, gold)["bcubed_f1"] == 1.0
    assert predicted["fire-0"] != predicted["election-0"]
    for number in range(len(NOISE)):
        alone = [a for a, story in predicted.items() if story == predicted[f"noise-{number}"]]
        assert alone == [f"noise-{number}"]
    assert score(predicted, gold)["bcubed_p"] == 1.0


def test_order_of_arrival_changes_little():
    articles, gold = corpus()
    reference = cluster(articles)
    shuffler = random.Random(5)
    for _ in range(6):
        order = articles[:]
        shuffler.shuffle(order)
        predicted = cluster(order)
        assert score(predicted, reference)["bcubed_f1"] >= 0.9
        assert score(predicted, gold)["bcubed_f1"] >= 0.9


def test_blocking_compares_only_articles_that_share_keys():
    articles, _ = corpus()
    with Store(":memory:") as store:
        results = [ingest(store, article) for article in articles]
    by_id = {result.article_id: result for result in results}
    assert by_id["fire-0"].candidates == 0 and by_id["fire-0"].started
    # The first election article shares no strong key with the mill fire: nothing to compare.
    assert by_id["election-0"].candidates <= 1 and by_id["election-0"].started
    assert all(result.candidates <= Clustering().candidates for result in results)
    assert by_id["fire-5"].candidates < len(articles)


def test_an_article_whose_strongest_keys_are_new_still_finds_its_story():
    # A report that opens on names no earlier article has (a column recalling past hosts, past
    # fires) weighs those rare words most; probing only its strongest keys found nothing. The
    # probes go on down its keys until they find earlier articles.
    options = Clustering(probes=3, threshold=0.05)
    recall = ("Halloway, Quarrie, Brennock, Ostrander, Pellin, Vasquez: Halloway, Quarrie, "
              "Brennock, Ostrander, Pellin, Vasquez. ")
    late = make_article("fire-late", recall + FIRE[0], published="2024-05-02")
    with Store(":memory:") as store:
        for number, text in enumerate(FIRE[1:4]):
            ingest(store, make_article(f"fire-{number}", text, published="2024-05-01"), options)
        new_words = {f"t:{word}" for word in ("halloway", "quarrie", "brennock", "ostrander",
                                              "pellin", "vasquez")}
        result = ingest(store, late, options)
        ranked = sorted(json.loads(store.connection.execute(
            "SELECT terms FROM signatures ORDER BY article_pk DESC LIMIT 1").fetchone()[0]).items(),
            key=lambda item: -item[1])
        assert {key for key, _ in ranked[:options.probes]} <= new_words  # they find nothing
        assert result.candidates >= 1 and not result.started
        (mates,) = store.connection.execute("SELECT count(*) FROM articles WHERE story_id = ? "
                                            "AND id != 'fire-late'", (result.story_id,)).fetchone()
    assert mates >= 1


def test_a_bridging_article_merges_and_a_displaced_link_splits():
    # One link per article makes the graph small enough to follow by hand.
    options = Clustering(neighbors=1, threshold=0.05)
    words = {"x": "harbor crane collapse dock workers union inquiry",
             "y": "harbor crane collapse dock workers union strike",
             "z": "harbor crane collapse dock workers union inquiry report",
             "w": "harbor crane collapse dock workers union strike vote"}
    with Store(":memory:") as store:
        for article_id, text in words.items():
            ingest(store, make_article(article_id, text), options)
        stories = dict(store.connection.execute("SELECT id, story_id FROM articles").fetchall())
        # w took y's only link from x: y and w now stand apart from x and z.
        assert stories["x"] == stories["z"] != stories["y"] == stories["w"]
        counts = dict(store.connection.execute("SELECT id, article_count FROM stories").fetchall())
        assert sorted(counts.values()) == [2, 2]
    with Store(":memory:") as store:
        first = ingest(store, make_article("p", "alpine glacier retreat"), options)
        second = ingest(store, make_article("q", "coastal erosion storm surge"), options)
        bridge = ingest(store, make_article("r", "alpine glacier retreat coastal erosion storm"),
                        Clustering(neighbors=2, threshold=0.05, merge_floor=0.0))
        assert first.story_id != second.story_id
        assert {row[0] for row in store.connection.execute("SELECT story_id FROM articles")} == \
            {bridge.story_id}


def test_a_bridge_between_stories_that_do_not_fit_each_other_merges_nothing():
    """Whole-story fit (`incidents.py`): one article that reads like two unrelated stories joins
    the nearer one; the two stories, whose members share nothing, stay apart."""
    options = Clustering(neighbors=2, threshold=0.05)
    with Store(":memory:") as store:
        first = ingest(store, make_article("p", "alpine glacier retreat"), options)
        second = ingest(store, make_article("q", "coastal erosion storm surge"), options)
        bridge = ingest(store, make_article("r", "alpine glacier retreat coastal erosion storm"),
                        options)
        stories = dict(store.connection.execute("SELECT id, story_id FROM articles").fetchall())
    assert stories["p"] != stories["q"]
    assert bridge.story_id in (first.story_id, second.story_id)


# Two offers to one free agent in one week, each report naming both clubs. Each incident's
# reports lead with the club that made its offer; their background, further down, is drawn from
# one pool, and the pairs compared share one passage of it each.
OFFERS = {
    "angels-1": "The Angels have made an eight-year offer to free agent first baseman Daniel "
                "Ortega, the club's general manager confirmed on Monday. The Angels would not "
                "give the amount, but the offer is believed to be worth at least $160 million, "
                "and the general manager called Ortega the Angels' first priority of the "
                "winter, ahead of any pitcher on the market. The Angels expect an answer "
                "from Ortega before Christmas.",
    "angels-2": "The Angels offered Daniel Ortega eight years, their general manager said, the "
                "largest contract the Angels have ever put on the table. The general manager "
                "told a radio station owned by the Angels that the club had wanted Ortega back "
                "since July and that the offer would stand until the end of the month. The "
                "Angels expect an answer from Ortega and his agent soon, and the general "
                "manager said no other club had made a better offer.",
    "harbor-1": "The Harbor City Mariners extended an offer to free agent first baseman Daniel "
                "Ortega, believed to be the richest in the history of their owners. A newspaper "
                "in Harbor City reported that the Mariners offered at least eight years, and "
                "the Mariners' owner flew to meet Ortega's agent on Tuesday night. The Mariners "
                "expect an answer within days, and they have cleared room for the contract by "
                "trading two veterans.",
    "harbor-2": "The Harbor City Mariners are ready to outbid every rival for Daniel Ortega, "
                "their owner told reporters, with an offer of eight years. The Mariners' owner "
                "said Harbor City had not signed a player of Ortega's standing in a decade, "
                "and that the Mariners would not lose him over money. Harbor City fans have "
                "waited a long time for a signing like this one, and the Mariners' owner said "
                "they would not wait much longer.",
}
BACKGROUND = (
    " Ortega hit 32 home runs last season and drove in 104 runs, and scouts rate his glove "
    "among the best in the game after four seasons in which he missed only nine games.",
    " His agent said the first baseman would listen to every club before deciding, and that "
    "no deadline had been set for the talks, which began at the winter meetings in Las Vegas.",
    " The Angels and the Harbor City Mariners both lost in the first round of the playoffs, "
    "and both clubs have money to spend after long contracts expired this autumn.",
    " Two other clubs, the Capitals and the Pioneers, made seven-year offers earlier this "
    "month, according to people familiar with the talks who asked not to be named.",
)
BACKGROUND_OF = {"angels-1": (0, 1), "angels-2": (1, 2), "harbor-1": (0, 3), "harbor-2": (2, 3)}


def offer_reports() -> dict[str, object]:
    articles = {}
    entities = [("Angels", "ORG"), ("Harbor City Mariners", "ORG"), ("Daniel Ortega", "PERSON"),
                ("Capitals", "ORG"), ("Pioneers", "ORG"), ("Las Vegas", "PLACE")]
    for article_id, lead in OFFERS.items():
        assert len(lead) > Clustering().lead_chars  # the background lies past the lead
        text = lead + "".join(BACKGROUND[number] for number in BACKGROUND_OF[article_id])
        articles[article_id] = make_article(
            article_id, text, entities=[entity for entity in entities if entity[0] in text])
    return articles


@pytest.mark.parametrize(("text", "chars", "end"), [
    ("Quake hits Iran", 400, 15),               # a short text is all lead
    ("A strong earthquake jolted", 12, 8),      # cut back to the end of "A strong"
    ("Unbroken", 4, 4),                         # no space to go back to
])
def test_lead_ends_at_a_word_end(text, chars, end):
    assert lead_length(text, chars) == end


def test_an_entity_the_lead_names_weighs_more():
    article = offer_reports()["angels-1"]
    weighted = entity_keys(article, Clustering())
    plain = entity_keys(article, Clustering(lead_weight=0.0))
    assert weighted["e:angels"] == pytest.approx(2 * plain["e:angels"])
    assert weighted["e:las vegas"] == pytest.approx(plain["e:las vegas"])


def test_lead_words_count_more_in_the_signature():
    article = offer_reports()["angels-1"]
    with Store(":memory:") as store:
        weighted = signature(store.connection, article, Clustering())
    with Store(":memory:") as store:
        plain = signature(store.connection, article, Clustering(lead_weight=0.0))
    # "confirmed" is a lead word only, "meetings" a later word only: both once in the text
    assert weighted["t:confirmed"] / weighted["t:meeting"] > \
        plain["t:confirmed"] / plain["t:meeting"]


def test_reports_led_by_the_same_club_read_closer_than_reports_that_only_mention_it():
    reports = offer_reports()
    with Store(":memory:") as store:
        vectors = {}
        for article_id, article in reports.items():
            vectors[article_id] = signature(store.connection, article, Clustering())
    same = similarity(vectors["angels-1"], vectors["angels-2"], Clustering())
    across = similarity(vectors["angels-1"], vectors["harbor-1"], Clustering())
    with Store(":memory:") as store:
        plain = {article_id: signature(store.connection, article, Clustering(lead_weight=0.0))
                 for article_id, article in reports.items()}
    plain_same = similarity(plain["angels-1"], plain["angels-2"], Clustering(lead_weight=0.0))
    plain_across = similarity(plain["angels-1"], plain["harbor-1"], Clustering(lead_weight=0.0))
    assert same > across
    assert same - across > plain_same - plain_across


def test_stories_command_lists_title_dates_count_people_and_ids(tmp_path):
    articles, _ = corpus()
    db = tmp_path / "s.db"
    with Store(db) as store:
        for article in articles:
            article.headline = article.text.split(",")[0]
            ingest(store, article)
        listed = summaries(store)
        (searched,) = summaries(store, search="campaign spending")  # full text, stemmed
        assert "election-0" in searched["articles"]
        assert summaries(store, search="zeppelin") == []
    election = next(s for s in listed if "election-0" in s["articles"])
    assert election["article_count"] == len(ELECTION)
    assert (election["first_date"], election["last_date"]) == ("2024-02-10", "2024-02-14")
    assert election["people"][0] == "Robert Haines"
    headlines = {a.headline for a in articles if a.id.startswith("election")}
    assert len(election["outlets"]) == 4 and election["title"] in headlines
    fire = next(s for s in listed if "fire-0" in s["articles"])
    assert fire["first_date"] == "2024-02-03" and fire["people"][0] == "Ana Morales"
    assert fire["title"].startswith(("A fire at the Dunmore", "Investigators", "Owners", "Smoke"))
    result = subprocess.run([sys.executable, "-m", "storyline.cli", "stories", "--db", str(db),
                             "--format", "json"], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    stories = json.loads(result.stdout)["stories"]
    assert sorted(a for s in stories for a in s["articles"]) == sorted(a.id for a in articles)
    table = subprocess.run([sys.executable, "-m", "storyline.cli", "stories", "--db", str(db)],
                           capture_output=True, timeout=120)
    assert b"Robert Haines" in table.stdout and b"2024-02-10 to 2024-02-14" in table.stdout
