"""Events: the happenings a sentence reports, each anchored to its sentence and dated.

Read from the parse that the pipeline already made (no second spaCy pass):

1. triggers: per sentence, the verbs that head a clause of their own and name a happening
   (not states, not copulas, not a bare "said"), an infinitive chain folded into one event
   ("began to crumble", "is set to star"); nouns of happenings when a time attaches to them
   ("the hearing on Friday") or a scheduling verb sets them ("a hearing is set for Friday").
   Undated clauses in the simple present ("faces lawsuits"), undated participial asides and
   undated reporting verbs are states, commentary or frames, and are left out.
2. time, never invented: a DATE/TIME expression of the event's own clause (the first event
   up its dependency path; a fronted "In April 2021, ..." for the main clause; the one event
   of a one-clause sentence; "Thursday, when ..."); else the time of the clause it belongs to
   (a conjoined verb in the same tense; a "when/as/while" clause or a participial adjunct and
   its main clause, both ways; a clause about a dated event noun: "the 1996 bombing that
   killed one person", "injured in the 1998 bombing"; an infinitive of purpose and the verb it
   completes: "extended their offers to acquire the company Friday"); else the discourse: a
   sentence opened by "then", "at the time", "that day" continues the previous sentence's
   time; a narrative goes on: a simple-past main clause (asserted, outside quotes) takes the
   time of the last simple-past main clause told, in this paragraph or the one before, when
   its sentence has no time expression, no word that moves the time ("earlier", "since",
   "soon") and no time clause ("As his troubles mounted, ..."); and a present-perfect
   happening in the lede is the news of the day (the publication date). A time inside the
   baseline of a comparison ("rose to $5 million from $4 million a year earlier") dates no
   event. A deictic word inside a quote counts from when the quote was said (the times
   stage's `quote:` anchor). Otherwise the time stays empty: never the previous sentence's
   across a change of tense or a new time, never a reporting verb's for what it reports,
   never a relative clause's host's.
3. modality (`storyline.events.modality`), a summary in the sentence's own words, participants
   (entity ids as agent, patient or other) and a place.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..config import Config
from .phrases import (Mentions, baseline, continues_previous, glued, narrative_goes_on,
                            participants, place, sentence_span, summarize)
from .modality import modality_of, same_tense, simple_past
from ..record import Article, Event, EventTime, Span, TimeExpression
from ..spans import Spans
from ..vocab import events as V

CALENDAR_VALUE = re.compile(r"^\d{4}(?:$|-)")
ANCHORING_TYPES = frozenset({"DATE", "TIME"})
# Names that may hold a month or a number that is no time ("The Hunt for Red October").
NAME_TYPES = frozenset({"WORK", "ORG", "EVENT", "PRODUCT", "LAW"})
# A time inside a noun phrase before its head dates the noun: "the 1996 Olympic bombing".
PREMODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "nummod", "poss", "npadvmod"})
CHAIN_HEADS = V.ASPECTUAL_HEADS | V.PLANNING_HEADS | V.NEGATING_HEADS
FAR = 99  # path length given to a time that only the one-clause rule attaches


@dataclass
class Clause:
    """One event candidate: the clause head, the word naming the happening, and its time."""

    head: object                       # spaCy token heading the clause
    trigger: object                    # the verb at the end of its chain, or an event noun
    noun: bool = False
    time: EventTime | None = None
    steps: int = FAR + 1               # dependency steps from `time` to the clause
    vague: EventTime | None = None     # PAST_REF, FUTURE_REF...: only when nothing better
    modality: str = "asserted"


def find_events(article: Article, config: Config) -> Article:
    """Fill `article.events` from `article.doc` (the stage; also run as a spaCy component)."""
    if article.doc is not None:
        article.events = [event for event, _ in detect_events(article)]
    return article


def detect_events(article: Article) -> list[tuple[Event, Span]]:
    """The events of a parsed article, each with its trigger's character span."""
    doc = article.doc
    names = Spans(span for entity in article.entities if entity.type in NAME_TYPES
                  for span in entity.mentions)
    expressions = _ByStart([e for e in article.times if e.type in ANCHORING_TYPES
                            and not names.encloses(*e.span)])
    times = _ByStart(article.times)
    quote_spans = Spans(q.span for q in article.quotes if q.kind == "direct")
    paragraph_starts = [start for start, _ in article.paragraphs]
    published = article.published.value[:10] if article.published else None
    lede = _lede(article)
    found: list[Clause] = []
    previous: EventTime | None = None
    narrative: tuple[EventTime, int] | None = None  # the last sentence's dated past main clause
    for sentence in doc.sents:
        clauses = _candidates(sentence)
        _attach_times(sentence, clauses,
                      expressions.between(sentence.start_char, sentence.end_char), doc)
        _inherit_from_clauses(clauses)
        kept = [clause for clause in clauses if _keep(clause)]
        _lend_to_governor(clauses, kept)
        dated_here = any(c.time is not None and c.time.basis == "sentence" for c in clauses)
        paragraph = _paragraph(article, paragraph_starts, sentence.start_char)
        continues = narrative is not None and paragraph - narrative[1] in (0, 1) and \
            narrative_goes_on(sentence, times.between(sentence.start_char, sentence.end_char))
        for clause in kept:
            clause.modality = modality_of(clause.head, clause.trigger, quote_spans, published,
                                          clause.time.value if clause.time else None)
            if clause.time is None and previous is not None and _main(clause) and \
                    continues_previous(sentence):
                clause.time = EventTime(previous.value, previous.span, "discourse")
            if clause.time is None and continues and _narrated(clause, quote_spans):
                clause.time = EventTime(narrative[0].value, narrative[0].span, "discourse")
            if clause.time is None and published and not dated_here and \
                    _news_of_the_day(clause, lede):
                clause.time = EventTime(published, None, "published")
            if clause.time is None and clause.vague is not None:
                clause.time = clause.vague
        dated = [c.time for c in kept if c.time is not None
                 and c.time.basis in ("sentence", "clause") and CALENDAR_VALUE.match(c.time.value)]
        previous = dated[-1] if dated else None
        told = [c.time for c in kept if c.time is not None and c.time.basis != "published"
                and CALENDAR_VALUE.match(c.time.value) and _narrated(c, quote_spans, frame=True)]
        narrative = (told[0], paragraph) if told else (narrative[0], paragraph) if continues \
            else None  # a sentence that tells on without a time of its own keeps the thread
        found.extend(kept)
    mentions = Mentions.of(article)
    return [(_event(article, f"v{number}", clause, mentions),
             (clause.trigger.idx, clause.trigger.idx + len(clause.trigger)))
            for number, clause in enumerate(found, start=1)]


