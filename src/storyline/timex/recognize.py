"""Finding time expressions in a text: the rules run only in windows around their trigger words,
and the longest readable matches win."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from types import MappingProxyType

from ..vocab.calendar import MONTHS, WEEKDAYS
from ..vocab.time_words import DECADE_WORDS, SEASONS, SET_WORDS
from .rules import RULES, Rule
from .spec import Candidate


# Words without which no rule can match, by kind: the rules run only in windows around them,
# which keeps the stage to a small fraction of the parse's time.
def _trigger_table() -> dict[str, str]:
    kinds = {
        "month": [*MONTHS],
        "weekday": [*WEEKDAYS, *(f"{w}s" for w in WEEKDAYS if len(w) > 5)],
        "deictic": ["today", "tonight", "yesterday", "tomorrow"],
        "unit": [f"{stem}{end}" for stem in (
            "second", "sec", "minute", "min", "hour", "hr", "day", "night", "week", "fortnight",
            "weekend", "month", "quarter", "year", "yr", "decade", "period", "time")
            for end in ("", "s")] + ["half", "century", "centuries", "millennium", "millennia"],
        "year": ["nineteen", "thousand"],
        "decade": [*DECADE_WORDS],
        "season": [*SEASONS],
        "part": ["morning", "afternoon", "evening", "overnight", "mornings", "afternoons",
                 "evenings", "midafternoon", "midmorning"],
        "clock": ["noon", "midnight", "midday", "o'clock"],
        "ref": ["now", "currently", "current", "nowadays", "present", "recently", "lately",
                "past", "future", "ago", "later"],
        "set": [*(w for w in SET_WORDS if " " not in w), "every", "each", "per"],
        "holiday": ["new", "valentine", "st", "independence", "fourth", "july", "bastille",
                    "halloween", "veterans", "armistice", "christmas", "boxing", "thanksgiving",
                    "martin", "presidents", "memorial", "labor", "columbus", "mother", "father",
                    "easter", "good", "election"],
        "code": [f"{letter}{n}" for letter in "qh" for n in "1234"],
    }
    table: dict[str, str] = {}
    for kind, words in kinds.items():
        for word in words:
            table.setdefault(word, kind)
    return table


TRIGGER_WORDS = MappingProxyType(_trigger_table())
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9']*|\d[\d:/]*(?:-\d\d-\d\d)?[A-Za-z]*")
_DIGIT_KINDS = (
    (re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}|[1-4]q"), "code"),
    (re.compile(r"\d{1,2}:\d\d.*|\d{1,2}(?:[ap]m)?"), "clock"),
    (re.compile(r"(?:1\d|20)\d\ds?"), "year"),
    (re.compile(r"\d0s"), "decade"),
)
# How far around a trigger word an expression can reach.
WINDOW = 60


def find_candidates(text: str, accept=None) -> list[Candidate]:
    """Every rule's readable matches that `accept` (a check against the parse) lets through,
    longest first, without overlaps, in text order."""
    found = readings(text, accept)
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    return _without_overlaps(found)


def readings(text: str, accept=None) -> list[Candidate]:
    """Every rule's readable matches that `accept` lets through, overlaps and all."""
    windows = _trigger_windows(text)
    found: list[Candidate] = []
    for rule in RULES:
        spans = (span for kind in rule.triggers for span in windows.get(kind, ()))
        for start, end in _merged(spans):
            for match in rule.pattern.finditer(text, start, end):
                if "\n\n" in match.group(0) or not match.group(0).strip():
                    continue
                candidate = _read(rule, match, text)
                if candidate is not None and (accept is None or accept(candidate)):
                    found.append(candidate)
    return found


def _without_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Each candidate in turn unless it overlaps one already taken, in text order. The taken
    never overlap, so sorted by start they are sorted by end too: only the last one starting
    before a candidate ends can overlap it."""
    taken: list[Candidate] = []
    starts: list[int] = []
    for candidate in found:
        i = bisect_left(starts, candidate.end) - 1
        if i < 0 or taken[i].end <= candidate.start:
            at = bisect_right(starts, candidate.start)
            starts.insert(at, candidate.start)
            taken.insert(at, candidate)
    return taken


def _trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each kind of trigger word, the stretches of text around its occurrences."""
    windows: dict[str, list[tuple[int, int]]] = {}
    size = len(text)
    for match in _TOKEN.finditer(text):
        word = match.group(0).lower()
        if word[0].isdigit():
            kind = next((k for pattern, k in _DIGIT_KINDS if pattern.fullmatch(word)), None)
            if kind == "clock" and ":" not in word and "m" not in word and \
                    not re.match(r"\s*[ap]\.?\s?m\b", text[match.end():match.end() + 6], re.I):
                kind = None  # a plain number: a clock time only before "a.m." or "p.m."
        else:
            word = word.rstrip("'")
            kind = TRIGGER_WORDS.get(word[:-2] if word.endswith("'s") else word)
        if kind is None:
            continue
        start = max(0, match.start() - WINDOW)
        end = min(size, match.end() + WINDOW)
        while end < size and text[end].isalnum():  # never cut a word in two
            end += 1
        windows.setdefault(kind, []).append((start, end))
    return windows


def _merged(spans) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _read(rule: Rule, m: re.Match, text: str) -> Candidate | None:
    start, end = m.span()
    # A leading blank left by an optional empty group is not part of the extent.
    while start < end and text[start].isspace():
        start += 1
    result = rule.read(m, text)
    if result is None:
        return None
    kind, spec, *rest = result
    check, check_at = (rest[0] if rest else (None, -1))
    if isinstance(kind, tuple):  # a reader may narrow the extent
        kind, (start, end) = kind
    if text[end - 2:end] in ("'s", "’s"):
        end -= 2  # "Friday's ruling": the possessive is not part of the expression
    return Candidate(start, end, kind, spec, rule.name, check, check_at)
