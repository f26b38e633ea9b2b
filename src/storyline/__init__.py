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
from .inputs.read import article_from_text
from .record import Article
from .report.timeline import Timeline, build_timeline, render_timeline

__all__ = ["Article", "Config", "Failure", "Pipeline", "Timeline", "build_timeline", "extract",
           "render_timeline", "timeline"]
__version__ = "0.1.0"


def extract(text: str, config: Config = Config()) -> Article:
    """One article's text (as copied from a page) to its `Article` record."""
    return Pipeline(config).run(article_from_text(text, config))


def timeline(text: str, config: Config = Config()) -> Timeline:
    """One article's dated events and quotes in calendar order (see `render_timeline`)."""
    return build_timeline(extract(text, config))
