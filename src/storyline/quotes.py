"""Quotes. (First cut: none yet.)"""
from __future__ import annotations

from .config import Config
from .record import Article


def find_quotes(article: Article, config: Config) -> Article:
    return article
