"""`/entities/{id}`: dossiers by folded name, their JSON twin, redirects and mentions in pages."""
from __future__ import annotations

import pytest
from lxml import html


def test_a_dossier_has_names_roles_stories_quotes_events_and_company(client):
    data = client.get("/entities/carla-jimenez.json").json()
    assert data["name"] == "Carla Jimenez" and data["type"] == "PERSON"
    assert data["articles"] == 7
    assert data["roles"] and all(role["sources"] for role in data["roles"])
    for role in data["roles"]:
        assert sum(role["outlets"].values()) == role["source_count"] >= len(role["sources"])
    assert any("director" in role["role"] for role in data["roles"])
    firsts = [role["first"] for role in data["roles"]]
    assert firsts == sorted(firsts)
    assert [s["article_count"] for s in data["stories"]] == [7]
    assert data["quotes"] and all(q["url"].startswith("/articles/") for q in data["quotes"])
    assert data["events"]
    company = [other["name"] for other in data["co_mentioned"]]
    assert "Millbrook Water Authority" in company and "Carla Jimenez" not in company
    counts = [other["articles"] for other in data["co_mentioned"]]
    assert counts == sorted(counts, reverse=True)
    page = client.get("/entities/carla-jimenez")
    root = html.fromstring(page.text)
    assert root.xpath("//h1")[0].text == "Carla Jimenez"
    for section in ("roles", "stories", "quotes", "co-mentioned", "events", "mentions"):
        assert root.xpath(f"//section[@id='{section}']"), section


def test_every_mention_in_context_links_to_its_place(client):
    data = client.get("/entities/carla-jimenez.json").json()
    mentions = data["mentions"]
    assert len(mentions) == data["pages"]["mentions"]["total"] > 7
    pages: dict[str, str] = {}
    for mention in mentions:
        assert mention["text"] in ("Carla Jimenez", "Jimenez")
        path, _, anchor = mention["url"].partition("#")
        if path not in pages:
            pages[path] = client.get(path).text
        assert f'id="{anchor}"' in pages[path]
    root = html.fromstring(client.get("/entities/carla-jimenez").text)
    items = root.xpath("//li[@class='mention-context']")
    assert len(items) == len(mentions)
    assert items[0].xpath(".//mark[@class='highlight']")[0].text == mentions[0]["text"]


@pytest.mark.parametrize("name", ["quotes", "events", "mentions"])
def test_quotes_events_and_mentions_come_in_pages(client, name):
    first = client.get("/entities/carla-jimenez.json").json()
    assert first["pages"][name]["per_page"] == 100 and first["pages"][name]["next"] is None
    assert len(first[name]) == first["pages"][name]["total"]
    empty = client.get(f"/entities/carla-jimenez.json?{name}_page=2").json()
    assert empty[name] == [] and empty["pages"][name]["previous"]
    assert client.get(f"/entities/carla-jimenez.json?{name}_page=0").status_code == 400


def test_a_surname_alone_redirects_to_the_one_full_name(client):
    answer = client.get("/entities/lindqvist", follow_redirects=False)
    assert answer.status_code == 307 and answer.headers["location"] == "/entities/peter-lindqvist"
    answer = client.get("/entities/lindqvist.json", follow_redirects=False)
    assert answer.headers["location"] == "/entities/peter-lindqvist.json"
    assert client.get("/entities/lindqvist.json").json()["name"] == "Peter Lindqvist"


@pytest.mark.parametrize("spelling", ["Carla-Jimenez", "carla%20jimenez", "CARLA-JIMENEZ"])
def test_other_spellings_of_the_address_redirect_to_one(client, spelling):
    answer = client.get(f"/entities/{spelling}", follow_redirects=False)
    assert answer.status_code == 307 and answer.headers["location"] == "/entities/carla-jimenez"


def test_an_organization_has_a_dossier_too(client):
    data = client.get("/entities/millbrook-water-authority.json").json()
    assert data["type"] == "ORG" and data["articles"] == 7


@pytest.mark.parametrize("path", ["/entities/nobody-at-all", "/entities/nobody-at-all.json",
                                  "/entities/---", "/entities/%E2%80%94"])
def test_unknown_entities_are_404(client, path):
    answer = client.get(path)
    assert answer.status_code == 404
    if path.endswith(".json"):
        assert answer.json()["error"]["status"] == 404
