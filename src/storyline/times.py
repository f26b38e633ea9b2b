"""Time expressions. (First cut: none yet.)"""
from __future__ import annotations

from .config import Config
from .record import Article


def normalize_times(article: Article, config: Config) -> Article:
    return article
