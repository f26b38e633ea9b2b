"""Cleaning plain text copied from a web page: headline, byline, body paragraphs, and removals.

The input is read as lines grouped in blocks (runs of lines between blank lines). Every
non-empty line ends up in the body or in `Article.removed` with its kind and reason: nothing is
silently lost. Decisions come from layout (a line's block, its neighbours, whether any body
paragraph came before it) and from the general patterns in `vocab.cleaning`, never from one
outlet's or one article's words. Passes run in order, each labelling lines the earlier ones left:
the page's web address (a first line that is only an address) -> furniture (adverts, share
bars, credits, timestamps, cues) -> bylines -> headline -> photos -> teasers -> dateline
prefix. Then the body is written: finds first, writes last.
"""
from __future__ import annotations

import re

from ..config import Config
from .layout import (Line, affiliation, alt_like, before_body, blocks_of, caption_like,
                     ends_sentence, fold, headline_like, is_credit, is_date_line, name_like,
                     neighbour, overlap, parse_byline, person, quoted, split_lines, stamp_date,
                     timestamp_line, web_address, words)
from .published import parse_date
from ..record import Article, Removed, Span
from ..vocab import cleaning as V

# A block of at most this many lines can be a photo's alt + caption + credit group.
PHOTO_BLOCK_LINES = 4


def clean_article(article: Article, config: Config) -> Article:
    extracted = bool(article.text)  # an HTML extractor already chose the body: only residue goes
    source = article.text if extracted else article.raw
    lines = split_lines(source)
    address = mark_address(lines)
    mark_furniture(lines)
    names = mark_bylines(lines)
    headline = mark_headline(lines, article.given_headline, guess=not extracted)
    if not extracted:  # the HTML pass already set photos aside using the page's markup
        mark_photos(lines)
    # Photo captions read like sentences; once they are set aside, a role line under the
    # byline ("Staff Writer") is seen to stand in the header.
    names += [name for name in mark_bylines(lines) if name not in names]
    mark_teasers(lines)
    mark_dateline(lines)
    paragraphs = body_paragraphs(lines)
    spans_valid = not extracted or source == article.raw
    article.text, article.paragraphs = join_paragraphs(paragraphs)
    article.removed = (article.removed if extracted else []) + removed_items(lines, spans_valid)
    article.headline = article.given_headline or headline
    article.byline = article.byline or names
    article.url = article.url or address
    return article


# --- passes --------------------------------------------------------------------------------------

def mark_address(lines: list[Line]) -> str | None:
    """A first line that is only a web address (a page saved with its address on top): set
    aside as the page's address, which it returns, normalized."""
    address = web_address(lines[0].text) if lines else None
    if address:
        lines[0].label("other", "the page's web address, on its first line")
    return address


