"""`/articles/{id}`: one article (the id is its row number in the store). The clean body with
entities, time expressions and quotes marked; its entities, quotes and events; what was removed
from the page, by kind; the publication date with its basis and evidence; the story it is in;
and its `storyline.article/1` record at `/articles/{id}/record.json`."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse

from ..record import Article
from ..store import queries
from ..store.queries import Reader
from . import links
from .deps import reader, row_id
from .marking import marks_of, paragraphs_of
from .render import twin

router = APIRouter()


def load(db: Reader, article_id: str) -> tuple[dict, Article]:
    pk = row_id(article_id, "article")
    row = queries.article_row(db.connection, pk)
    article = db.article(row["id"]) if row else None
    if article is None:
        raise HTTPException(404, f"no article {article_id[:40]!r}")
    return dict(row), article


@router.get("/articles/{article_id}/record.json", name="article_record")
def article_record(article_id: str, db: Reader = Depends(reader)) -> JSONResponse:
    """The article's `storyline.article/1` record, as `storyline extract` writes it."""
    _, article = load(db, article_id)
    return JSONResponse(article.to_json())


@twin(router, "/articles/{article_id}", "article.html")
def article_page(request: Request, article_id: str, db: Reader = Depends(reader),
                 added: int | None = None) -> dict:
    row, article = load(db, article_id)
    pk = row["pk"]
    entity_urls = {e.id: links.entity_url(e.name) for e in article.entities}
    header = queries.story(db.connection, row["story_id"]) if row["story_id"] else None
    published = article.published
    names = {e.id: e.name for e in article.entities}
    return {
        "pk": pk, "id": article.id, "url": links.article_url(pk), "headline": article.headline,
        "byline": article.byline, "outlet": row["outlet"], "source_url": article.url,
        "source": {"kind": article.source.kind, "location": article.source.location},
        "ingested_at": row["ingested_at"], "language": article.language,
        "published": {"value": published.value, "basis": published.basis,
                      "confidence": round(published.confidence, 2),
                      "evidence": published.evidence} if published else None,
        "story": {"id": header["id"], "url": links.story_url(header["id"]),
                  "title": header["title"] or f"story {header['id']}",
                  "article_count": header["article_count"]} if header else None,
        "added": added,
        "text": article.text,
        "paragraphs": [list(p) for p in paragraphs_of(article.text, article.paragraphs)],
        "marks": marks_of(article, entity_urls),
        "entities": [{"id": e.id, "name": e.name, "type": e.type, "kind": e.kind,
                      "descriptors": e.descriptors, "aliases": e.aliases,
                      "mentions": len(e.mentions), "url": entity_urls[e.id],
                      "first": links.article_url(pk, e.mentions[0][0]) if e.mentions else None}
                     for e in sorted(article.entities, key=lambda e: -len(e.mentions))],
        "times": [{"text": t.text, "type": t.type, "value": t.value, "anchor": t.anchor,
                   "url": links.article_url(pk, t.span[0])} for t in article.times],
        "quotes": [{"id": q.id, "text": q.text, "kind": q.kind, "cue": q.cue,
                    "speaker": names.get(q.speaker) or q.speaker_text,
                    "speaker_url": entity_urls.get(q.speaker) if q.speaker else None,
                    "url": links.article_url(pk, q.span[0])} for q in article.quotes],
        "events": [{"id": e.id, "summary": e.summary, "date": e.time.value if e.time else None,
                    "modality": e.modality, "trigger": e.trigger,
                    "participants": [{"name": names.get(p.entity, p.entity), "role": p.role,
                                      "url": entity_urls.get(p.entity)} for p in e.participants],
                    "url": links.article_url(pk, e.span[0])} for e in article.events],
        "removed": [{"kind": r.kind, "text": r.text, "reason": r.reason, "date": r.date}
                    for r in article.removed],
        "removed_kinds": _kinds(article),
        "skipped": [{"stage": s.stage, "reason": s.reason} for s in article.skipped],
        "warnings": article.warnings,
        "links": {"self": links.article_url(pk), "json": links.json_twin(links.article_url(pk)),
                  "record": links.record_url(pk)},
    }


def _kinds(article: Article) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in article.removed:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return counts
