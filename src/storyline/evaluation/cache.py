"""Processed articles kept between evaluation runs, so tuning the story layer does not re-parse.

The story-layer evaluations (ECB+, Timeline17) run the single-article pipeline once over
hundreds of documents and then cluster and merge many times. The pipeline's output is kept as
JSONL under a key made of the data set, the options that change processing, and a hash of the
code that produces articles: change any stage, the model or the options and the key changes, so a
stale cache is never read. Story, store, evaluation, web and CLI code is outside the hash: it
reads articles, it does not make them.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from ..config import Config
from ..record import Article

# Code that reads articles but does not make them: changing it keeps the cache valid.
OUTSIDE_THE_HASH = ("stories", "store", "evaluation", "web", "cli", "report", "demo")
ENVIRONMENT = "STORYLINE_EVAL_CACHE"
DEFAULT_FOLDER = ".cache/storyline-eval"


def folder() -> Path | None:
    """Where the cache lives: `$STORYLINE_EVAL_CACHE` ("off" disables it) or `.cache/`."""
    chosen = os.environ.get(ENVIRONMENT, DEFAULT_FOLDER)
    return None if chosen.lower() in ("", "off", "0", "no") else Path(chosen)


def code_hash() -> str:
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        if relative.parts[0] in OUTSIDE_THE_HASH:
            continue
        digest.update(str(relative).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(name: str, config: Config, items: list[str]) -> str:
    digest = hashlib.sha256()
    for part in (name, code_hash(), config.model or "", str(config.require_english),
                 str(config.max_chars), *items):
        digest.update(part.encode())
        digest.update(b"\0")
    return f"{name}-{digest.hexdigest()[:20]}.jsonl"


def cached_articles(name: str, config: Config, item_keys: list[str],
                    produce: Callable[[], list[Article]]) -> list[Article]:
    """`produce()`'s articles, read back from the cache when this exact run was made before."""
    where = folder()
    if where is None:
        return produce()
    path = where / cache_key(name, config, item_keys)
    if path.exists():
        with path.open(encoding="utf-8") as lines:
            return [Article.from_json(json.loads(line)) for line in lines if line.strip()]
    articles = produce()
    where.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article.to_json(), ensure_ascii=False) + "\n")
    partial.replace(path)  # written whole or not at all
    return articles
