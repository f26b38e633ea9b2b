"""`/threads` and `/threads/{id}`: the threads of a store and one thread's page, HTML and JSON
(the real app over a store of two incidents in one thread and an unrelated story, from
`test_threads.py`); bad ids; a relink seen without a new article."""
from __future__ import annotations

import pytest
from lxml import html
from test_threads import thread_store as store_with_a_thread

from conftest import web_client
from storyline.store import Store
from storyline.stories.threads import Threading, update


@pytest.fixture
def thread_store(tmp_path):
    return store_with_a_thread(tmp_path / "threads.db")


@pytest.fixture
def thread_client(thread_store):
    with web_client(thread_store) as client:
        yield client


def test_the_threads_page_lists_the_thread_with_its_stories(thread_client):
    data = thread_client.get("/threads.json").json()
    (thread,) = data["threads"]
    assert thread["story_count"] == 2 and thread["article_count"] == 4
    assert (thread["first_date"], thread["last_date"]) == ("2024-03-04", "2024-04-09")
    assert thread["people"][0]["name"] == "Marta Velasquez"
    assert thread["people"][0]["url"].startswith("/entities/")
    page = thread_client.get("/threads")
    assert page.status_code == 200
    root = html.fromstring(page.text)
    card = root.xpath(f"//li[@data-thread='{thread['id']}']")[0]
    assert card.xpath(".//h2/a")[0].get("href") == thread["url"] == f"/threads/{thread['id']}"
    story_links = [a.get("href") for a in card.xpath(".//ol[@class='thread-stories']//a")]
    assert story_links == [story["url"] for story in thread["stories"]]
    for link in story_links:
        story = thread_client.get(f"{link}.json").json()
        assert story["thread"] == {"id": thread["id"], "title": thread["title"],
                                   "url": thread["url"]}
        kicker = html.fromstring(thread_client.get(link).text).xpath("//p[@id='story-thread']/a")
        assert kicker[0].get("href") == thread["url"]
    titles = " ".join(story["title"] for story in thread["stories"]).lower()
    assert "festival" not in titles  # the unrelated story shares only a country
    others = [s for s in thread_client.get("/.json").json()["stories"]
              if s["url"] not in story_links]
    assert others and all(thread_client.get(f"{s['url']}.json").json()["thread"] is None
                          for s in others)
    assert root.xpath("//nav//a[@aria-current='page']")[0].text_content() == "Threads"


def test_a_thread_page_shows_its_merged_timeline_stories_and_articles(thread_client):
    (thread,) = thread_client.get("/threads.json").json()["threads"]
    data = thread_client.get(f"{thread['url']}.json").json()
    assert data["kind"] == "thread" and data["id"] == thread["id"]
    assert data["title"] == thread["title"] and data["article_count"] == 4
    assert [story["id"] for story in data["stories"]] == [s["id"] for s in thread["stories"]]
    assert sum(len(group["articles"]) for group in data["articles"]) == 4
    assert "timeline_csv" not in data["links"] and data["links"]["threads"] == "/threads"
    page = thread_client.get(thread["url"])
    assert page.status_code == 200
    root = html.fromstring(page.text)
    assert root.xpath("//h1")[0].text_content() == data["title"]
    assert root.xpath("//article[@data-thread]")[0].get("data-thread") == str(thread["id"])
    listed = [a.get("href") for a in root.xpath("//section[@id='thread-stories']//a")]
    assert listed == [story["url"] for story in data["stories"]]
    articles = root.xpath("//ol[@id='article-list']//a")
    assert len(articles) == 4
    for link in articles:
        assert thread_client.get(link.get("href")).status_code == 200
    assert not root.xpath("//a[@id='timeline-csv']")


@pytest.mark.parametrize("bad", ["abc", "0", "999", "9" * 30, "1;DROP"])
def test_a_bad_thread_id_is_404(thread_client, bad):
    assert thread_client.get(f"/threads/{bad}").status_code == 404
    answer = thread_client.get(f"/threads/{bad}.json")
    assert answer.status_code == 404 and answer.json()["error"]["status"] == 404


def test_a_relink_is_seen_without_a_new_article(thread_store, thread_client):
    assert len(thread_client.get("/threads.json").json()["threads"]) == 1
    with Store(thread_store, for_writing=True) as store:
        update(store, Threading(threshold=0.99))  # nothing links this strictly
    data = thread_client.get("/threads.json").json()
    assert data["threads"] == []
    assert "No threads yet" in thread_client.get("/threads").text


def test_the_demo_store_has_no_threads_and_says_so(client):
    page = client.get("/threads")
    assert page.status_code == 200
    assert "No threads yet" in page.text
    assert client.get("/threads.json").json()["threads"] == []


def test_a_card_lists_its_first_stories_and_links_to_all(thread_client, monkeypatch):
    from storyline.web import threads as thread_pages

    monkeypatch.setattr(thread_pages, "STORIES_SHOWN", 1)
    (thread,) = thread_client.get("/threads.json").json()["threads"]
    assert len(thread["stories"]) == 1 and thread["story_count"] == 2
    root = html.fromstring(thread_client.get("/threads").text)
    more = root.xpath("//li[@data-thread]//p[@class='hint']/a")
    assert more[0].text_content() == "all 2 stories"
    assert more[0].get("href") == f"{thread['url']}#thread-stories"
