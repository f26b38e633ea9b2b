"""`/stories/{id}`: one story top to bottom, its JSON twin, `since`, `from`/`to`, sorting and the
timeline CSV export (the real app over the demo store)."""
from __future__ import annotations

import csv
import io
from urllib.parse import urlsplit

import pytest
from lxml import html


def water_story(client) -> dict:
    listing = client.get("/.json").json()
    story_id = next(s["id"] for s in listing["stories"] if s["article_count"] == 7)
    return client.get(f"/stories/{story_id}.json").json()


def test_the_page_has_every_part_in_order(client):
    data = water_story(client)
    page = client.get(data["url"])
    assert page.status_code == 200
    root = html.fromstring(page.text)
    order = ["key-developments", "timeline", "entries", "quotes", "people", "articles"]
    positions = [page.text.index(f'id="{name}"') for name in order]
    assert positions == sorted(positions)
    assert root.xpath("//h1")[0].text_content() == data["title"]
    assert root.xpath("//section[@id='timeline']//svg[contains(@class, 'timeline')]")
    assert '<link rel="stylesheet" href="/timeline.css">' in page.text
    marks = root.xpath("//svg[contains(@class, 'timeline')]//*[@data-entry]")
    assert {mark.get("data-entry") for mark in marks} == {e["id"] for e in data["entries"]}


def test_key_developments_are_the_top_ranked_days(client):
    data = water_story(client)
    days = data["key_dates"]
    assert 1 <= len(days) <= 10
    weights = [day["weight"] for day in days]
    assert weights == sorted(weights, reverse=True)
    assert "2025-06-02" in [day["date"] for day in days]  # the notice was issued that Monday
    root = html.fromstring(client.get(data["url"]).text)
    assert [li.get("data-date") for li in root.xpath("//li[@class='key-date']")] == \
        [day["date"] for day in days]


def test_every_entry_lists_all_its_sources_with_links_to_the_sentence(client):
    data = water_story(client)
    assert data["entries"]
    pages: dict[str, str] = {}
    for entry in data["entries"]:
        assert len(entry["sources"]) >= entry["source_count"] >= 1
        for source in entry["sources"]:
            assert source["outlet"] and source["sentence"]
            path, _, anchor = source["url"].partition("#")
            assert anchor.startswith("c-")
            if path not in pages:
                pages[path] = client.get(path).text
            assert f'id="{anchor}"' in pages[path]  # the place exists on the article page
    wire = [e for e in data["entries"] if e["source_count"] >= 2]
    assert wire, "the wire report, printed twice, gives entries with two sources"


def test_quotes_are_grouped_by_speaker_and_link_to_their_place(client):
    data = water_story(client)
    groups = data["quotes_by_speaker"]
    lindqvist = next(g for g in groups if g["speaker"] == "Peter Lindqvist")
    assert lindqvist["url"] == "/entities/peter-lindqvist"
    assert lindqvist["count"] >= len(lindqvist["quotes"]) >= 2
    assert len(lindqvist["quotes"]) <= 8  # the first ones; the dossier has them all
    assert all(q["url"].split("#")[1].startswith("c-") for q in lindqvist["quotes"])
    named = [g for g in groups if g["type"]]
    assert [g["count"] for g in named] == sorted((g["count"] for g in named), reverse=True)


def test_entries_come_in_pages_and_key_dates_link_across_them(client, monkeypatch):
    from storyline.web import story

    whole = water_story(client)
    monkeypatch.setattr(story, "ENTRIES_PER_PAGE", 10)
    monkeypatch.setattr(client.app.state, "pages", None)  # render again, not the kept pages
    first = client.get(f"{whole['url']}.json").json()
    assert len(first["entries"]) == 10 and first["entry_pages"]["total"] == len(whole["entries"])
    seen, url = [], f"{whole['url']}.json"
    while url:
        data = client.get(url).json()
        seen += [e["id"] for e in data["entries"]]
        nxt = data["entry_pages"]["next"]
        url = nxt.replace(whole["url"], whole["url"] + ".json", 1).split("#")[0] if nxt else None
    assert seen == [e["id"] for e in whole["entries"]]
    for day in first["key_dates"]:
        for entry in day["entries"]:
            on_page = entry["id"] in [e["id"] for e in first["entries"]]
            assert entry["url"] == f"#{entry['id']}" if on_page else "page=" in entry["url"]
    root = html.fromstring(client.get(whole["url"]).text)
    assert root.xpath("//nav[@class='pager']//a[@rel='next']")
    assert len(root.xpath("//ol[@class='entry-list']/li")) == 10


