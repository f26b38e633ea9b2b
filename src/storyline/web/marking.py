"""An article's body as HTML with its entities, time expressions and quotes marked, every piece of
article text escaped on its own (the marks are ours, the text never is markup).

Marks nest: a quote holds the mentions and times inside it. A mark that crosses the end of the
one it starts in is cut there, so the HTML stays well formed; one that runs on into the next
paragraph is opened again there. The first mark that starts at
character N of the body carries ``id="c-N"``, the anchor other pages link to (an event's
sentence start gets an empty anchor of its own when nothing else starts there).
"""
from __future__ import annotations

from markupsafe import Markup, escape

# Outer marks first when several start at one character.
NESTING = {"quote": 0, "entity": 1, "time": 2, "anchor": 3}


def marks_of(article, entity_urls: dict[str, str | None]) -> list[dict]:
    """The marks of an `Article`: each mention, time expression and quote, and each event's
    start (an anchor), as plain data (also the JSON twin's)."""
    marks = []
    for entity in article.entities:
        for start, end in entity.mentions:
            marks.append({"kind": "entity", "start": start, "end": end, "entity": entity.id,
                          "type": entity.type, "name": entity.name,
                          "url": entity_urls.get(entity.id)})
    for expression in article.times:
        marks.append({"kind": "time", "start": expression.span[0], "end": expression.span[1],
                      "value": expression.value, "type": expression.type})
    for quote in article.quotes:
        marks.append({"kind": "quote", "start": quote.span[0], "end": quote.span[1],
                      "quote": quote.id, "speaker": quote.speaker, "quote_kind": quote.kind})
    for event in article.events:
        marks.append({"kind": "anchor", "start": event.span[0], "end": event.span[0],
                      "event": event.id})
    return sorted(marks, key=lambda m: (m["start"], -m["end"], NESTING[m["kind"]]))


def paragraphs_of(text: str, spans: list) -> list[tuple[int, int]]:
    """The body's paragraphs as (start, end); the whole body when none are recorded."""
    found = [(int(start), int(end)) for start, end in spans if end > start]
    return found or ([(0, len(text))] if text else [])


def render_body(text: str, paragraphs: list[tuple[int, int]], marks: list[dict]) -> Markup:
    """The body as ``<p>`` paragraphs with the marks as ``<span>``s; text escaped piece by piece."""
    used: set[int] = set()
    out: list[str] = []
    for number, (first, last) in enumerate(paragraphs):
        mine = [m for m in marks if (m["start"] < last and m["end"] > first) or
                first <= m["start"] < last or
                (m["kind"] == "anchor" and number + 1 < len(paragraphs) and
                 last <= m["start"] < paragraphs[number + 1][0])]
        out.append('<p class="para">' + _paragraph(text, first, last, mine, used) + "</p>")
    return Markup("\n".join(out))


def _paragraph(text: str, first: int, last: int, marks: list[dict], used: set[int]) -> str:
    out, stack, position = [], [], first

    def close_to(limit: int) -> None:
        nonlocal position
        while stack and stack[-1] <= limit:
            end = stack.pop()
            out.append(str(escape(text[position:end])) + "</span>")
            position = end

    for mark in marks:
        start = max(first, min(mark["start"], last))
        close_to(start)
        end = min(mark["end"], last, stack[-1] if stack else last)
        if start < position:  # begins inside a mark already cut short: skip it
            continue
        out.append(str(escape(text[position:start])))
        position = start
        anchor = ""
        if start == mark["start"] or mark["kind"] == "anchor":  # not a mark carried over
            anchor = f' id="c-{start}"' if start not in used else ""
            used.add(start)
        if mark["kind"] == "anchor":
            if anchor:
                out.append(f'<span class="anchor"{anchor}></span>')
            continue
        if end <= start:
            continue
        out.append(_open(mark, anchor))
        stack.append(end)
    close_to(last)
    out.append(str(escape(text[position:last])))
    return "".join(out)


def _open(mark: dict, anchor: str) -> str:
    kind = mark["kind"]
    if kind == "entity":
        return (f'<span class="mention type-{escape(mark["type"].lower())}"{anchor} '
                f'data-entity="{escape(mark["entity"])}" tabindex="0" role="button" '
                f'title="{escape(mark["name"])} ({escape(mark["type"].lower())})">')
    if kind == "time":
        return (f'<span class="timex"{anchor} data-value="{escape(mark["value"])}" '
                f'title="{escape(mark["type"].lower())} {escape(mark["value"])}">')
    return (f'<span class="quote quote-{escape(mark["quote_kind"])}"{anchor} '
            f'data-quote="{escape(mark["quote"])}"'
            + (f' data-speaker="{escape(mark["speaker"])}"' if mark["speaker"] else "") + ">")
