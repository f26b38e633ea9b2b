"""Time expressions as pure functions: the recognition patterns and the TIMEX3 value arithmetic.

`find_candidates(text)` runs every pattern over a text and keeps the longest non-overlapping
matches, each with an extent (TimeML's: "the third quarter", "about two years ago"; never the
preposition before it), a TIMEX3 type and a `Spec`: what the words say, before any anchor. The
`storyline.times.stage` stage checks candidates against the parse and calls `resolve(spec, context)`,
which turns a spec into a value against the publication date, the last date mentioned and the
direction the sentence points in ("was charged in January", "a hearing is set for Friday").

Values follow TIMEX3: ``2023``, ``2023-04``, ``2023-04-20``, ``2023-04-20T15:00``, ``2023-W16``,
``2023-Q1``, ``2023-H2``, ``2023-SU``, ``199`` (the 1990s), ``19`` (the 20th century),
``2023-04-20TMO`` (a part of the day), ``P3M`` (a duration), ``PRESENT_REF``, and ``X`` for any
part no anchor decides (``XXXX-08``).

Modules: `rules` (the patterns and which reader each match goes to), `recognize` (finding
candidates), `read_calendar` and `read_relative` (the readers), `word_values` (what single
words say), `calendar_math` (calendar points and their arithmetic), `resolve` (specs to values).
"""
from .calendar_math import Point, parse_value
from .recognize import find_candidates
from .resolve import Context, resolve
from .spec import Candidate, Spec
from .word_values import duration_value

__all__ = ["Candidate", "Context", "Point", "Spec", "duration_value", "find_candidates",
           "parse_value", "resolve"]
