"""`/stories/{id}`: one story from top to bottom: title, key developments, the merged timeline
(SVG, narrowed by `?from=`/`?to=`), every entry with all its sources and conflicts inline (what is
new since `?since=` marked), quotes by speaker, people and organizations, and the articles
(sorted by date or outlet) with wire copies grouped (`stories/copies.py`).

Merging a story of hundreds of articles takes a while, so the merged timeline and the panels
are built once per version of the story (`StoryBase`, kept in the app's cache) and each request
only picks from them; the entries come in pages of `ENTRIES_PER_PAGE`."""
from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from markupsafe import Markup

from ..record import Article
from ..report.timeline import PRECISIONS, Entry as PageEntry, Group
from ..report.timeline_html import figures
from ..store import entity_queries, name_key, queries
from ..store.queries import Reader
from ..stories.copies import copy_map
from ..stories.titles import story_title
from ..stories.merge import KEY_DATES, StoryTimeline, build, outlets_of
from . import links
from .deps import day_range, page_number, pages, reader, row_id
from .render import twin

router = APIRouter()
SORTS = ("date", "outlet")
PANEL_TYPES = ("PERSON", "ORG", "GROUP")
ENTRIES_PER_PAGE = 150
SPEAKERS_SHOWN, QUOTES_SHOWN, PEOPLE_SHOWN = 30, 8, 40


@dataclass(frozen=True)
class StoryBase:
    """What the story's pages need from its articles (never changed once built)."""

    timeline: StoryTimeline
    pks: dict[str, int]                       # record id -> row number
    event_starts: dict[tuple[str, str], int]  # (article, event) -> where its sentence starts
    quotes: list[dict]
    people: list[dict]
    articles: list[dict]                      # groups of copies, oldest first


def story_base(request: Request, db: Reader, story_id: int) -> StoryBase:
    """The story's base, from the app's cache while the story is unchanged; 404 when none."""
    version = queries.story_version(db.connection, story_id)
    if not version[0]:
        raise HTTPException(404, f"no story {story_id}")
    return request.app.state.stories.get(story_id, version, lambda: _build(db, story_id))


def _build(db: Reader, story_id: int) -> StoryBase:
    articles = db.story_articles(story_id)
    if not articles:
        raise HTTPException(404, f"no story {story_id}")
    return build_base(db, articles, queries.story_article_refs(db.connection, story_id),
                      copy_map(db.connection, [story_id]), story_id,
                      story_title(db.connection, story_id), "story")


def build_base(db: Reader, articles: list[Article], pks: dict[str, int],
               copies: dict[str, str], number: int, title: str, kind: str) -> StoryBase:
    """The base of a story's page, or of a thread's (`kind`): its articles merged once."""
    outlets = outlets_of(db, articles)
    return StoryBase(build(articles, outlets, number, copies=copies, title=title, kind=kind),
                     pks, {(a.id, e.id): e.span[0] for a in articles for e in a.events},
                     _quotes(articles, pks, outlets), _people(db.connection, articles),
                     _article_groups(articles, pks, outlets, copies))


def status_since(reports, since: str | None) -> str | None:
    """"new" when first reported on or after `since`, "updated" when reported again since."""
    if not since:
        return None
    dates = [r.published for r in reports if r.published]
    if dates and min(dates) >= since:
        return "new"
    return "updated" if any(day >= since for day in dates) else None


def chosen_entries(base: StoryBase, start: str | None, end: str | None) -> list:
    return [e for e in base.timeline.entries
            if (not start or e.end >= start) and (not end or e.start <= end)]


@twin(router, "/stories/{story_id}", "story.html")
def story_page(request: Request, story_id: str, db: Reader = Depends(reader),
               since: str | None = None, start: str | None = Query(None, alias="from"),
               end: str | None = Query(None, alias="to"), sort: str = "date",
               page: int | None = None) -> dict:
    number = row_id(story_id, "story")
    check_sort(sort)
    base = story_base(request, db, number)
    here = f"/stories/{number}"
    header = queries.story(db.connection, number)
    data = timeline_page(base, number, here, header, since, start, end, sort, page)
    params = {"since": since, "from": start, "to": end}
    data["links"].update({
        "timeline_csv": links.with_query(f"{here}/timeline.csv", params),
        "search": links.with_query("/search", {"story": number})})
    thread = queries.story_thread(db.connection, number)
    data["thread"] = thread and {**thread, "url": links.thread_url(thread["id"])}
    return data


def check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise HTTPException(400, f"sort={sort[:20]!r}: sort by {' or '.join(SORTS)}")


