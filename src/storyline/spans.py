"""Character spans asked about by position: which hold an offset, overlap or enclose a span.

A long article has thousands of names, quotes and time expressions; asking each of them in
turn, for every sentence or mention, costs the square of the article's length. Sorted by start,
with the furthest end reached so far, each question is a bisection.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

Span = tuple[int, int]


class Spans:
    """Half-open ``(start, end)`` spans, which may overlap one another."""

    def __init__(self, spans: Iterable[Span]):
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.reach = list(accumulate((end for _, end in self.spans), max))

    def holds(self, offset: int) -> bool:
        """Some span has ``start <= offset < end``."""
        begun = bisect_right(self.starts, offset)
        return bool(begun) and self.reach[begun - 1] > offset

    def overlaps(self, start: int, end: int) -> bool:
        """Some span shares a character with ``start..end``: one that begins before `end`
        reaches past `start`."""
        begun = bisect_left(self.starts, end)
        return bool(begun) and self.reach[begun - 1] > start

    def encloses(self, start: int, end: int) -> bool:
        """Some longer span holds all of ``start..end``."""
        before = bisect_left(self.starts, start)
        if before and self.reach[before - 1] >= end:
            return True  # begins earlier and ends no sooner
        at = bisect_right(self.starts, start)
        return at > before and self.spans[at - 1][1] > end  # begins there and ends later