def mark_furniture(lines: list[Line]) -> None:
    """Lines that are page furniture whatever surrounds them."""
    blocks = blocks_of(lines)
    for index, line in enumerate(lines):
        text, kind = line.text, line.kind
        if kind:
            continue
        bare = text.strip(" .:|·•")
        if V.ADVERT_LINES.fullmatch(bare):
            line.label("advert", "advertising label")
        elif V.NAVIGATION_LINES.fullmatch(bare) or V.FOLLOW_US.fullmatch(bare) and len(
                words(text)) <= 15:
            line.label("navigation", "share, listen or navigation control")
        elif V.NEWSLETTER.search(text) and len(words(text)) <= 25 and (
                not ends_sentence(text) or re.match(r"(?i)(sign|subscribe|get|enter|join|"
                                                    r"thank|by signing|already|you may)", text)):
            mark_plug(lines, index, blocks)
        elif V.FOOTER_LINES.fullmatch(text):
            line.label("other", "copyright, wire credit or correction boilerplate")
        elif (stamp := V.TIMESTAMP_PREFIX.match(text)) and len(words(text)) <= 16 and (
                stamp_date(text) or V.RELATIVE_DATE_ONLY.search(text)) and len(
                re.findall(r"\b[a-z]{3,}\b", text[stamp.end():])) <= 2:
            line.label("dateline", "page timestamp", stamp_date(text))
        elif timestamp_line(text) and before_body(lines, index):
            line.label("dateline", "timestamp line in the page's header", stamp_date(text))
        elif V.LONE_LABEL.fullmatch(text):
            kind = "credit" if re.match(r"(?i)image source|credit", text) else "caption"
            line.label(kind, "photo label on a line of its own")
            following = neighbour(lines, index, 1, same_block=True)
            if following and not following.kind:
                following.label(kind, f"{kind} after its label")
        elif is_credit(text):
            line.label("credit", "photo credit (agency, photographer or credit label)")
        elif split_credit(line):
            line.label("caption", "photo caption with its credit")
        elif V.CAPTION_PREFIX.match(text) and not quoted(text):
            line.label("caption", "labelled photo caption")
        elif (cue := V.TEASER_CUES.fullmatch(text)) and (cue["rest"] is not None
                                                          or text.isupper() or len(text) < 40):
            line.label("related", "links to other stories")
            if not cue["rest"]:
                mark_teaser_list(lines, index)
        elif V.BREADCRUMB.fullmatch(text) and re.search(r"[›»>]", text):
            line.label("navigation", "section breadcrumb")


def split_credit(line: Line) -> bool:
    """A caption line carrying its credit ("... in London. Photograph: Jane Doe/Reuters")."""
    match = V.INLINE_CREDIT.search(line.text)
    if not match or match.start() == 0 or not is_credit(line.text[match.end():]):
        return False
    credit = line.text[match.end():]
    start = line.start + match.end()
    line.cut.append(Removed("credit", credit, "photo credit after its caption",
                            (start, start + len(credit))))
    line.text = line.text[:match.start()].rstrip()
    line.end = line.start + len(line.text)
    return True


def mark_plug(lines: list[Line], index: int, blocks: dict[int, list[Line]]) -> None:
    """A newsletter or subscription plug: its block, and a short heading just above it."""
    block = lines[index].block
    mates = blocks[block]
    for line in mates if len(mates) <= 4 else [lines[index]]:  # not a whole unbroken page
        if not line.kind and len(words(line.text)) <= 25:
            line.label("advert", "newsletter or subscription plug")
    above = neighbour(lines, index, -1)
    if (above and not above.kind and above.block == block - 1 and len(words(above.text)) <= 6
            and not ends_sentence(above.text)
            and len(blocks[above.block]) == 1):
        above.label("advert", "heading of a newsletter plug")


def mark_teaser_list(lines: list[Line], index: int) -> None:
    """Headlines listed under a "Related:"/"Read more" cue, with their date lines."""
    for line in lines[index + 1:index + 8]:
        listed = (not re.search(r"[.!…][”\"’')]*$", line.text) and not quoted(line.text)
                  and len(words(line.text)) <= 20)  # headlines may end in "?", not in "."
        if line.kind or not (is_date_line(line.text) or listed):
            break
        line.label("related", "listed under a related-stories cue", parse_date(line.text))


def mark_bylines(lines: list[Line]) -> list[str]:
    found: list[str] = []
    for index, line in enumerate(lines):
        if line.kind and not (line.kind == "credit" and V.AGENCY.fullmatch(line.text)):
            continue
        in_header = before_body(lines, index)
        names = parse_byline(line.text, in_header)
        above = neighbour(lines, index, -1)
        if names is not None:
            line.label("byline", "author byline")
            found += [name for name in names if name not in found]
        elif in_header and above and affiliation(line.text) and (
                above.kind == "byline" or not above.kind and name_like(above.text)):
            if not above.kind:
                above.label("byline", "author name above the author's role")
                found.append(person(above.text))
            line.label("byline", "author's role or outlet")
        elif V.AUTHOR_BIO.fullmatch(line.text) and index >= len(lines) - 3:
            line.label("other", "closing note about the author")
    return found


