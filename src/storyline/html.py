"""HTML pages to `Article`s: trafilatura for the body, htmldate for the date. (First cut.)"""
from __future__ import annotations

from .config import Config
from .errors import EmptyInput
from .record import Article, Source


def article_from_html(html: str, config: Config, location: str | None = None,
                      published: str | None = None) -> Article:
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    body = getattr(document, "text", None) if document is not None else None
    if not body:
        raise EmptyInput(f"{location or 'html'}: no article text found in the page")
    article = Article(raw=body, source=Source("html", location), given_published=published)
    if document.title:
        article.given_headline = document.title
    if document.date and not published:
        article.given_published, article.given_published_basis = document.date, "metadata"
    return article