def timeline_page(base: StoryBase, number: int, here: str, header: dict | None,
                  since: str | None, start: str | None, end: str | None, sort: str,
                  page: int | None) -> dict:
    """A story's page, or a thread's, from its base: the entries of the chosen dates (a page of
    them), key developments, conflicts, quotes, people and articles."""
    since_day, first, last = (day_range(since, "since"), day_range(start, "from"),
                              day_range(end, "to", last=True))
    timeline = base.timeline
    entries = chosen_entries(base, first, last)
    paging = pages(len(entries), page_number(page), ENTRIES_PER_PAGE)
    shown = entries[paging["offset"]:paging["offset"] + ENTRIES_PER_PAGE]
    conflict_ids = {id(c): f"k{n}" for n, c in enumerate(timeline.conflicts, start=1)}
    in_range = {e.id for e in entries}
    params = {"since": since, "from": start, "to": end, "sort": sort if sort != "date" else None}
    page_of = {e.id: n // ENTRIES_PER_PAGE + 1 for n, e in enumerate(entries)}

    def entry_url(entry_id: str) -> str | None:
        if entry_id not in page_of:
            return None
        if page_of[entry_id] == paging["number"]:
            return f"#{entry_id}"
        return links.with_query(here, {**params, "page": page_of[entry_id]}) + f"#{entry_id}"

    return {
        "id": number, "kind": timeline.kind, "url": here, "title": timeline.title,
        "first_date": header["first_date"] if header else None,
        "last_date": header["last_date"] if header else None,
        "article_count": len(timeline.articles),
        "outlets": sorted({a["outlet"] for a in timeline.articles if a["outlet"]}),
        "since": since_day, "from": first, "to": last, "sort": sort,
        "key_dates": _key_dates(timeline, entry_url),
        "entries": [_entry(e, base, since_day, conflict_ids, timeline) for e in shown],
        "entry_pages": {**paging, **_page_links(here, params, paging)},
        "new_entries": sum(bool(status_since(e.reports, since_day)) for e in entries),
        "conflicts": [_conflict(conflict_ids[id(c)], c, base, since_day, entry_url)
                      for c in timeline.conflicts if not c.entries or set(c.entries) & in_range],
        "undated_reports": timeline.undated,
        "quotes_by_speaker": base.quotes[:SPEAKERS_SHOWN], "speaker_count": len(base.quotes),
        "people": base.people[:PEOPLE_SHOWN], "people_count": len(base.people),
        "articles": _sorted(base.articles, sort),
        "links": {"self": links.with_query(here, {**params, "page": page}),
                  "json": links.with_query(f"{here}.json", {**params, "page": page}),
                  "by_date": links.with_query(here, {**params, "sort": None}),
                  "by_outlet": links.with_query(here, {**params, "sort": "outlet"}),
                  "all_dates": links.with_query(here, {**params, "from": None, "to": None})},
    }


def _key_dates(timeline: StoryTimeline, entry_url) -> list[dict]:
    """The top-ranked days (as the Timeline17 evaluation ranks them) with what happened."""
    found = []
    for day, weight in timeline.key_dates(KEY_DATES):
        found.append({"date": day, "weight": round(weight, 2),
                      "sources": len(timeline.attested.get(day, ())),
                      "published": timeline.published_on.get(day, 0),
                      "entries": [{"id": e.id, "summary": e.summary, "url": entry_url(e.id)}
                                  for e in timeline.entries
                                  if e.precision == "day" and e.start == day]})
    return found


def _source(report, base: StoryBase, value: str) -> dict:
    pk = base.pks.get(report.article)
    return {"article": report.article, "article_pk": pk, "outlet": report.outlet,
            "published": report.published, "sentence": report.sentence,
            "value": report.value, "basis": report.basis, "modality": report.modality,
            "differs": report.value != value,
            "url": links.article_url(pk, base.event_starts.get((report.article, report.event)))}


def _entry(entry, base: StoryBase, since: str | None, conflict_ids: dict, timeline) -> dict:
    return {"id": entry.id, "label": entry.label, "value": entry.value,
            "precision": entry.precision, "start": entry.start, "end": entry.end,
            "summary": entry.summary, "trigger": entry.trigger, "modality": entry.modality,
            "participants": [{"name": n, "url": links.entity_url(n)} for n in entry.participants],
            "status": status_since(entry.reports, since), "source_count": len(entry.originals),
            "conflicts": [conflict_ids[id(c)] for c in timeline.conflicts
                          if entry.id in c.entries],
            "sources": [_source(r, base, entry.value) for r in entry.reports]}


def _conflict(conflict_id: str, conflict, base: StoryBase, since: str | None,
              entry_url) -> dict:
    return {"id": conflict_id, "kind": conflict.kind, "description": conflict.description,
            "entries": [{"id": e, "url": entry_url(e)} for e in conflict.entries],
            "status": "new" if status_since(conflict.reports, since) else None,
            "sides": [_source(r, base, "") for r in conflict.reports]}


def _quotes(articles: list[Article], pks: dict[str, int], outlets: dict) -> list[dict]:
    """Quotes grouped by speaker (by folded name across articles), most quoted first; each
    group lists its first `QUOTES_SHOWN` quotes and counts them all."""
    groups: dict[str, dict] = {}
    for article in articles:
        for quote in article.quotes:
            speaker = article.entity(quote.speaker) if quote.speaker else None
            name = speaker.name if speaker else (quote.speaker_text or "unattributed")
            key = name_key(name) if speaker else f"?{name.lower()}"
            group = groups.setdefault(key, {"speaker": name, "type": speaker.type if speaker
                                            else None, "url": links.entity_url(name)
                                            if speaker else None, "count": 0, "quotes": []})
            group["count"] += 1
            if len(group["quotes"]) < QUOTES_SHOWN:
                group["quotes"].append({
                    "text": quote.text, "kind": quote.kind, "cue": quote.cue,
                    "article": article.id, "outlet": outlets.get(article.id),
                    "published": article.published.value if article.published else None,
                    "url": links.article_url(pks.get(article.id), quote.span[0])})
    return sorted(groups.values(), key=lambda g: (g["type"] is None, -g["count"], g["speaker"]))


def _people(db: sqlite3.Connection, articles: list[Article]) -> list[dict]:
    """People and organizations by how many of the story's articles mention them, each name
    typed by the store-wide vote over all its records (weighted by mentions), not by one
    article; a bare surname counts for the one full name of a person in the story ending
    with it."""
    seen: dict[str, set[str]] = defaultdict(set)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    keys: dict[str, str] = {}  # each name folded once: a story repeats its names thousands of times
    for article in articles:
        for entity in article.entities:
            key = keys.get(entity.name)
            if key is None:
                key = keys[entity.name] = name_key(entity.name)
            if not key or entity.kind == "news_outlet":
                continue
            seen[key].add(article.id)
            names[key][entity.name] += len(entity.mentions)
    types = entity_queries.voted_types(db, seen)
    seen = {key: ids for key, ids in seen.items() if types.get(key) in PANEL_TYPES}
    by_surname: dict[str, list[str]] = defaultdict(list)  # (not a scan of every name per name)
    for key in seen:
        if " " in key and types[key] == "PERSON":
            by_surname[key.rsplit(" ", 1)[1]].append(key)
    for key in [k for k in seen if " " not in k and types[k] == "PERSON"]:
        fuller = by_surname.get(key, ())
        if len(fuller) == 1:
            seen[fuller[0]] |= seen.pop(key)
    ranked = sorted(seen, key=lambda k: (-len(seen[k]), k))
    return [{"name": names[k].most_common(1)[0][0], "type": types[k],
             "articles": len(seen[k]), "url": links.entity_url(k)} for k in ranked]


def copy_key(article: Article, copies: dict[str, str]) -> str:
    """The report an article belongs to: its original's id when the store recorded it as a wire
    copy (`stories/copies.py`: near-duplicate bodies), else its own id."""
    return copies.get(article.id, article.id)


def _article_groups(articles: list[Article], pks, outlets,
                    copies: dict[str, str]) -> list[dict]:
    """The articles, each report with its wire copies together ("N copies"), oldest first; a
    group is "identical" when every body is the same (whitespace and case folded), else "near"."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(copy_key(article, copies), []).append(article)

    def identical(members: list[Article]) -> bool:
        return len({" ".join(a.text.lower().split()) for a in members}) == 1

    def item(article: Article) -> dict:
        return {"id": article.id, "pk": pks.get(article.id),
                "url": links.article_url(pks.get(article.id)), "headline": article.headline,
                "outlet": outlets.get(article.id), "source_url": article.url,
                "published": article.published.value if article.published else None}

    return [{"kind": "single" if len(members) == 1 else
             "identical" if identical(members) else "near", "copies": len(members),
             "articles": [item(a) for a in members]} for members in groups.values()]


def _sorted(groups: list[dict], sort: str) -> list[dict]:
    if sort == "outlet":
        def by_outlet(article: dict) -> tuple:
            return ((article["outlet"] or "~").lower(), article["published"] or "")

        ordered = [{**g, "articles": sorted(g["articles"], key=by_outlet)} for g in groups]
        return sorted(ordered, key=lambda g: by_outlet(g["articles"][0]))
    return sorted(groups, key=lambda g: (g["articles"][0]["published"] is None,
                                         g["articles"][0]["published"] or ""))


def _page_links(path: str, params: dict, paging: dict) -> dict:
    number = paging["number"]
    return {"previous": links.with_query(path, {**params, "page": number - 1}) + "#entries"
            if number > 1 else None,
            "next": links.with_query(path, {**params, "page": number + 1}) + "#entries"
            if number < paging["last"] else None}


def timeline_svg(entries: list[dict]) -> Markup:
    """The page's entries drawn by the report's SVG renderer (its text escaped there)."""
    groups: dict[str, Group] = {}
    for entry in entries:
        group = groups.setdefault(entry["value"], Group(entry["value"], entry["precision"],
                                                        entry["label"], entry["start"],
                                                        entry["end"]))
        first = entry["sources"][0] if entry["sources"] else {}
        tag = f" ({entry['source_count']} source{'s' if entry['source_count'] != 1 else ''})"
        group.entries.append(PageEntry(
            "event", entry["id"], entry["summary"] + tag,
            f"{first.get('sentence', '')} ({first.get('outlet') or first.get('article', '')})",
            (0, 0), entry["value"], first.get("basis"), entry["modality"], entry["trigger"]))
    if not groups:
        return Markup("")
    ordered = sorted(groups.values(),
                     key=lambda g: (g.start, PRECISIONS.index(g.precision), g.value))
    return Markup("\n".join(figures(ordered)))
