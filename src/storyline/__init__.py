"""storyline: news articles in, sourced structured records out.

    >>> from storyline import Config, extract
    >>> article = extract(open("article.txt").read(), Config())
    >>> article.to_json()["entities"][0]["name"]

`extract` loads the spaCy model on each call; to process many articles, build one
`Pipeline(config)` and call its `run` or `run_many`.
"""
from __future__ import annotations

from .config import Config
from .pipeline import Failure, Pipeline
from .inputs.read import article_from_bytes, article_from_text, looks_like_html
from .record import Article
from .report.timeline import Timeline, build_timeline, render_timeline

__all__ = ["Article", "Config", "Failure", "Pipeline", "Timeline", "build_timeline", "extract",
           "render_timeline", "timeline"]
__version__ = "0.1.0"


def extract(text: str | bytes, config: Config = Config()) -> Article:
    """One article to its `Article` record: its text as copied from a page, or the page itself
    (HTML as a string, or a file's bytes in any encoding, read as `storyline extract` reads a
    file)."""
    article = _article_in(text, config)  # bad input fails before the model loads
    return Pipeline(config).run(article)


def _article_in(text: str | bytes, config: Config) -> Article:
    if isinstance(text, (bytes, bytearray)):
        return article_from_bytes(bytes(text), config)
    if not isinstance(text, str):
        raise TypeError(f"extract() takes the article as str or bytes, not "
                        f"{type(text).__name__}")
    if looks_like_html(text):
        from .inputs.html import article_from_html

        return article_from_html(text, config)
    return article_from_text(text, config)


def timeline(text: str, config: Config = Config()) -> Timeline:
    """One article's dated events and quotes in calendar order (see `render_timeline`)."""
    return build_timeline(extract(text, config))
