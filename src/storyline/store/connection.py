"""Opening the store: one SQLite file, WAL, foreign keys, the named migrations applied.

WAL journal: readers never wait for the writer, and a killed writer loses only its open
transaction. Failures to open are `StoreUnavailable`, one line naming the file. Readers that
must never write (the web layer) open it read-only with `connect_read_only`.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from . import migrations
from ..errors import InputNotFound, StoreUnavailable

DEFAULT_PATH = "storyline.db"
# Seconds a writer waits for another writer before giving up.
BUSY_TIMEOUT = 30.0


# What SQLite's errors on opening mean for the user, by a word of the message.
OPEN_FAILURES = (
    ("not a database", "not a storyline store (the file is not an SQLite database)"),
    ("readonly", "is read-only (SQLite writes beside the file, even to read it: check the "
                 "permissions of the file and its folder)"),
    ("unable to open", "cannot be opened (check the path and the folder's permissions)"),
    ("locked", f"is locked by another process (waited {BUSY_TIMEOUT:g} s)"),
    ("malformed", "is damaged (database disk image is malformed)"),
)


def connect(path: str | Path, for_writing: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys on.

    `StoreUnavailable` (one line naming the file) when the path is a folder, is no storyline
    store, or cannot be opened; with `for_writing`, also when it cannot be written, so that a
    batch fails before its work rather than at its first record.
    """
    where = Path(path)
    if not str(path):
        raise StoreUnavailable("no store file given")
    if where.is_dir():
        raise StoreUnavailable(f"{path}: is a folder; give the store's file name")
    if not where.exists() and not where.parent.is_dir():
        raise StoreUnavailable(f"{path}: folder {where.parent} does not exist")

    def prepare(connection: sqlite3.Connection) -> None:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA foreign_keys = ON")
        # With WAL, NORMAL loses no committed transaction when the process dies (only on power loss).
        connection.execute("PRAGMA synchronous = NORMAL")
        tables = _tables(connection)
        if tables and "migrations" not in tables:  # someone else's database: leave it alone
            raise StoreUnavailable(f"{path}: an SQLite database, but not a storyline store")
        migrations.apply(connection)
        if for_writing:  # a write that changes nothing, as only SQLite knows what it may write
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute("DELETE FROM migrations WHERE 0")
            finally:
                connection.execute("ROLLBACK")

    return _open(path, prepare, str(path))


def connect_read_only(path: str | Path) -> sqlite3.Connection:
    """A connection that cannot write (SQLite's ``mode=ro``), for readers such as the web views.

    The store must exist and be migrated already: a reader never creates or changes one.
    """
    where = Path(path)
    if not where.is_file():
        raise InputNotFound(f"{path}: no store here; create it with "
                            f"`storyline ingest ... --db {path}`")

    def prepare(connection: sqlite3.Connection) -> None:
        connection.execute("PRAGMA query_only = ON")
        if "migrations" not in _tables(connection):
            raise StoreUnavailable(f"{path}: not a storyline store")

    return _open(path, prepare, f"{where.resolve().as_uri()}?mode=ro", uri=True,
                 check_same_thread=False)


def _open(path: str | Path, prepare, target: str, **options) -> sqlite3.Connection:
    """Open `target`, then `prepare` it; every SQLite failure becomes one `StoreUnavailable`."""
    try:
        connection = sqlite3.connect(target, timeout=BUSY_TIMEOUT, isolation_level=None,
                                     **options)
    except sqlite3.Error as error:
        raise StoreUnavailable(_open_failure(path, error)) from None
    try:
        connection.row_factory = sqlite3.Row
        prepare(connection)
    except sqlite3.Error as error:
        connection.close()
        raise StoreUnavailable(_open_failure(path, error)) from None
    except BaseException:
        connection.close()
        raise
    return connection


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}


def _open_failure(path: str | Path, error: sqlite3.Error) -> str:
    message = str(error)
    reason = next((meaning for word, meaning in OPEN_FAILURES if word in message),
                  f"cannot be used ({message})")
    return f"{path}: {reason}"
