"""One view, two renderings: a view returns a dict once, and `twin` serves it as an HTML page at
its path (through a Jinja2 template, autoescaped) and as JSON at the same path plus ``.json``
(datasette's convention). Errors render the same way (`error_response`).

Rendered pages are kept (the app's `pages` cache) per address and store version: a page asked
for again while the store is unchanged costs one indexed query. While one request renders a
page's new version, others get its previous rendering at once (header ``x-storyline-page:
stale``) rather than waiting behind it: a story of a thousand articles takes seconds to merge
again after an article joins it.
"""
from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import links
from .charts import day_bars, month_bars
from .marking import render_body
from ..store import queries
from ..store.search import marked

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
JSON_SUFFIXES = (".json", ".jsonl", ".csv")


def environment() -> Environment:
    """Templates with autoescape on for every file (article text is never markup)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(render_body=render_body, marked=marked, with_query=links.with_query,
                       json_twin=links.json_twin, day_bars=day_bars, month_bars=month_bars)
    env.filters["web_address"] = links.web_address
    env.filters["plural"] = plural
    return env


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(JSON_SUFFIXES)


def page(request: Request, template: str, data: dict, status: int = 200) -> HTMLResponse:
    env: Environment = request.app.state.templates
    body = env.get_template(template).render(page=data, path=request.url.path)
    return HTMLResponse(body, status_code=status)


def as_json(data: dict, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def twin(router: APIRouter, path: str, template: str, **route: object) -> Callable:
    """Register `view` at `path` (HTML through `template`) and at `path` + ``.json`` (JSON).

    `view` takes FastAPI parameters (its signature is the routes') and returns a dict; the
    JSON route is registered first so that ``/stories/3.json`` never reaches ``/stories/{id}``.
    """
    def register(view: Callable[..., dict]) -> Callable[..., dict]:
        signature = inspect.signature(view)
        if "request" not in signature.parameters:
            raise TypeError(f"{view.__name__} must take `request`")

        @functools.wraps(view)
        def json_endpoint(*args, **kwargs) -> Response:
            return kept(kwargs["request"], kwargs.get("db"),
                        lambda: as_json(view(*args, **kwargs)))

        @functools.wraps(view)
        def html_endpoint(*args, **kwargs) -> Response:
            request = kwargs["request"]
            return kept(request, kwargs.get("db"),
                        lambda: page(request, template, view(*args, **kwargs)))

        router.add_api_route(links.json_twin(path), json_endpoint, methods=["GET"],
                             name=f"{view.__name__}_json", response_class=JSONResponse, **route)
        router.add_api_route(path, html_endpoint, methods=["GET"], name=view.__name__,
                             response_class=HTMLResponse, include_in_schema=False, **route)
        return view

    return register


def kept(request: Request, db, render: Callable[[], Response]) -> Response:
    """The rendered page from the app's `pages` cache, or rendered now (and kept); a view
    without the store (`db`, a `Reader`) is rendered every time. Errors (HTTPException) are
    never kept."""
    cache = getattr(request.app.state, "pages", None)
    if cache is None or db is None:
        return render()
    key = (request.url.path, request.url.query, getattr(request.state, "signed_in", False))

    def rendered() -> tuple[bytes, int, str | None]:
        response = render()
        return response.body, response.status_code, response.media_type

    (body, status, media_type), state = cache.get_with_state(
        key, queries.store_version(db.connection), rendered, stale_ok=True)
    return Response(body, status_code=status, media_type=media_type,
                    headers={"x-storyline-page": state})


def error_response(request: Request, status: int, message: str, title: str | None = None,
                   extra: dict | None = None) -> Response:
    """An error as a page or JSON (by the path), with the message and the status; never a
    traceback."""
    data = {"error": {"status": status, "title": title or _TITLES.get(status, "Error"),
                      "message": message, **(extra or {})}}
    if wants_json(request) or not hasattr(request.app.state, "templates"):
        return as_json(data, status)
    try:
        return page(request, "error.html", data, status)
    except Exception:  # a broken template must not hide the error itself
        return Response(f"{status} {data['error']['title']}: {message}\n", status_code=status,
                        media_type="text/plain")


_TITLES = {400: "Bad request", 401: "Sign-in needed", 403: "Forbidden", 404: "Not found",
           405: "Method not allowed", 413: "Too large", 415: "Unsupported upload",
           421: "Wrong host", 422: "Cannot read the input", 500: "Internal error",
           502: "Fetch failed", 503: "Unavailable"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 article", "3 articles" ("1 story", "2 stories" with `many`)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
