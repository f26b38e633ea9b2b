"""Judgements about single lines of a copied news page and their neighbours.

Helpers of the cleaning stage (`clean`): a `Line` with its block and label, and small tests
(is this line a credit, a byline, headline-like, caption-like?) built on `vocab.cleaning`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from .published import parse_date, valid
from ..record import Removed
from ..vocab import cleaning as V
from ..vocab.calendar import MONTHS, WEEKDAYS

LINE = re.compile(r"[^\n]+")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
STAMP_TOKEN = re.compile(r"[A-Za-z]+|\d+")
NOT_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"the", "a", "an", "this", "that"}


@dataclass
class Line:
    """One non-empty input line and what the passes decided about it (kind None: body)."""

    text: str
    start: int
    end: int
    block: int
    kind: str | None = None
    reason: str = ""
    date: str | None = None
    cut: list[Removed] = field(default_factory=list)  # pieces cut off the line's ends

    def label(self, kind: str, reason: str, date: str | None = None) -> None:
        self.kind, self.reason, self.date = kind, reason, date


def split_lines(source: str) -> list[Line]:
    lines, block, last_end = [], 0, 0
    for match in LINE.finditer(source):
        text = match.group().strip()
        if not text:
            continue
        if lines and source[last_end:match.start()].count("\n") > 1:
            block += 1
        offset = match.start() + match.group().index(text)
        lines.append(Line(text, offset, offset + len(text), block))
        last_end = match.end()
    return lines


def words(text: str) -> list[str]:
    return WORD.findall(text)


def ends_sentence(text: str) -> bool:
    return bool(V.SENTENCE_END.search(text))


def quoted(text: str) -> bool:
    return text.startswith(V.QUOTE_OPENERS)


def sentence_like(line: Line) -> bool:
    return ends_sentence(line.text) and len(words(line.text)) >= 8


def is_date_line(text: str) -> bool:
    return bool(V.DATE_ONLY.fullmatch(text) or V.RELATIVE_DATE_ONLY.fullmatch(text.rstrip(".")))


def web_address(text: str) -> str | None:
    """The web address a line is made of, without the spaces a tokenizer put in it, or None."""
    if V.ADDRESS_TEXT_SPACE.search(text):
        return None
    joined = "".join(text.split())
    if not V.WEB_ADDRESS.fullmatch(joined):
        return None
    return joined if re.match(r"(?i)https?://", joined) else "http://" + joined


def timestamp_line(text: str) -> bool:
    """A line of only a date and/or a clock time, with stamp words and a time zone
    ("9 September 2013 Last updated at 14: 39 GMT", "Mar. 8 5:46 PM EST")."""
    tokens = STAMP_TOKEN.findall(text)
    if not tokens or len(tokens) > V.STAMP_MAX_TOKENS:
        return False
    for token in tokens:
        folded = token.lower()
        if token.isdigit() and len(token) > 4 or not token.isdigit() and not (
                folded in MONTHS or folded in WEEKDAYS or folded in V.STAMP_WORDS
                or V.TIME_ZONE.fullmatch(token)):
            return False
    if V.NUMERIC_DATE.search(text) or stamp_date(text):
        return True
    return bool(V.CLOCK_TIME.search(text)) and any(token.lower() in V.STAMP_CUES
                                                   for token in tokens)


def stamp_date(text: str) -> str | None:
    """The date of a stamp line, also when a tokenizer spaced its numbers ("4 / 9 / 2007")."""
    text = V.SPACED_NUMBER_PUNCTUATION.sub(r"\1", text)
    found = parse_date(text)
    if found:
        return found
    if match := V.DOTTED_ISO_DATE.search(text):
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    elif match := V.SHORT_YEAR_DATE.search(text):
        first, second, short = int(match["a"]), int(match["b"]), int(match["y"])
        month, day = (second, first) if first > 12 else (first, second)
        year = short + (2000 if short < V.SHORT_YEAR_PIVOT else 1900)
    else:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if valid(year, month, day) else None


def is_credit(text: str) -> bool:
    if V.BARE_LINK.fullmatch(text) or web_address(text):  # a cited link is body, not a credit
        return False
    count = len(words(text))
    prefix = V.CREDIT_PREFIX.match(text)
    if prefix:
        rest = text[prefix.end():]
        return (bool(rest) and len(words(rest)) <= 12 and not caption_verb(rest)
                and (not ends_sentence(rest) or len(words(rest)) <= 4))
    if text.startswith("(") and text.endswith(")"):
        inner = text[1:-1].strip()
        return (count <= 15 and not ends_sentence(inner)
                and bool(V.CREDIT_WORDS.search(inner) or V.AGENCY.search(inner)))
    if count > 12 or ends_sentence(text) or quoted(text):
        return False
    rest = V.AGENCY.sub("", text).strip(" /,.-")
    return not rest or bool(V.CREDIT_WORDS.search(text) and (V.AGENCY.search(text)
                                                             or "/" in text))


def caption_verb(text: str) -> bool:
    """A present-tense photo verb after a capitalised subject, early in the line."""
    tokens = words(text)[:12]
    if not tokens or not tokens[0][:1].isupper():
        return False
    return any(token in V.CAPTION_VERBS for token in tokens[1:]) or bool(
        V.CAPTION_PASSIVE.search(" ".join(tokens)))


def caption_like(text: str, loose: bool = False) -> bool:
    count = len(words(text))
    if quoted(text) or not 3 <= count <= (60 if loose else 45) or " said" in text:
        return False
    return loose or bool(V.CAPTION_PREFIX.match(text)) or caption_verb(text)


def alt_like(text: str) -> bool:
    return (not quoted(text) and 2 <= len(words(text)) <= 25 and not ends_sentence(text)
            and not is_date_line(text))


def headline_like(text: str) -> bool:
    count = len(words(text))
    return (2 <= count <= 30 and len(text) <= 250 and not V.BYLINE_START.match(text)
            and not (text.endswith(".") and count > 12))


def before_body(lines: list[Line], index: int) -> bool:
    """No body paragraph yet above this line: it stands in the page's header."""
    above = islice(lines, index) if index >= 0 else lines[:index]  # no copy of a long page
    return not any(line.kind is None and sentence_like(line) for line in above)


