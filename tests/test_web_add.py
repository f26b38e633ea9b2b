"""`/add`: pasted text, a URL, or an uploaded HTML page, feed or WARC archive, through the real
pipeline into the store, then the article page with the story it joined."""
from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from lxml import html
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.demo import CORPUS

from conftest import WEB_BASE, WEB_TOKEN, web_client
from test_fetch import local_server  # noqa: F401  (a local HTTP server with an article page)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
ORIGIN = {"Origin": WEB_BASE}
ARTICLE = (CORPUS / "05-gazette-cracked-main.txt").read_text(encoding="utf-8")


@pytest.fixture
def writer(web_store_copy, pipeline):
    with web_client(web_store_copy, pipeline) as client:
        yield client


def stored(client, article_id: str) -> sqlite3.Row | None:
    db = sqlite3.connect(client.app.state.settings.db)
    db.row_factory = sqlite3.Row
    try:
        return db.execute("SELECT pk, story_id, headline FROM articles WHERE id = ?",
                          (article_id,)).fetchone()
    finally:
        db.close()


def test_the_form(client):
    page = client.get("/add")
    root = html.fromstring(page.text)
    form = root.xpath("//form[@id='add-form']")[0]
    assert form.get("method") == "post" and form.get("enctype") == "multipart/form-data"
    names = set(form.xpath(".//*[@name]/@name"))
    assert {"text", "url", "file", "format", "published", "headline", "token"} <= names
    data = client.get("/add.json").json()
    assert data["token_needed"] is True and data["max_bytes"] == 20_000_000


def test_pasted_text_joins_its_story_and_shows_the_article(writer):
    before = {s["title"]: s for s in writer.get("/.json").json()["stories"]}
    water_before = max(before.values(), key=lambda s: s["article_count"])  # the water story
    assert writer.get(f"{water_before['url']}.json").json()["article_count"] == 7  # now cached
    text = ARTICLE.replace("Tests trace", "New tests again trace", 1)
    answer = writer.post("/add", data={"text": text, "token": WEB_TOKEN,
                                       "published": "2025-06-11"},
                         headers=ORIGIN, follow_redirects=False)
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/articles/") and location.endswith("?added=1")
    page = writer.get(location)
    root = html.fromstring(page.text)
    notice = root.xpath("//p[@id='added-notice']")[0]
    story_link = notice.xpath(".//a/@href")[0]
    water = writer.get(story_link + ".json").json()
    assert water["id"] == water_before["id"]  # it joined the water story
    assert water["article_count"] == 8  # the page is never the story as it was before
    assert root.xpath("//time[@class='published']")[0].text == "2025-06-11"


