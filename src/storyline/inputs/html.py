"""HTML pages to `Article`s: page furniture set aside from the DOM, the body through trafilatura.

1. Parse once with lxml; read the metadata (`page_meta`: trafilatura, htmldate and the page's
   own meta tags).
2. Set aside captions, photo credits, pull quotes, related teasers, newsletter and ad boxes,
   menus and comments as `Removed` records, taking them out of a copy of the tree (`furniture`).
3. Run trafilatura on what is left (precision first, balanced when that finds nothing).
4. Check its paragraphs against the page: drop the headline (and teasers above it) and residue
   lines (credits, sign-up lines), put back a lede it left out or body chunks it left in sibling
   containers of the same class.
A page with no article (a home page, a list, an error page) raises `EmptyInput`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml.html import HtmlElement

from ..config import Config
from ..errors import EmptyInput, InputTooLarge, UndecodableInput
from .furniture import WORD, class_names, clean_text, contains, fold, set_aside
from .markup import parse_markup
from .page_meta import PageMetadata, clean_authors, page_metadata
from .read import printable_line
from ..record import Article, Removed, Source
from ..vocab import page as vocab

# Callers read pages through this module; the metadata and furniture passes live in their own.
__all__ = ["article_from_html", "body_blocks", "clean_authors", "extract_body", "page_metadata",
           "parse_html", "set_aside"]

# Fewer words than this in the whole body, or in its sentences: the page holds no article.
MIN_BODY_WORDS = 20
# A body with less prose than this and mostly links is a list of teasers.
MIN_PROSE_CHARS = 250
MAX_LINKED_SHARE = 0.5
# A precision run shorter than this share of a balanced run is a failed run.
MIN_PRECISION_SHARE = 0.3
# A lede: a sentence-like block of at least this many words between headline and body.
LEDE_MIN_WORDS = 12
KEY_CHARS = 40
# The headline is looked for among the first blocks; blocks above it are teasers.
HEADLINE_SCAN = 6

FULL_PAGE = re.compile(r"<(?:html|body|head)\b", re.I)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass
class Block:
    text: str
    position: int  # index of the DOM block it came from; -1 when unknown
    linked: float = 0.0  # share of its text inside links


@dataclass
class TextIndex:
    """The page's text blocks in document order, found again by the start of their text."""

    elements: list[HtmlElement]
    texts: list[str]
    by_start: dict[str, int]
    position: dict[HtmlElement, int]

    def find(self, text: str) -> int:
        key = clean_text(text.split("\n")[0])[:KEY_CHARS]
        return self.by_start.get(key, -1)


def article_from_html(html: str, config: Config, location: str | None = None,
                      published: str | None = None) -> Article:
    """One page to an `Article` with `text`, `paragraphs` and `removed` already filled."""
    where = location or "html"
    tree, warnings = _parse_page(html, config, where)
    meta = page_metadata(tree, location)
    removed = set_aside(tree)
    blocks, dropped = body_blocks(tree, config, meta)
    removed.extend(dropped)
    text = "\n\n".join(block.text for block in blocks)
    if len(WORD.findall(text)) < MIN_BODY_WORDS:
        frames = [frame.get("src") for frame in tree.iter("frame") if frame.get("src")]
        if frames:
            raise EmptyInput(f"{where}: a frameset page, its text is in its frames; read "
                             + ", ".join(printable_line(src, 80) for src in frames[:5]))
        raise EmptyInput(f"{where}: no article text found in the page"
                         + (f" ({meta.headline!r} looks like an error page)"
                            if meta.headline and vocab.ERROR_PAGE.search(meta.headline) else ""))
    prose = sum(len(b.text) for b in blocks if _is_sentence(b.text))
    linked = sum(len(b.text) * b.linked for b in blocks) / max(1, len(text))
    if prose < MIN_PROSE_CHARS and linked > MAX_LINKED_SHARE:
        raise EmptyInput(f"{where}: no article text found in the page (only headlines and "
                         "links: a home, section or list page?)")
    if len(text) > config.max_chars:
        raise InputTooLarge(f"{where}: the body is {len(text):,} characters, more than any "
                            f"article (limit {config.max_chars:,})")
    article = Article(raw=text, source=Source("html", location), text=text,
                      paragraphs=_spans([block.text for block in blocks]), removed=removed,
                      given_headline=meta.headline, byline=meta.authors,
                      url=meta.url or location)
    article.warnings.extend(warnings)
    if meta.language:
        article.language = meta.language
    if published:
        article.given_published, article.given_published_basis = published, "user"
    elif meta.published:
        article.given_published, article.given_published_basis = meta.published, "metadata"
    return article


def extract_body(html: str, config: Config) -> str:
    """The body text alone (paragraphs joined by blank lines), "" when the page has none."""
    from ..errors import StorylineError

    try:
        return article_from_html(html, config).text
    except StorylineError:
        return ""


def parse_html(html: str, config: Config, where: str = "html") -> HtmlElement:
    return _parse_page(html, config, where)[0]


