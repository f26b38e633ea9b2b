"""What `/add` does with what it is given (pasted text, a URL, or an uploaded HTML page, feed
or WARC archive): read it through the same readers as the CLI, run the pipeline, and ingest
each article into its story, with the writing connection held only for that article.

One `Intake` per app. It loads the spaCy model on the first submission, and runs one submission
at a time (the model and the store's writer are not shared between threads).
"""
from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import StorylineError, UsageError
from ..inputs.read import article_from_text, looks_like_html
from ..inputs.sources import INPUT_FORMATS, Request as Reading, iter_articles
from ..pipeline import Failure, Pipeline
from ..record import Article
from ..store import Store, queries
from ..stories.clustering import ingest
from ..stories.threads import update_when_due as update_threads
from . import links
from .errors import status_of
from .settings import Settings

# Upload names keep only these endings (they choose the reader); anything else is read by content.
KNOWN_SUFFIXES = (".warc.gz", ".warc", ".rss", ".atom", ".xml", ".html", ".htm", ".txt",
                  ".jsonl")


@dataclass(frozen=True)
class Submission:
    """One `/add` form: exactly one of `text`, `url` or `upload` (a saved file)."""

    text: str | None = None
    url: str | None = None
    upload: Path | None = None
    filename: str | None = None
    input_format: str = "auto"
    published: str | None = None
    headline: str | None = None

    def check(self) -> "Submission":
        given = [name for name, value in (("text", self.text), ("url", self.url),
                                          ("file", self.upload)) if value]
        if len(given) != 1:
            raise UsageError("give one of: pasted text, a URL, or a file"
                             + (f" (not {' and '.join(given)} together)" if given else ""))
        if self.url and not self.url.startswith(("http://", "https://")):
            raise UsageError(f"{self.url[:200]!r} is not an http:// or https:// address")
        if self.input_format not in INPUT_FORMATS:
            raise UsageError(f"format {self.input_format[:40]!r}: choose one of "
                             f"{', '.join(INPUT_FORMATS)}")
        return self


class Intake:
    def __init__(self, settings: Settings, pipeline: Pipeline | None = None):
        self.settings = settings
        self.config = settings.fetch_config()
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.config)
        return self._pipeline

    def add(self, submission: Submission) -> list[dict]:
        """Each article read from the submission: added (with its story), already stored, or
        failed (with the reason). A problem with the whole input raises its named error."""
        submission.check()
        with self._lock:
            articles, failures = self._read(submission)
            results = [_failure(f) for f in failures]
            pipeline = self.pipeline()
            for result in pipeline.run_many(articles):
                results.append(_failure(result) if isinstance(result, Failure)
                               else self._store(result))
            if any(result.get("status") == "added" for result in results):
                with Store(self.settings.db, for_writing=True) as store:
                    update_threads(store)  # as after an ingest batch
        return results

    def _read(self, submission: Submission) -> tuple[list[Article], list[StorylineError]]:
        if submission.text:
            text = submission.text
            if looks_like_html(text):
                from ..inputs.html import article_from_html

                article = article_from_html(text, self.config, None, submission.published)
            else:
                article = article_from_text(text, self.config, None, submission.published,
                                            submission.headline)
            if submission.headline:
                article.given_headline = submission.headline
            return [article], []
        location = submission.url or str(submission.upload)
        articles, failures = [], []
        for item in iter_articles(Reading((location,), submission.input_format,
                                          submission.published), self.config):
            if isinstance(item, StorylineError):
                failures.append(item)
                continue
            if submission.upload and item.source.location == location:
                item.source.location = submission.filename  # not the temporary file's path
            if submission.headline and len(articles) == 0:
                item.given_headline = item.given_headline or submission.headline
            articles.append(item)
        return articles, failures

    def _store(self, article: Article) -> dict:
        with Store(self.settings.db, for_writing=True) as store:
            assignment = ingest(store, article)
            pk = queries.article_pk(store.connection, article.id)
            story_id = store.connection.execute(
                "SELECT story_id FROM articles WHERE pk = ?", (pk,)).fetchone()[0]
        return {"status": "added" if assignment else "already stored", "id": article.id,
                "pk": pk, "url": links.article_url(pk), "headline": article.headline,
                "story_id": story_id, "story_url": links.story_url(story_id),
                "new_story": bool(assignment and assignment.started)}


def _failure(error: StorylineError | Failure) -> dict:
    """A failed record, with the HTTP status its error has on its own."""
    if isinstance(error, Failure):
        return {"status": "failed", "id": error.id, "source": error.source,
                "reason": error.reason, "error": error.error,
                "http_status": status_of(error.exit_code)}
    return {"status": "failed", "id": getattr(error, "record_id", None),
            "source": getattr(error, "location", None), "reason": str(error),
            "error": type(error).__name__, "http_status": status_of(error)}


def saved_upload(folder: str, filename: str | None) -> Path:
    """Where an upload is saved: a fixed name in a private folder, keeping a known ending."""
    lowered = (filename or "").lower()
    suffix = next((s for s in KNOWN_SUFFIXES if lowered.endswith(s)), "")
    return Path(folder) / f"upload{suffix}"


def upload_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="storyline-add-")
