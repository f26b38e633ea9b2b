"""Quotes: what people said, direct, indirect and mixed, each with its speaker.

Direct quotes come from paired quote marks (`quotemarks`); indirect ones from reporting clauses
in the parse (`cues`: "X said (that) …", "X told CNN that …", "according to X, …"). A quoted
fragment inside a reported clause makes that clause one mixed quote. A direct quote takes its
speaker from the reporting clause it belongs to (in the parse, or just after or just before
the marks, or a "Name: “…”" lead), else from the quote before it in the paragraph, else (a
quote that opens its paragraph) from the previous paragraph's last speaker. Speakers resolve
to entities through `speakers`. Reads `article.doc` (the one parse), `article.entities` and
`article.times`; parses nothing again.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..config import Config
from .cues import Frame, Layout, SayingTimes, addressee_of, find_frames, time_of
from .marks import Quoted, find_quoted
from ..record import Article, Quote, Span
from ..spans import Spans
from .speakers import Resolver, Speaker, lead_speaker, trailing_speaker
from ..vocab.speech import PERSONAL_PRONOUNS, SPEECH_VERBS

# A quote this short, or all in title case (“Rust”, “The Hunt for Red October”), is a title or
# a scare quote unless a reporting clause claims it.
SHORT_QUOTE_WORDS = 3
TITLE_MAX_WORDS = 8
TITLE_SMALL_WORDS = frozenset("a an the of and or in on for to at by with from as vs de".split())
# The quoted words must cover this share of a reported clause for the clause to be the quote.
WHOLE_CLAUSE_SHARE = 0.8
# A reported clause that lies mostly (this share of its words) in a quote is that quote: the
# parser often hangs the words after the closing mark on the quote's verb.
MOSTLY = 0.6
# How far after a closing mark the reporting verb may stand ("…,” Baldwin attorneys Luke
# Nikas and Alex Spiro said), in tokens, unless the quote ends open (with a comma).
AFTER_REACH = 10
# The same for a short quote (“Yes,” he said): the cue must follow at once.
WEAK_REACH = 3
# "Kall said: “…”": a cue this close before a colon introduces the quote whatever else it does.
COLON_REACH = 3
# Verbs that report findings but never introduce quoted words.
NOT_DIRECT_VERBS = frozenset({"find", "show", "indicate", "rule"})
OPEN_ENDINGS = frozenset(",;:—–-…?!")
# "He said:" closing the paragraph before a quote: how far back its cue may stand.
INTRODUCTION_REACH = 8
WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")


@dataclass
class Found:
    """A quote with where its parts stand: what the evaluation scores."""

    quote: Quote
    parts: tuple[Span, ...]
    cue_span: Span | None = None
    speaker_spans: list[Span] = field(default_factory=list)


@dataclass
class _Item:
    parts: tuple[Span, ...]
    kind: str
    paragraph: int
    words: str
    speaker: Speaker | None = None
    cue_text: str | None = None
    cue_span: Span | None = None
    addressee: str | None = None
    time: str | None = None
    opens_paragraph: bool = False


def find_quotes(article: Article, config: Config) -> Article:
    """The quotes stage: fills `article.quotes` in text order, ids q1, q2, …"""
    article.quotes = [found.quote for found in detect(article)]
    return article


def detect(article: Article) -> list[Found]:
    """Every quote of a parsed article, with the spans of its parts."""
    doc = article.doc
    if doc is None or not len(doc) or not doc.has_annotation("DEP"):
        return []  # no parse, no attribution: nothing to say rather than a guess
    starts = [token.idx for token in doc]
    quoted = find_quoted(article.text, article.paragraphs)
    spans = [_tokens(starts, item.span) for item in quoted]
    inside = [False] * len(doc)
    for first, last in spans:
        for index in range(first, last + 1):
            inside[index] = True
    resolver = Resolver(article, inside)
    layout = Layout(doc, inside, resolver.paragraph_of)
    frames = find_frames(layout)
    times = SayingTimes(article.times)
    items = _direct(article, quoted, spans, frames, resolver, layout, times)
    items += _indirect(article, frames, items, resolver, times)
    items.sort(key=lambda item: item.parts[0][0])
    _continue(items)
    _same_occasion(items)
    found = []
    for number, item in enumerate(items, start=1):
        speaker = item.speaker
        quote = Quote(
            id=f"q{number}", text=item.words, span=(item.parts[0][0], item.parts[-1][1]),
            kind=item.kind, speaker=speaker.entities[0] if speaker and speaker.entities else None,
            speakers=list(speaker.entities) if speaker else [],
            speaker_text=speaker.text if speaker else None, cue=item.cue_text,
            addressee=item.addressee, time=item.time)
        found.append(Found(quote, item.parts, item.cue_span,
                           list(speaker.spans) if speaker else []))
    return found


# -- direct quotes -------------------------------------------------------------------------

def _direct(article: Article, quoted: list[Quoted], spans: list[tuple[int, int]],
            frames: list[Frame], resolver: Resolver, layout: Layout,
            times: SayingTimes) -> list[_Item]:
    doc = article.doc
    by_cue = {frame.cue.i: frame for frame in frames}
    by_paragraph = _frames_by_paragraph(frames, layout)
    items = []
    for number, (item, (first, last)) in enumerate(zip(quoted, spans)):
        words = item.words(article.text)
        weak = _weak(words, item)
        frame, kind = _owning_frame(by_paragraph[layout.paragraph_of[first]], doc, first, last,
                                    layout)
        if frame is not None and kind == "mixed":
            if not weak or len(WORD.findall(words)) > 1:
                frame.mixed = True
                start, end = frame.content
                frame.content = (max(min(start, first - 1), 0),  # with the marks
                                 min(max(end, last + 1), len(doc) - 1))
            continue
        if frame is None:
            frame = _governing(doc, first, last, by_cue, layout)
        if frame is None:
            frame = _adjacent(doc, spans, number, by_cue, weak, layout)
        low, _ = layout.bounds[layout.paragraph_of[first]]
        entry = _Item(item.parts, "direct", resolver.paragraph_of[first],
                      words.rstrip().rstrip(",").rstrip(), opens_paragraph=first - 1 <= low)
        if frame is None and entry.opens_paragraph:
            frame = _introduced(doc, low, by_cue)
        if frame is None:
            lead = lead_speaker(first, layout, resolver) or trailing_speaker(
                last, layout, resolver)
            if lead is None and weak:
                continue
            if lead is not None:
                entry.speaker, cue = lead
                entry.cue_text, entry.cue_span = cue.text, (cue.idx, cue.idx + len(cue.text))
        else:
            frame.used = True
            _attribute(entry, frame, article, resolver, (first, last), times)
        items.append(entry)
    return items


def _weak(words: str, item: Quoted) -> bool:
    """Titles and scare quotes: short, or every word capitalised."""
    tokens = WORD.findall(words)
    if len(tokens) <= SHORT_QUOTE_WORDS:
        return True
    if not item.double and len(tokens) <= SHORT_QUOTE_WORDS + 2:
        return True
    if len(tokens) > TITLE_MAX_WORDS or words.rstrip().endswith(("?", "!")):
        return False
    big = [token for token in tokens if token.lower() not in TITLE_SMALL_WORDS]
    return all(token[0].isupper() or token[0].isdigit() for token in big)


def _frames_by_paragraph(frames: list[Frame], layout: Layout) -> dict[int, list[Frame]]:
    """The reporting clauses by their cue's paragraph, in text order (none: an empty list)."""
    found: dict[int, list[Frame]] = defaultdict(list)
    for frame in frames:
        found[layout.paragraph_of[frame.cue.i]].append(frame)
    return found