def test_people_and_organizations_link_to_dossiers(client):
    data = water_story(client)
    names = [p["name"] for p in data["people"]]
    assert {"Carla Jimenez", "Millbrook Water Authority"} <= set(names)
    assert {p["type"] for p in data["people"]} <= {"PERSON", "ORG", "GROUP"}
    for person in data["people"][:4]:
        assert client.get(person["url"]).status_code == 200


def test_wire_copies_are_grouped(client):
    data = water_story(client)
    groups = data["articles"]
    assert sum(len(g["articles"]) for g in groups) == 7
    copies = [g for g in groups if g["copies"] > 1]
    assert len(copies) == 1 and copies[0]["copies"] == 2 and copies[0]["kind"] == "identical"
    assert {a["outlet"] for a in copies[0]["articles"]} == {"valleycourier.example",
                                                           "northshoretimes.example"}
    assert "2 copies" in client.get(data["url"]).text


@pytest.mark.parametrize("sort", ["date", "outlet"])
def test_articles_sort_by_date_or_outlet(client, sort):
    story = water_story(client)
    data = client.get(f"{story['url']}.json?sort={sort}").json()
    firsts = [g["articles"][0] for g in data["articles"]]
    key = (lambda a: a["published"]) if sort == "date" else (lambda a: a["outlet"])
    assert [key(a) for a in firsts] == sorted(key(a) for a in firsts)


def test_since_marks_what_is_new_and_keeps_the_rest(client):
    whole = water_story(client)
    data = client.get(f"{whole['url']}.json?since=2025-06-12").json()
    assert len(data["entries"]) == len(whole["entries"])
    marked = [e for e in data["entries"] if e["status"]]
    assert marked and len(marked) < len(data["entries"])
    for entry in marked:
        assert any(s["published"] >= "2025-06-12" for s in entry["sources"])
    for entry in data["entries"]:
        if not entry["status"]:
            assert all(s["published"] < "2025-06-12" for s in entry["sources"])
    page = client.get(f"{whole['url']}?since=2025-06-12").text
    assert 'id="since-note"' in page and page.count('class="entry status-') == len(marked)


def test_from_and_to_narrow_the_timeline(client):
    whole = water_story(client)
    data = client.get(f"{whole['url']}.json?from=2025-06-10&to=2025-06-12").json()
    assert 0 < len(data["entries"]) < len(whole["entries"])
    assert all(e["end"] >= "2025-06-10" and e["start"] <= "2025-06-12" for e in data["entries"])
    root = html.fromstring(client.get(f"{whole['url']}?from=2025-06-10&to=2025-06-12").text)
    marks = root.xpath("//svg[contains(@class, 'timeline')]//*[@data-entry]")
    assert {m.get("data-entry") for m in marks} == {e["id"] for e in data["entries"]}


@pytest.mark.parametrize("path, status", [
    ("/stories/999", 404), ("/stories/999.json", 404), ("/stories/0", 404),
    ("/stories/abc", 404), ("/stories/99999999999999999999", 404),
    ("/stories/1?sort=headline", 400), ("/stories/1?since=soon", 400),
    ("/stories/1.json?from=2025-99", 400), ("/stories/999/timeline.csv", 404),
])
def test_unknown_stories_and_bad_parameters(client, path, status):
    answer = client.get(path)
    assert answer.status_code == status
    if ".json" in path or ".csv" in path:
        assert answer.json()["error"]["status"] == status
    else:
        assert "text/html" in answer.headers["content-type"] and "Traceback" not in answer.text


def test_the_timeline_csv_has_one_row_per_source(client):
    data = water_story(client)
    export = client.get(f"{data['url']}/timeline.csv")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    assert "attachment" in export.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert len(rows) == sum(len(e["sources"]) for e in data["entries"])
    assert {row["entry"] for row in rows} == {e["id"] for e in data["entries"]}
    assert all(urlsplit(row["article_url"]).path.startswith("/articles/") for row in rows)
    narrowed = client.get(f"{data['url']}/timeline.csv?from=2025-06-10&to=2025-06-12").text
    assert 1 < len(narrowed.splitlines()) < len(export.text.splitlines())


def test_the_reader_loads_a_story_as_the_store_does(web_store):
    from storyline.store import Store
    from storyline.store.queries import Reader

    reader, store = Reader(web_store), Store(web_store)
    try:
        for story_id in (1, 2, 3, 4):
            assert reader.story_articles(story_id) == store.story_articles(story_id)
        assert reader.story_articles(999) == []
    finally:
        reader.close()
        store.close()