# -- 1. triggers ------------------------------------------------------------------------------

def _candidates(sentence) -> list[Clause]:
    clauses: list[Clause] = []
    nouns = []
    for token in sentence:
        pos = token.pos_
        if pos == "NOUN":
            if token.lemma_.lower() in V.EVENT_NOUNS:
                nouns.append(token)
        elif pos in ("VERB", "AUX") and _heads_clause(token) and not glued(token):
            noun = _scheduled_noun(token)
            trigger = noun if noun is not None else _chain_end(token)
            if noun is not None or _eventive(trigger):
                clauses.append(Clause(token, trigger))
    taken = {clause.trigger.i for clause in clauses}
    return clauses + [Clause(t, t, noun=True) for t in nouns if t.i not in taken]


def _heads_clause(token) -> bool:
    if token.dep_ not in V.CLAUSE_DEPS:
        return False
    if token.dep_ == "xcomp" and token.head.pos_ in ("VERB", "AUX"):
        return False  # folded into the verb it complements
    if token.dep_ == "conj" and token.head.pos_ not in ("VERB", "AUX"):
        return False
    return not (token.pos_ == "AUX" and token.lemma_ in ("be", "have", "do"))


def _chain_end(token):
    """The verb that names the happening along an infinitive chain: "is set to star" -> star."""
    while token.lemma_.lower() in CHAIN_HEADS:
        nxt = _xcomp(token)
        if nxt is None:
            break
        token = nxt
    return token


def _xcomp(token):
    return next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)