def _owning_frame(frames: list[Frame], doc, first: int, last: int, layout: Layout):
    """A reporting clause (cue outside the marks) whose content holds or is held by the
    quote: "whole" when the quote is the clause, "mixed" when it is a fragment of it.
    `frames`: the quote's paragraph's (`_frames_by_paragraph`); only those can own it."""
    quote = _words(doc, first, last)
    for frame in frames:
        if frame.content is None or frame.used or frame.subject is None:
            continue
        if not layout.same_paragraph(frame.cue, doc[first]):
            continue
        start, end = frame.content
        if end < first or start > last:
            continue
        clause = _words(doc, start, end)
        if not clause & quote:
            continue
        if clause <= quote or frame.cue.i > last and len(clause & quote) >= MOSTLY * len(clause):
            return frame, "whole"  # the clause lies in the quote: "“…,” he said"
        if quote <= clause:
            quote_chars = sum(len(doc[i]) for i in quote)
            clause_chars = sum(len(doc[i]) for i in clause)
            if quote_chars >= WHOLE_CLAUSE_SHARE * clause_chars:
                return frame, "whole"
            return frame, "mixed"
    return None, None


def _governing(doc, first: int, last: int, by_cue: dict[int, Frame], layout: Layout):
    """A speech verb the quote hangs on in the parse: "chanted “What curfew?”"."""
    head = next((doc[i] for i in range(first, last + 1)
                 if not first <= doc[i].head.i <= last), None)
    for _ in range(2):
        if head is None or head.head.i == head.i:
            return None
        head = head.head
        if not layout.same_paragraph(head, doc[first]):
            return None
        frame = by_cue.get(head.i)
        if frame is not None and frame.subject is not None and not frame.used and (
                frame.content is None or not _words(doc, *frame.content) - _words(
                    doc, first - 1, last + 1)):
            if head.lemma_.lower() in SPEECH_VERBS and head.lemma_.lower() not in NOT_DIRECT_VERBS:
                return frame
    return None


