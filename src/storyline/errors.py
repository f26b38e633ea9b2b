"""Named failures, raised where they happen. Each carries the CLI exit code that reports it."""
from __future__ import annotations


class StorylineError(Exception):
    """Base of every failure storyline reports to a user as one line."""

    exit_code = 1


class InputNotFound(StorylineError):
    exit_code = 3


class EmptyInput(StorylineError):
    exit_code = 4


class UndecodableInput(StorylineError):
    """Binary data, or bytes in no text encoding we can recognise."""

    exit_code = 5


class InputTooLarge(StorylineError):
    exit_code = 6


class UnsupportedLanguage(StorylineError):
    exit_code = 7


class ModelNotInstalled(StorylineError):
    exit_code = 8


class MalformedRecord(StorylineError):
    """A JSONL line that is not a JSON object with `text` or `html`."""

    exit_code = 9


class FetchFailed(StorylineError):
    exit_code = 10


class AddressRefused(FetchFailed):
    """A URL whose host is loopback, private or link-local, fetched only when allowed."""

    exit_code = 15


class UsageError(StorylineError):
    """An option or argument that cannot be taken as given (a date that is no date, say)."""

    exit_code = 2


class OutputUnwritable(StorylineError):
    """A path storyline must write (--out, --errors, -o, the store's folder) cannot be written."""

    exit_code = 12


class StoreUnavailable(StorylineError):
    """--db names something that is not a storyline store, or that cannot be opened."""

    exit_code = 13


class SparkUnavailable(StorylineError):
    """`storyline spark` without pyspark installed, or without Java 17+ for it to start."""

    exit_code = 16


# Exit code when a batch finished but some of its records failed (see the errors file).
PARTIAL_FAILURE_EXIT = 1
USAGE_EXIT = 2
