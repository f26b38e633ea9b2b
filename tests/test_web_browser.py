"""`storyline serve` in a real browser: Debian's chromium driven by Playwright (sync API) over a
real server on 127.0.0.1, on the demo store (plus the hostile article of `web_store`).

No browser is downloaded (never `playwright install`): chromium is launched at its Debian path.
Every test also checks that the page logged no console error and asked no other host for
anything. Skips cleanly when playwright or chromium is missing (`scripts/install test`).
"""
from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import WEB_TOKEN

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (scripts/install test)")
expect = sync_api.expect

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Headless, and none of chromium's own background connections (refused on a closed network).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# A new article that continues the demo's boil-water story.
NEW_ARTICLE = (
    "Millbrook hires outside auditor after E. coli contamination\n\n"
    "MILLBROOK — The Millbrook Water Authority on Thursday hired an outside auditor to review "
    "how E. coli bacteria entered the city's drinking water through a cracked main near the "
    "Riverside pumping station.\n\n"
    "Carla Jimenez, the authority's director, said the audit would cover every inspection of "
    "the east-side mains since 2019. \"Residents deserve to know why the warning signs were "
    "missed,\" Jimenez said.\n\n"
    "Mayor Daniel Okafor said the city council would receive the auditor's report in "
    "September. The boil-water notice for the east side was lifted on June 16.")


FOCUSING = re.compile(r"\bfocusing\b")
HIGHLIGHTED = re.compile(r"\bhighlight\b")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(db: Path, pipeline=None):
    """The real app under uvicorn in a thread, on a free port of 127.0.0.1, over `db`; yields
    its base address."""
    import uvicorn

    from storyline.web import Settings, create_app

    port = free_port()
    app = create_app(Settings(db=str(db), token=WEB_TOKEN, port=port), pipeline)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, name="storyline-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="session")
def live_server(web_store, pipeline, tmp_path_factory):
    """The app over a copy of the web store (the tests add to it)."""
    db = tmp_path_factory.mktemp("browser") / "store.db"
    shutil.copyfile(web_store, db)
    with serving(db, pipeline) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (scripts/install test installs Debian's)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watched:
    """A page, with what it asked for and what it complained about."""

    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.base).netloc
        return [url for url in self.requests
                if urlsplit(url).scheme != "data" and urlsplit(url).netloc != own]

    def assert_clean(self) -> None:
        assert self.problems == [], self.problems
        assert self.requests, "the page made no request at all"
        assert self.foreign_requests() == []


@pytest.fixture
def watched(browser, live_server):
    yield from watch(browser, live_server)


