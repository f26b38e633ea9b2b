"""The guard: tokens, same-origin writes, the Host check, body caps, headers, read-only reads,
errors without tracebacks, and article text that tries to inject markup into every page."""
from __future__ import annotations

import sqlite3

import pytest

from storyline.store.queries import Reader

from conftest import WEB_BASE, WEB_TOKEN, web_client

TEXT = {"text": "Mayor Ada Quill opened the new ferry terminal in Brightwater on Monday."}


@pytest.fixture
def writer(web_store_copy, pipeline):
    with web_client(web_store_copy, pipeline) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/", "/.json", "/stories/1", "/nope", "/static/style.css",
                                  "/search?q=%22"])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert headers["content-security-policy"].startswith("default-src 'self'")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"


def test_nothing_comes_from_another_host(client):
    for path in ("/", "/stories/1", "/articles/1", "/entities/carla-jimenez", "/search?q=water",
                 "/add"):
        page = client.get(path).text
        for attribute in ("src=", "href="):
            for chunk in page.split(attribute)[1:]:
                value = chunk[1:].split(chunk[0], 1)[0] if chunk[:1] in "\"'" else chunk
                if value.startswith(("http://", "https://", "//")):
                    assert attribute == "href=" and 'class="source-link"' in page, value
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    spec = client.get("/openapi.json").json()
    assert "/stories/{story_id}.json" in spec["paths"] and "/search.json" in spec["paths"]


@pytest.mark.parametrize("headers, form, status", [
    ({"Origin": WEB_BASE}, {}, 403),                                        # no token
    ({"Origin": WEB_BASE}, {"token": "wrong-token-000"}, 403),
    ({"Origin": WEB_BASE, "Authorization": "Bearer wrong-token-000"}, {}, 403),
    ({"Origin": "http://evil.example"}, {"token": WEB_TOKEN}, 403),         # another site
    ({"Origin": "http://127.0.0.1:9999"}, {"token": WEB_TOKEN}, 403),       # another port
    ({"Origin": "null"}, {"token": WEB_TOKEN}, 403),
    ({}, {"token": WEB_TOKEN}, 403),                                        # no Origin, Referer
    ({"Referer": "http://evil.example/page"}, {"token": WEB_TOKEN}, 403),
    ({"Origin": "http://[::1"}, {"token": WEB_TOKEN}, 403),                 # malformed
    ({"Referer": "http://[zz]/add"}, {"token": WEB_TOKEN}, 403),
    ({"Origin": "http://127.0.0.1:99999"}, {"token": WEB_TOKEN}, 403),
    ({"Referer": f"{WEB_BASE}/add"}, {"token": WEB_TOKEN}, 303),            # own page
    ({"Origin": WEB_BASE}, {"token": WEB_TOKEN}, 303),
])
def test_a_write_needs_the_token_and_the_same_origin(writer, headers, form, status):
    answer = writer.post("/add", data={**TEXT, **form}, headers=headers, follow_redirects=False)
    assert answer.status_code == status
    if status == 403:
        assert "Traceback" not in answer.text and 'class="error-message"' in answer.text
        assert writer.post("/add.json", data={**TEXT, **form},
                           headers=headers).json()["error"]["status"] == 403


def test_bodies_over_the_cap_are_413(web_store_copy):
    with web_client(web_store_copy, max_body_bytes=2000) as small:
        headers = {"Origin": WEB_BASE, "Authorization": f"Bearer {WEB_TOKEN}"}
        answer = small.post("/add.json", data={"text": "word " * 1000}, headers=headers)
        assert answer.status_code == 413 and "2,000 bytes" in answer.json()["error"]["message"]

        def chunks():  # no Content-Length: the streamed bytes are counted
            for _ in range(10):
                yield b"x" * 500

        streamed = small.post("/add.json", content=chunks(), headers={
            **headers, "Content-Type": "application/x-www-form-urlencoded"})
        assert streamed.status_code == 413
        page = small.post("/add", files={"file": ("big.html", b"<p>" * 2000, "text/html")},
                          headers=headers)
        assert page.status_code == 413 and "text/html" in page.headers["content-type"]