def _adjacent(doc, spans, number: int, by_cue: dict[int, Frame], weak: bool,
              layout: Layout) -> Frame | None:
    """The reporting clause just after the closing mark, or just before the opening one."""
    first, last = spans[number]
    close = last + 1  # the closing mark's token (or the paragraph end)
    limit = spans[number + 1][0] - 1 if number + 1 < len(spans) else len(doc)
    low, _ = layout.bounds[layout.paragraph_of[first]]
    _, high = layout.bounds[layout.paragraph_of[last]]  # a quote may run over paragraphs
    stop = min(limit, high + 1, _sentence_end(doc, close + 1))
    ending = doc[last].text
    open_end = ending in OPEN_ENDINGS
    if not (weak and not open_end):
        reach = WEAK_REACH if weak else AFTER_REACH
        following = spans[number + 1] if number + 1 < len(spans) else None
        for index in range(close + 1, stop):
            frame = by_cue.get(index)
            if frame is not None and (_usable(frame, doc, first, last) or _split(
                    frame, doc, following)):
                if (open_end and not weak) or index - close <= reach or doc[close + 1].is_lower:
                    if frame.subject is None:
                        frame = _named_before(frame, doc, close + 1, index)
                    return frame
                break
            if index - close > reach and (weak or not open_end):
                break
    if weak:
        return None
    # Before the opening mark: "Baldwin said: “…”", "according to X, “…”".
    opening = first - 1
    begin = spans[number - 1][1] + 2 if number > 0 else 0
    begin = max(begin, doc[max(opening, 0)].sent.start, low)
    lead = doc[opening - 1] if opening - 1 >= begin else None
    if lead is None or not (lead.text in ":," or lead.pos_ == "VERB"):
        return None
    for index in range(opening - 1, begin - 1, -1):
        frame = by_cue.get(index)
        if frame is not None and frame.subject is None:
            frame = _named_before(frame, doc, index + 1, opening - 1)  # "Said Ellis: “…”"
        if frame is not None:
            if lead.text == ":" and opening - index <= COLON_REACH:
                return frame  # "…, Kall said: “…”": the cue may report both
            return frame if _usable(frame, doc, first, last) else None
    return None


def _introduced(doc, low: int, by_cue: dict[int, Frame]) -> Frame | None:
    """ "He said:" ending the paragraph before: its cue introduces this quote."""
    end = low - 1
    while end >= 0 and doc[end].is_space:
        end -= 1
    if end < 1 or doc[end].text != ":":
        return None
    for index in range(end - 1, max(doc[end].sent.start, end - INTRODUCTION_REACH) - 1, -1):
        frame = by_cue.get(index)
        if frame is not None and frame.subject is not None:
            return frame
    return None


def _split(frame: Frame, doc, following: tuple[int, int] | None) -> bool:
    """ "“…,” he told the host, “…”": the cue the next part of the quote hangs on."""
    return following is not None and frame.content is not None and (
        _words(doc, *frame.content) <= _words(doc, following[0] - 1, following[1] + 1))


def _named_before(frame: Frame, doc, start: int, cue: int) -> Frame | None:
    """ "“…,” Tulsa police Chief Chuck Jordan said": the words between the closing mark and
    the cue name the speaker even when the parser attached them elsewhere."""
    run = []  # the first phrase, up to a comma: "Flynn, a top Trump surrogate, said"
    for index in range(start, cue):
        if doc[index].is_punct:
            if run:
                break
            continue
        run.append(doc[index])
    nouns = [t for t in run if t.pos_ in ("PROPN", "NOUN", "PRON")
             and t.dep_ not in ("compound", "poss", "amod", "nmod")]
    return replace(frame, subject=nouns[-1]) if nouns else None


def _usable(frame: Frame, doc, first: int, last: int) -> bool:
    if frame.used or frame.cue.lemma_.lower() in NOT_DIRECT_VERBS:
        return False
    if frame.cue.lemma_.lower() not in SPEECH_VERBS and frame.cue.lemma_ != "accord":
        return False
    if frame.content is None:
        return True
    clause = _words(doc, *frame.content)
    return len(clause & _words(doc, first - 1, last + 1)) >= MOSTLY * len(clause)


def _attribute(item: _Item, frame: Frame, article: Article, resolver: Resolver,
               content: tuple[int, int] | None, times: SayingTimes) -> None:
    cue = frame.cue
    item.cue_text = frame.cue_text
    item.cue_span = (cue.idx, cue.idx + len(cue.text))
    if frame.subject is not None:
        item.speaker = resolver.speaker(frame.subject, frame.content)
    item.addressee = addressee_of(cue, resolver.entity_at, resolver.types, resolver.words_for)
    item.time = time_of(article, frame, content, times)


