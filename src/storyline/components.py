"""storyline's stages as spaCy pipeline components.

    >>> import spacy
    >>> from storyline.components import add_storyline_components
    >>> nlp = add_storyline_components(spacy.load("en_core_web_sm"))
    >>> doc = nlp(text)
    >>> doc._.storyline.entities.resolve   # an `Article`, filled by every stage added

Registration happens when `add_storyline_components` is called, never at import. Set
``doc._.published`` (a TIMEX3 date) before the components run to anchor relative times.
As in the pipeline, a text that is not English gets none of these stages: each is listed in
the article's `skipped` instead.
"""
from __future__ import annotations

from collections.abc import Callable

from .clean.language import identify_language, is_english, skip_reason
from .config import Config
from .entities import resolve_entities
from .events import find_events
from .quotes import find_quotes
from .record import Article, Published, SkippedStage
from .times import normalize_times

COMPONENTS: tuple[tuple[str, Callable[[Article, Config], Article]], ...] = (
    ("storyline_entities", resolve_entities),
    ("storyline_times", normalize_times),
    ("storyline_quotes", find_quotes),
    ("storyline_events", find_events),
)


def article_of(doc) -> Article:
    """The `Article` a doc carries, made from the doc's text on first use."""
    if doc._.storyline is None:
        text = doc.text
        article = Article(raw=text, text=text, paragraphs=_paragraph_spans(text),
                          language=identify_language(text))
        if doc._.published:
            article.published = Published(doc._.published, "user", 1.0)
        doc._.storyline = article
    return doc._.storyline


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped:
            begin = start + block.index(stripped)
            spans.append((begin, begin + len(stripped)))
        start += len(block) + 2
    return spans


def _component(name: str, stage: Callable[[Article, Config], Article], config: Config):
    def run(doc):
        article = article_of(doc)
        if not is_english(article):
            article.skipped.append(SkippedStage(name, skip_reason(article.language)))
            return doc
        article.doc = doc
        stage(article, config)
        article.doc = None
        return doc
    return run


def add_storyline_components(nlp, config: Config = Config(), names: tuple[str, ...] | None = None):
    """Append the named storyline components (default: all, in pipeline order) to `nlp`."""
    from spacy.language import Language
    from spacy.tokens import Doc

    for attribute in ("storyline", "published"):
        if not Doc.has_extension(attribute):
            Doc.set_extension(attribute, default=None)
    for name, stage in COMPONENTS:
        if names is not None and name not in names:
            continue
        if not Language.has_factory(name):
            Language.factory(name, func=lambda nlp, name, stage=stage:
                             _component(name, stage, config))
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
