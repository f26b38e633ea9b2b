"""`/search?q=`: FTS5 over articles and quotes with highlighted snippets, facet counts by
outlet, story, entity and month, and a histogram of the matching articles' dates. The filters
(`outlet`, `story`, `entity`, `month`, `from`, `to`) show as removable chips; a query FTS5
cannot read is a 400 with what is wrong."""
from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..store import entity_queries, queries
from ..store.queries import Reader
from ..store.search import SearchFilters, article_hits, facets, marked, quote_count, quote_hits
from . import links
from .deps import day_range, page_number, pages, reader
from .render import twin

router = APIRouter()
MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
# Matches spread over at most this many days get a histogram by day, else by month.
DAYS_HISTOGRAM = 92
QUOTES_SHOWN = 10
LONGEST_QUERY = 2000


def filters_of(outlet: str | None, story: str | None, entity: str | None, month: str | None,
               start: str | None, end: str | None) -> SearchFilters:
    """The search filters from the parameters; 400 for one that cannot be read."""
    story_id = None
    if story:
        if not story.isascii() or not story.isdigit() or len(story) > 18:
            raise HTTPException(400, f"story={story[:40]!r} is not a story id")
        story_id = int(story)
    if month and not MONTH.fullmatch(month.strip()):
        raise HTTPException(400, f"month={month[:40]!r}: give YYYY-MM")
    return SearchFilters(outlet.strip() if outlet and outlet.strip() else None, story_id,
                         queries.key_of_slug(entity) if entity else None,
                         month.strip() if month else None, day_range(start, "from"),
                         day_range(end, "to", last=True))


def query_of(q: str | None) -> str:
    query = (q or "").strip()
    if len(query) > LONGEST_QUERY:
        raise HTTPException(400, f"the query is {len(query):,} characters; at most "
                                 f"{LONGEST_QUERY:,}")
    return query


@twin(router, "/search", "search.html")
def search_page(request: Request, db: Reader = Depends(reader), q: str | None = None,
                outlet: str | None = None, story: str | None = None,
                entity: str | None = None, month: str | None = None,
                start: str | None = Query(None, alias="from"),
                end: str | None = Query(None, alias="to"), page: int | None = None) -> dict:
    query = query_of(q)
    number = page_number(page)
    filters = filters_of(outlet, story, entity, month, start, end)
    params = {"q": query, "outlet": filters.outlet, "story": filters.story,
              "entity": filters.entity.replace(" ", "-") if filters.entity else None,
              "month": filters.month, "from": start, "to": end}
    data = {"title": f"Search: {query}" if query else "Search", "q": query,
            "filters": {k: v for k, v in params.items() if k != "q"},
            "chips": _chips(db, params), "results": [], "quotes": [], "facets": None,
            "histogram": [], "days": [], "histogram_by": "month", "entity_facet_over": 0, "total": 0, "quote_total": 0,
            "pages": pages(0, 1),
            "links": {"self": links.with_query("/search", {**params, "page": page}),
                      "json": links.with_query("/search.json", {**params, "page": page}),
                      "csv": links.with_query("/search.csv", params),
                      "jsonl": links.with_query("/search.jsonl", params)}}
    if not query:
        return data
    counts = facets(db.connection, query, filters)
    paging = pages(counts["total"], number)
    data["results"] = [_hit(row) for row in article_hits(db.connection, query, filters,
                                                         paging["per_page"], paging["offset"])]
    quote_total = quote_count(db.connection, query, filters)
    if quote_total:
        data["quotes"] = [_quote(row) for row in
                          quote_hits(db.connection, query, filters, QUOTES_SHOWN)]
    data.update(total=counts["total"], quote_total=quote_total,
                pages={**paging, **_page_links(params, paging)},
                facets=_facets(counts, params), entity_facet_over=counts["entities_over"],
                histogram=[{"month": m, "count": c} for m, c in counts["months"]],
                days=[{"date": d, "count": c} for d, c in counts["days"]],
                histogram_by="day" if _days_apart(counts["days"]) <= DAYS_HISTOGRAM else "month")
    return data


def _days_apart(days: list[tuple[str, int]]) -> int:
    try:
        return (date.fromisoformat(days[-1][0]) - date.fromisoformat(days[0][0])).days
    except (IndexError, ValueError):
        return 0


def _hit(row) -> dict:
    return {"article": row["id"], "pk": row["pk"], "url": links.article_url(row["pk"]),
            "source_url": row["url"], "published": row["published"], "outlet": row["outlet"],
            "story_id": row["story_id"], "story_url": links.story_url(row["story_id"]),
            "headline": marked(row["headline"]), "snippet": marked(row["snippet"])}


def _quote(row) -> dict:
    return {"quote": row["local_id"], "kind": row["kind"], "speaker": row["speaker_text"],
            "article": row["article"], "article_pk": row["article_pk"],
            "published": row["published"], "outlet": row["outlet"],
            "url": links.article_url(row["article_pk"], row["start"]),
            "text": marked(row["text"])}


def _facets(counts: dict, params: dict) -> dict:
    """Each facet value with its count and the address of the search narrowed to it."""
    def narrowed(name: str, value) -> str:
        return links.with_query("/search", {**params, name: value})

    return {"outlet": [{"value": o, "count": c, "url": narrowed("outlet", o)}
                       for o, c in counts["outlets"]],
            "story": [{"value": s, "title": t, "count": c, "url": narrowed("story", s)}
                      for s, t, c in counts["stories"]],
            "entity": [{"value": k.replace(" ", "-"), "name": n, "count": c,
                        "url": narrowed("entity", k.replace(" ", "-"))}
                       for k, n, c in counts["entities"]],
            "month": [{"value": m, "count": c, "url": narrowed("month", m)}
                      for m, c in counts["months"]]}


def _chips(db: Reader, params: dict) -> list[dict]:
    chips = []
    for name in ("outlet", "story", "entity", "month", "from", "to"):
        value = params[name]
        if value in (None, ""):
            continue
        label = value
        if name == "entity":
            key = str(value).replace("-", " ")
            label = entity_queries.entity_names(db.connection, [key]).get(key, key)
        elif name == "story":
            header = queries.story(db.connection, int(value))
            label = f"{value}: {header['title']}" if header and header["title"] else value
        chips.append({"label": f"{name}: {label}",
                      "remove": links.with_query("/search", {**params, name: None})})
    return chips


def _page_links(params: dict, paging: dict) -> dict:
    number = paging["number"]
    return {"previous": links.with_query("/search", {**params, "page": number - 1})
            if number > 1 else None,
            "next": links.with_query("/search", {**params, "page": number + 1})
            if number < paging["last"] else None}
