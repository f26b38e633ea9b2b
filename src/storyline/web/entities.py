"""`/entities/{id}`: a dossier across the store. The id is the folded name with hyphens
(`/entities/peter-lindqvist`); a bare surname that stands for one full name redirects to it.

Names and aliases, type, roles over time with dates and sources (each role its first sources and
a count by outlet), stories, quotes, events, the entities most often mentioned with it, and every
mention in context; quotes, events and mentions come in pages, each linking to its place in the
article."""
from __future__ import annotations

import json
from collections import Counter

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..store import entity_queries, queries
from ..store.queries import Reader
from . import links
from .deps import page_number, pages, reader
from .render import as_json, kept, page

router = APIRouter()
# Quotes, events and mentions come in pages of this many; a role lists this many sources.
PER_PAGE = 100
ROLE_SOURCES = 10


def dossier(db: Reader, key: str, numbers: dict[str, int]) -> dict:
    """The dossier's data; `numbers` gives the page of its quotes, events and mentions."""
    keys = entity_queries.entity_keys(db.connection, key)
    rows = entity_queries.entity_rows(db.connection, keys)
    if not rows:
        raise HTTPException(404, f"no entity {key.replace(' ', '-')!r} in this store")
    url = links.entity_url(key)
    names, aliases, kinds, types = Counter(), Counter(), Counter(), Counter()
    roles: dict[str, dict] = {}
    for row in rows:
        names[row["name"]] += row["mentions"] or 1
        aliases.update(json.loads(row["aliases"]))
        if row["key"] in keys.keys:  # the name's own records vote on its type, by mentions
            types[row["type"]] += row["mentions"] or 1
        if row["kind"]:
            kinds[row["kind"]] += 1
        for role in json.loads(row["descriptors"]):
            entry = roles.setdefault(role.lower(), {"role": role, "first": row["published"],
                                                   "last": row["published"], "source_count": 0,
                                                   "outlets": Counter(), "sources": []})
            entry["first"] = entry["first"] or row["published"]
            entry["last"] = row["published"] or entry["last"]
            entry["source_count"] += 1
            entry["outlets"][row["outlet"] or row["article"]] += 1
            if len(entry["sources"]) < ROLE_SOURCES:
                entry["sources"].append(_source(row))
    for entry in roles.values():
        entry["outlets"] = dict(entry["outlets"].most_common())
    story_counts = Counter(row["story_id"] for row in rows if row["story_id"] is not None)
    connection = db.connection
    paging = {"mentions": pages(entity_queries.mention_count(connection, keys), numbers["mentions"],
                                PER_PAGE)}
    quotes, paging["quotes"] = _paged(
        lambda limit, offset: entity_queries.entity_quotes(connection, keys, limit, offset),
        lambda: entity_queries.entity_quote_count(connection, keys), numbers["quotes"])
    events, paging["events"] = _paged(
        lambda limit, offset: entity_queries.entity_events(connection, keys, limit, offset),
        lambda: entity_queries.entity_event_count(connection, keys), numbers["events"])
    mentions = entity_queries.mentions(connection, keys, PER_PAGE, paging["mentions"]["offset"])
    return {
        "key": key, "id": key.replace(" ", "-"), "url": url,
        "name": names.most_common(1)[0][0],
        "type": entity_queries.voted_types(connection, [key]).get(key, types.most_common(1)[0][0]),
        "types": dict(types), "kinds": [k for k, _ in kinds.most_common()],
        "names": [n for n, _ in names.most_common()],
        "aliases": [a for a, _ in aliases.most_common() if a not in names],
        "keys": list(keys.all_keys()), "articles": len({row["article_pk"] for row in rows}),
        "roles": sorted(roles.values(), key=lambda r: (r["first"] or "~", r["role"])),
        "stories": [{"id": s["id"], "url": links.story_url(s["id"]),
                     "title": s["title"] or f"story {s['id']}", "first_date": s["first_date"],
                     "last_date": s["last_date"], "article_count": s["article_count"],
                     "mentioning_articles": s["mentioning_articles"]}
                    for s in queries.stories_of(db.connection, story_counts)],
        "quotes": [{"text": q["text"], "kind": q["kind"], "cue": q["cue"], **_source(q),
                    "url": links.article_url(q["article_pk"], q["start"])} for q in quotes],
        "events": [{"summary": e["summary"], "date": e["time_value"], "role": e["role"],
                    "modality": e["modality"], **_source(e),
                    "url": links.article_url(e["article_pk"], e["start"])} for e in events],
        "co_mentioned": [{"name": r["name"], "type": r["type"], "articles": r["articles"],
                          "url": links.entity_url(r["key"])}
                         for r in entity_queries.co_mentioned(db.connection, keys)],
        "co_mentioned_over": min(len({row["article_pk"] for row in rows}),
                                 entity_queries.CO_MENTION_ARTICLES),
        "mentions": [{**m, "url": links.article_url(m["article_pk"], m["start"])}
                     for m in mentions],
        "pages": {name: {**value, **_page_links(url, name, value, numbers)}
                  for name, value in paging.items()},
        "links": {"self": url, "json": links.json_twin(url),
                  "stories": links.with_query("/", {"entity": key.replace(" ", "-")}),
                  "search": links.with_query("/search", {"entity": key.replace(" ", "-")})},
    }


