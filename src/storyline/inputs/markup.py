"""Parsing a page's markup with lxml, so that hostile pages are read rather than lost.

- lxml stops at 256 nested elements unless told otherwise (``huge_tree``), and then silently
  drops everything deeper: the article of a page wrapped in 300 ``<div>``s. We parse with
  ``huge_tree`` (2,048 levels); a page nested deeper still is flattened (repeated wrappers
  with no text between them collapsed and bare wrappers beyond `FLAT_DEPTH` dropped; failing
  that, all but paragraphs beyond it) and parsed again; a page still too deep is refused with a
  message, never read with its paragraphs silently lost.
- A page of more than `MAX_ELEMENTS` elements is refused before parsing: time and memory grow
  with them, and no article page has that many.
- An internal DTD subset (``<!DOCTYPE html [<!ENTITY ...>]>``, the billion-laughs attack) is
  removed first: the HTML parser never expands its entities, but it would show the subset's
  tail as text at the top of the body.
"""
from __future__ import annotations

import re

from lxml.html import HtmlElement, HTMLParser, fromstring

from ..errors import InputTooLarge, UndecodableInput
from ..vocab import page as vocab

# libxml2's nesting limit with huge_tree; a deeper page is flattened to `FLAT_DEPTH`.
MAX_NESTING = 2048
FLAT_DEPTH = 512
# A close tag is matched against at most this many open elements above it.
CLOSE_SEARCH = 256
INTERNAL_SUBSET = re.compile(r"<!DOCTYPE\s+([^\s>\[]*)[^>\[]*\[.*?\]\s*>", re.I | re.S)
# The internal subset is looked for this far into the page.
SUBSET_SCAN = 1 << 20
TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|textarea|title|xmp|noembed|noframes|plaintext)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([a-zA-Z][\w:.-]*)([^>]*)>", re.I | re.S)
DEPTH_ERROR = "Excessive depth"
# News pages have a few thousand elements; extraction time grows with their number, so a page
# with far more (a hostile one) is refused before it is parsed.
MAX_ELEMENTS = 100_000
OPENING_TAG = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|\Z)|<[a-zA-Z]", re.I | re.S)


def parse_markup(html: str, where: str = "html") -> tuple[HtmlElement | None, list[str]]:
    """The page's tree (None when lxml finds no document in it) and warnings about repairs."""
    from trafilatura.utils import repair_faulty_html

    html = without_internal_subset(html)
    html = repair_faulty_html(html, html[:50].lower())
    if html.count("<") > MAX_ELEMENTS:  # cheap first: real pages have a few thousand tags
        elements = sum(1 for match in OPENING_TAG.finditer(html) if not match.group(1))
        if elements > MAX_ELEMENTS:
            raise InputTooLarge(f"{where}: {elements:,} elements is more than any article page "
                                f"(limit {MAX_ELEMENTS:,})")
    tree, too_deep = _parse(html, where)
    if not too_deep:
        return tree, []
    # Gently first, so that the article's own boxes survive.
    for gently in (True, False):
        tree, too_deep = _parse(flatten(html, FLAT_DEPTH, gently), where)
        if not too_deep:
            return tree, [f"{where}: elements nested more than {MAX_NESTING:,} levels deep; "
                          "redundant wrappers were removed to read the page"]
    raise InputTooLarge(f"{where}: elements nested more than {MAX_NESTING:,} levels deep, "
                        "even with wrappers removed; cannot read the page")


def without_internal_subset(html: str) -> str:
    head = html[:SUBSET_SCAN]
    if "[" not in head or not re.search(r"<!DOCTYPE[^>\[]*\[", head, re.I):
        return html
    return INTERNAL_SUBSET.sub(lambda match: f"<!DOCTYPE {match.group(1) or 'html'}>", head,
                               count=1) + html[SUBSET_SCAN:]


def flatten(html: str, depth: int, gently: bool = True) -> str:
    """`html` with the opening and closing tags of redundant or too deep elements removed; the
    text stays, in order, in its paragraphs (paragraph tags do not nest, so they are kept).

    `gently`: remove a tag that repeats one of the chain of tags opened just before it with no
    text between (``<div><div>``, ``<table><tr><td><table>``: the usual hostile nesting) and,
    below `depth`, bare wrappers (``<div>``, ``<span>`` without attributes). Otherwise remove
    every tag below `depth` but paragraphs."""
    pieces: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (name, kept)
    last = 0
    chain: set[str] = set()  # the opening tags since the last text or closing tag
    chain_end = 0
    for match in TOKEN.finditer(html):
        closing, name, attributes = match.group(2), (match.group(3) or "").lower(), match.group(4)
        if not name:
            continue  # a comment or raw text element: no change in depth
        if name in vocab.VOID_TAGS or attributes.rstrip().endswith("/"):
            continue
        if closing:
            kept = _close(stack, name)
            chain = set()
        else:
            if stack and name in vocab.AUTO_CLOSED_TAGS and stack[-1][0] == name:
                stack.pop()  # <p> after an unclosed <p>: the parser closes the first one
            if html[chain_end:match.start()].strip():
                chain = set()
            tag = match.group(0).lower()
            kept = _keep(name, attributes, len(stack) >= depth, gently) and not (
                gently and tag in chain)
            chain.add(tag)
            chain_end = match.end()
            stack.append((name, kept))
        if kept is False:
            pieces.append(html[last:match.start()])
            last = match.end()
    pieces.append(html[last:])
    return "".join(pieces)


def _keep(name: str, attributes: str, deep: bool, gently: bool) -> bool:
    if not deep or name in vocab.PARAGRAPH_TAGS:
        return True
    return gently and (name not in vocab.WRAPPER_TAGS or attributes.strip() != "")


def _close(stack: list[tuple[str, bool]], name: str) -> bool | None:
    """Pop the open element `name` closes; whether it was kept (None: nothing to close)."""
    for index in range(len(stack) - 1, max(-1, len(stack) - 1 - CLOSE_SEARCH), -1):
        if stack[index][0] == name:
            kept = stack[index][1]
            del stack[index:]
            return kept
    return None


def _parse(html: str, where: str) -> tuple[HtmlElement | None, bool]:
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                        remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        try:
            tree = fromstring(html, parser=parser)
        except ValueError:  # "Unicode strings with encoding declaration are not supported"
            tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (ValueError, TypeError, LookupError) as error:
        raise UndecodableInput(f"{where}: cannot parse the page as HTML ({error})") from error
    except Exception as error:  # lxml's parser errors on a page with no document at all
        if DEPTH_ERROR in str(error):
            return None, True
        return None, False
    too_deep = any(DEPTH_ERROR in entry.message for entry in parser.error_log)
    return tree, too_deep
