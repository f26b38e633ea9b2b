"""`Article.from_json`: the inverse of `to_json`, over real records of every kind of input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.inputs.html import article_from_html
from storyline.inputs.read import article_from_text
from storyline.record import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEXTS = sorted((FIXTURES / "clean").glob("*.txt"))
PAGES = [FIXTURES / "html" / "news_article.html", FIXTURES / "html" / "second_article.html"]


def _read(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return article_from_html(text, Config(), location=str(path))
    return article_from_text(text, Config(), str(path))


@pytest.mark.parametrize("path", TEXTS + PAGES, ids=lambda path: path.name)
def test_from_json_gives_back_the_record(pipeline, path):
    record = pipeline.run(_read(path)).to_json()
    assert record["paragraphs"] and (record["entities"] or record["times"])  # parts to get wrong
    again = Article.from_json(json.loads(json.dumps(record)))  # as read back from a file
    assert again.to_json() == record
    assert again.text == again.raw == record["text"]
    assert all(isinstance(span, tuple) for entity in again.entities for span in entity.mentions)


def test_a_record_with_every_optional_part(pipeline):
    record = pipeline.run(_read(TEXTS[0])).to_json()
    record["published"] = {"value": "2024-03-13", "basis": "inferred", "confidence": 0.2,
                           "evidence": "the date of a related teaser"}
    record["removed"].append({"kind": "related", "text": "Flood crest passes", "reason": "teaser",
                              "date": "2024-03-12"})
    record["times"].append({"text": "Wednesday", "span": [0, 9], "type": "DATE",
                            "value": "2024-03-13", "anchor": "publication date"})
    record["events"].append({"id": "v99", "summary": "council voted", "trigger": "voted",
                             "span": [0, 9], "participants": [{"entity": "e1", "role": "agent"}],
                             "time": {"value": "2024-03-13", "basis": "sentence", "span": [0, 9]},
                             "place": None, "modality": "asserted"})
    record["skipped"] = [{"stage": "quotes", "reason": "not English"}]
    assert Article.from_json(record).to_json() == record
