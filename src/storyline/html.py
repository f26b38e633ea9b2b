"""HTML pages to `Article`s: page furniture set aside from the DOM, the body through trafilatura.

1. Parse once with lxml; read the metadata (trafilatura, htmldate and the page's own meta tags).
2. Set aside captions, photo credits, pull quotes, related teasers, newsletter and ad boxes,
   menus and comments as `Removed` records, taking them out of a copy of the tree.
3. Run trafilatura on what is left (precision first, balanced when that finds nothing).
4. Check its paragraphs against the page: drop the headline (and teasers above it) and residue
   lines (credits, sign-up lines), put back a lede it left out or body chunks it left in sibling
   containers of the same class.
A page with no article (a home page, a list, an error page) raises `EmptyInput`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from .config import Config
from .errors import EmptyInput, InputTooLarge, UndecodableInput
from .record import Article, Removed, Source
from .vocab import page as vocab

# Fewer words than this in the whole body, or in its sentences: the page holds no article.
MIN_BODY_WORDS = 20
# A body with less prose than this and mostly links is a list of teasers.
MIN_PROSE_CHARS = 250
MAX_LINKED_SHARE = 0.5
# A precision run shorter than this share of a balanced run is a failed run.
MIN_PRECISION_SHARE = 0.3
# Boxes holding this much of the page's paragraph text are the article, whatever their class.
MAX_BOX_SHARE = 0.4
# How many removed records of one kind a page may add (menus of huge sites go on forever).
MAX_REMOVED_PER_KIND = 40
# A lede: a sentence-like block of at least this many words between headline and body.
LEDE_MIN_WORDS = 12
KEY_CHARS = 40
# The headline is looked for among the first blocks; blocks above it are teasers.
HEADLINE_SCAN = 6
PROSE_RUN_WORDS = 10
PROSE_RUN_CHARS = 2 * PROSE_RUN_WORDS  # no run of 10 words is shorter
# A box with less text than this is furniture whatever it holds.
SMALL_BOX_CHARS = 120
# Boxes with this many long paragraphs are layout containers, not furniture.
CONTAINER_PARAGRAPHS = 3

SPACES = re.compile(r"\s+")
FULL_PAGE = re.compile(r"<(?:html|body|head)\b", re.I)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")
WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


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
        key = _clean(text.split("\n")[0])[:KEY_CHARS]
        return self.by_start.get(key, -1)


def article_from_html(html: str, config: Config, location: str | None = None,
                      published: str | None = None) -> Article:
    """One page to an `Article` with `text`, `paragraphs` and `removed` already filled."""
    where = location or "html"
    tree = parse_html(html, config, where)
    meta = page_metadata(tree, location)
    removed = set_aside(tree)
    blocks, dropped = body_blocks(tree, config, meta)
    removed.extend(dropped)
    text = "\n\n".join(block.text for block in blocks)
    if len(WORD.findall(text)) < MIN_BODY_WORDS:
        raise EmptyInput(f"{where}: no article text found in the page"
                         + (f" ({meta.headline!r} looks like an error page)"
                            if meta.headline and vocab.ERROR_PAGE.search(meta.headline) else ""))
    prose = sum(len(b.text) for b in blocks if _is_sentence(b.text))
    linked = sum(len(b.text) * b.linked for b in blocks) / max(1, len(text))
    if prose < MIN_PROSE_CHARS and linked > MAX_LINKED_SHARE:
        raise EmptyInput(f"{where}: no article text found in the page (only headlines and "
                         "links: a home, section or list page?)")
    article = Article(raw=text, source=Source("html", location), text=text,
                      paragraphs=_spans([block.text for block in blocks]), removed=removed,
                      given_headline=meta.headline, byline=meta.authors,
                      url=meta.url or location)
    if meta.language:
        article.language = meta.language
    if published:
        article.given_published, article.given_published_basis = published, "user"
    elif meta.published:
        article.given_published, article.given_published_basis = meta.published, "metadata"
    return article


def extract_body(html: str, config: Config) -> str:
    """The body text alone (paragraphs joined by blank lines), "" when the page has none."""
    from .errors import StorylineError

    try:
        return article_from_html(html, config).text
    except StorylineError:
        return ""


def parse_html(html: str, config: Config, where: str = "html") -> HtmlElement:
    from trafilatura.utils import load_html

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
    try:
        tree = load_html(html.replace("\x00", ""))
    except (ValueError, TypeError, LookupError) as error:
        raise UndecodableInput(f"{where}: cannot parse the page as HTML ({error})") from error
    if tree is None or not isinstance(tree, HtmlElement):
        raise EmptyInput(f"{where}: not an HTML page, nothing to extract")
    return tree


# --- metadata ------------------------------------------------------------------------------

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
        headline=_clean(found.title) or None, authors=clean_authors(found.author or ""),
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
        name = _clean(vocab.AUTHOR_PREFIX.sub("", part)).strip(" .:-–—@")
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


# --- page furniture ------------------------------------------------------------------------

def set_aside(tree: HtmlElement) -> list[Removed]:
    """Take captions, credits, pull quotes, teasers, boxes and menus out of `tree`; record them."""
    removed: list[Removed] = []
    counts: Counter[str] = Counter()

    def record(kind: str, text: str, reason: str) -> None:
        text = _clean(text)
        if text:
            counts[kind] += 1
            if counts[kind] <= MAX_REMOVED_PER_KIND:
                removed.append(Removed(kind, text, reason))

    for element in list(tree.iter(*vocab.NEVER_TEXT_TAGS)):
        _drop(element)
    page_words: list[int] = []  # counted when a big box first needs it
    headline = tree.find(".//h1")
    for image in tree.iter("img"):
        alt = _clean(image.get("alt") or "")
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
                if vocab.CREDIT_CLASS.search(_names(credit)):
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
    if headline is not None and (element is headline or _contains(element, headline)):
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
    names = _names(element)
    if not names or tag in ("html", "body") or not vocab.ANY_BOX.search(names):
        return None, ""
    for kind, pattern, reason in vocab.BOX_KINDS:
        if pattern.search(names):
            return kind, reason
    return None, ""


def _names(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower().strip()


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
            out.append(_clean(child.tail))
    return [text for text in out if text]


def _text(element, skip: tuple[str, ...] = ()) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in skip:
            parts.append(_text(child, skip))
        parts.append(child.tail or "")
    return "\n".join(_clean(line) for line in "".join(parts).split("\n") if line.strip())


def _text_index(tree: HtmlElement) -> TextIndex:
    elements, texts, by_start = [], [], {}
    for element in tree.iter(*vocab.BLOCK_TAGS):
        if element.tag not in vocab.TEXT_TAGS and not _inline_content(element):
            continue
        text = _clean(element.text_content())
        if not text:
            continue
        elements.append(element)
        texts.append(text)
        keys = {text[:KEY_CHARS], _clean(_first_line(element))[:KEY_CHARS]}
        keys.update(_clean(br.tail)[:KEY_CHARS] for br in element.iterchildren("br"))
        for key in keys - {""}:
            known = by_start.get(key)
            if known is None or _contains(elements[known], element):
                by_start[key] = len(elements) - 1
    return TextIndex(elements, texts, by_start, {e: i for i, e in enumerate(elements)})


def _drop_lines(blocks: list[Block], index: TextIndex, meta: PageMetadata,
                removed: list[Removed]) -> list[Block]:
    """Drop the headline (and teasers above it), residue lines and doubled paragraphs."""
    headline = _fold(meta.headline or "")

    def is_headline(block: Block) -> bool:
        return (block.position >= 0 and index.elements[block.position].tag == "h1") or (
            bool(headline) and _fold(block.text) == headline)

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
        elif not kept or _fold(block.text) != _fold(kept[-1].text):  # a doubled paragraph
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
    have = {_fold(block.text) for block in blocks}
    lede = []
    for i in range(start, first + 1):
        element = index.elements[i]
        if not _contains(scope, element) and element is not scope:
            continue
        # a wrapper around the body: only its own opening text can be a lost lede
        wrapper = i == first or _contains(element, first_element)
        text = _clean(_first_line(element)) if wrapper else index.texts[i]
        folded = _fold(text)
        if folded and folded not in have and not any(folded in other for other in have) \
                and _is_lede(text, element, wrapper):
            lede.append(Block(text, i))
            have.add(_fold(text))
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
    have = {_fold(b.text) for b in blocks} | {_fold(meta.headline or "")}
    extra = []
    for other in region.iter(container.tag):
        if other is container or other.get("class") != container.get("class") \
                or _contains(other, container) or _contains(container, other):
            continue
        for child in other:
            i = index.position.get(child, -1)
            if i > located[0] and child.tag != "h1" and _fold(index.texts[i]) not in have \
                    and _is_body_text(index, i):
                extra.append(Block(index.texts[i], i))
    if not extra:
        return blocks
    return sorted(blocks + extra, key=lambda b: b.position if b.position >= 0 else 10**9)


def _is_lede(text: str, element: HtmlElement, own_line: bool = False) -> bool:
    words = len(text.split())
    if element.tag not in vocab.LEDE_TAGS or vocab.DEK_CLASS.search(
            f"{_names(element)} {_names(element.getparent())}"):
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


def _spaced_text(element: HtmlElement) -> str:
    """Text content with a space where block elements meet ("Home News", not "HomeNews").
    Only for elements about to be dropped: it pads the tails of their block descendants."""
    for block in element.iter(*vocab.BLOCK_TAGS):
        if block is not element:
            block.tail = " " + (block.tail or "")
            block.text = " " + (block.text or "")
    return _clean(element.text_content())


def _is_sentence(text: str) -> bool:
    return len(text) >= 40 and re.search(r"[.!?…。！？]", text) is not None


def _link_share(element: HtmlElement) -> float:
    if any(parent.tag == "a" for parent in element.iterancestors()):
        return 1.0
    return min(1.0, _linked_chars(element) / (len(_clean(element.text_content())) or 1))


def _linked_chars(element: HtmlElement) -> int:
    return sum(len(_clean(a.text_content())) for a in element.iter("a"))


def _fold(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


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


def _clean(text: str | None) -> str:
    return SPACES.sub(" ", text or "").strip()


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


def _contains(ancestor: HtmlElement, element: HtmlElement) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


def _inside_article_or_figure(element: HtmlElement) -> bool:
    return any(parent.tag in ("figure", "article", "main") for parent in element.iterancestors())


def _repeated(element: HtmlElement, tree: HtmlElement) -> bool:
    """The element's words stand elsewhere in the page too (as a pull quote's do)."""
    words = _fold(element.text_content())[:120].rsplit(" ", 1)[0]
    if not words:
        return True
    inside = set(element.iter())
    return any(words in _fold(block.text_content()) for block in tree.iter(*vocab.TEXT_TAGS)
               if block not in inside)
