"""Page furniture set aside from the DOM: captions, photo credits, pull quotes, related teasers,
newsletter and ad boxes, menus and comments become `Removed` records and leave the tree.

Also the small text and DOM helpers the body pass (`storyline.inputs.html`) and the metadata reader
(`storyline.inputs.page_meta`) share.
"""
from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement

from ..record import Removed
from ..vocab import page as vocab

# Boxes holding this much of the page's paragraph text are the article, whatever their class.
MAX_BOX_SHARE = 0.4
# How many removed records of one kind a page may add (menus of huge sites go on forever).
MAX_REMOVED_PER_KIND = 40
# Prose is runs of text of at least this many words (menus and teasers have short runs).
PROSE_RUN_WORDS = 10
PROSE_RUN_CHARS = 2 * PROSE_RUN_WORDS  # no run of 10 words is shorter
# A box with less text than this is furniture whatever it holds.
SMALL_BOX_CHARS = 120
# Boxes with this many long paragraphs are layout containers, not furniture.
CONTAINER_PARAGRAPHS = 3

SPACES = re.compile(r"\s+")
WORD = re.compile(r"\w+")


def set_aside(tree: HtmlElement) -> list[Removed]:
    """Take captions, credits, pull quotes, teasers, boxes and menus out of `tree`; record them."""
    removed: list[Removed] = []
    counts: Counter[str] = Counter()

    def record(kind: str, text: str, reason: str) -> None:
        text = clean_text(text)
        if text:
            counts[kind] += 1
            if counts[kind] <= MAX_REMOVED_PER_KIND:
                removed.append(Removed(kind, text, reason))

    for element in list(tree.iter(*vocab.NEVER_TEXT_TAGS)):
        _drop(element)
    page_words: list[int] = []  # counted when a big box first needs it
    headline = tree.find(".//h1")
    for image in tree.iter("img"):
        alt = clean_text(image.get("alt") or "")
        if len(alt.split()) >= 3 and _inside_article_or_figure(image):
            record("image_alt", alt, "image alt text")
    stack = list(reversed(tree))
    while stack:  # document order, never into a box already taken out
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        kind, reason = _furniture(element)
        if kind is None or not _is_box(element, headline, page_words):
            stack.extend(reversed(element))
            continue
        if reason == "pull quote" and not _repeated(element, tree):
            stack.extend(reversed(element))  # a "pull quote" whose words are nowhere else
            continue
        if kind == "caption":
            for credit in element.xpath(".//*[@class or @id]"):
                if vocab.CREDIT_CLASS.search(class_names(credit)):
                    record("credit", credit.text_content(), "photo credit")
                    _drop(credit)
        record(kind, _spaced_text(element), reason)
        _drop(element)
    for kind, count in counts.items():
        if count > MAX_REMOVED_PER_KIND:
            removed.append(Removed(kind, f"({count - MAX_REMOVED_PER_KIND} more)",
                                   f"{count - MAX_REMOVED_PER_KIND} more {kind} blocks not listed"))
    return removed


def _is_box(element: HtmlElement, headline: HtmlElement | None, page_words: list[int]) -> bool:
    """Small enough to be page furniture: not the headline's or the article's container."""
    if headline is not None and (element is headline or contains(element, headline)):
        return False
    if len(element.text_content()) < SMALL_BOX_CHARS:
        return True
    if not page_words:
        page_words.append(_prose_words(element.getroottree().getroot()) or 1)
    return _prose_words(element) <= MAX_BOX_SHARE * page_words[0] and not _is_container(element)


def _furniture(element: HtmlElement) -> tuple[str | None, str]:
    tag = element.tag
    if tag == "figcaption":
        return "caption", "figure caption"
    if tag in vocab.NAVIGATION_TAGS:
        return "navigation", "navigation menu"
    names = class_names(element)
    if not names or tag in ("html", "body") or not vocab.ANY_BOX.search(names):
        return None, ""
    for kind, pattern, reason in vocab.BOX_KINDS:
        if pattern.search(names):
            return kind, reason
    return None, ""


def class_names(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower().strip()


def _spaced_text(element: HtmlElement) -> str:
    """Text content with a space where block elements meet ("Home News", not "HomeNews").
    Only for elements about to be dropped: it pads the tails of their block descendants."""
    for block in element.iter(*vocab.BLOCK_TAGS):
        if block is not element:
            block.tail = " " + (block.tail or "")
            block.text = " " + (block.text or "")
    return clean_text(element.text_content())


def _prose_words(element: HtmlElement) -> int:
    """Words in runs of text long enough to be prose (menus and teasers have short runs)."""
    counts = (len(chunk.split()) for chunk in element.itertext() if len(chunk) >= PROSE_RUN_CHARS)
    return sum(count for count in counts if count >= PROSE_RUN_WORDS)


def _is_container(element: HtmlElement) -> bool:
    """Holds several paragraphs of prose: a layout wrapper, whatever its class says."""
    long_paragraphs = sum(1 for p in element.iter("p") if len(p.text_content().split()) >= 20)
    long_runs = sum(1 for chunk in element.itertext()
                    if len(chunk) >= 40 and len(chunk.split()) >= 20)
    return max(long_paragraphs, long_runs) >= CONTAINER_PARAGRAPHS


def _drop(element: HtmlElement) -> None:
    """Remove `element` but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def contains(ancestor: HtmlElement, element: HtmlElement) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


def _inside_article_or_figure(element: HtmlElement) -> bool:
    return any(parent.tag in ("figure", "article", "main") for parent in element.iterancestors())


def _repeated(element: HtmlElement, tree: HtmlElement) -> bool:
    """The element's words stand elsewhere in the page too (as a pull quote's do)."""
    words = fold(element.text_content())[:120].rsplit(" ", 1)[0]
    if not words:
        return True
    inside = set(element.iter())
    return any(words in fold(block.text_content()) for block in tree.iter(*vocab.TEXT_TAGS)
               if block not in inside)


def fold(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def clean_text(text: str | None) -> str:
    return SPACES.sub(" ", text or "").strip()
