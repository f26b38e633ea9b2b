"""When was the article published? (First cut: the user's or metadata date only.)"""
from __future__ import annotations

from .config import Config
from .record import Article, Published


def date_article(article: Article, config: Config) -> Article:
    if article.given_published:
        article.published = Published(article.given_published, article.given_published_basis, 1.0)
    return article
