"""What a page says about itself: headline, authors, published and modified dates, canonical
URL, site name, language, description and type, from trafilatura, htmldate and the page's own
meta tags."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from .furniture import WORD, clean_text
from ..vocab import page as vocab


@dataclass
class PageMetadata:
    """What the page says about itself; `published` is never the modified date."""

    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    url: str | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None
    page_type: str | None = None


def page_metadata(tree: HtmlElement, location: str | None = None) -> PageMetadata:
    """Headline, clean author names, dates, canonical URL, site and language of a page.

    The published date comes from the page's published-date tags, else from htmldate (which
    prefers the original date); it is never the modified date: a date found only as the
    modified date is not taken as the published one.
    """
    found = _trafilatura_metadata(tree, location)
    metas = _meta_values(tree)
    modified = _first_date(metas, vocab.MODIFIED_META)
    published = _first_date(metas, vocab.PUBLISHED_META)
    if published is None and found.date and found.date != modified:
        published = found.date
    if published and modified and modified <= published:  # same day, or tags swapped
        modified = None
    return PageMetadata(
        headline=clean_text(found.title) or None, authors=clean_authors(found.author or ""),
        published=published, modified=modified, url=found.url or location,
        site_name=found.sitename, language=_language(tree, metas),
        description=found.description, page_type=found.pagetype)


def _trafilatura_metadata(tree: HtmlElement, location: str | None):
    """trafilatura's `extract_metadata`, less what storyline does not use (categories, tags,
    license), and with no extensive date search: a year guessed from the text is not metadata."""
    from htmldate import find_date
    from trafilatura import metadata as found_in

    found = found_in.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None
    try:
        found = found_in.extract_meta_json(tree, found)
    except Exception:  # trafilatura's JSON-LD reader has bugs of its own; the rest stands
        pass
    found.title = found.title or found_in.extract_title(tree)
    found.author = found.author or found_in.extract_author(tree)
    found.url = found.url or found_in.extract_url(tree, location)
    found.date = find_date(tree, original_date=True, extensive_search=False, url=found.url)
    found.sitename = (found.sitename or found_in.extract_sitename(tree) or "").lstrip("@") or None
    found.clean_and_trim()
    return found


def clean_authors(field_text: str) -> list[str]:
    """Names from an author field: no "By", no roles, no "Email the author" or "2 hours ago"."""
    names: list[str] = []
    for part in vocab.AUTHOR_SEPARATORS.split(field_text or ""):
        part = re.split(r"(?i)\bby\s+", part)[-1]  # "Posted 2 hours ago by Jane Doe"
        name = clean_text(vocab.AUTHOR_PREFIX.sub("", part)).strip(" .:-–—@")
        if not name or vocab.AUTHOR_JUNK.search(name) or vocab.NOT_A_NAME.search(name):
            continue
        words = name.split()
        if len(words) > vocab.AUTHOR_MAX_WORDS or not any(w[0].isupper() for w in words):
            continue
        key = _name_key(name)
        same = next((n for n, known in enumerate(names) if _name_key(known) == key), None)
        if same is None:
            names.append(name)
        elif len(name) > len(names[same]):  # "Troy L. Smith" over "Troy Smith"
            names[same] = name
    return names


def _name_key(name: str) -> str:
    """A name without initials and case, so that variants of one byline meet."""
    return " ".join(word for word in WORD.findall(name.lower()) if len(word) > 1)


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop")
               or meta.get("http-equiv") or "").strip().lower()
        content = meta.get("content") or meta.get("datetime")
        if key and content and key not in values:
            values[key] = content.strip()
    for element in tree.xpath("//*[@itemprop='datePublished' or @itemprop='dateModified']"
                              "[@datetime or @content]"):
        key = element.get("itemprop").lower()
        values.setdefault(key, element.get("datetime") or element.get("content"))
    for script in tree.xpath("//script[@type='application/ld+json']/text()")[:10]:
        for key in ("datePublished", "dateModified"):
            match = re.search(rf'"{key}"\s*:\s*"([^"]+)"', script)
            if match:
                values.setdefault(key.lower(), match.group(1))
    return values


def _first_date(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        match = re.match(r"\s*(\d{4})-?(\d{2})-?(\d{2})", metas.get(key, ""))
        if match and 1990 <= int(match.group(1)) <= 2100 and 1 <= int(match.group(2)) <= 12 \
                and 1 <= int(match.group(3)) <= 31:
            return "-".join(match.groups())
    return None


def _language(tree: HtmlElement, metas: dict[str, str]) -> str | None:
    value = (tree.get("lang") or tree.get("xml:lang") or metas.get("og:locale")
             or metas.get("content-language") or metas.get("language") or "")
    match = re.match(r"\s*([A-Za-z]{2,3})(?:$|[-_\s,])", value)
    return match.group(1).lower() if match else None