def _paged(fetch, count, number: int) -> tuple[list, dict]:
    """One page of rows that carry their `total`, and its paging (a page past the end counts)."""
    rows = fetch(PER_PAGE, (number - 1) * PER_PAGE)
    total = rows[0]["total"] if rows else (count() if number > 1 else 0)
    return rows, pages(total, number, PER_PAGE)


def _source(row) -> dict:
    return {"article": row["article"], "article_pk": row["article_pk"], "outlet": row["outlet"],
            "published": row["published"], "article_url": links.article_url(row["article_pk"])}


def _page_links(url: str, name: str, paging: dict, numbers: dict[str, int]) -> dict:
    """The previous and next page of one list, the other lists staying where they are."""
    def at(number: int) -> str:
        kept = {f"{other}_page": n for other, n in numbers.items() if n > 1 and other != name}
        return links.with_query(url, {**kept, f"{name}_page": number if number > 1 else None}) \
            + f"#{name}"

    number = paging["number"]
    return {"previous": at(number - 1) if number > 1 else None,
            "next": at(number + 1) if number < paging["last"] else None}


def _view(request: Request, entity_id: str, db: Reader, numbers: dict[str, int | None],
          as_data: bool):
    key = queries.key_of_slug(entity_id)
    if not key:
        raise HTTPException(404, f"no entity {entity_id[:60]!r}")
    # Which full name a bare surname stands for reads every story the surname is in: once per
    # version of the store, not on every request (the page itself is kept the same way).
    canonical = request.app.state.names.get(
        key, queries.store_version(db.connection),
        lambda: entity_queries.fuller_name(db.connection, key) or key)
    if canonical.replace(" ", "-") != entity_id:  # one address per dossier
        target = links.entity_url(canonical) + (".json" if as_data else "")
        return RedirectResponse(links.with_query(target, {f"{name}_page": number for name, number
                                                          in numbers.items()}), status_code=307)
    chosen = {name: page_number(number) for name, number in numbers.items()}
    if as_data:
        return kept(request, db, lambda: as_json(dossier(db, canonical, chosen)))
    return kept(request, db, lambda: page(request, "entity.html", dossier(db, canonical, chosen)))


@router.get("/entities/{entity_id}.json", name="entity_page_json")
def entity_page_json(request: Request, entity_id: str, db: Reader = Depends(reader),
                     quotes_page: int | None = None, events_page: int | None = None,
                     mentions_page: int | None = None):
    """A dossier as JSON (the same data as the page); quotes, events and mentions in pages."""
    return _view(request, entity_id, db, {"quotes": quotes_page, "events": events_page,
                                          "mentions": mentions_page}, as_data=True)


@router.get("/entities/{entity_id}", name="entity_page", include_in_schema=False)
def entity_page(request: Request, entity_id: str, db: Reader = Depends(reader),
                quotes_page: int | None = None, events_page: int | None = None,
                mentions_page: int | None = None):
    return _view(request, entity_id, db, {"quotes": quotes_page, "events": events_page,
                                          "mentions": mentions_page}, as_data=False)
