"""Figures that sources report differently: "about 4,200 households" in one outlet, "3,800
households" in another, on the same day, about the same thing.

A figure is a number counting a plural noun ("4,200 households", "60 people"). Two figures
disagree when they count the same noun with different values, in sentences that share much of
their wording, in articles of different outlets published within `FIGURE_WINDOW_DAYS` of each
other: further apart, a new figure is more likely an update (a toll that rises) than a
disagreement. Reprints that give the same figure agree with each other and are never flagged.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..record import Article
from ..vocab.stories import FIGURE_NOUNS_SKIPPED, FIGURE_SCALES, PLURALS_WITHOUT_S
from .clustering import words

# Published at most this many days apart for a difference to be a disagreement.
FIGURE_WINDOW_DAYS = 1
# Share of the shorter sentence's content words (the counted noun and numbers aside) that the
# other sentence has too: the two figures must be about the same thing.
SAME_CONTEXT = 0.25
# Values closer than this (relative) are rounding, not a disagreement.
ROUNDING = 0.02
FIGURE = re.compile(
    r"(?<![\w$£€.,])(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s+(?P<scale>" + "|".join(FIGURE_SCALES) + r"))?"
    r"\s+(?P<noun>[a-z][a-z-]*s|" + "|".join(PLURALS_WITHOUT_S) + r")\b")
# A sentence ends at a stop before a capital letter ("E. coli" runs on), or at a line break.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘(]?[A-Z])|\n+")


@dataclass(frozen=True)
class Figure:
    """One source's figure: what it counts, the value, and the sentence it stands in."""

    article: str
    outlet: str | None
    published: str | None
    noun: str
    value: float
    text: str
    sentence: str
    start: int
    context: frozenset[str]


def figures_in(article: Article, outlet: str | None) -> list[Figure]:
    found = []
    published = article.published.value[:10] if article.published else None
    for start, sentence in _sentences(article.text):
        for match in FIGURE.finditer(sentence):
            noun = match["noun"]
            if noun in FIGURE_NOUNS_SKIPPED:
                continue
            value = float(match["number"].replace(",", "")) * FIGURE_SCALES.get(
                match["scale"], 1)
            found.append(Figure(article.id, outlet, published, noun, value,
                                match.group().strip(), " ".join(sentence.split()),
                                start + match.start(), _context(sentence, noun)))
    return found


def _sentences(text: str):
    start = 0
    for split in SENTENCE_BREAK.finditer(text):
        yield start, text[start:split.start()]
        start = split.end()
    yield start, text[start:]


def figure_disagreements(articles: list[Article], outlets: dict[str, str | None]
                         ) -> list[tuple[str, list[Figure]]]:
    """Each disagreement as (noun, one figure per value, first reported first)."""
    by_noun: dict[str, list[Figure]] = defaultdict(list)
    for article in articles:
        for figure in figures_in(article, outlets.get(article.id)):
            by_noun[figure.noun].append(figure)
    found = []
    for noun, figures in by_noun.items():
        dated = sorted((f for f in figures if _day(f.published)), key=lambda f: _day(f.published))
        sides: dict[float, Figure] = {}
        for index, first in enumerate(dated):  # only figures within the window are compared
            for second in dated[index + 1:]:
                if (_day(second.published) - _day(first.published)).days > FIGURE_WINDOW_DAYS:
                    break
                if _disagree(first, second):
                    sides.setdefault(first.value, first)
                    sides.setdefault(second.value, second)
        if len(sides) > 1:
            found.append((noun, sorted(sides.values(),
                                       key=lambda f: (f.published or "", f.article))))
    return found


def _disagree(first: Figure, second: Figure) -> bool:
    if first.article == second.article or first.value == second.value:
        return False  # an article may give a figure and its update
    if first.outlet is not None and first.outlet == second.outlet:
        return False
    if abs(first.value - second.value) <= ROUNDING * max(first.value, second.value):
        return False
    shorter = min(len(first.context), len(second.context))
    return shorter > 0 and len(first.context & second.context) / shorter >= SAME_CONTEXT


def _context(sentence: str, noun: str) -> frozenset[str]:
    counted = set(words(noun))
    return frozenset(word for word in words(sentence)
                     if word not in counted and not word[0].isdigit())


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