def _eventive(trigger) -> bool:
    lemma = trigger.lemma_.lower()
    return lemma in V.REPORTING_VERBS or lemma not in V.STATE_VERBS


def _scheduled_noun(head):
    """"A status hearing is set for Friday": the event noun a scheduling verb puts on the calendar."""
    if head.lemma_.lower() not in V.SCHEDULING_VERBS:
        return None
    return next((c for c in head.children if c.dep_ in ("nsubjpass", "nsubj")
                 and c.lemma_.lower() in V.EVENT_NOUNS), None)


def _keep(clause: Clause) -> bool:
    """Happenings only: dated nouns, and verbs that are not states, asides or bare frames."""
    if clause.noun:
        return clause.time is not None
    head, trigger = clause.head, clause.trigger
    if clause.time is not None and clause.time.basis in ("sentence", "quote"):
        return True
    if trigger.lemma_.lower() in V.REPORTING_VERBS:
        return False
    lead = head
    while lead.dep_ == "conj" and lead.head.pos_ in ("VERB", "AUX"):
        lead = lead.head  # the first of conjoined verbs says what kind of clause they are
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")] or (
        [c for c in lead.children if c.dep_ in ("aux", "auxpass")] if lead is not head else [])
    infinitive = bool(auxiliaries) and all(a.lower_ == "to" for a in auxiliaries)
    subject = any(c.dep_ in V.SUBJECT_DEPS for c in head.children)
    if head.tag_ in ("VBZ", "VBP") and not auxiliaries and trigger is head:
        return False  # simple present: a state or a habit
    if head.tag_ in ("VBG", "VBN") and not auxiliaries and lead.dep_ not in ("ROOT", "ccomp",
                                                                               "relcl"):
        return False  # "Looking to get ...", "still battered": an aside or a state
    if infinitive and lead.dep_ not in ("ROOT", "ccomp"):
        return False  # "the decision to dismiss", "traveled ... to film": not told as done
    if head.tag_ == "VB" and not auxiliaries and (lead.dep_ != "ROOT" or not subject):
        return False  # an imperative or a bare infinitive
    return True


# -- 2. time ----------------------------------------------------------------------------------

def _attach_times(sentence, clauses: list[Clause], expressions, doc) -> None:
    by_token = {}
    for clause in clauses:
        by_token[clause.head.i] = clause
        token = clause.head
        while not clause.noun and token is not clause.trigger and _xcomp(token) is not None:
            token = _xcomp(token)  # the folded chain is one clause
            by_token[token.i] = clause
    verbal = [c for c in clauses if not c.noun]
    for expression in expressions:
        if not sentence.start_char <= expression.span[0] < sentence.end_char:
            continue
        span = doc.char_span(*expression.span, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        clause, steps = _governing_clause(span, by_token, sentence)
        if clause is None and steps >= 0 and len(verbal) == 1:
            clause, steps = verbal[0], FAR  # one clause: the nearest event is the only one
        if clause is not None:
            _offer(clause, expression, steps)
            head = clause.head
            if head.dep_ == "acl" and head.head.dep_ in ("nsubj", "nsubjpass") and \
                    head.head.head.i in by_token:  # "The warrant issued Monday charged Kopp"
                _offer(by_token[head.head.head.i], expression, steps + 2)
        following = doc[span.end + 1] if span.end + 1 < len(doc) and doc[span.end].text == "," \
            else doc[span.end] if span.end < len(doc) else None
        if following is not None and following.lower_ == "when" and following.head.i in by_token:
            _offer(by_token[following.head.i], expression, 1)  # "Thursday, when 133 were arrested"


def _governing_clause(span, by_token, sentence):
    """The event whose clause holds the time, and the steps to it (-1: a clause that is no
    event holds it): up the dependency path to the first event."""
    if _fronted(span, sentence):
        root = sentence.root
        content = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis")
                        and c.i < root.i and c.i in by_token), None)
        if root.lemma_.lower() in V.REPORTING_VERBS and content is not None:
            return by_token[content.i], 1  # "On Wednesday, X and Y met again, Z said."
        if root.i in by_token:
            return by_token[root.i], 1
    token, child, steps = span.root, span.root, 0
    owner = span.root.head
    if span.root.dep_ in ("compound", "nummod", "amod") and owner.pos_ in ("NOUN", "PROPN") \
            and owner.i not in by_token and "Pres" in owner.head.morph.get("Tense"):
        return None, -1  # "the 1962 span carries …": the year describes a thing, dates nothing
    while token.head.i != token.i:
        child, token = token, token.head
        steps += 1
        if baseline(token):
            return None, -1  # "rose to $5 million from $4 million a year earlier"
        clause = by_token.get(token.i)
        if clause is not None and clause.noun and token.dep_ in ("pobj", "dobj") and \
                child.dep_ not in PREMODIFIER_DEPS:
            continue  # "told CNN in an interview in August": the verb's time
        if clause is not None:
            return clause, steps
        if token.pos_ in ("VERB", "AUX") and _heads_clause(token):
            return None, -1
    return None, steps


