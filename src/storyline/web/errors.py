"""Every failure as a page (or JSON, for `.json` paths) with a message and the right status,
never a traceback: HTTP errors, bad parameters, storyline's named errors, a body over the cap,
and, as a last resort, any bug (500, logged on the server's console only)."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from .. import errors as named
from .render import error_response
from .security import BodyTooLarge

LOG = logging.getLogger("storyline.web")

# The status for each exit code of a named error (`errors.py`); any other is 422.
STATUSES = {
    2: 400,    # usage: a parameter that cannot be taken as given
    3: 404,    # not found: a story, a name, an input
    6: 413,    # too large
    8: 503,    # no spaCy model
    10: 502,   # a fetch failed
    13: 503,   # the store is unavailable
    15: 400,   # a private address refused
}


def status_of(error: named.StorylineError | int) -> int:
    """The HTTP status for a named error (or its exit code)."""
    code = error if isinstance(error, int) else getattr(error, "exit_code", 1)
    return STATUSES.get(code, 422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(named.StorylineError, _storyline)
    app.add_exception_handler(BodyTooLarge, _too_large)
    app.add_exception_handler(Exception, _internal)


async def _http(request: Request, error: HTTPException):
    message = error.detail if isinstance(error.detail, str) else str(error.detail)
    if error.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path[:200]}"
    elif error.status_code == 405:
        message = f"{request.method} is not allowed at {request.url.path[:200]}"
    return error_response(request, error.status_code, message)


async def _validation(request: Request, error: RequestValidationError):
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {item.get('msg', 'invalid')}")
    return error_response(request, 400, "; ".join(problems) or "invalid request")


async def _storyline(request: Request, error: named.StorylineError):
    return error_response(request, status_of(error), str(error))


async def _too_large(request: Request, error: BodyTooLarge):
    return error_response(request, 413, str(error))


async def _internal(request: Request, error: Exception):
    LOG.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
    return error_response(request, 500, "internal error (a bug); the server's console has the "
                                        "details")
