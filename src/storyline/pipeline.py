"""The pipeline: every stage, listed once, in the order it runs.

A stage is a function ``(article, config) -> article``. Stages before the parse work on the raw
input; the parse runs spaCy once over the cleaned body (in batches, with `nlp.pipe`); stages
after it read `article.doc` and fill the record. Each stage first finds, then writes.
The parse and the stages after it need English: an article in another language skips them,
and its record lists them in `skipped` with the reason.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .clean import check_language, clean_article, date_article
from .clean.language import is_english, skip_reason
from .config import Config
from .errors import StorylineError
from .nlp import load_language, parse, parse_many
from .entities import resolve_entities
from .events import find_events
from .quotes import find_quotes
from .record import Article, SkippedStage, content_id
from .times import normalize_times

Stage = Callable[[Article, Config], Article]

BEFORE_PARSE: tuple[Stage, ...] = (
    clean_article,
    check_language,
    date_article,
)
AFTER_PARSE: tuple[Stage, ...] = (
    resolve_entities,
    normalize_times,
    find_quotes,
    find_events,
)

# What `skipped` calls the parse and each stage after it: the stage's package name.
PARSE_STAGE = "parse"


def stage_name(stage: Stage) -> str:
    return stage.__module__.split(".")[1]


def skip_english_stages(article: Article) -> Article:
    """Record the parse and every stage after it as skipped, for an article not in English."""
    reason = skip_reason(article.language)
    article.skipped += [SkippedStage(name, reason)
                        for name in (PARSE_STAGE, *map(stage_name, AFTER_PARSE))]
    return article


@dataclass
class Failure:
    """A record that could not be processed, with the reason; batches report these, never drop."""

    id: str
    source: str | None
    reason: str
    error: str = "StorylineError"
    exit_code: int = 1

    def to_json(self) -> dict:
        return {"id": self.id, "source": self.source, "reason": self.reason, "error": self.error}


@dataclass
class Skipped:
    """A record whose id is already done (a resumed batch): not processed again."""

    id: str


class Pipeline:
    """A loaded spaCy model plus the stages. Build it once and reuse it across articles."""

    def __init__(self, config: Config, nlp=None):
        self.config = config
        self.nlp = nlp if nlp is not None else load_language(config)

    def run(self, article: Article) -> Article:
        article = self._before_parse(article)
        if is_english(article):
            article.doc = parse(self.nlp, article.text)
        return self._after_parse(article)

    def run_many(self, articles: Iterable[Article],
                 skip_ids: frozenset[str] = frozenset()) -> Iterator[Article | Failure | Skipped]:
        """Process articles in order; a failing article yields a `Failure`, the rest go on.

        Articles whose id (known once cleaned) is in `skip_ids` yield `Skipped`.
        """
        batch: list[Article | Failure | Skipped] = []
        for article in articles:
            prepared = self._guarded(self._before_parse, article)
            if isinstance(prepared, Article) and prepared.id in skip_ids:
                prepared = Skipped(prepared.id)
            batch.append(prepared)
            if len(batch) >= self.config.batch_size:
                yield from self._finish_batch(batch)
                batch = []
        if batch:
            yield from self._finish_batch(batch)

    def _finish_batch(self, batch: list[Article | Failure | Skipped]) -> Iterator[Article | Failure | Skipped]:
        ready = [item for item in batch if isinstance(item, Article) and is_english(item)]
        docs = parse_many(self.nlp, [article.text for article in ready], self.config.batch_size)
        for article, doc in zip(ready, docs):
            article.doc = doc
        for item in batch:
            yield self._guarded(self._after_parse, item) if isinstance(item, Article) else item

    def _before_parse(self, article: Article) -> Article:
        for stage in BEFORE_PARSE:
            article = stage(article, self.config)
        if not article.id:
            article.id = content_id(article.text or article.raw)
        return article

    def _after_parse(self, article: Article) -> Article:
        if not is_english(article):
            return skip_english_stages(article)
        for stage in AFTER_PARSE:
            article = stage(article, self.config)
        article.doc = None  # the parse is large and not part of the record
        return article

    @staticmethod
    def _guarded(step: Callable[[Article], Article], article: Article) -> Article | Failure:
        try:
            return step(article)
        except StorylineError as error:
            return Failure(article.id or content_id(article.raw), article.source.location,
                           str(error), type(error).__name__, error.exit_code)
        except Exception as error:  # a bug on one record must not lose the rest of a batch
            return Failure(article.id or content_id(article.raw), article.source.location,
                           f"internal error: {type(error).__name__}: {error}", "InternalError", 70)