def _parse_page(html: str, config: Config, where: str) -> tuple[HtmlElement, list[str]]:
    """The page's tree and warnings about repairs (see `markup`); raw HTML is capped by
    `config.max_fetch_bytes`, like fetched pages."""
    if len(html) > config.max_fetch_bytes:
        raise InputTooLarge(f"{where}: {len(html):,} characters of HTML is more than any "
                            f"article page (limit {config.max_fetch_bytes:,})")
    if not html.strip():
        raise EmptyInput(f"{where}: empty page, nothing to extract")
    sample = html[:20000]
    if len(CONTROL_CHARS.findall(sample)) > 0.05 * len(sample):
        raise UndecodableInput(f"{where}: looks like binary data, not HTML")
    if not FULL_PAGE.search(html[:5000]):
        html = f"<html><body><div>{html}</div></body></html>"  # a fragment: give it a page
    tree, warnings = parse_markup(html.replace("\x00", ""), where)
    if tree is None or not isinstance(tree, HtmlElement):
        raise EmptyInput(f"{where}: not an HTML page, nothing to extract")
    return tree, warnings


# --- the body ------------------------------------------------------------------------------

def body_blocks(tree: HtmlElement, config: Config,
                meta: PageMetadata) -> tuple[list[Block], list[Removed]]:
    """The body's paragraphs, each tied to its place in `tree`, and what was dropped from it."""
    index = _text_index(tree)
    blocks = [Block(text, index.find(text)) for text in
              _trafilatura_paragraphs(tree, config, meta.url)]
    removed: list[Removed] = []
    blocks = _drop_lines(blocks, index, meta, removed)
    blocks = _add_lede(blocks, index)
    blocks = _add_sibling_chunks(blocks, index, meta)
    for block in blocks:
        if block.position >= 0:
            block.linked = _link_share(index.elements[block.position])
    return blocks, removed


def _trafilatura_paragraphs(tree: HtmlElement, config: Config, url: str | None) -> list[str]:
    """trafilatura's body as paragraphs. `config.html_favor`: "precision", "recall" or
    "balanced" run trafilatura so; None (the default) favours precision and falls back to the
    balanced run when precision finds (almost) nothing."""
    import trafilatura

    def run(**favor) -> list[str]:
        document = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=True, **favor)
        return _paragraphs(document.body) if document is not None else []

    if config.html_favor == "recall":
        return run(favor_recall=True)
    if config.html_favor == "balanced":
        return run()
    precise = run(favor_precision=True)
    if config.html_favor == "precision":
        return precise
    if sum(map(len, precise)) >= 500:
        return precise
    balanced = run()
    if sum(map(len, precise)) < MIN_PRECISION_SHARE * sum(map(len, balanced)):
        return balanced
    return precise


def _paragraphs(body) -> list[str]:
    """trafilatura's output tree to paragraphs: one per p, head, quote, list item, table row."""
    out: list[str] = []
    for child in body:
        if child.tag == "list":
            out.extend(_text(item, skip=("list",)) for item in child.iter("item"))
        elif child.tag == "table":
            out.extend(" | ".join(filter(None, (_text(cell) for cell in row.iter("cell"))))
                       for row in child.iter("row"))
        elif child.tag != "graphic":
            out.append(_text(child))
        if child.tail and child.tail.strip():
            out.append(clean_text(child.tail))
    return [text for text in out if text]


def _text(element, skip: tuple[str, ...] = ()) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in skip:
            parts.append(_text(child, skip))
        parts.append(child.tail or "")
    return "\n".join(clean_text(line) for line in "".join(parts).split("\n") if line.strip())


def _text_index(tree: HtmlElement) -> TextIndex:
    elements, texts, by_start = [], [], {}
    for element in tree.iter(*vocab.BLOCK_TAGS):
        if element.tag not in vocab.TEXT_TAGS and not _inline_content(element):
            continue
        text = clean_text(element.text_content())
        if not text:
            continue
        elements.append(element)
        texts.append(text)
        keys = {text[:KEY_CHARS], clean_text(_first_line(element))[:KEY_CHARS]}
        keys.update(clean_text(br.tail)[:KEY_CHARS] for br in element.iterchildren("br"))
        for key in keys - {""}:
            known = by_start.get(key)
            if known is None or contains(elements[known], element):
                by_start[key] = len(elements) - 1
    return TextIndex(elements, texts, by_start, {e: i for i, e in enumerate(elements)})


def _drop_lines(blocks: list[Block], index: TextIndex, meta: PageMetadata,
                removed: list[Removed]) -> list[Block]:
    """Drop the headline (and teasers above it), residue lines and doubled paragraphs."""
    headline = fold(meta.headline or "")

    def is_headline(block: Block) -> bool:
        return (block.position >= 0 and index.elements[block.position].tag == "h1") or (
            bool(headline) and fold(block.text) == headline)

    top = next((n for n, block in enumerate(blocks[:HEADLINE_SCAN]) if is_headline(block)), None)
    if top is not None:
        removed.extend(Removed("other", block.text, "above the headline") for block in blocks[:top])
        removed.append(Removed("headline", blocks[top].text, "headline above the body"))
        blocks = blocks[top + 1:]
    kept: list[Block] = []
    for block in blocks:
        kind = _residue_kind(block.text)
        if kind:
            removed.append(Removed(kind, block.text, "page residue line"))
        elif not kept or fold(block.text) != fold(kept[-1].text):  # a doubled paragraph
            kept.append(block)
    return kept


