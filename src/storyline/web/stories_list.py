"""`/`: the stories, latest activity first, with filters (dates, outlets, entities) shown as
removable chips, and pages."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from ..store import entity_queries, queries
from ..store.queries import Reader, StoryFilters
from ..stories.listing import main_people
from ..stories.titles import story_title
from . import links
from .deps import day_range, page_number, pages, reader
from .render import twin

router = APIRouter()


@twin(router, "/", "stories.html")
def stories_page(request: Request, db: Reader = Depends(reader),
                 start: str | None = Query(None, alias="from"),
                 end: str | None = Query(None, alias="to"),
                 outlet: list[str] = Query([]), entity: list[str] = Query([]),
                 page: int | None = None) -> dict:
    """The stories, latest activity first; every filter narrows, each is a chip to remove."""
    number = page_number(page)
    keys = tuple(dict.fromkeys(k for k in map(queries.key_of_slug, entity) if k))
    chosen_outlets = tuple(dict.fromkeys(o.strip() for o in outlet if o.strip()))
    filters = StoryFilters(day_range(start, "from"), day_range(end, "to", last=True),
                           chosen_outlets, keys)
    total, rows = queries.stories(db.connection, filters,
                                  limit=pages(0, number)["per_page"],
                                  offset=pages(0, number)["offset"])
    params = {"from": start, "to": end, "outlet": list(chosen_outlets),
              "entity": [k.replace(" ", "-") for k in keys]}
    names = entity_queries.entity_names(db.connection, list(keys))
    paging = pages(total, number)
    return {
        "title": "Stories",
        "filters": {"from": filters.start, "to": filters.end, "outlets": list(chosen_outlets),
                    "entities": [{"key": k, "name": names.get(k, k),
                                  "url": links.entity_url(k)} for k in keys]},
        "chips": _chips(params, names),
        "stories": [_cached_card(request, db, row) for row in rows],
        "pages": {**paging, **_page_links("/", params, paging)},
        "outlets": queries.outlets(db.connection),
        "links": {"self": links.with_query("/", {**params, "page": page}),
                  "json": links.with_query("/.json", {**params, "page": page}),
                  "search": "/search", "add": "/add"},
    }


def _cached_card(request: Request, db: Reader, row) -> dict:
    """A story's card, kept while the story is unchanged (its main people cost a scan of its
    articles' entities)."""
    version = queries.story_version(db.connection, row["id"])
    return request.app.state.cards.get(row["id"], version, lambda: _card(db, row))


def _card(db: Reader, row) -> dict:
    story_id = row["id"]
    title = story_title(db.connection, story_id)
    people = main_people(db.connection, story_id)
    return {"id": story_id, "url": links.story_url(story_id), "title": title,
            "first_date": row["first_date"], "last_date": row["last_date"],
            "article_count": row["article_count"], "updated_at": row["updated_at"],
            "outlets": queries.story_outlets(db.connection, story_id),
            "people": [{"name": name, "url": links.entity_url(name)} for name in people],
            "days": [{"date": day, "count": count}
                     for day, count in queries.story_days(db.connection, story_id)]}


def _chips(params: dict, names: dict[str, str]) -> list[dict]:
    """One chip per active filter, each with the address of the list without it."""
    chips = []
    for name in ("from", "to"):
        if params[name]:
            chips.append({"label": f"{name} {params[name]}",
                          "remove": links.with_query("/", {**params, name: None})})
    for value in params["outlet"]:
        chips.append({"label": f"outlet: {value}", "remove": links.with_query(
            "/", {**params, "outlet": [o for o in params["outlet"] if o != value]})})
    for value in params["entity"]:
        key = value.replace("-", " ")
        chips.append({"label": f"entity: {names.get(key, key)}", "remove": links.with_query(
            "/", {**params, "entity": [e for e in params["entity"] if e != value]})})
    return chips


def _page_links(path: str, params: dict, paging: dict) -> dict:
    number = paging["number"]
    return {"previous": links.with_query(path, {**params, "page": number - 1})
            if number > 1 else None,
            "next": links.with_query(path, {**params, "page": number + 1})
            if number < paging["last"] else None}
