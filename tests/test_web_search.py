"""`/search`: FTS5 over articles and quotes, highlighted snippets, facets, the histogram, filters,
400s for queries FTS5 cannot read, and the CSV and JSONL exports streamed whole."""
from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import html

from storyline.record import Article, Published, Source
from storyline.store import Store
from storyline.stories.clustering import ingest

from conftest import web_client


def test_results_are_highlighted_with_facets_and_a_histogram(client):
    data = client.get("/search.json?q=boil").json()
    assert data["total"] == len(data["results"]) >= 4
    for hit in data["results"]:
        assert any(piece["match"] for piece in hit["snippet"] + (hit["headline"] or []))
        assert hit["url"] == f"/articles/{hit['pk']}"
    facets = data["facets"]
    assert sum(f["count"] for f in facets["outlet"]) == data["total"]
    assert sum(f["count"] for f in facets["month"]) == data["total"]
    assert facets["story"][0]["title"].startswith("Millbrook water: state sends investigators")
    assert "carla-jimenez" in [f["value"] for f in facets["entity"]]
    assert data["histogram"] == [{"month": f["value"], "count": f["count"]}
                                 for f in facets["month"]]
    root = html.fromstring(client.get("/search?q=boil").text)
    assert len(root.xpath("//li[@class='search-hit']")) == data["total"]
    assert root.xpath("//li[@class='search-hit']//mark[@class='highlight']")
    assert root.xpath("//svg[contains(@class, 'bars')]/rect")
    assert root.xpath("//aside[@id='facets']//section[contains(@class, 'facet-entity')]")


def test_quotes_are_searched_too(client):
    data = client.get("/search.json?q=humility").json()
    assert data["quote_total"] == len(data["quotes"]) == 1
    quote = data["quotes"][0]
    assert "".join(p["text"] for p in quote["text"]).lower().count("humility") == 1
    assert quote["url"].split("#")[1].startswith("c-")


@pytest.mark.parametrize("query", ['"boil-water notice"', "boil*", "pumping OR superintendent",
                                   "festival NOT water", "NEAR(council station, 5)",
                                   "headline:council"])
def test_fts5_syntax_is_allowed(client, query):
    answer = client.get("/search.json", params={"q": query})
    assert answer.status_code == 200 and answer.json()["total"] >= 1


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(", "*", "water AND", "(boil",
                                   "nosuchfield:water", "-water", "AND"])
def test_a_query_fts5_cannot_read_is_400_with_a_message(client, query):
    for path in ("/search", "/search.json", "/search.csv", "/search.jsonl"):
        answer = client.get(path, params={"q": query})
        assert answer.status_code == 400, (path, query)
        assert "Traceback" not in answer.text
    message = client.get("/search.json", params={"q": query}).json()["error"]["message"]
    assert message.startswith("search ") and len(message) < 400
    page = client.get("/search", params={"q": query})
    assert html.fromstring(page.text).xpath("//p[@class='error-message']")


def test_an_empty_query_is_an_empty_search_page(client):
    for path in ("/search", "/search?q=", "/search?q=%20%20"):
        answer = client.get(path)
        assert answer.status_code == 200 and 'id="search-form"' in answer.text
    assert client.get("/search.json").json()["results"] == []


@pytest.mark.parametrize("name", ["outlet", "story", "entity", "month"])
def test_each_facet_narrows_to_its_count(client, name):
    data = client.get("/search.json?q=water").json()
    facet = data["facets"][name][0]
    narrowed = client.get(facet["url"].replace("/search?", "/search.json?", 1)).json()
    assert narrowed["total"] == facet["count"]
    assert len(narrowed["chips"]) == 1
    back = client.get(narrowed["chips"][0]["remove"].replace("/search?", "/search.json?", 1))
    assert back.json()["total"] == data["total"]


def test_date_filters_and_bad_filters(client):
    june = client.get("/search.json?q=water&from=2025-06-10&to=2025-06-12").json()
    assert june["total"] >= 1
    assert all("2025-06-10" <= hit["published"] <= "2025-06-12" for hit in june["results"])
    for query in ("story=abc", "month=June", "from=tomorrow", "page=0",
                  "page=99999999999999999999"):
        assert client.get(f"/search.json?q=water&{query}").status_code == 400


def test_exports_carry_every_result_with_the_filters(client):
    data = client.get("/search.json?q=water").json()
    export = client.get("/search.csv?q=water")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert sum(row["kind"] == "article" for row in rows) == data["total"]
    assert sum(row["kind"] == "quote" for row in rows) == data["quote_total"]
    lines = client.get("/search.jsonl?q=water").text.splitlines()
    assert [json.loads(line)["article"] for line in lines] == [row["article"] for row in rows]
    outlet = data["facets"]["outlet"][0]
    narrowed = list(csv.DictReader(io.StringIO(
        client.get("/search.csv", params={"q": "water", "outlet": outlet["value"]}).text)))
    assert sum(row["kind"] == "article" for row in narrowed) == outlet["count"]
    assert {row["outlet"] for row in narrowed} == {outlet["value"]}


def test_exports_are_never_capped_and_pages_are(tmp_path):
    path = tmp_path / "harbour.db"
    with Store(path, for_writing=True) as store:
        for number in range(47):
            text = f"The harbour report number {number} ={number} mentions cranes."
            ingest(store, Article(raw=text, text=text, id=f"h{number}", source=Source("text"),
                                  headline=f"Harbour {number}",
                                  published=Published("2024-05-01", "user"),
                                  paragraphs=[(0, len(text))]))
    with web_client(path) as reader:
        data = reader.get("/search.json?q=harbour").json()
        assert data["total"] == 47 and len(data["results"]) == 20
        assert data["pages"]["last"] == 3 and data["pages"]["next"]
        third = reader.get("/search.json?q=harbour&page=3").json()
        assert len(third["results"]) == 7
        rows = list(csv.DictReader(io.StringIO(reader.get("/search.csv?q=harbour").text)))
        assert len(rows) == 47 and len({row["article"] for row in rows}) == 47
        assert len(reader.get("/search.jsonl?q=harbour").text.splitlines()) == 47
        # a cell that a spreadsheet would run as a formula is written as text
        assert all(not row["text"].startswith("=") for row in rows)


def test_snippets_escape_the_text_then_mark_it(client):
    page = client.get("/search?q=script").text
    assert "&lt;script&gt;" in page or "<mark class=\"highlight\">script</mark>" in page
    assert "<script>alert" not in page