def mark_headline(lines: list[Line], given: str | None, guess: bool) -> str | None:
    """The headline: the caller's, or the first short unpunctuated line, plus any repeat."""
    found = None
    if guess:
        candidates = [line for line in lines[:12] if not line.kind]
        for position, line in enumerate(candidates):
            label = line.text.isupper() or len(words(line.text)) <= 2 or "&" in line.text
            if label and not ends_sentence(line.text) and any(
                    headline_like(later.text) and len(words(later.text)) > 3
                    and not quoted(later.text) for later in candidates[position + 1:]):
                line.label("navigation", "menu or section label above the headline")
                continue
            following = neighbour(lines, lines.index(line), 1, same_block=True)
            if headline_like(line.text) and not is_date_line(line.text) and not timestamp_line(
                    line.text) and not web_address(line.text) and not (
                    line.text.endswith(".") and following):  # a sentence running on: body
                found = line
            break
    if found and given and overlap(fold(found.text), fold(given)) < 0.5:
        found = None  # the caller's headline names another text: keep this line as body
    if found and not any(not line.kind and line is not found for line in lines):
        found = None  # a one-line text is all body: a headline would leave nothing
    if found:
        found.label("headline", "first short line of the page, without final period")
    target = fold(given or (found.text if found else ""))
    for line in lines:
        folded = fold(line.text)
        if target and not line.kind and (folded == target or len(folded) > 20 and (
                target.startswith(folded) or folded.startswith(target))):
            line.label("headline", "headline repeated in the page")
    return V.MARKDOWN_HEADING.sub("", found.text).strip() if found else None


def mark_photos(lines: list[Line]) -> None:
    """Captions and alt text around photo credits and captions, in the same or the next block."""
    blocks = blocks_of(lines)
    for index, line in enumerate(lines):
        if line.kind not in ("credit", "caption") or line.reason.endswith("after its label"):
            continue
        size = len(blocks[line.block])
        small = size <= PHOTO_BLOCK_LINES
        first = index
        above = neighbour(lines, index, -1, same_block=True)
        if line.kind == "credit" and above and not above.kind:
            if ends_sentence(above.text) and caption_like(above.text, loose=small):
                above.label("caption", "photo caption above its credit")
            elif alt_like(above.text):
                above.label("image_alt", "image description above its credit")
        elif line.kind == "credit" and (above := neighbour(lines, index, -1)) and not above.kind:
            block_size = len(blocks[above.block])
            if block_size <= 3 and caption_like(above.text):
                above.label("caption", "photo caption in the block above its credit")
        below = neighbour(lines, index, 1, same_block=True)
        if line.kind == "credit" and below and not below.kind and caption_like(below.text):
            below.label("caption", "photo caption below its credit")
        while first > 0 and lines[first - 1].kind in ("caption", "image_alt", "credit") and (
                lines[first - 1].block >= line.block - 1):
            first -= 1
        alt = neighbour(lines, first, -1, same_block=True)
        if not alt and before_body(lines, first):  # the lead photo's alt text, a block apart
            alt = neighbour(lines, first, -1)
            alt = alt if alt and len(words(alt.text)) <= 12 and "," not in alt.text else None
        if alt and not alt.kind and (alt_like(alt.text) or alt.block == lines[first].block
                                     and small and caption_like(alt.text, loose=True)):
            alt.label("image_alt", "image description beside its caption or credit")
    for index, line in enumerate(lines):  # alt text and caption with no credit: a 2-line block
        below = neighbour(lines, index, 1, same_block=True)
        size = len(blocks[line.block])
        if (size == 2 and below and not line.kind and not below.kind and alt_like(line.text)
                and ends_sentence(below.text) and caption_like(below.text)):
            line.label("image_alt", "image description above a photo caption")
            below.label("caption", "present-tense photo caption below an image description")


