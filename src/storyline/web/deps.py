"""What a view is handed: a read-only connection for the request, and small parsers for the
parameters the pages share (dates, page numbers, ids)."""
from __future__ import annotations

from collections.abc import Iterator

from fastapi import HTTPException, Request

from ..errors import InputNotFound, StoreUnavailable
from ..report.timeline import calendar_of
from ..store.queries import Reader

PER_PAGE = 20


def open_reader(request: Request) -> Reader:
    """A read-only connection to the app's store (503 when the store has gone since the server
    started)."""
    try:
        return Reader(request.app.state.settings.db)
    except InputNotFound as error:
        raise StoreUnavailable(str(error)) from None


def reader(request: Request) -> Iterator[Reader]:
    """A read-only store connection, opened for this request and closed after it."""
    store = open_reader(request)
    try:
        yield store
    finally:
        store.close()


def day_range(value: str | None, name: str, last: bool = False) -> str | None:
    """A date parameter (YYYY, YYYY-MM or YYYY-MM-DD) as an ISO day: its first day, or with
    `last` its last day; 400 for anything else."""
    if value is None or not value.strip():
        return None
    calendar = calendar_of(value.strip())
    if calendar is None or calendar[1] not in ("year", "month", "day"):
        raise HTTPException(400, f"{name}={value[:40]!r} is not a date; give YYYY, YYYY-MM "
                                 f"or YYYY-MM-DD")
    return (calendar[3] if last else calendar[2]).isoformat()


# No store has this many pages; a larger number would overflow a query's OFFSET.
MAX_PAGE = 10 ** 9


def page_number(value: int | None) -> int:
    if value is None:
        return 1
    if value < 1:
        raise HTTPException(400, f"page={value} must be 1 or more")
    if value > MAX_PAGE:  # its row offset would overflow SQLite's 64-bit integers
        raise HTTPException(400, f"page={str(value)[:30]} is past the last page of any store")
    return value


def row_id(value: str, what: str) -> int:
    """A numeric id from a path: 404 when it is not one (no such page, not a bad request)."""
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise HTTPException(404, f"no {what} {value[:40]!r}")
    return int(value)


def pages(total: int, number: int, per_page: int = PER_PAGE) -> dict:
    last = max(1, -(-total // per_page))
    return {"number": number, "per_page": per_page, "total": total, "last": last,
            "offset": (number - 1) * per_page}