def _fronted(span, sentence) -> bool:
    """"In April 2021, ..." / "Last year, ...": a time that opens the sentence frames it."""
    if span.start - sentence.start > 4:
        return False
    words = [t for t in span.doc[sentence.start:span.start] if not t.is_space and not t.is_punct
             and t.lower_ not in V.SENTENCE_OPENERS]
    after = span.end < sentence.end and span.doc[span.end].text == ","
    return after and len(words) <= 1 and all(t.pos_ == "ADP" for t in words)


def _offer(clause: Clause, expression: TimeExpression, steps: int) -> None:
    value, basis = expression.value or "", "sentence"
    anchor = expression.anchor or ""
    if anchor.startswith("quote:") and not CALENDAR_VALUE.match(value):
        value, basis = anchor.split(":", 1)[1], "quote"  # "yesterday" in a dated quote
    time = EventTime(value, expression.span, basis)
    if not CALENDAR_VALUE.match(value):
        clause.vague = clause.vague or time
    elif steps < clause.steps or (steps == clause.steps and len(value) > len(clause.time.value)):
        clause.time, clause.steps = time, steps


def _inherit_from_clauses(clauses: list[Clause]) -> None:
    """Times shared between clauses: a conjoined verb of the same tense and a "when/as/while"
    clause or a participial adjunct ("Speaking to CNN in August, Baldwin said") share the time of
    the clause they join, both ways; a clause about a dated event noun shares its time: "the
    1996 bombing that killed one person", "The Aug. 7 bombings killed 200 people", "Spitzer
    attacked him in Sunday's debate"."""
    by_token = {clause.head.i: clause for clause in clauses}
    ordered = sorted(clauses, key=lambda c: _depth(c.head))
    for clause in ordered:  # an adjunct lends its time to the clause it modifies
        head = clause.head
        governor = by_token.get(head.head.i)
        if clause.time is not None and clause.time.basis == "sentence" and governor is not None \
                and governor.time is None and _simultaneous(head):
            governor.time = EventTime(clause.time.value, clause.time.span, "clause")
    for clause in ordered:
        if clause.time is not None or clause.noun:
            continue
        head = clause.head
        governor = None
        if head.dep_ == "advcl" and _simultaneous(head):
            governor = by_token.get(head.head.i)
        elif head.dep_ == "conj" and same_tense(head, head.head):
            governor = by_token.get(head.head.i)
        elif head.dep_ in ("relcl", "acl"):
            governor = _event_noun(head.head, by_token)
        for child in head.children:
            if governor is None and child.dep_ in ("nsubj", "nsubjpass"):
                governor = _event_noun(child, by_token)
            elif governor is None and child.dep_ == "prep" and child.lower_ in V.DURING_PREPOSITIONS:
                governor = next((_event_noun(o, by_token) for o in child.children
                                 if o.dep_ == "pobj"), None)
        if governor is not None and governor.time is not None:
            clause.time = EventTime(governor.time.value, governor.time.span, "clause")


