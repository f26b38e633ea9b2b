"""Pairing quote marks into quoted spans, paragraph by paragraph.

Handles curly and straight, double and single marks; single marks nested in double ones (and
the reverse); a quote that runs on into the next paragraph (no closing mark at the paragraph
end, an opening mark at the start of the next); apostrophes (it’s, Hutchins’, ’90s), which are
never marks. Stray or unmatched marks are dropped, never an error.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..record import Span
from ..vocab.speech import (BEFORE_OPENING, DOUBLE_CLOSING, DOUBLE_MARKS, DOUBLE_OPENING,
                           DOUBLE_STRAIGHT, LEADING_ELISIONS, QUOTE_MARKS, SINGLE_CLOSING,
                           SINGLE_OPENING, SINGLE_STRAIGHT)

OPEN, CLOSE, EITHER, WEAK_CLOSE = "open", "close", "either", "weak-close"
# Punctuation that may follow a closing mark.
AFTER_CLOSING = frozenset(".,;:!?)]}—–-…/") | QUOTE_MARKS


@dataclass(frozen=True)
class Quoted:
    """Text between a pair of marks: `parts` are the content pieces, one per paragraph."""

    open: int
    close: int | None  # None: the paragraph ended with the quote still open
    parts: tuple[Span, ...]
    double: bool = True
    nested: tuple[Span, ...] = ()

    @property
    def span(self) -> Span:
        return self.parts[0][0], self.parts[-1][1]

    def words(self, text: str) -> str:
        """The quoted words: the content without marks (continuation marks dropped too)."""
        return "\n\n".join(text[start:end] for start, end in self.parts)


@dataclass
class _Open:
    pos: int
    double: bool
    start: int
    parts: list[Span] = field(default_factory=list)
    nested: list[Span] = field(default_factory=list)


def find_quoted(text: str, paragraphs: Sequence[Span] = ()) -> list[Quoted]:
    """Every outermost quoted span of `text`, in order."""
    paragraphs = list(paragraphs) or paragraph_spans(text)
    found: list[Quoted] = []
    carried: _Open | None = None  # a double quote running on from the previous paragraph
    for number, (low, high) in enumerate(paragraphs):
        stack: list[_Open] = []
        position = low
        if carried is not None:
            first = _first_mark(text, low, high)
            width = 2 if text.startswith("''", first) else 1
            carried.start = first + width
            stack.append(carried)
            position = first + width
            carried = None
        skip = -1
        for index in range(position, high):
            char = text[index]
            if char not in QUOTE_MARKS or index == skip:
                continue
            if text.startswith("''", index) and index + 2 <= high:
                skip = index + 1  # two apostrophes make one double mark: ''Hopefully,''
                role = _role(text, index, low, high, width=2)
                if role is not None:
                    _double(text, index, role, stack, found, high, width=2)
                continue
            role = _role(text, index, low, high)
            if role is None:
                continue
            if char in DOUBLE_MARKS:
                _double(text, index, role, stack, found, high)
            else:
                _single(text, index, role, stack, found, high)
        # Whatever is still open at the paragraph end.
        while stack and not stack[-1].double:
            stack.pop()  # an unclosed single mark: an apostrophe after all
        if stack:
            entry = stack[-1]
            del stack[:]
            entry.parts.append(_trim(text, entry.start, high))
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            if following is not None and _opens(text, *following, _family(text, entry.pos)):
                carried = entry
            else:
                _emit(entry, None, found, [])
    if carried is not None:
        _emit(carried, None, found, [])
    found.sort(key=lambda quoted: quoted.open)
    return found


def paragraph_spans(text: str) -> list[Span]:
    """Lines of `text` (blank-line or newline separated), as spans, without empty ones."""
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def _double(text: str, index: int, role: str, stack: list[_Open], found: list[Quoted],
            high: int, width: int = 1) -> None:
    open_double = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].double), None)
    if role == EITHER:
        role = CLOSE if open_double is not None else OPEN
    if role == OPEN:
        if open_double is not None and not stack[-1].double:
            pass  # inside a single quote that is itself quoted: nest once more
        elif open_double is not None:
            # A second opening mark while one is open: the first was never closed.
            entry = stack[open_double]
            del stack[open_double:]
            entry.parts.append(_trim(text, entry.start, index))
            _emit(entry, None, found, stack)
        stack.append(_Open(index, True, index + width))
        return
    if open_double is None:
        return  # a stray closing mark
    entry = stack[open_double]
    del stack[open_double:]
    entry.parts.append(_trim(text, entry.start, index))
    _emit(entry, index, found, stack)


def _single(text: str, index: int, role: str, stack: list[_Open], found: list[Quoted],
            high: int) -> None:
    if role == OPEN:
        stack.append(_Open(index, False, index + 1))
        return
    if not stack or stack[-1].double:
        return  # an apostrophe (Hutchins’ death) or a stray mark
    if role == WEAK_CLOSE and _later_single_close(text, index + 1, high):
        return  # "Hutchins’ family" inside a single quote that closes further on
    entry = stack.pop()
    entry.parts.append(_trim(text, entry.start, index))
    _emit(entry, index, found, stack)


def _emit(entry: _Open, close: int | None, found: list[Quoted], stack: list[_Open]) -> None:
    parts = tuple(part for part in entry.parts if part[1] > part[0])
    if not parts:
        return
    if stack:  # nested: recorded with the enclosing quote
        stack[-1].nested.append((parts[0][0], parts[-1][1]))
        return
    found.append(Quoted(entry.pos, close, parts, entry.double, tuple(entry.nested)))


def _role(text: str, index: int, low: int, high: int, width: int = 1) -> str | None:
    """Whether the mark at `index` opens, closes, may do either, or is no mark at all."""
    char = '"' if width == 2 else text[index]
    before = text[index - 1] if index > low else ""
    after = text[index + width] if index + width < high else ""
    spaced_before = before == "" or before.isspace() or before in BEFORE_OPENING
    spaced_after = after == "" or after.isspace() or after in AFTER_CLOSING
    if char in DOUBLE_MARKS:
        if spaced_before and spaced_after:
            return EITHER if char in DOUBLE_STRAIGHT else (
                OPEN if char in DOUBLE_OPENING else CLOSE)
        if spaced_before:
            return OPEN
        if spaced_after:
            return CLOSE
        if char in DOUBLE_OPENING:
            return OPEN
        if char in DOUBLE_CLOSING:
            return CLOSE
        return EITHER
    # Single marks: an apostrophe unless the context says otherwise.
    if before.isalnum() and after.isalnum():
        return None  # it’s, don’t, O’Brien
    if spaced_before and not spaced_after:
        if _elision(text, index + 1, high):
            return None  # ’90s, ’em, rock ’n’ roll
        if char in SINGLE_OPENING or char in SINGLE_STRAIGHT:
            return OPEN
        return OPEN if after.isupper() else None
    if spaced_after and not spaced_before:
        if char in SINGLE_OPENING:
            return None
        if before in "sS" and after.isspace():
            return WEAK_CLOSE  # a plural possessive, or a quote that ends on an s
        return CLOSE
    return None


def _elision(text: str, start: int, high: int) -> bool:
    end = start
    while end < high and text[end].isalnum():
        end += 1
    word = text[start:end].lower()
    return word in LEADING_ELISIONS or (word[:2].isdigit() and word[2:] in ("", "s"))


def _later_single_close(text: str, start: int, high: int) -> bool:
    for index in range(start, high):
        char = text[index]
        if char in DOUBLE_MARKS and _role(text, index, start - 1, high) in (CLOSE, EITHER):
            return False
        if char in SINGLE_CLOSING or char in SINGLE_STRAIGHT:
            if _role(text, index, start - 1, high) == CLOSE:
                return True
    return False


def _first_mark(text: str, low: int, high: int) -> int:
    index = low
    while index < high and text[index].isspace():
        index += 1
    return index


def _opens(text: str, low: int, high: int, family: str) -> bool:
    """Whether a paragraph opens with the same kind of mark (curly or straight) that left
    the previous paragraph open: the quote runs on."""
    index = _first_mark(text, low, high)
    if index >= high or text[index] in DOUBLE_CLOSING:
        return False
    return (text[index] in DOUBLE_MARKS or text.startswith("''", index)) and _family(
        text, index) == family


def _family(text: str, index: int) -> str:
    return "straight" if text[index] in DOUBLE_STRAIGHT or text[index] == "'" else "curly"


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
