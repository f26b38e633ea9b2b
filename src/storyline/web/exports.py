"""Exports, streamed whole (never capped): a story's timeline entries as CSV (one row per source,
honouring `since`, `from` and `to`), and search results as CSV or JSONL (honouring every
search filter: articles first, best match first, then quotes)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from ..store.queries import Reader
from ..store.search import every_result
from . import links
from .deps import day_range, open_reader, reader, row_id
from .search import filters_of, query_of
from .story import chosen_entries, status_since, story_base

router = APIRouter()
TIMELINE_COLUMNS = ("entry", "date", "label", "precision", "summary", "trigger", "modality",
                    "status", "sources", "conflicts", "article", "article_url", "outlet",
                    "published", "reported_date", "basis", "sentence")
SEARCH_COLUMNS = ("kind", "article", "article_url", "source_url", "story_id", "outlet",
                  "published", "headline", "speaker", "text")
# A spreadsheet runs a cell that starts like a formula; such cells get a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_lines(columns: tuple[str, ...], rows: Iterable[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for number, row in enumerate(rows):
        writer.writerow([_cell(row.get(column)) for column in columns])
        if number % 200 == 0 or buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _attachment(name: str) -> dict:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/stories/{story_id}/timeline.csv", name="story_timeline_csv")
def story_timeline_csv(request: Request, story_id: str, db: Reader = Depends(reader),
                       since: str | None = None, start: str | None = Query(None, alias="from"),
                       end: str | None = Query(None, alias="to")) -> StreamingResponse:
    """Every entry of the story's merged timeline (within `from`/`to`), one row per source."""
    number = row_id(story_id, "story")
    since_day = day_range(since, "since")
    base = story_base(request, db, number)
    entries = chosen_entries(base, day_range(start, "from"), day_range(end, "to", last=True))
    conflicts: dict[str, list[str]] = {}
    for conflict in base.timeline.conflicts:
        for entry_id in conflict.entries:
            conflicts.setdefault(entry_id, []).append(conflict.kind)

    def rows() -> Iterator[dict]:
        for entry in entries:
            for report in entry.reports:
                yield {"entry": entry.id, "date": entry.value, "label": entry.label,
                       "precision": entry.precision, "summary": entry.summary,
                       "trigger": entry.trigger, "modality": entry.modality,
                       "status": status_since(entry.reports, since_day),
                       "sources": len(entry.articles),
                       "conflicts": " ".join(conflicts.get(entry.id, [])),
                       "article": report.article,
                       "article_url": links.article_url(base.pks.get(report.article)),
                       "outlet": report.outlet, "published": report.published,
                       "reported_date": report.value, "basis": report.basis,
                       "sentence": report.sentence}

    return StreamingResponse(csv_lines(TIMELINE_COLUMNS, rows()), media_type="text/csv",
                             headers=_attachment(f"story-{number}-timeline.csv"))


def _results(request: Request, q, outlet, story, entity, month, start, end) -> Iterator[dict]:
    """Every search result, from a connection of its own that stays open while it streams (the
    query is checked before the response starts, so a bad one is still a 400)."""
    db = open_reader(request)
    try:
        query = query_of(q)
        filters = filters_of(outlet, story, entity, month, start, end)
        results = every_result(db.connection, query, filters) if query else iter(())
        first = next(results, None)
    except BaseException:
        db.close()
        raise

    def stream() -> Iterator[dict]:
        try:
            if first is not None:
                yield {**first, "article_url": links.article_url(first["article_pk"],
                                                                 first.get("start")),
                       "source_url": first["url"]}
            for row in results:
                yield {**row, "article_url": links.article_url(row["article_pk"],
                                                               row.get("start")),
                       "source_url": row["url"]}
        finally:
            db.close()

    return stream()


@router.get("/search.csv", name="search_csv")
def search_csv(request: Request, q: str | None = None, outlet: str | None = None,
               story: str | None = None, entity: str | None = None, month: str | None = None,
               start: str | None = Query(None, alias="from"),
               end: str | None = Query(None, alias="to")) -> StreamingResponse:
    rows = _results(request, q, outlet, story, entity, month, start, end)
    return StreamingResponse(csv_lines(SEARCH_COLUMNS, rows), media_type="text/csv",
                             headers=_attachment("search.csv"))


@router.get("/search.jsonl", name="search_jsonl")
def search_jsonl(request: Request, q: str | None = None, outlet: str | None = None,
                 story: str | None = None, entity: str | None = None, month: str | None = None,
                 start: str | None = Query(None, alias="from"),
                 end: str | None = Query(None, alias="to")) -> StreamingResponse:
    rows = _results(request, q, outlet, story, entity, month, start, end)
    lines = (json.dumps({key: row.get(key) for key in (*SEARCH_COLUMNS, "quote")},
                        ensure_ascii=False) + "\n" for row in rows)
    return StreamingResponse(lines, media_type="application/x-ndjson",
                             headers=_attachment("search.jsonl"))
