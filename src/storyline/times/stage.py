"""Time expressions: every date, time, duration and frequency in the body, as TIMEX3 values.

`find_times(doc, anchor)` is the core, usable on any spaCy Doc: the patterns of
`storyline.timex` propose extents, the parse confirms the doubtful ones ("May" the month, not
the modal; "2012" a year, not a room), and each expression is resolved against

- the publication date, for deictic words ("last month", "Thursday", "yesterday");
- the last date mentioned, for anaphoric ones ("the next day", "that year") and the last
  quarter named, for comparisons ("a year earlier" after "third-quarter profit");
- inside a quote, the time the quote was said when the text gives it ("“I was fired
  yesterday,” he told CNN in August": yesterday is in August, not the day before publication);
- the sentence's direction: "was charged in January" looks back, "a hearing is set for
  Friday" looks ahead, from the governing verb's tense and auxiliaries.

A publication date known only to the month still resolves months and years; anything no anchor
decides stays underspecified (``XXXX-01``, ``XXXX-WXX-5``) rather than guessed.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import replace

from ..config import Config
from ..record import Article, TimeExpression
from ..timex import Candidate, Context, Point, Spec, find_candidates, parse_value, resolve
from ..vocab.time_words import (
    FUTURE_AUXILIARIES, FUTURE_CONTROLLERS, FUTURE_PASSIVES, FUTURE_VERBS, MODALS_AHEAD,
    MODALS_OPEN, NOT_YEAR_AFTER, NOT_YEAR_BEFORE, OPEN_PREPOSITIONS, PAST_PREPOSITIONS,
    POSTPONING, YEAR_LEADS,
)

# spaCy entities a time word inside of is part of a name ("Saturday Night Live", "Room 2012").
NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT",
                         "NORP", "GPE", "LOC"})
# Frequency words that, as adjectives, still say how often ("his weekly radio address").
FREQUENT_ADJECTIVES = frozenset({"hourly", "daily", "nightly", "weekly", "biweekly", "monthly"})
# Words a title leaves in lower case ("The Hunt for Red October").
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "for", "in", "on", "at",
                               "to", "with", "from", "by", "vs.", "de"})
# Checks for words that also make names (a weekday, a month, a season, a year), not whole dates.
NAME_LIKE = frozenset({"month-alone", "month", "weekday", "season", "year", "decade"})
NUMBER_LABELS = frozenset({"MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
# Direct speech: “…”, ``…'' (older wire copy) and "…".
QUOTE = re.compile(r"“[^”]*”?|``[^`]*?''|\"[^\"\n]*\"")
# Specs that read the speaker's clock: inside a quote they follow the quote's time.
DEICTIC = frozenset({"shift", "offset", "date", "period", "time", "weekend"})
AUXILIARY_PRESENT = frozenset({"is", "are", "am", "'s", "'re", "'m", "be"})
VERB_TAGS = frozenset({"MD", "VB", "VBD", "VBP", "VBZ", "VBG", "VBN"})
POSSESSIVES = frozenset({"his", "her", "their", "my", "your", "our", "its"})
# Words of a clause that compares figures with an earlier period ("up from $2 million a year
# earlier", "compared with a loss last year").
COMPARISON = re.compile(r"\b(?:compared|from|than|versus|vs\.|against)\b", re.IGNORECASE)
# Sentences over which "a year earlier" still compares with the quarter last named, and a bare
# clock time still falls on the day last named.
NEAR_SENTENCES = 2
# Every position a paragraph break starts at, overlapping ones too ("\n\n\n" holds two).
PARAGRAPH_BREAK = re.compile(r"(?=\n\n)")


def normalize_times(article: Article, config: Config) -> Article:
    """The `times` stage: fill `article.times` from the parse of `article.text`."""
    if article.doc is None:
        return article
    anchor = article.published.value if article.published is not None else None
    article.times = find_times(article.doc, anchor, article.text)
    return article


def find_times(doc, anchor_value: str | None, text: str | None = None) -> list[TimeExpression]:
    """The time expressions of a parsed text, resolved against `anchor_value` (a TIMEX3 date,
    the publication date: ``2023-04-20``, ``2023-04``; None when unknown). `text`: the doc's
    text when the caller has it (a long doc's `doc.text` is rebuilt token by token)."""
    return _Reading(doc, anchor_value, text).times()


class _Reading:
    """One document read from start to end: its parse, and the dates seen so far."""

    def __init__(self, doc, anchor_value: str | None, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text
        self.now = parse_value(anchor_value)
        self.sentences = _sentences(doc)
        self.sentence_starts = [sentence.start_char for sentence in self.sentences]
        self.names = _names(doc)
        self.name_starts = [start for start, _ in self.names]
        # Quotes and names never overlap one another, so both lists are sorted by start and by
        # end: the one that can hold an offset is found by bisection, not by a scan.
        self.quotes = [m.span() for m in QUOTE.finditer(self.text)]
        self.quote_starts = [start for start, _ in self.quotes]
        self.quote_ends = [end for _, end in self.quotes]
        self.breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(self.text)]
        self.candidates: list[Candidate] = []
        self.candidate_starts: list[int] = []
        self.ref: Point | None = None        # the last date mentioned
        self.ref_sentence = -10
        self.ref_at = 0
        self.period: Point | None = None     # the last quarter or half mentioned
        self.period_sentence = -10
        self.quote_times: dict[int, Point] = {}
        self.quote_time_starts: list[int] = []  # the keys of `quote_times`, sorted

    def times(self) -> list[TimeExpression]:
        self.candidates = [c for c in find_candidates(self.text, self.confirmed)
                           if c.spec is not None]
        self.candidate_starts = [c.start for c in self.candidates]  # in text order
        found = (self.resolve_candidate(candidate) for candidate in self.candidates)
        return [expression for expression in found if expression is not None]

    # -- resolution ---------------------------------------------------------------------------

    def resolve_candidate(self, candidate: Candidate) -> TimeExpression | None:
        spec, kind = candidate.spec, candidate.type
        span = self.span(candidate.start, candidate.end)
        sentence = self.sentence_of(candidate.start)
        direction = tense_direction(self.doc, span, self.sentences[sentence]) if span else 0
        if candidate.check == "one-day" and direction <= 0:
            spec, kind = Spec("duration", value="P1D"), "DURATION"  # "for one day"
        if spec.kind == "time" and spec.on is None:
            spec = replace(spec, on=self.day_of_clock(candidate, sentence))
        now, basis = self.now, "published"
        quote = self.quote_of(candidate.start, candidate.end)
        if quote is not None and spec.kind in DEICTIC and spec.base == "now":
            said = self.speech_time(quote)
            if said is not None:
                now, basis = said, "quote"
        comparing = bool(COMPARISON.search(
            self.text, self.sentences[sentence].start_char, candidate.start))
        near = sentence - self.period_sentence <= NEAR_SENTENCES or comparing
        context = Context(now=now, ref=self.ref, period=self.period if near else None,
                          direction=direction)
        value = resolve(spec, context)
        if not value:
            return None
        point = parse_value(value) if kind in ("DATE", "TIME") else None
        if point is not None and not _comparison(spec):
            self.ref, self.ref_sentence, self.ref_at = point, sentence, candidate.start
            if point.granularity in ("quarter", "half"):
                self.period, self.period_sentence = point, sentence
            elif point.granularity == "year":
                self.period = None  # the story has moved on to whole years
        elif kind == "DURATION" and re.fullmatch(r"P\d+M", value):
            self.period = None  # "the nine months": comparisons now span more than a quarter
        return TimeExpression(self.text[candidate.start:candidate.end],
                              (candidate.start, candidate.end), kind, value,
                              _anchor_note(spec, context, basis))

    def day_of_clock(self, candidate: Candidate, sentence: int) -> Spec | None:
        """The day a bare clock time ("at 10:35 a.m.") is on: a day named in its sentence,
        else the day the story was last at, a sentence or two before in the paragraph; None
        (unknown) otherwise."""
        start, end = self.sentences[sentence].start_char, self.sentences[sentence].end_char
        days = []
        for c in self.candidates_between(start, end):
            day = c.spec.on if c.spec.kind == "time" else c.spec  # "4 a.m. EDT Thursday"
            if start <= c.start < end and c is not candidate and day is not None \
                    and day.kind in ("date", "shift") \
                    and (day.day is not None or day.weekday is not None or day.unit == "day") \
                    and "\n\n" not in self.text[min(c.start, candidate.start):
                                                  max(c.start, candidate.start)]:
                days.append((abs(c.start - candidate.start), day))
        if days:
            return replace(min(days, key=lambda d: d[0])[1], part=None)
        if self.ref is not None and self.ref.granularity == "day" \
                and 0 <= sentence - self.ref_sentence <= NEAR_SENTENCES \
                and "\n\n" not in self.text[self.ref_at:candidate.start]:
            return Spec("value", value=self.ref.value())
        return None

    # -- quotes -------------------------------------------------------------------------------

    def quote_of(self, start: int, end: int) -> tuple[int, int] | None:
        """The quote holding the (non-empty) extent: only the last quote opened by `start` can."""
        i = bisect_right(self.quote_starts, start) - 1
        return self.quotes[i] if i >= 0 and end <= self.quote_ends[i] else None

    def speech_time(self, quote: tuple[int, int]) -> Point | None:
        """When the words of `quote` were said, if the text says so: a date outside quotes in
        its sentence ("…,” he told CNN in an interview in August), else the time of the quote
        before it in the same paragraph."""
        start, end = quote
        if start in self.quote_times:
            return self.quote_times[start]
        after_end = min(self.sentences[self.sentence_of(max(start, end - 1))].end_char,
                        self.break_after(end), self.quote_start_after(end))
        before_start = max(self.sentences[self.sentence_of(start)].start_char,
                           self.quote_end_before(start))
        said = None
        for candidate in self.candidates_between(before_start, max(start, after_end)):
            if candidate.type not in ("DATE", "TIME") or \
                    self.quote_of(candidate.start, candidate.end) is not None:
                continue
            if end <= candidate.start < after_end or before_start <= candidate.start < start:
                span = self.span(candidate.start, candidate.end)
                sentence = self.sentences[self.sentence_of(candidate.start)]
                direction = tense_direction(self.doc, span, sentence) if span else 0
                said = parse_value(resolve(candidate.spec, Context(
                    now=self.now, ref=self.ref, direction=direction)))
                if said is not None:
                    break
        if said is None:  # a quote with no time of its own goes on from the one before it
            earlier = self.quote_timed_before(self.break_before(start), start)
            said = self.quote_times[earlier] if earlier is not None else None
        if said is not None:
            self.quote_times[start] = said
            insort(self.quote_time_starts, start)
        return said

    # -- lookups by position: bisections of sorted starts and ends, never scans of the text --

    def candidates_between(self, start: int, end: int) -> list[Candidate]:
        """The candidates starting at `start` or later and before `end`, in text order."""
        return self.candidates[bisect_left(self.candidate_starts, start):
                               bisect_left(self.candidate_starts, end)]

    def break_after(self, offset: int) -> int:
        """Where the first paragraph break at or after `offset` starts (the text's end: none)."""
        found = bisect_left(self.breaks, offset)
        return self.breaks[found] if found < len(self.breaks) else len(self.text)

    def break_before(self, offset: int) -> int:
        """Where the last paragraph break ending by `offset` starts (-1: none)."""
        found = bisect_right(self.breaks, offset - 2) - 1
        return self.breaks[found] if found >= 0 else -1

    def quote_start_after(self, offset: int) -> int:
        """Where the first quote opening at or after `offset` starts (the text's end: none)."""
        found = bisect_left(self.quote_starts, offset)
        return self.quote_starts[found] if found < len(self.quotes) else len(self.text)

    def quote_end_before(self, offset: int) -> int:
        """Where the last quote closed by `offset` ends (0: none)."""
        found = bisect_right(self.quote_ends, offset)
        return self.quote_ends[found - 1] if found else 0

    def quote_timed_before(self, after: int, before: int) -> int | None:
        """The start of the last quote with a known time that starts between the two offsets."""
        found = bisect_left(self.quote_time_starts, before) - 1
        if found >= 0 and self.quote_time_starts[found] > after:
            return self.quote_time_starts[found]
        return None

    # -- the parse ----------------------------------------------------------------------------

    def span(self, start: int, end: int):
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None and len(span) else None

    def token_at(self, offset: int):
        span = self.span(offset, offset + 1)
        return span[0] if span is not None else None

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def inside_name(self, candidate: Candidate) -> bool:
        """Part of a longer name: "Saturday Night Live", "the Sunday Times", "Windows 2000"."""
        i = bisect_right(self.name_starts, candidate.start) - 1  # names do not overlap
        if i < 0:
            return False
        start, end = self.names[i]
        return candidate.end <= end and end - start > candidate.end - candidate.start

    def inside_title(self, candidate: Candidate) -> bool:
        """Inside a short quoted title ("High Noon", "This Week")."""
        quote = self.quote_of(candidate.start, candidate.end)
        if quote is None:
            return False
        words = self.text[quote[0]:quote[1]].strip("“”\"`' ,.").split()
        return 0 < len(words) <= 8 and any(w[:1].isupper() for w in words) and all(
            w[:1].isupper() or not w[:1].isalpha() or w in TITLE_SMALL_WORDS for w in words)

    def confirmed(self, candidate: Candidate) -> bool:
        """Whether the parse bears out what the words look like."""
        if candidate.spec is None:
            return True  # a held span (an age, a rate) that emits nothing
        check = candidate.check
        text = self.text[candidate.start:candidate.end]
        if self.inside_title(candidate) or (check in NAME_LIKE or not re.search(r"\d", text)) \
                and self.inside_name(candidate):
            return False  # "USA Today", "Easter Island"; but "the Aug. 7 Embassy bombings"
        if check is None:
            return True
        token = self.token_at(candidate.check_at if candidate.check_at >= 0 else candidate.start)
        if token is None:
            return False
        doc = self.doc
        if check in ("month", "month-alone", "weekday") and not token.text[:1].isupper():
            return False
        if check == "month-alone":
            return _month_alone_ok(token, doc)
        if check == "weekday":
            return self.text[max(0, candidate.start - 1):candidate.start] not in ("“", '"', "‘")
        if check == "season":
            return _season_ok(token, doc)
        if check == "decade":  # "in his 30s", "a handful of $20s"
            return token.i == 0 or doc[token.i - 1].lower_ not in (*POSSESSIVES, "$")
        if check == "year":
            return _year_ok(token, doc)
        if check == "duration":
            return _duration_ok(token, doc)
        if check.startswith("ref:"):
            return _reference_ok(check[4:], token, doc)
        if check == "set-adverb":
            # "paid quarterly", "a daily rally"; but "a quarterly dividend", "an annual
            # report" name a kind of payment or report, not when it happens.
            return token.pos_ == "ADV" or (token.pos_ == "ADJ"
                                           and token.lower_ in FREQUENT_ADJECTIVES)
        return True


def _names(doc) -> list[tuple[int, int]]:
    """Character spans of the doc's named entities of `NAME_LABELS`, read off the entity arrays
    (`doc.ents` builds every span and costs more than the rest of the stage)."""
    wanted = {doc.vocab.strings[label] for label in NAME_LABELS}
    names, start = [], None
    # Two columns, not a list per token (a long doc's rows are many objects to collect).
    iobs, labels = doc.to_array(["ENT_IOB", "ENT_TYPE"]).T.tolist() if len(doc) else ([], [])
    for i, (iob, label) in enumerate(zip([*iobs, 2], [*labels, 0])):
        if start is not None and iob != 1:  # 1: inside, 2: outside, 3: begins
            last = doc[i - 1]
            names.append((doc[start].idx, last.idx + len(last.text)))
            start = None
        if iob == 3 and label in wanted:
            start = i
    return names


def _sentences(doc) -> list:
    """The doc's sentences as spans, read off the sentence-start array (much faster than
    `doc.sents`); the whole doc as one sentence when it has no sentence boundaries."""
    if not len(doc):
        return [doc[0:0]]
    if not doc.has_annotation("SENT_START"):
        return [doc[0:len(doc)]]
    starts = [i for i, flag in enumerate(doc.to_array("SENT_START").tolist()) if flag == 1]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return [doc[a:b] for a, b in zip(starts, [*starts[1:], len(doc)])]


def _comparison(spec: Spec) -> bool:
    """"a year earlier", "the year-ago quarter": a look back for comparison, after which the
    story's own time is still the one before."""
    return (spec.kind == "period" and (bool(spec.n) or spec.year is not None)) \
        or spec.relation == "year-earlier" or (
        spec.kind == "offset" and bool(spec.n) and spec.unit in ("year", "quarter", "half"))


def _anchor_note(spec: Spec, context: Context, basis: str) -> str | None:
    """Which anchor a value was computed from (None when the words alone give it)."""
    if spec.kind in ("value", "duration", "set", "ref") or \
            (spec.kind == "date" and spec.year is not None):
        return None
    if spec.base == "ref" and context.ref is not None:
        return f"mentioned:{context.ref.value()}"
    return f"{basis}:{context.now.value()}" if context.now is not None else "none"


# ----------------------------------------------------------------------------------------------
# Checks against the parse


def _neighbours(token, doc):
    previous = doc[token.i - 1] if token.i else None
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return previous, following


def _month_alone_ok(token, doc) -> bool:
    """A month name on its own: "May" the modal and "March" the verb are not months, nor is
    "April" in "April Ryan"; a short form needs its period ("Aug." but not "Aug")."""
    word = token.lower_.rstrip(".")
    if token.tag_ in VERB_TAGS or token.ent_type_ == "PERSON":
        return False
    if word == "may":
        _, following = _neighbours(token, doc)
        return following is None or following.pos_ not in ("PRON", "AUX", "VERB")
    return len(word) > 4 or word in ("june", "july") or token.text.endswith(".")


def _season_ok(token, doc) -> bool:
    """"fall" and "spring" are seasons only as nouns in a time slot ("last fall", "in spring")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.lower_ in ("fall", "spring"):
        previous, following = _neighbours(token, doc)
        previous_word = previous.lower_ if previous is not None else ""
        if following is not None and following.lower_ == "of":
            return False  # "the fall of the Berlin Wall"
        return previous_word in ("in", "the", "this", "last", "next", "during", "since", "until",
                                 "by", "early", "late", "over", "through", "that", "each",
                                 "every")
    return True


def _year_ok(token, doc) -> bool:
    """A lone four-digit number is a year unless the words around make it a count or a name:
    "2,004 people" and "Room 2012" are not years; "in 2004" and "the 2004 election" are."""
    previous, following = _neighbours(token, doc)
    if previous is not None and (previous.lower_.rstrip(".") in NOT_YEAR_BEFORE
                                 or previous.text in ("$", "#", "€", "£")):
        return False
    if following is not None and following.lower_ in NOT_YEAR_AFTER:
        return False
    if token.ent_type_ in NUMBER_LABELS:
        return False
    if previous is not None and previous.lower_ in YEAR_LEADS or token.ent_type_ == "DATE":
        return True
    if token.ent_type_ == "CARDINAL" or (token.dep_ == "nummod" and token.head.tag_ == "NNS"):
        return False
    if previous is not None and previous.text[:1].isupper() and previous.pos_ == "PROPN":
        return False  # "Flight 2004", "Windows 2000"
    return 1900 <= int(token.text[:4]) <= 2100 if token.text[:4].isdigit() else False


def _duration_ok(token, doc) -> bool:
    """The number of a duration: "a second time" and "a quarter of the shares" are not."""
    unit = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if unit is not None and unit.lower_ == "second" and token.lower_ in ("a", "the"):
        return False
    after = doc[token.i + 2] if token.i + 2 < len(doc) else None
    return not (unit is not None and unit.lower_.startswith("quarter")
                and after is not None and after.lower_ == "of")


def _reference_ok(word: str, token, doc) -> bool:
    """"current" and "future" before a noun; "the future of" is a topic, not a time."""
    _, following = _neighbours(token, doc)
    if word == "current":
        return token.pos_ == "ADJ" and following is not None and \
            following.pos_ in ("NOUN", "PROPN") and following.lower_ not in (
                "account", "accounts", "affairs", "events", "flow", "flows", "assets",
                "liabilities", "density", "source")
    if word in ("the future", "future"):
        end = doc[token.i + 2] if word == "the future" and token.i + 2 < len(doc) else following
        return end is None or end.lower_ != "of"
    return True


# ----------------------------------------------------------------------------------------------
# Direction from the sentence


def tense_direction(doc, span, sentence=None) -> int:
    """-1 when the expression's clause is past ("was charged in January"), +1 when it looks
    ahead ("will", "is set for", "planned a rally on Saturday"), 0 when the words do not say."""
    previous = doc[span.start - 1] if span.start else None
    if previous is not None and previous.lower_ in PAST_PREPOSITIONS:
        return -1  # "since January"
    direction = _clause_direction(span, sentence if sentence is not None else span.sent)
    if direction < 0 and previous is not None and previous.lower_ in OPEN_PREPOSITIONS:
        return 0  # "extended the offer until Nov. 20": a past act about a time still ahead
    return direction


def _clause_direction(span, sentence) -> int:
    token = span.root
    direct = True  # no noun between the expression and its verb
    for _ in range(8):
        if token.lower_ in FUTURE_PASSIVES and token.tag_ in ("JJ", "VBN"):
            # "is set for Friday", "the vote is due Monday", "payable Dec. 7"; not the past
            # "was due", nor "the record high set on Aug. 6".
            verbs = [token, token.head] if token.head.lemma_ == "be" else [token]
            be = [c for v in verbs for c in [v, *v.children] if c.i != token.i
                  and c.lemma_ in ("be", "have")]
            past = any(c.tag_ == "VBD" or c.lower_ in ("had", "has", "have") for c in be)
            if not past and (be or token.tag_ == "JJ"):
                return 1
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            return _verb_direction(token, direct)
        if token.head.i == token.i:
            break
        if token.i != span.root.i and token.pos_ in ("NOUN", "PROPN", "PRON"):
            direct = False
        token = token.head
    return _sentence_direction(sentence)


def _verb_direction(verb, direct: bool = False) -> int:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    have = bool(words & {"have", "'ve"})  # "will have", "would have": done by then
    if words & set(FUTURE_AUXILIARIES) or words & set(MODALS_AHEAD):
        return -1 if have else 1
    if words & set(MODALS_OPEN):
        return -1 if have else 0
    if "going" in words or (verb.lower_ == "going" and
                            any(c.dep_ == "xcomp" for c in verb.children)):
        return 1
    if verb.lemma_.lower() in FUTURE_VERBS:
        # "plans a rally Saturday", "has scheduled a news conference Thursday" look ahead; a
        # past "planned" may be about a plan since carried out: open.
        return 0 if _in_past(verb) and verb.lemma_.lower() not in POSTPONING else 1
    if "to" in words and verb.head.i != verb.i:
        # An infinitive's time is its own: ahead under "plans to", "is expected to"; after a
        # past "agreed to", "was due to", "subpoenaed him to", still open.
        head = verb.head
        if head.lemma_ == "be":  # "is to resume Tuesday", not "to accede ... were also"
            return 1 if verb.dep_ == "xcomp" and head.tag_ != "VBD" else 0
        if direct and head.lemma_.lower() in FUTURE_CONTROLLERS and not any(
                c.lower_ in ("had", "'d") for c in head.children):
            return 1  # (a date inside a noun phrase, "her Sunday morning crisis", keeps its own)
        return 0
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return -1
    if verb.tag_ == "VBN":
        # "has been charged", "the injunction issued Thursday": done by now.
        return -1 if (words & {"have", "'ve", "had", "has", "'d", "was", "were", "been"}
                      or not words) else 0
    if verb.tag_ == "VBG" and words & AUXILIARY_PRESENT:
        return 1  # "is meeting Friday"
    if direct and verb.tag_ in ("VBZ", "VBP") and not words and \
            verb.lemma_ not in ("be", "have", "say", "tell"):
        return 1  # "the two leaders meet Monday": a present with a date of its own is a timetable
    return 0


def _in_past(token) -> bool:
    """A simple past or a past perfect: "planned", "had been due", "was expected"."""
    if token.tag_ == "VBD":
        return True
    heads = [token, token.head] if token.head.lemma_ == "be" else [token]
    return any(c.dep_ in ("aux", "auxpass", "cop")
               and (c.tag_ == "VBD" or c.lower_ in ("had", "'d"))
               or c.i != token.i and c.tag_ == "VBD" and c.lemma_ in ("be", "have")
               for head in heads for c in [head, *head.children])


def _sentence_direction(sentence) -> int:
    """No verb governs the expression (a headline, a fragment): the sentence's first word that
    tells ("will" ahead, a past-tense verb behind)."""
    for token in sentence:
        if token.lower_ in FUTURE_AUXILIARIES:
            return 1
        if token.tag_ == "VBD":
            return -1
    return 0