def _lend_to_governor(clauses: list[Clause], kept: list[Clause]) -> None:
    """An infinitive of purpose lends its time to the verb it completes, which the parser often
    leaves without: "extended their offers to acquire the company Friday"."""
    by_token = {clause.head.i: clause for clause in kept}
    for clause in clauses:
        head, governor = clause.head, by_token.get(clause.head.head.i)
        if governor is not None and governor.time is None and not clause.noun and \
                clause.time is not None and clause.time.basis == "sentence" and \
                head.dep_ in ("advcl", "xcomp") and _bare_infinitive_of_purpose(head):
            governor.time = EventTime(clause.time.value, clause.time.span, "clause")


def _bare_infinitive_of_purpose(head) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) and not any(
        c.dep_ in V.SUBJECT_DEPS or c.dep_ == "mark" for c in head.children)


def _simultaneous(head) -> bool:
    """An adverbial clause at the time of its main clause: "when/as/while ...", or a participle
    with neither marker nor subject ("Speaking to CNN in August, ...")."""
    if head.dep_ != "advcl":
        return False
    marker = next((c.lower_ for c in head.children if c.dep_ == "mark" or (
        c.dep_ == "advmod" and c.lower_ == "when" and c.i < head.i)), None)
    if marker is not None:
        return marker in V.SIMULTANEOUS_MARKERS
    return head.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in V.SUBJECT_DEPS or c.dep_ in ("aux", "auxpass") for c in head.children)


def _event_noun(noun, by_token):
    """The dated event noun a phrase names: the noun, or the X of "the bombing of X"."""
    for token in (noun, noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of"
                  else None):
        clause = by_token.get(token.i) if token is not None else None
        if clause is not None and clause.noun and clause.time is not None:
            return clause
    return None


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _main(clause: Clause) -> bool:
    head = clause.head
    return head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")


def _narrated(clause: Clause, quote_spans: Spans, frame: bool = False) -> bool:
    """A simple-past main clause, asserted and outside quotes: a step of a narrative. With
    `frame`, also what a past reporting verb reports ("Moskal said the two men showed up ...")."""
    head = clause.head
    reported = frame and head.dep_ == "ccomp" and head.head.dep_ == "ROOT" and \
        head.head.lemma_.lower() in V.REPORTING_VERBS and simple_past(head.head)
    return (_main(clause) or reported) and simple_past(head) and clause.modality in (
        "asserted", "reported") and not quote_spans.holds(head.idx)


def _paragraph(article: Article, starts: list[int], offset: int) -> int:
    """The number of the paragraph holding `offset` (-1: none); `starts`: the paragraphs'."""
    number = bisect_right(starts, offset) - 1
    return number if number >= 0 and offset < article.paragraphs[number][1] else -1


class _ByStart:
    """Time expressions by where they start: those of one sentence, in the article's order,
    without a scan of the whole article's for each sentence."""

    def __init__(self, times: list[TimeExpression]):
        self.times = times
        self.order = sorted(range(len(times)), key=lambda number: times[number].span[0])
        self.starts = [times[number].span[0] for number in self.order]

    def between(self, start: int, end: int) -> list[TimeExpression]:
        """Those starting at `start` or later and before `end`."""
        picked = self.order[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        return [self.times[number] for number in sorted(picked)]


def _lede(article: Article) -> Span | None:
    """The first paragraph of the body with a full sentence: where the news of the day is told."""
    for start, end in article.paragraphs:
        if len(article.text[start:end].split()) >= 12:
            return start, end
    return None


def _news_of_the_day(clause: Clause, lede: Span | None) -> bool:
    """A present-perfect happening in the lede ("prosecutors have dropped charges")."""
    head = clause.head
    if lede is None or not lede[0] <= head.idx < lede[1] or clause.modality not in (
            "asserted", "reported") or head.tag_ != "VBN" or head.dep_ not in V.NEWS_DEPS:
        return False
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
               for c in head.children)


# -- 3. the record ----------------------------------------------------------------------------

def _event(article: Article, event_id: str, clause: Clause, mentions: Mentions) -> Event:
    start, end = sentence_span(clause.head.sent, article.text)
    return Event(id=event_id, summary=summarize(clause.head, clause.trigger, clause.noun),
                 span=(start, end), time=clause.time, trigger=clause.trigger.text,
                 participants=participants(clause.head, clause.trigger, clause.noun, mentions),
                 place=place(clause.head, clause.trigger, mentions),
                 modality=clause.modality)