def _add_lede(blocks: list[Block], index: TextIndex) -> list[Block]:
    """Put back sentence blocks trafilatura left between the headline and the first paragraph."""
    if not blocks or blocks[0].position < 0:
        return blocks
    first = blocks[0].position
    first_element = index.elements[first]
    start = max(0, first - 8)
    for i in range(first - 1, start - 1, -1):
        if index.elements[i].tag == "h1":
            start = i + 1
            break
    scope = first_element.getparent()
    if scope is not None and scope.getparent() is not None:
        scope = scope.getparent()
    have = {fold(block.text) for block in blocks}
    lede = []
    for i in range(start, first + 1):
        element = index.elements[i]
        if not contains(scope, element) and element is not scope:
            continue
        # a wrapper around the body: only its own opening text can be a lost lede
        wrapper = i == first or contains(element, first_element)
        text = clean_text(_first_line(element)) if wrapper else index.texts[i]
        folded = fold(text)
        if folded and folded not in have and not any(folded in other for other in have) \
                and _is_lede(text, element, wrapper):
            lede.append(Block(text, i))
            have.add(fold(text))
    return lede[-3:] + blocks


def _add_sibling_chunks(blocks: list[Block], index: TextIndex,
                        meta: PageMetadata) -> list[Block]:
    """Body split over several same-class containers: take the chunks trafilatura skipped."""
    located = [b.position for b in blocks if b.position >= 0]
    parents = Counter(index.elements[i].getparent() for i in located)
    if not parents:
        return blocks
    container, count = parents.most_common(1)[0]
    if container is None or count < 2 or not container.get("class"):
        return blocks
    region = container
    for _ in range(3):
        region = region.getparent() if region.getparent() is not None else region
    have = {fold(b.text) for b in blocks} | {fold(meta.headline or "")}
    extra = []
    for other in region.iter(container.tag):
        if other is container or other.get("class") != container.get("class") \
                or contains(other, container) or contains(container, other):
            continue
        for child in other:
            i = index.position.get(child, -1)
            if i > located[0] and child.tag != "h1" and fold(index.texts[i]) not in have \
                    and _is_body_text(index, i):
                extra.append(Block(index.texts[i], i))
    if not extra:
        return blocks
    return sorted(blocks + extra, key=lambda b: b.position if b.position >= 0 else 10**9)


def _is_lede(text: str, element: HtmlElement, own_line: bool = False) -> bool:
    words = len(text.split())
    if element.tag not in vocab.LEDE_TAGS or vocab.DEK_CLASS.search(
            f"{class_names(element)} {class_names(element.getparent())}"):
        return False
    if words < LEDE_MIN_WORDS or (SENTENCE_END.search(text) is None and words < 30):
        return False
    if _residue_kind(text) or re.match(r"(?i)(?:by|updated|published|posted)\b", text):
        return False
    if not own_line and any(d.tag in vocab.BLOCK_TAGS and d.tag != "br"
                            for d in element.iterdescendants()):
        return False  # a wrapper: its paragraphs are candidates of their own
    return _linked_chars(element) < 0.5 * len(text)


def _is_body_text(index: TextIndex, i: int) -> bool:
    text, element = index.texts[i], index.elements[i]
    if element.tag in vocab.HEADING_TAGS:
        return len(text.split()) >= 2
    if len(text.split()) < 5 or _residue_kind(text):
        return False
    return _linked_chars(element) < 0.5 * len(text)


def _residue_kind(text: str) -> str | None:
    if len(text.split()) > vocab.RESIDUE_MAX_WORDS:
        return None
    return next((kind for kind, pattern in vocab.RESIDUE_LINES if pattern.search(text)), None)


# --- helpers -------------------------------------------------------------------------------

def _spans(texts: list[str]) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for text in texts:
        spans.append((offset, offset + len(text)))
        offset += len(text) + 2
    return spans


def _is_sentence(text: str) -> bool:
    return len(text) >= 40 and re.search(r"[.!?…。！？]", text) is not None


def _link_share(element: HtmlElement) -> float:
    if any(parent.tag == "a" for parent in element.iterancestors()):
        return 1.0
    return min(1.0, _linked_chars(element) / (len(clean_text(element.text_content())) or 1))


def _linked_chars(element: HtmlElement) -> int:
    return sum(len(clean_text(a.text_content())) for a in element.iter("a"))


def _inline_content(element: HtmlElement) -> bool:
    """Text of its own, loose or in inline children (a block of text, not only a wrapper)."""
    return bool(_first_line(element).strip()) or any((child.tail or "").strip()
                                                     for child in element)


def _first_line(element: HtmlElement) -> str:
    """The element's text up to its first block-level descendant (a lede before the paragraphs)."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> bool:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag in vocab.BLOCK_TAGS:
                return True
            if isinstance(child.tag, str) and walk(child):
                return True
            parts.append(child.tail or "")
        return False

    walk(element)
    return "".join(parts)
