"""The app factory: `create_app(settings)` gives the FastAPI app over one store.

Pages render on the server (Jinja2, autoescaped); each has a JSON twin at its path plus
``.json``. The OpenAPI description stays at ``/openapi.json``; FastAPI's ``/docs`` and
``/redoc`` are off, as they load their scripts from a CDN and nothing here comes from another
host.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import InputNotFound
from ..pipeline import Pipeline
from ..report.timeline_html import STYLE as TIMELINE_STYLE
from ..store import Store, connect_read_only
from . import add, articles, entities, errors, exports, search, stories_list, story, threads
from .cache import VersionedCache
from .intake import Intake
from .render import STATIC, environment
from .security import Guard
from .settings import Settings
from .story import timeline_svg

# Merged story timelines, and the stories list's cards, kept in memory (each is rebuilt when
# its story changes).
STORIES_CACHED = 16
CARDS_CACHED = 1000
# The full name each dossier address stands for (a surname's owner), per version of the store.
NAMES_CACHED = 10_000
# Rendered pages (HTML and JSON) per address, kept while the store is unchanged (a big story's
# page is about 1 MB).
PAGES_CACHED = 64


def check_store(settings: Settings) -> None:
    """Fail before serving when the store is missing or unusable (the store's one-line errors),
    and bring its schema up to date, so that the read-only connections find what they read."""
    if not Path(settings.db).exists():
        raise InputNotFound(f"{settings.db}: no store here; create it with "
                            f"`storyline ingest ... --db {settings.db}`")
    Store(settings.db).close()  # applies any migration this file lacks
    connect_read_only(settings.db).close()


def create_app(settings: Settings, pipeline: Pipeline | None = None) -> FastAPI:
    """The app. `pipeline` (optional) is the loaded model `/add` uses; without it, the first
    submission loads one."""
    check_store(settings)
    app = FastAPI(title="storyline", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Stories, merged timelines, dossiers, articles and search over a "
                              "storyline store. Every page is also JSON at its path plus .json.")
    app.state.settings = settings
    app.state.templates = environment()
    app.state.templates.globals["timeline_svg"] = timeline_svg
    app.state.intake = Intake(settings, pipeline)
    app.state.stories = VersionedCache(STORIES_CACHED)
    app.state.cards = VersionedCache(CARDS_CACHED)
    app.state.names = VersionedCache(NAMES_CACHED)
    app.state.pages = VersionedCache(PAGES_CACHED)
    errors.install(app)

    @app.get("/timeline.css", include_in_schema=False)
    def timeline_css() -> Response:
        """The timeline renderer's own styles, for the SVG on story pages."""
        return Response(TIMELINE_STYLE, media_type="text/css")

    for module in (exports, stories_list, story, threads, entities, articles, search, add):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(Guard, settings=settings)
    return app
