"""The bundled demo corpus: invented articles for `storyline serve --demo` and the web tests.

`corpus.json` lists each article's file, address and publication date. `records()` gives them as
the JSONL records `storyline ingest` reads (`{id, url, published, text}`), and `build_store`
ingests them through the real pipeline and story clustering into a new store.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..config import Config
from ..pipeline import Pipeline

CORPUS = Path(__file__).resolve().parent
LISTING = CORPUS / "corpus.json"


def records() -> list[dict]:
    """The demo articles as JSONL records, in publication order; the id is the file's number."""
    listing = json.loads(LISTING.read_text(encoding="utf-8"))
    return [{"id": item["file"].split("-", 1)[0], "url": item["url"],
             "published": item["published"],
             "text": (CORPUS / item["file"]).read_text(encoding="utf-8")}
            for item in listing["articles"]]


def build_store(path: str | Path, pipeline: Pipeline | None = None,
                config: Config = Config()) -> Path:
    """Ingest the demo corpus into the store at `path` (created); return the path."""
    from ..inputs.read import article_from_record
    from ..store import Store
    from ..stories.clustering import ingest
    from ..stories.threads import update as update_threads

    pipeline = pipeline or Pipeline(config)
    with Store(path, for_writing=True) as store:
        for number, record in enumerate(records(), start=1):
            article = article_from_record(json.dumps(record), pipeline.config,
                                          f"demo:{number}")
            ingest(store, pipeline.run(article))
        update_threads(store)
    return Path(path)
