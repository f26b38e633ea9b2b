"""`storyline serve --workers N`: N server processes over one store.

Every page is rendered in Python, so clients queue behind one process once pages are not
already kept (`web/cache.py`). With several workers, uvicorn listens once and hands requests to
N processes, each building its app here from the settings the command put in its environment
(the one channel a spawned worker is given). Each keeps its own page cache and loads its own
spaCy model on its first `/add`; the store is one file, read through read-only connections, and
SQLite serializes the writes of `/add` between processes as it does with a concurrent
`storyline ingest`.
"""
from __future__ import annotations

import json
import os

from ..config import Config
from .settings import Settings

SETTINGS_VARIABLE = "STORYLINE_SERVE_SETTINGS"


def to_environment(settings: Settings) -> dict[str, str]:
    """What a worker needs to build the same app, as one environment variable."""
    return {SETTINGS_VARIABLE: json.dumps({
        "db": settings.db, "token": settings.token, "host": settings.host,
        "port": settings.port, "allow_private_fetch": settings.allow_private_fetch,
        "max_body_bytes": settings.max_body_bytes, "model": settings.config.model})}


def app_from_environment():
    """uvicorn's app factory in each worker process."""
    from . import create_app

    given = json.loads(os.environ[SETTINGS_VARIABLE])
    model = given.pop("model")
    return create_app(Settings(**given, config=Config(model=model)))
