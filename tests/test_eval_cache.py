"""The evaluation cache (`evaluation/cache.py`): a second run reads what the first processed,
and any change to the data or the options makes a new key, so nothing stale is read."""
from __future__ import annotations

from storyline.config import Config
from storyline.evaluation import cache
from storyline.inputs.read import article_from_text

TEXT = ("Firefighters contained a blaze at the Dunmore textile mill on Tuesday, Fire Chief Ana "
        "Morales said, after 200 workers were evacuated.")


def test_second_run_reads_the_cache_and_keys_change_with_data_and_options(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENVIRONMENT, str(tmp_path))
    calls = []

    def produce():
        calls.append(1)
        article = article_from_text(TEXT, Config(), "mill.txt")
        article.id, article.text = "mill", TEXT
        return [article]

    first = cache.cached_articles("test", Config(), ["mill:1"], produce)
    second = cache.cached_articles("test", Config(), ["mill:1"], produce)
    assert len(calls) == 1 and [a.to_json() for a in first] == [a.to_json() for a in second]
    cache.cached_articles("test", Config(), ["mill:2"], produce)
    cache.cached_articles("test", Config(max_chars=5000), ["mill:1"], produce)
    assert len(calls) == 3 and len(list(tmp_path.glob("test-*.jsonl"))) == 3
    assert not list(tmp_path.glob("*.partial"))


def test_off_disables_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENVIRONMENT, "off")
    assert cache.folder() is None
    calls = []
    cache.cached_articles("test", Config(), ["x"], lambda: calls.append(1) or [])
    cache.cached_articles("test", Config(), ["x"], lambda: calls.append(1) or [])
    assert len(calls) == 2


def test_story_code_is_outside_the_hash():
    assert "stories" in cache.OUTSIDE_THE_HASH and "clean" not in cache.OUTSIDE_THE_HASH
    assert cache.code_hash() == cache.code_hash() and len(cache.code_hash()) == 16
