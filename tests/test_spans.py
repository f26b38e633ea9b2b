"""`Spans`: bisection gives what a scan of every span gives, on the spans of a real article
(names, quotes, time expressions and sentences together, overlapping one another)."""
from __future__ import annotations

import pytest

from storyline import Config
from storyline.inputs.read import article_from_text
from storyline.spans import Spans

from conftest import long_real_body


@pytest.fixture(scope="module")
def article(pipeline):
    return pipeline.run(article_from_text(long_real_body(), Config(), "joined"))


@pytest.fixture(scope="module")
def spans(article) -> list[tuple[int, int]]:
    found = [span for entity in article.entities for span in entity.mentions]
    found += [quote.span for quote in article.quotes] + [t.span for t in article.times]
    found += [event.span for event in article.events]
    assert len(found) > 200
    return found


def test_holds_is_any_span_holding_the_offset(article, spans):
    index = Spans(spans)
    for offset in range(-1, len(article.text) + 2):
        assert index.holds(offset) == any(s <= offset < e for s, e in spans), offset


def test_overlaps_is_any_span_sharing_a_character(article, spans):
    index = Spans(spans)
    probes = spans + [(s - 3, s) for s, _ in spans] + [(e, e + 5) for _, e in spans] + \
        [(offset, offset + 40) for offset in range(0, len(article.text), 17)]
    for start, end in probes:
        assert index.overlaps(start, end) == any(s < end and start < e for s, e in spans)


def test_encloses_is_any_longer_span_around(article, spans):
    index = Spans(spans)
    probes = spans + [(s + 1, e) for s, e in spans] + [(s, e - 1) for s, e in spans] + \
        [(s - 1, e + 1) for s, e in spans]
    for start, end in probes:
        assert index.encloses(start, end) == any(
            s <= start and end <= e and e - s > end - start for s, e in spans)


def test_no_spans_hold_nothing():
    index = Spans([])
    assert not index.holds(0) and not index.overlaps(0, 10) and not index.encloses(0, 1)