def mark_teasers(lines: list[Line]) -> None:
    """Date lines: a teaser's stamp after a body paragraph, else the page's own stamp."""
    for index, line in enumerate(lines):
        if line.kind or not is_date_line(line.text):
            continue
        date = parse_date(line.text)
        teaser = neighbour(lines, index, -1)
        header = before_body(lines, index) or teaser and teaser.kind in (
            "headline", "byline", "dateline", "navigation")
        if (teaser and not teaser.kind and not before_body(lines, index - 1)
                and not quoted(teaser.text) and len(words(teaser.text)) <= 45):
            line.label("related", "date line of a related-story teaser", date)
            teaser.label("related", "related-story teaser followed by its own date line", date)
            kicker = neighbour(lines, index - 1, -1)
            if (kicker and not kicker.kind and len(words(kicker.text)) <= 4
                    and not ends_sentence(kicker.text) and not quoted(kicker.text)):
                kicker.label("related", "section label of a related-story teaser", date)
        elif header:
            line.label("dateline", "page date stamp in the header", date)
        else:
            line.label("other", "date line with no teaser above it", date)
    body = [line for line in lines if not line.kind]
    for line in body[1:]:
        if (len(words(line.text)) <= 45 and V.TEASER_ENDINGS.search(line.text)
                and len(re.findall(r"[.!?](?:\s|$)", line.text)) <= 2):
            line.label("related", "explainer teaser pointing to another story")


def mark_dateline(lines: list[Line]) -> None:
    """A wire dateline opening the first body paragraph ("LONDON, April 3 (Reuters) -")."""
    for line in [line for line in lines if not line.kind][:2]:
        match = V.DATELINE.match(line.text)
        agency = match and (match["agency"] or match["agency2"] or match["agency3"])
        if not match or match.end() >= len(line.text) or (agency and len(agency.split()) > 4):
            continue
        place = match["place"] or match["place3"] or ""
        if not agency and (len(re.sub(r"[^A-Z]", "", place)) < 3 or not match["place"]):
            continue
        prefix = line.text[:match.end()].rstrip()
        line.cut.append(Removed("dateline", prefix, "wire dateline opening the first paragraph",
                                (line.start, line.start + len(prefix)),
                                parse_date(date) if (date := match["date"] or match["date3"])
                                else None))
        line.text = line.text[match.end():]
        line.start += match.end()
        return


# --- writing ---------------------------------------------------------------------------------

def body_paragraphs(lines: list[Line]) -> list[str]:
    """Body lines as paragraphs; lines of one block join only where the copy hard-wrapped them."""
    paragraphs: list[str] = []
    previous: Line | None = None
    hard_wrapped = {block for block, members in blocks_of(lines).items() if wrapped(members)}
    for line in lines:
        if line.kind:
            previous = None
            continue
        if previous and previous.block == line.block and (
                line.text[:1].islower() or line.block in hard_wrapped):
            paragraphs[-1] += " " + line.text
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


def wrapped(block: list[Line]) -> bool:
    """A block hard-wrapped at a fixed width (plain-text copies), not one line per paragraph."""
    widths = [len(line.text) for line in block][:-1]
    return len(widths) >= 2 and max(widths) <= 100 and min(widths) >= 0.6 * max(widths)


def join_paragraphs(blocks: list[str]) -> tuple[str, list[Span]]:
    spans, offset = [], 0
    for block in blocks:
        spans.append((offset, offset + len(block)))
        offset += len(block) + 2
    return "\n\n".join(blocks), spans


def removed_items(lines: list[Line], spans_valid: bool) -> list[Removed]:
    items: list[Removed] = []
    for line in lines:
        pieces = list(line.cut)
        if line.kind:
            pieces.append(Removed(line.kind, line.text, line.reason, (line.start, line.end),
                                  line.date))
        for piece in sorted(pieces, key=lambda item: item.input_span or (0, 0)):
            if not spans_valid:
                piece.input_span = None
            items.append(piece)
    return items
