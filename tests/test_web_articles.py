"""`/articles/{id}`: the marked body, the panels, the record link, and the marking itself."""
from __future__ import annotations

import json
import re

import pytest
from lxml import html

from storyline.store import Store
from storyline.web.marking import render_body

from conftest import SCHEMA, shared_file


def article_data(client, article_id: str = "02") -> dict:
    from storyline.store.queries import Reader

    db = Reader(client.app.state.settings.db)
    try:
        pk = db.connection.execute("SELECT pk FROM articles WHERE id = ?",
                                   (article_id,)).fetchone()[0]
    finally:
        db.close()
    return client.get(f"/articles/{pk}.json").json()


def test_the_body_marks_entities_times_and_quotes(client):
    data = article_data(client)
    root = html.fromstring(client.get(data["url"]).text)
    body = root.xpath("//div[@id='article-body']")[0]
    with Store(client.app.state.settings.db) as store:
        article = store.article("02")
    mentions = body.xpath(".//span[contains(@class, 'mention')]")
    assert len(mentions) == sum(len(e.mentions) for e in article.entities)
    assert len(body.xpath(".//span[@class='timex']")) == len(article.times)
    quotes = {span.get("data-quote") for span in body.xpath(".//span[contains(@class, 'quote ')]")}
    assert quotes == {q.id for q in article.quotes}
    for entity in article.entities:  # every mention of an entity carries its id
        marked = body.xpath(f".//span[@data-entity='{entity.id}']")
        assert [span.text_content() for span in marked] == \
            [article.text[start:end] for start, end in entity.mentions]
    # the body's text is the article's text, paragraph by paragraph, nothing added or lost
    paragraphs = [p.text_content() for p in body.xpath("./p")]
    assert paragraphs == [article.text[start:end] for start, end in article.paragraphs]


def test_anchors_are_unique_and_cover_every_mark(client):
    data = article_data(client)
    page = client.get(data["url"]).text
    ids = re.findall(r'id="(c-\d+)"', page)
    assert len(ids) == len(set(ids))
    starts = {int(i[2:]) for i in ids}
    assert {m["start"] for m in data["marks"]} <= starts


def test_the_panels_show_entities_residue_and_the_date(client):
    data = article_data(client, "01")
    root = html.fromstring(client.get(data["url"]).text)
    buttons = root.xpath("//button[contains(@class, 'focus-entity')]")
    assert [b.get("data-entity") for b in buttons] == [e["id"] for e in data["entities"]]
    assert data["published"] == {"value": "2025-06-02", "basis": "user", "confidence": 1.0,
                                 "evidence": data["published"]["evidence"]}
    assert root.xpath("//time[@class='published']")[0].text == "2025-06-02"
    removed = root.xpath("//li[contains(@class, 'removed ')]")
    assert len(removed) == len(data["removed"])
    assert {item["kind"] for item in data["removed"]} == set(data["removed_kinds"])
    assert data["story"]["url"] == f"/stories/{data['story']['id']}"
    assert root.xpath("//a[@class='story-link']/@href") == [data["story"]["url"]]
    assert root.xpath("//a[@class='source-link']/@href") == [data["source_url"]]


def test_the_record_is_the_contract_record(client):
    import jsonschema

    data = article_data(client)
    page = client.get(data["url"]).text
    assert f'href="{data["links"]["record"]}"' in page
    record = client.get(data["links"]["record"]).json()
    with Store(client.app.state.settings.db) as store:
        assert record == store.article("02").to_json()
    schema = json.loads(shared_file(SCHEMA).read_text(encoding="utf-8"))
    jsonschema.validate(record, schema)


def test_added_shows_the_story_it_joined(client):
    data = article_data(client)
    page = client.get(f"{data['url']}?added=1").text
    assert 'id="added-notice"' in page and data["story"]["title"] in page


@pytest.mark.parametrize("path", ["/articles/999", "/articles/999.json", "/articles/abc",
                                  "/articles/999/record.json", "/articles/-1",
                                  "/articles/1e3"])
def test_unknown_articles_are_404(client, path):
    answer = client.get(path)
    assert answer.status_code == 404
    if path.endswith(".json"):
        assert "no article" in answer.json()["error"]["message"]


# -- the marking, on its own --------------------------------------------------------------------

def mark(kind: str, start: int, end: int, **extra) -> dict:
    base = {"kind": kind, "start": start, "end": end}
    if kind == "entity":
        base.update(entity="e1", type="PERSON", name="Ann", url=None)
    if kind == "time":
        base.update(value="2024", type="DATE")
    if kind == "quote":
        base.update(quote="q1", speaker=None, quote_kind="direct")
    return {**base, **extra}


def test_marks_nest_and_crossing_ones_are_cut():
    text = 'Ann said "we go in 2024" & left.'
    marks = sorted([mark("entity", 0, 3), mark("quote", 9, 24), mark("time", 19, 23),
                    mark("entity", 20, 28, entity="e2")],  # crosses the quote's end
                   key=lambda m: (m["start"], -m["end"]))
    out = str(render_body(text, [(0, len(text))], marks))
    tree = html.fromstring(out)
    assert tree.text_content() == text
    assert tree.xpath("//span[@data-quote='q1']")[0].text_content() == '"we go in 2024"'
    assert '&amp;' in out and '&#34;' in out
    assert out.count("<span") == out.count("</span>")


def test_a_mark_running_into_the_next_paragraph_opens_again():
    text = "One «two\n\nthree» four"
    marks = [mark("quote", 4, 16)]
    out = str(render_body(text, [(0, 8), (10, len(text))], marks))
    assert out.count('data-quote="q1"') == 2 and out.count('id="c-4"') == 1
    paragraphs = html.fromstring(f"<div>{out}</div>").xpath("//p")
    assert [p.text_content() for p in paragraphs] == ["One «two", "three» four"]


def test_event_anchors_stand_where_nothing_else_starts():
    text = "Ann came. Bob left."
    marks = [mark("entity", 0, 3), mark("anchor", 0, 0), mark("anchor", 10, 10)]
    out = str(render_body(text, [(0, len(text))], marks))
    assert out.count('id="c-0"') == 1 and '<span class="anchor" id="c-10"></span>' in out


def test_markup_in_the_text_is_text():
    text = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'
    out = str(render_body(text, [(0, len(text))], [mark("entity", 8, 16)]))
    assert "<script" not in out and "<img" not in out
    assert html.fromstring(f"<div>{out}</div>").text_content() == text
