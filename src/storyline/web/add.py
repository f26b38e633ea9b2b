"""`/add`: paste text, give a URL, or upload an HTML page, feed or WARC archive; storyline
extracts and ingests it, then shows the article page with the story it joined (303). Several
articles (a feed, an archive) get a page listing each one; JSON clients post to `/add.json`.

A write: the guard has checked the origin; the token may also come in the form's `token` field.
"""
from __future__ import annotations

import shutil

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile

from ..inputs.sources import INPUT_FORMATS
from . import links
from .deps import day_range
from .intake import Submission, saved_upload, upload_folder
from .render import as_json, error_response, page, twin, wants_json
from .security import write_allowed

router = APIRouter()
FIELDS = ("text", "url", "file", "format", "published", "headline", "token")


@twin(router, "/add", "add.html")
def add_form(request: Request) -> dict:
    settings = request.app.state.settings
    return {"title": "Add an article", "action": "/add", "fields": list(FIELDS),
            "formats": list(INPUT_FORMATS), "max_bytes": settings.max_body_bytes,
            "private_fetch": settings.allow_private_fetch,
            "token_needed": not getattr(request.state, "signed_in", False),
            "links": {"self": "/add", "json": "/add.json"}}


async def submit(request: Request):
    settings = request.app.state.settings
    form = await request.form(max_files=1, max_fields=len(FIELDS) + 4,
                              max_part_size=settings.max_body_bytes)
    try:
        refusal = write_allowed(request, _text(form.get("token")))
        if refusal:
            return error_response(request, 403, refusal)
        upload = form.get("file")
        has_file = isinstance(upload, UploadFile) and bool(upload.filename or upload.size)
        with upload_folder() as folder:
            saved = None
            if has_file:
                saved = saved_upload(folder, upload.filename)
                with saved.open("wb") as out:
                    await run_in_threadpool(shutil.copyfileobj, upload.file, out)
            submission = Submission(
                text=_text(form.get("text")), url=_text(form.get("url")), upload=saved,
                filename=(upload.filename or "upload") if has_file else None,
                input_format=_text(form.get("format")) or "auto",
                published=day_range(_text(form.get("published")), "published"),
                headline=_text(form.get("headline")))
            results = await run_in_threadpool(request.app.state.intake.add, submission)
    finally:
        await form.close()
    return _answer(request, results)


def _answer(request: Request, results: list[dict]):
    stored = [r for r in results if r["status"] != "failed"]
    failed = [r for r in results if r["status"] == "failed"]
    data = {"title": "Added" if stored else "Nothing added", "results": results,
            "added": sum(r["status"] == "added" for r in results),
            "already_stored": sum(r["status"] == "already stored" for r in results),
            "failed": len(failed)}
    if not stored:  # the failures' own status when they agree (a refused address: 400)
        reasons = "; ".join(f["reason"] for f in failed[:5]) or "the input held no article"
        statuses = {f["http_status"] for f in failed}
        status = statuses.pop() if len(statuses) == 1 else 422
        return error_response(request, status, reasons, "Nothing added", {"results": results})
    if wants_json(request):
        return as_json(data, 201 if data["added"] else 200)
    if len(stored) == 1 and not failed:
        target = links.with_query(stored[0]["url"], {"added": 1})
        return RedirectResponse(target, status_code=303)
    return page(request, "added.html", data)


def _text(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


router.add_api_route("/add.json", submit, methods=["POST"], name="add_json")
router.add_api_route("/add", submit, methods=["POST"], name="add", include_in_schema=False)