def test_on_loopback_the_host_must_be_this_machine(web_store):
    with web_client(web_store, base_url="http://rebound.example:8800") as rebound:
        assert rebound.get("/").status_code == 421
    for host in ("localhost:8800", "127.0.0.1", "[::1]:8800"):
        with web_client(web_store, base_url=f"http://{host}") as local:
            assert local.get("/.json").status_code == 200


def test_off_loopback_every_request_needs_the_token(web_store):
    with web_client(web_store, host="0.0.0.0", base_url="http://192.0.2.10:8800") as remote:
        for path in ("/", "/.json", "/stories/1", "/static/style.css", "/openapi.json"):
            assert remote.get(path).status_code == 401
        assert "login link" in remote.get("/.json").json()["error"]["message"]
        assert remote.get("/.json", headers={"Authorization": "Bearer nope-nope-nope"}
                          ).status_code == 403
        assert remote.get("/.json", headers={"Authorization": f"Bearer {WEB_TOKEN}"}
                          ).status_code == 200
        assert remote.get("/?token=wrong-token-000", follow_redirects=False).status_code == 403
        login = remote.get(f"/stories/1?token={WEB_TOKEN}&sort=outlet", follow_redirects=False)
        assert login.status_code == 303
        assert login.headers["location"] == "/stories/1?sort=outlet"
        assert remote.get("/stories/1").status_code == 200          # the cookie now
        assert remote.get("/static/style.css").status_code == 200


def test_reads_use_a_connection_that_cannot_write(web_store):
    reader = Reader(web_store)
    try:
        with pytest.raises(sqlite3.OperationalError):
            reader.connection.execute("DELETE FROM stories")
    finally:
        reader.close()


def test_an_internal_error_is_a_page_without_a_traceback(web_store, monkeypatch):
    from storyline.store import queries

    def broken(*args, **kwargs):
        raise RuntimeError("a bug with a secret path /srv/x")

    with web_client(web_store) as broken_client:
        monkeypatch.setattr(queries, "stories", broken)
        page = broken_client.get("/")
        assert page.status_code == 500
        assert "Traceback" not in page.text and "/srv/x" not in page.text
        assert broken_client.get("/.json").json()["error"]["status"] == 500


def test_unknown_methods_and_paths(client):
    allowed = {"Origin": WEB_BASE, "Authorization": f"Bearer {WEB_TOKEN}"}
    assert client.delete("/stories/1").status_code == 403       # the guard comes first
    assert client.delete("/stories/1", headers=allowed).status_code == 405
    assert client.put("/add", headers=allowed).status_code == 405
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/no/such/page.json").json()["error"]["status"] == 404


# -- article text that tries to inject markup ---------------------------------------------------

FORBIDDEN = ("<script>alert", "<img src=x", 'href="javascript:', "href='javascript:",
             "onerror=alert(1)>")


def xss_pages(client) -> list[str]:
    listing = client.get("/.json").json()
    story = next(s for s in listing["stories"] if "Marlowe" in s["title"])
    data = client.get(f"{story['url']}.json").json()
    article = data["articles"][0]["articles"][0]["url"]
    return ["/", story["url"], article, "/entities/quentin-marlowe", "/search?q=bridge",
            "/search?q=script", "/search?q=alert", f"/search?q=bridge&story={story['id']}"]


def test_no_page_that_shows_the_article_runs_its_markup(client):
    pages = xss_pages(client)
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, path
        for bad in FORBIDDEN:
            assert bad not in page.text, (path, bad)
    article = client.get(pages[2]).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article      # shown, as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert 'class="source-link"' not in article  # its javascript: address is not a link
    assert "Quentin Marlowe" in client.get("/entities/quentin-marlowe").text
    record = client.get(f"{pages[2]}/record.json")
    assert record.headers["content-type"].startswith("application/json")


def test_a_store_gone_while_serving_is_503(web_store_copy):
    with web_client(web_store_copy) as gone:
        assert gone.get("/.json").status_code == 200
        web_store_copy.unlink()
        answer = gone.get("/.json")
        assert answer.status_code == 503 and "no store here" in answer.json()["error"]["message"]
        assert gone.get("/search.csv?q=water").status_code == 503
