"""Addresses of the pages, built in one place so the HTML and the JSON link the same way."""
from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

from ..store.queries import slug


def story_url(story_id: int | None) -> str | None:
    return f"/stories/{story_id}" if story_id is not None else None


def thread_url(thread_id: int | None) -> str | None:
    return f"/threads/{thread_id}" if thread_id is not None else None


def article_url(pk: int | None, start: int | None = None) -> str | None:
    """An article page; with `start`, the place in its body that starts at that character."""
    if pk is None:
        return None
    return f"/articles/{pk}" + (f"#c-{start}" if start is not None else "")


def record_url(pk: int) -> str:
    return f"/articles/{pk}/record.json"


def entity_url(name: str | None) -> str | None:
    """A dossier page, by the folded name (None for a name with no letters or digits)."""
    key = slug(name or "")
    return f"/entities/{quote(key)}" if key else None


def with_query(path: str, params: dict | list[tuple[str, object]]) -> str:
    """`path` with the non-empty parameters as its query string."""
    items = params.items() if isinstance(params, dict) else params
    pairs = [(name, value) for name, value in items if value not in (None, "", [], ())]
    return f"{path}?{urlencode(pairs, doseq=True)}" if pairs else path


def json_twin(path: str) -> str:
    """The JSON twin of a page's path ("/" -> "/.json", "/stories/3" -> "/stories/3.json")."""
    return f"{path}.json"


def web_address(url: str | None) -> str | None:
    """`url` when it is an http(s) address, to link to; None for anything else (javascript:,
    data:, a file path), which a page shows as text at most."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None