def watch(browser, base: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    seen = Watched(page, base)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: message.type == "error"
            and seen.problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: seen.problems.append(f"script error: {error}"))
    page.on("dialog", lambda dialog: (seen.problems.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    yield seen
    context.close()


def test_click_from_the_stories_to_a_story_a_dossier_and_an_article(watched):
    page, base = watched.page, watched.base
    page.goto(f"{base}/")
    cards = page.locator("li.story-card")
    assert cards.count() >= 3  # the demo's continuing story and its two unrelated ones
    water = cards.filter(has_text="Millbrook water: state sends investigators")  # most central
    water.locator("h2.story-title a").click()
    expect(page).to_have_url(f"{base}/stories/1")
    expect(page.locator("#timeline svg.timeline").first).to_be_visible()
    assert page.locator("#entries li.entry").count() > 5
    assert page.locator("#articles li.copy-group[data-copies='2']").count() == 1  # the wire copy

    page.locator("#people a[href^='/entities/']").first.click()
    expect(page).to_have_url(f"{base}/entities/carla-jimenez")
    expect(page.locator("#dossier h1")).to_contain_text("Carla Jimenez")
    assert page.locator("#mentions li.mention-context mark.highlight").count() >= 5

    page.go_back()
    expect(page).to_have_url(f"{base}/stories/1")
    first_article = page.locator("#articles a[href^='/articles/']").first
    headline = first_article.inner_text()
    first_article.click()
    expect(page).to_have_url(f"{base}/articles/1")
    expect(page.locator("h1.headline")).to_have_text(headline)
    expect(page.locator("#article-body .mention").first).to_be_visible()
    watched.assert_clean()


def test_clicking_an_entity_highlights_its_mentions_and_dims_the_others(watched):
    page = watched.page
    page.goto(f"{watched.base}/articles/1")
    body = page.locator("#article-body")
    counts = page.evaluate("""() => {
        const counts = {};
        for (const m of document.querySelectorAll('#article-body .mention'))
            counts[m.dataset.entity] = (counts[m.dataset.entity] || 0) + 1;
        return counts; }""")
    entity = max(counts, key=counts.get)
    assert counts[entity] >= 2 and len(counts) >= 3
    chosen = body.locator(f".mention[data-entity='{entity}']")
    others = body.locator(f".mention:not([data-entity='{entity}'])")

    chosen.first.click()
    expect(body).to_have_class(FOCUSING)
    for index in range(chosen.count()):
        expect(chosen.nth(index)).to_have_class(HIGHLIGHTED)
        expect(chosen.nth(index)).to_have_css("opacity", "1")
        expect(chosen.nth(index)).to_have_css("background-color", "rgb(255, 230, 128)")
    assert page.locator("#article-body .mention.highlight").count() == counts[entity]
    for index in range(others.count()):
        expect(others.nth(index)).to_have_css("opacity", "0.35")
    expect(page.locator(f"button.focus-entity[data-entity='{entity}']")).to_have_attribute(
        "aria-pressed", "true")

    chosen.last.click()  # the same entity again: everything back to normal
    expect(body).not_to_have_class(FOCUSING)
    assert page.locator("#article-body .mention.highlight").count() == 0
    expect(others.first).to_have_css("opacity", "1")

    other = next(name for name in counts if name != entity)  # the panel's button does the same
    page.locator(f"button.focus-entity[data-entity='{other}']").click()
    assert page.locator("#article-body .mention.highlight").count() == counts[other]
    watched.assert_clean()


def test_add_with_the_token_shows_the_new_article_and_the_story_it_joined(watched):
    page, base = watched.page, watched.base
    page.goto(f"{base}/add")
    page.fill("#add-text", NEW_ARTICLE)
    page.fill("#add-published", "2025-06-19")
    page.fill("#add-token", WEB_TOKEN)
    page.click("#add-submit")
    page.wait_for_url(f"{base}/articles/*?added=1", timeout=120_000)
    expect(page.locator("h1.headline")).to_have_text(
        "Millbrook hires outside auditor after E. coli contamination")
    notice = page.locator("#added-notice")
    expect(notice).to_contain_text("this article is in the story")
    story_link = notice.locator("a[href^='/stories/']")
    expect(story_link).to_have_attribute("href", "/stories/1")  # the water story
    story_link.click()
    expect(page).to_have_url(f"{base}/stories/1")
    expect(page.locator("#articles")).to_contain_text("Millbrook hires outside auditor")
    watched.assert_clean()


def test_a_wrong_token_is_refused_and_the_login_link_signs_in(watched):
    page, base = watched.page, watched.base
    page.goto(f"{base}/add")
    page.fill("#add-text", NEW_ARTICLE)
    page.fill("#add-token", "not-the-token")
    with page.expect_response(f"{base}/add") as answer:
        page.click("#add-submit")
    assert answer.value.status == 403
    expect(page.locator("#error")).to_have_attribute("data-status", "403")
    expect(page.locator(".error-message")).to_contain_text("wrong token")

    page.goto(f"{base}/?token={WEB_TOKEN}")  # the printed login link: a cookie, then the page
    expect(page).to_have_url(f"{base}/")
    page.goto(f"{base}/add")
    assert page.locator("#add-token").count() == 0  # signed in: the form needs no token field
    # the console's own note about the 403 is the only complaint this test expects
    watched.problems = [p for p in watched.problems if "403" not in p]
    watched.assert_clean()


def test_the_hostile_article_runs_no_script_in_the_browser(watched):
    page, base = watched.page, watched.base
    page.goto(f"{base}/search?q=Marlowe")
    page.locator("li.search-hit a[href^='/articles/']").first.click()
    expect(page.locator("h1.headline")).to_contain_text("<script>alert(1)</script>")
    assert page.locator("#article-body script, #article-body img").count() == 0
    assert page.locator("script").count() == 1  # the site's own app.js only
    for link in page.locator("a[href]").all():
        assert not link.get_attribute("href").lower().startswith("javascript:")
    page.locator("#article-body .mention").first.click()  # the page's own script still works
    expect(page.locator("#article-body")).to_have_class(FOCUSING)
    watched.assert_clean()  # no alert() dialog, no blocked script, no foreign request


@pytest.fixture
def thread_watched(browser, tmp_path):
    """A page on a server over a store with one thread of two stories (`test_threads.py`)."""
    from test_threads import thread_store

    with serving(thread_store(tmp_path / "threads.db")) as base:
        yield from watch(browser, base)


def test_click_from_the_threads_to_a_thread_and_one_of_its_stories(thread_watched):
    page, base = thread_watched.page, thread_watched.base
    page.goto(f"{base}/")
    page.locator("nav.top-nav a", has_text="Threads").click()
    expect(page).to_have_url(f"{base}/threads")
    card = page.locator("li.thread-card")
    assert card.count() == 1
    expect(card.locator(".story-count")).to_have_text("2 stories")
    title = card.locator("h2.story-title a").inner_text()
    card.locator("h2.story-title a").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(base)}/threads/\d+$"))
    expect(page.locator("h1.story-title")).to_have_text(title)
    stories = page.locator("#thread-stories a")
    assert stories.count() == 2
    assert page.locator("#article-list a[href^='/articles/']").count() == 4
    story_title = stories.first.inner_text()
    stories.first.click()
    expect(page).to_have_url(re.compile(rf"{re.escape(base)}/stories/\d+$"))
    expect(page.locator("h1.story-title")).to_have_text(story_title)
    thread_watched.assert_clean()
