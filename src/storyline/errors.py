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


# Exit code when a batch finished but some of its records failed (see the errors file).
PARTIAL_FAILURE_EXIT = 1
USAGE_EXIT = 2
