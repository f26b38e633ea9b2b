"""`/`: the stories list, its JSON twin, filters as chips, pages (the real app, a real store)."""
from __future__ import annotations

import pytest
from lxml import html

from storyline.record import Article, Published, Source
from storyline.store import Store
from storyline.stories.clustering import ingest

from conftest import web_client


def tree(response):
    return html.fromstring(response.text)


def test_stories_latest_activity_first_with_their_facts(client):
    page = client.get("/")
    assert page.status_code == 200
    cards = tree(page).xpath("//li[contains(@class, 'story-card')]")
    listed = [card.get("data-story") for card in cards]
    data = client.get("/.json").json()
    assert listed == [str(story["id"]) for story in data["stories"]]
    last_dates = [story["last_date"] for story in data["stories"]]
    assert last_dates == sorted(last_dates, reverse=True)
    water = next(s for s in data["stories"] if s["article_count"] == 7)
    assert water["first_date"] == "2025-06-02" and water["last_date"] == "2025-06-16"
    assert water["outlets"] == ["millbrookgazette.example", "northshoretimes.example",
                                "valleycourier.example"]
    assert "Carla Jimenez" in [person["name"] for person in water["people"]]
    assert sum(day["count"] for day in water["days"]) == 7
    card = tree(page).xpath(f"//li[@id='story-{water['id']}']")[0]
    assert card.xpath(".//h2/a/@href") == [water["url"]]
    bars = card.xpath(".//svg[contains(@class, 'bars')]/rect")
    assert len(bars) == 15  # one per day from 2 to 16 June, the quiet days empty
    assert len(card.xpath(".//svg/rect[contains(@class, 'bar-empty')]")) == 15 - len(water["days"])


def test_the_json_links_walk_to_every_story(client):
    data = client.get("/.json").json()
    assert data["pages"]["total"] == len(data["stories"]) == 4
    for story in data["stories"]:
        answer = client.get(story["url"] + ".json")
        assert answer.status_code == 200 and answer.json()["id"] == story["id"]
        for person in story["people"]:
            assert client.get(person["url"] + ".json").status_code == 200


@pytest.mark.parametrize("query, expected", [
    ("outlet=northshoretimes.example", 2),                    # the water story, the school board
    ("outlet=valleycourier.example&outlet=northshoretimes.example", 1),
    ("entity=carla-jimenez", 1),
    ("entity=Carla+Jimenez", 1),                              # a typed name works too
    ("from=2025-06-09&to=2025-06-10", 2),                     # spans overlapping the range
    ("from=2025-07", 1),
    ("to=2025-06-08", 2),
    ("entity=nobody-at-all", 0),
])
def test_filters_narrow_and_show_as_removable_chips(client, query, expected):
    data = client.get(f"/.json?{query}").json()
    assert data["pages"]["total"] == len(data["stories"]) == expected
    page = tree(client.get(f"/?{query}"))
    chips = page.xpath("//li[@class='chip']")
    assert len(chips) == len(data["chips"]) == query.count("&") + 1
    for chip in data["chips"]:  # removing a chip gives the list without that filter
        wider = client.get(chip["remove"].replace("/?", "/.json?", 1)
                           if "?" in chip["remove"] else "/.json").json()
        assert wider["pages"]["total"] >= expected
        assert len(wider["chips"]) == len(data["chips"]) - 1


def test_an_empty_result_says_so(client):
    page = client.get("/?entity=nobody-at-all")
    assert page.status_code == 200 and "No stories match these filters" in page.text


@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=two", "from=yesterday",
                                   "to=2025-13-01", "from=2025-02-30",
                                   "page=99999999999999999999"])  # an OFFSET past 64 bits
def test_bad_parameters_are_400_with_a_message(client, query):
    for path in ("/", "/.json"):
        answer = client.get(f"{path}?{query}")
        assert answer.status_code == 400
    assert client.get(f"/.json?{query}").json()["error"]["message"]


@pytest.fixture(scope="module")
def many_stories(tmp_path_factory):
    """45 unrelated one-article stories, stored without the pipeline (a store's rows only)."""
    path = tmp_path_factory.mktemp("many") / "many.db"
    with Store(path, for_writing=True) as store:
        for number in range(45):  # no word in common, so no two join one story
            text = f"Quarrying{number} zebrawood{number} marmalade{number} oxbow{number}."
            ingest(store, Article(raw=text, text=text, id=f"m{number}", source=Source("text"),
                                  headline=f"Lantern{number} orchard{number}",
                                  published=Published(f"2024-{number % 12 + 1:02d}-"
                                                      f"{number % 27 + 1:02d}", "user"),
                                  paragraphs=[(0, len(text))]))
    return path


def test_pages_of_twenty_with_links(many_stories):
    with web_client(many_stories) as reader:
        first = reader.get("/.json").json()
        total = first["pages"]["total"]
        assert first["pages"]["last"] == -(-total // 20) >= 2
        seen, url = [], "/.json"
        while url:
            data = reader.get(url).json()
            seen += [story["id"] for story in data["stories"]]
            nxt = data["pages"]["next"]
            url = nxt.replace("/?", "/.json?", 1) if nxt else None
        assert len(seen) == len(set(seen)) == total
        page = reader.get("/?page=2")
        assert "page 2 of" in page.text and 'rel="prev"' in page.text
        beyond = reader.get(f"/.json?page={first['pages']['last'] + 1}").json()
        assert beyond["stories"] == []
