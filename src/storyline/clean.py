"""Cleaning plain text copied from a web page: headline, body paragraphs, and what is removed.

(First cut: paragraphs only. Replaced by the full layout-aware cleaner.)
"""
from __future__ import annotations

import re

from .config import Config
from .record import Article

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def clean_article(article: Article, config: Config) -> Article:
    if article.text:  # already clean (an HTML extractor filled it)
        return article
    blocks = [block.strip() for block in PARAGRAPH_BREAK.split(article.raw) if block.strip()]
    article.text, article.paragraphs = join_paragraphs(blocks)
    return article


def join_paragraphs(blocks: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans, offset = [], 0
    for block in blocks:
        spans.append((offset, offset + len(block)))
        offset += len(block) + 2
    return "\n\n".join(blocks), spans