def test_the_login_cookie_is_enough_for_a_write(writer):
    login = writer.get(f"/?token={WEB_TOKEN}", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/"
    assert "httponly" in login.headers["set-cookie"].lower()
    assert "samesite=strict" in login.headers["set-cookie"].lower()
    assert writer.get("/add.json").json()["token_needed"] is False
    answer = writer.post("/add", data={"text": ARTICLE.replace("Tests", "Lab tests", 1)},
                         headers=ORIGIN, follow_redirects=False)
    assert answer.status_code == 303


def test_a_program_posts_json_with_the_bearer_header(writer):
    headers = {"Authorization": f"Bearer {WEB_TOKEN}"}
    text = ARTICLE.replace("Tests", "Further tests", 1)
    answer = writer.post("/add.json", data={"text": text}, headers=headers)
    assert answer.status_code == 201
    [result] = answer.json()["results"]
    assert result["status"] == "added" and result["url"] == f"/articles/{result['pk']}"
    assert stored(writer, result["id"])["story_id"] == result["story_id"]
    again = writer.post("/add.json", data={"text": text}, headers=headers)
    assert again.status_code == 200
    assert again.json()["results"][0]["status"] == "already stored"
    assert again.json()["results"][0]["pk"] == result["pk"]


def test_an_uploaded_html_page(writer):
    page = (FIXTURES / "news_article.html").read_bytes()
    answer = writer.post("/add", data={"token": WEB_TOKEN}, headers=ORIGIN,
                         files={"file": ("story.html", page, "text/html")},
                         follow_redirects=False)
    assert answer.status_code == 303
    article = writer.get(answer.headers["location"].split("?")[0] + ".json").json()
    assert article["headline"] and article["source"]["location"] == "story.html"


def rss(items: list[tuple[str, str]]) -> bytes:
    body = "".join(f"<item><title>{title}</title><link>https://gazette.example/{n}</link>"
                   f"<pubDate>Tue, 10 Jun 2025 08:00:00 GMT</pubDate>"
                   f"<description><![CDATA[{text}]]></description></item>"
                   for n, (title, text) in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>{body}'
            f"</channel></rss>").encode("utf-8")


def test_an_uploaded_feed_adds_each_item(writer):
    texts = [(CORPUS / name).read_text(encoding="utf-8").split("\n", 1) for name in
             ("08-courier-harbor-festival.txt", "09-northshore-superintendent.txt")]
    feed = rss([(head, "<p>" + body.strip().replace("\n\n", "</p><p>") + "</p>")
                for head, body in texts])
    answer = writer.post("/add", data={"token": WEB_TOKEN}, headers=ORIGIN,
                         files={"file": ("gazette.rss", feed, "application/rss+xml")})
    assert answer.status_code == 200
    root = html.fromstring(answer.text)
    results = root.xpath("//ul[@id='add-results']/li")
    assert len(results) == 2
    assert all("result-added" in item.get("class") for item in results)
    for link in root.xpath("//ul[@id='add-results']//a[starts-with(@href, '/articles/')]/@href"):
        assert writer.get(link).status_code == 200


def test_an_uploaded_warc_archive(writer):
    buffer = io.BytesIO()
    archive = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    archive.write_record(archive.create_warc_record(
        "https://courier.example.com/b", "response", http_headers=headers,
        payload=io.BytesIO((FIXTURES / "second_article.html").read_bytes())))
    answer = writer.post("/add.json", headers={**ORIGIN, "Authorization": f"Bearer {WEB_TOKEN}"},
                         files={"file": ("crawl.warc.gz", buffer.getvalue(),
                                         "application/warc")})
    assert answer.status_code == 201
    [result] = answer.json()["results"]
    assert result["status"] == "added"
    assert writer.get(f"/articles/{result['pk']}.json").json()["outlet"] == "courier.example.com"


def test_a_url_on_this_machine_is_refused_unless_allowed(web_store_copy, pipeline,
                                                         local_server):  # noqa: F811
    _, base = local_server
    with web_client(web_store_copy, pipeline) as refusing:
        answer = refusing.post("/add.json", data={"url": f"{base}/article", "token": WEB_TOKEN},
                               headers=ORIGIN)
        assert answer.status_code == 400
        message = answer.json()["error"]["message"]
        assert "refused to fetch 127.0.0.1" in message and "--allow-private-fetch" in message
    with web_client(web_store_copy, pipeline, allow_private_fetch=True) as allowing:
        answer = allowing.post("/add", data={"url": f"{base}/article", "token": WEB_TOKEN},
                               headers=ORIGIN, follow_redirects=False)
        assert answer.status_code == 303
        article = allowing.get(answer.headers["location"].split("?")[0] + ".json").json()
        assert article["headline"] == "Harbour bridge to close for six weeks of repairs"


@pytest.mark.parametrize("form, status, words", [
    ({}, 400, "give one of"),
    ({"text": "   "}, 400, "give one of"),
    ({"text": ARTICLE, "url": "https://example.com/a"}, 400, "not text and url together"),
    ({"url": "ftp://example.com/a"}, 400, "not an http"),
    ({"text": ARTICLE, "published": "soon"}, 400, "not a date"),
    ({"text": ARTICLE, "format": "pdf"}, 400, "choose one of"),
])
def test_bad_submissions_are_clear_errors(writer, form, status, words):
    answer = writer.post("/add.json", data={**form, "token": WEB_TOKEN}, headers=ORIGIN)
    assert answer.status_code == status
    assert words in answer.json()["error"]["message"]
    page = writer.post("/add", data={**form, "token": WEB_TOKEN}, headers=ORIGIN)
    assert page.status_code == status and "Traceback" not in page.text


def test_an_upload_with_nothing_readable_is_422(writer):
    answer = writer.post("/add.json", data={"token": WEB_TOKEN}, headers=ORIGIN,
                         files={"file": ("feed.rss", b"<html><body>no feed</body></html>",
                                         "application/rss+xml")})
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["results"][0]["status"] == "failed" and error["message"]