# -- indirect and mixed --------------------------------------------------------------------

def _indirect(article: Article, frames: list[Frame], items: list[_Item],
              resolver: Resolver, times: SayingTimes) -> list[_Item]:
    doc = article.doc
    taken = Spans(part for item in items for part in item.parts)  # the direct quotes' parts
    found = []
    for frame in frames:
        if frame.content is None or frame.used or frame.subject is None:
            continue
        start, end = frame.content
        span = (doc[start].idx, doc[end].idx + len(doc[end]))
        if taken.overlaps(*span):
            continue
        kind = "mixed" if frame.mixed else "indirect"
        item = _Item((span,), kind, resolver.paragraph_of[start], article.text[span[0]:span[1]])
        _attribute(item, frame, article, resolver, frame.content, times)
        found.append(item)
    return _without_restatements(found)


def _without_restatements(found: list[_Item]) -> list[_Item]:
    """The clauses that `_restates` keeps. Only a clause starting at most the longest clause's
    length before another can hold it, so each is compared with those, not with all."""
    order = sorted(found, key=lambda item: item.parts[0][0])
    starts = [item.parts[0][0] for item in order]
    longest = max((item.parts[0][1] - item.parts[0][0] for item in found), default=0)
    kept = []
    for item in found:
        start = item.parts[0][0]
        near = order[bisect.bisect_left(starts, start - longest):bisect.bisect_right(starts, start)]
        if not _restates(item, near):
            kept.append(item)
    return kept


def _restates(item: _Item, found: list[_Item]) -> bool:
    """An attribution nested in one by the same speaker ("Brandt said he feared X"): the
    outer one already carries these words, so a second record would only repeat them."""
    (start, end), = item.parts
    for other in found:
        (outer_start, outer_end), = other.parts
        if other is item or not (outer_start <= start and end <= outer_end) or (
                (outer_start, outer_end) == (start, end)) or not (other.speaker and item.speaker):
            continue
        same = set(other.speaker.entities) == set(item.speaker.entities) != set()
        # "she said she believed …": the inner speaker is a pronoun inside the outer words
        pronoun = item.speaker.text.lower() in PERSONAL_PRONOUNS and all(
            outer_start <= s and e <= outer_end for s, e in item.speaker.spans)
        if same or pronoun:
            return True
    return False


def _same_occasion(items: list[_Item]) -> None:
    """A quote that names no time and whose speaker is only a pronoun ("…," he said) goes on
    from the quote just before, by the same speaker in the same or the previous paragraph: it
    was said on that quote's occasion ("Speaking to CNN in August, Baldwin said …" then "'If I
    didn't have her …,' he said"). A speaker named again, another speaker between, or a time of
    its own starts a new occasion."""
    for before, item in zip(items, items[1:]):
        if item.time is not None or before.time is None or item.speaker is None \
                or before.speaker is None or not item.speaker.entities:
            continue
        if item.speaker.text.lower() not in PERSONAL_PRONOUNS \
                or item.speaker.entities != before.speaker.entities \
                or not 0 <= item.paragraph - before.paragraph <= 1:
            continue
        item.time = before.time


def _continue(items: list[_Item]) -> None:
    """Quotes with no reporting clause of their own: the speaker of the quote before in the
    same paragraph (a split quote), else, for a quote that opens its paragraph, the speaker of
    the previous paragraph's last quote."""
    last_quoted: dict[int, _Item] = {}
    last_any: dict[int, _Item] = {}
    for item in items:
        if item.speaker is None and item.kind == "direct":
            before = last_quoted.get(item.paragraph) or last_any.get(item.paragraph)
            if before is not None and before.speaker is not None:
                item.speaker, item.cue_text, item.cue_span = (before.speaker, before.cue_text,
                                                              before.cue_span)
                item.addressee, item.time = before.addressee, before.time
            elif item.opens_paragraph and item.paragraph - 1 in last_any:
                item.speaker = last_any[item.paragraph - 1].speaker
        if item.kind != "indirect" and item.speaker is not None:
            last_quoted[item.paragraph] = item
        if item.speaker is not None:
            last_any[item.paragraph] = item


# -- small helpers -------------------------------------------------------------------------

def _tokens(starts: list[int], span: Span) -> tuple[int, int]:
    first = max(bisect.bisect_right(starts, span[0]) - 1, 0)
    last = max(bisect.bisect_left(starts, span[1]) - 1, first)
    return first, last


def _words(doc, first: int, last: int) -> set[int]:
    return {i for i in range(max(first, 0), min(last, len(doc) - 1) + 1)
            if not (doc[i].is_punct or doc[i].is_space)}


def _sentence_end(doc, index: int) -> int:
    return len(doc) if index >= len(doc) else doc[index].sent.end
