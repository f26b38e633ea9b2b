"""The app's caches: one build per key and version (the others wait for it, or take the older
value when they accept it), and the rendered pages kept while the store is unchanged."""
from __future__ import annotations

import json
import threading

import pytest

from conftest import web_client
from storyline.web.cache import VersionedCache


class Blocked:
    """A build that waits until released, counting how often it ran."""

    def __init__(self, value):
        self.value, self.runs = value, 0
        self.entered, self.release = threading.Event(), threading.Event()

    def __call__(self):
        self.runs += 1
        self.entered.set()
        assert self.release.wait(30)
        return self.value


def test_requests_for_a_version_being_built_wait_for_that_one_build():
    cache, build = VersionedCache(4), Blocked("merged")
    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("story", 1, build)))
               for _ in range(6)]
    threads[0].start()
    assert build.entered.wait(30)
    for thread in threads[1:]:
        thread.start()
    build.release.set()
    for thread in threads:
        thread.join(30)
    assert results == ["merged"] * 6 and build.runs == 1


def test_stale_ok_takes_the_older_value_while_the_new_one_is_built():
    cache = VersionedCache(4)
    assert cache.get_with_state("page", 1, lambda: "old") == ("old", "built")
    build = Blocked("new")
    builder = threading.Thread(target=lambda: cache.get("page", 2, build))
    builder.start()
    assert build.entered.wait(30)
    assert cache.get_with_state("page", 2, lambda: pytest.fail("built twice"),
                                stale_ok=True) == ("old", "stale")
    build.release.set()
    builder.join(30)
    assert cache.get_with_state("page", 2, lambda: pytest.fail("built again"),
                                stale_ok=True) == ("new", "hit")
    assert build.runs == 1


def test_without_an_older_value_or_stale_ok_a_request_waits_for_the_build():
    cache, build = VersionedCache(4), Blocked("first")
    builder = threading.Thread(target=lambda: cache.get("page", 1, build))
    builder.start()
    assert build.entered.wait(30)
    waited = []
    waiter = threading.Thread(target=lambda: waited.append(
        cache.get_with_state("page", 1, lambda: "second", stale_ok=True)))
    waiter.start()
    build.release.set()
    for thread in (builder, waiter):
        thread.join(30)
    assert waited == [("first", "hit")] and build.runs == 1


def test_a_failed_build_is_not_kept_and_the_next_request_builds_again():
    cache = VersionedCache(4)

    def failing():
        raise LookupError("no story 9")

    with pytest.raises(LookupError):
        cache.get("story", 1, failing)
    assert cache.get_with_state("story", 1, lambda: "built") == ("built", "built")


def test_the_least_recently_used_value_leaves_first():
    cache = VersionedCache(2)
    for key in ("a", "b"):
        cache.get(key, 1, lambda: key)
    cache.get("a", 1, lambda: pytest.fail("a was kept"))
    cache.get("c", 1, lambda: "c")
    assert cache.get_with_state("b", 1, lambda: "b again") == ("b again", "built")


def test_pages_are_kept_until_the_store_changes(web_store_copy, pipeline):
    from storyline.inputs.read import article_from_record
    from storyline.store import Store
    from storyline.stories.clustering import ingest

    with web_client(web_store_copy) as client:
        first = client.get("/.json")
        again = client.get("/.json")
        assert first.headers["x-storyline-page"] == "built"
        assert again.headers["x-storyline-page"] == "hit" and again.json() == first.json()
        assert client.get("/").headers["x-storyline-page"] == "built"  # HTML is its own page
        assert client.get("/stories/999.json").status_code == 404  # errors are never kept
        assert client.get("/stories/999.json").status_code == 404
        record = {"id": "new", "url": "https://harborlight.example/2025/07/02/regatta",
                  "published": "2025-07-02",
                  "text": "Glenhaven regatta cancelled as storm nears\n\nGLENHAVEN — Organizers "
                          "cancelled the Glenhaven regatta on Wednesday as a storm approached "
                          "the coast, harbor master Ilse Brandt said."}
        with Store(web_store_copy, for_writing=True) as store:
            ingest(store, pipeline.run(article_from_record(json.dumps(record), pipeline.config,
                                                           "new")))
        after = client.get("/.json")
        assert after.headers["x-storyline-page"] == "built"
        assert "Glenhaven regatta cancelled as storm nears" in after.text