def blocks_of(lines: list[Line]) -> dict[int, list[Line]]:
    """The lines of each block, by block number (passes relabel lines, never regroup them)."""
    blocks: dict[int, list[Line]] = {}
    for line in lines:
        blocks.setdefault(line.block, []).append(line)
    return blocks


def neighbour(lines: list[Line], index: int, step: int, same_block: bool = False) -> Line | None:
    other = index + step
    if not 0 <= other < len(lines):
        return None
    gap = abs(lines[other].block - lines[index].block)
    return lines[other] if gap == 0 or (gap == 1 and not same_block) else None


def parse_byline(text: str, in_header: bool) -> list[str] | None:
    """Author names of a byline line, or None when the line is not a byline."""
    match = V.BYLINE_START.fullmatch(text)
    if not match and (not in_header or ends_sentence(text) or len(words(text)) > 10):
        return None
    role = None if match else V.NAME_THEN_ROLE.fullmatch(text)
    if role and name_like(role["name"]):
        return [person(role["name"])]
    names, others = [], 0
    for part in filter(None, (p.strip(" .") for p in V.BYLINE_SPLIT.split(
            match["rest"] if match else text))):
        if name_like(part):
            names.append(person(part))
        elif affiliation(part) or parse_date(part) or V.DATE_ONLY.fullmatch(part):
            others += 1
        elif not (names and re.fullmatch(r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)?", part)):
            return None  # after the names only roles, outlets, places and times may follow
    return names if names and (match or others) else None


def person(name: str) -> str:
    return name.title() if name.isupper() else name


def affiliation(text: str) -> bool:
    """A role, wire or outlet, perhaps with a place ("BBC News, Wales", "Staff Writer")."""
    head = text.split(",")[0].strip()
    return bool(V.ROLE_LINE.fullmatch(head) or V.AGENCY.fullmatch(head) or outlet_like(head))


def name_like(text: str) -> bool:
    tokens = text.split()
    return (2 <= len(tokens) <= 5 and all(V.NAME_WORD.fullmatch(t) for t in tokens)
            and tokens[0][:1].isupper() and tokens[-1][:1].isupper()
            and not any(t.lower().strip(".") in NOT_NAMES for t in tokens)
            and not V.AGENCY.fullmatch(text) and not outlet_like(text)
            and not V.ROLE_LINE.fullmatch(text))


def outlet_like(text: str) -> bool:
    return bool(re.fullmatch(r"(?:The\s+)?(?:[A-Z][\w.&'’-]*\s*){1,5}", text)) and bool(
        text.startswith("The ") or V.OUTLET_WORDS.search(text))


def fold(text: str) -> str:
    return " ".join(words(text.casefold()))


def overlap(first: str, second: str) -> float:
    a, b = set(first.split()), set(second.split())
    return len(a & b) / max(1, min(len(a), len(b)))


# A wire dateline alone ("LONDON, April 3 (Reuters) -", "WASHINGTON (AP)"): the DATELINE
# pattern asks for the text after it, so it is tried with a stand-in word.
DATELINE_STAND_IN = "x"


def usable_headline(headline: str | None) -> bool:
    """Could a reader take this for a headline? Not empty, not an address, stamp or dateline."""
    text = " ".join((headline or "").split())
    if not re.search(r"[^\W\d_]{2}", text):
        return False  # empty, or punctuation and numbers only
    return not (web_address(text) or timestamp_line(text) or is_date_line(text)
                or dateline_only(text))


def dateline_only(text: str) -> bool:
    """A wire dateline with nothing after it ("WASHINGTON (AP) —", "MUMBAI:")."""
    bare = text.rstrip(" —–-:")
    match = V.DATELINE.match(f"{bare} — {DATELINE_STAND_IN}")
    if not match or match.end() != len(bare) + 3:
        return False
    if match["agency"] or match["agency2"] or match["agency3"] or match["date"]:
        return True
    # A place alone is a dateline only with its closing mark: "FIRE DESTROYS MILL" is a headline.
    return bare != text and (match["place"] or "").isupper()
