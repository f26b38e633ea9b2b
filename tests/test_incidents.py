"""Keeping a story one incident (`stories/incidents.py`): dates of any precision compared by the
fewest days they allow, time apart discounting similarity, and a story whose dated articles fall
years apart split into two incidents, its undated articles going with the side they resemble."""
from __future__ import annotations

from datetime import date

import pytest

from test_store import make_article

from storyline.stories.clustering import Clustering, ingest
from storyline.stories.incidents import apart, period_of, time_factor
from storyline.store import Store

# Reports of an earthquake on one island, each worded its own way (word-for-word copies would
# be wire copies, `copies.py`, and take another path).
QUAKES = [
    "A strong earthquake struck Qeshm island off the southern coast of Iran, damaging villages, "
    "the governor of Qeshm told state media.",
    "Rescuers searched the rubble of collapsed houses on Qeshm island after the earthquake, and "
    "the Red Crescent sent tents to Iran's south.",
    "The earthquake on Qeshm island injured dozens and cut power to several villages, Iranian "
    "officials said, as aftershocks shook the Gulf coast.",
    "Iran's state television showed damaged homes on Qeshm island, where the earthquake was felt "
    "as far as the port of Bandar Abbas.",
    "Officials on Qeshm island said schools would stay closed after the earthquake while "
    "engineers inspect buildings across the island.",
    "Villagers on Qeshm island spent the night outdoors after the earthquake, fearing "
    "aftershocks, the provincial governor of Hormozgan said.",
    "The earthquake that hit Qeshm island left about 1,000 people homeless, Iran's interior "
    "ministry said, and relief flights landed on the island.",
]


@pytest.mark.parametrize("value, expected", [
    ("2008-09-10", (date(2008, 9, 10), date(2008, 9, 10))),
    ("2008-09-10T14:39:00Z", (date(2008, 9, 10), date(2008, 9, 10))),
    ("2008-02", (date(2008, 2, 1), date(2008, 2, 29))),
    ("2008-12", (date(2008, 12, 1), date(2008, 12, 31))),
    ("2005", (date(2005, 1, 1), date(2005, 12, 31))),
    ("XXXX-11-27", None), (None, None), ("", None), ("2008-13", None),
])
def test_period_of_any_precision(value, expected):
    assert period_of(value) == expected


def test_apart_is_the_fewest_days_both_dates_allow():
    year_2005, november_2005 = period_of("2005"), period_of("2005-11-27")
    assert apart(year_2005, november_2005) == 0          # one contains the other
    assert apart(period_of("2005"), period_of("2008-09-10")) == (date(2008, 9, 10)
                                                                 - date(2005, 12, 31)).days
    assert apart(period_of("2008-09-10"), period_of("2008-09-03")) == 7


def test_time_factor_halves_beyond_close_days_down_to_the_floor():
    options = Clustering(days_close=7, days_halving=90, time_floor=0.5)
    day = period_of("2008-09-10")
    assert time_factor(day, period_of("2008-09-15"), options) == 1.0
    assert time_factor(day, period_of("2008-12-08"), options) == pytest.approx(0.5 ** (82 / 90))
    assert time_factor(day, period_of("2005"), options) == 0.5
    assert time_factor(day, None, options) == 1.0


def test_quakes_years_apart_chained_by_undated_reports_become_two_stories():
    # These briefs link near the shipped threshold (0.17): counting lead words once more, as the
    # signature does, flattens the weights of a brief that is all lead and leaves one link at
    # 0.169. The split is what is tested here, so the links are made surely.
    options = Clustering(split_dated=2, threshold=0.15)
    dated = [("q2005a", "2005-11-27"), ("q2005b", "2005-11-28"), ("q2008a", "2008-09-10"),
             ("q2008b", "2008-09-11")]
    with Store(":memory:") as store:
        # undated reports first: they read like both quakes and would chain them
        for number in range(3):
            ingest(store, make_article(f"undated{number}", QUAKES[number]), options)
        for number, (article_id, day) in enumerate(dated, start=3):
            ingest(store, make_article(article_id, QUAKES[number], published=day), options)
        stories = dict(store.connection.execute("SELECT id, story_id FROM articles").fetchall())
        counts = dict(store.connection.execute("SELECT id, article_count FROM stories"))
        links_across = store.connection.execute(
            "SELECT count(*) FROM neighbors n JOIN articles a ON a.pk = n.article_pk "
            "JOIN articles b ON b.pk = n.neighbor_pk WHERE a.story_id != b.story_id").fetchone()[0]
    assert stories["q2005a"] == stories["q2005b"] != stories["q2008a"] == stories["q2008b"]
    assert {stories[f"undated{n}"] for n in range(3)} <= {stories["q2005a"], stories["q2008a"]}
    assert sum(counts.values()) == 7 and links_across == 0


def test_a_story_over_months_is_not_split():
    days = ["2008-09-01", "2008-09-08", "2008-10-02", "2008-11-20", "2009-01-15", "2009-02-01",
            "2009-03-01"]

    def stories(options: Clustering) -> list[set[str]]:
        with Store(":memory:") as store:
            for number, day in enumerate(days):
                ingest(store, make_article(f"a{number}", QUAKES[number], published=day), options)
            groups: dict[int, set[str]] = {}
            for article_id, story_id in store.connection.execute(
                    "SELECT id, story_id FROM articles"):
                groups.setdefault(story_id, set()).add(article_id)
            return sorted(groups.values(), key=min)

    assert stories(Clustering(split_dated=2)) == stories(Clustering(split_gap_days=1e9))
