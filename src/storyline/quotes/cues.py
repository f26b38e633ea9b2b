"""Reporting clauses in the parse: a cue (verb or "according to"), its subject, and what it
reports (a clause, an object, a to-infinitive), kept inside the cue's paragraph.

Also who a statement was made to ("told CNN", "speaking to NPR") and when ("in August").
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from ..record import Article
from ..vocab.speech import (ACCORDING, ADDRESS_VERBS, CUE_PARTICLES, IMPERSONAL_SUBJECTS,
                           OBJECT_CUES, PREPOSITION_CUES, QUOTE_MARKS, SETTING_NOUNS,
                           SPEAKING_VERBS, SPEECH_VERBS, THOUGHT_VERBS, XCOMP_CUES)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A verb without a subject of its own shares the one of the verb it hangs on.
CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp", "ccomp"})
EXPLETIVES = frozenset({"it", "there"})
# After "“…,” said": the speaker may come out of the parser as any of these.
INVERTED_DEPS = frozenset({"nsubj", "dobj", "attr", "npadvmod", "dep", "appos", "oprd"})
# Verbs that report findings in a clause ("polls show …") but never introduce quoted words.
FINDING_VERBS = frozenset({"find", "show", "indicate", "rule"})
# Words between a closing mark and its cue ("“…,” the union wrote").
SPEAKER_REACH = 8
# "…, X said Thursday in a statement.": words allowed after a sentence-final cue.
FRONTED_TAIL = 8
FRONTED_COMMAS = frozenset({",", "—", "–", "--"}) | QUOTE_MARKS
# What follows an object and still belongs to what was said: "… Clinton for her vote".
COMPLETING_DEPS = frozenset({"prep", "oprd", "xcomp", "ccomp", "dobj", "dative", "attr",
                             "acomp", "npadvmod"})
# Shortest reported clause, and object, kept, in tokens (pronoun objects never are).
MIN_CLAUSE_TOKENS = 3
MIN_OBJECT_TOKENS = 1


@dataclass
class Frame:
    """A reporting clause: `content` is the reported words' token range (None: none in the
    parse, as in "“…,” he said"), `subject` the token naming the speaker."""

    cue: object
    content: tuple[int, int] | None
    subject: object | None
    cue_text: str
    used: bool = False    # a direct quote took it
    mixed: bool = False   # a quoted fragment lies in its content


class Layout:
    """Token-level facts the clause finder needs: quoted tokens and paragraphs."""

    def __init__(self, doc, inside: Sequence[bool], paragraph_of: Sequence[int]):
        self.doc = doc
        self.inside = inside
        self.paragraph_of = paragraph_of
        self.bounds: dict[int, tuple[int, int]] = {}
        for index, paragraph in enumerate(paragraph_of):
            first, _ = self.bounds.get(paragraph, (index, index))
            self.bounds[paragraph] = (first, index)

    def clip(self, token, first: int, last: int) -> tuple[int, int]:
        low, high = self.bounds[self.paragraph_of[token.i]]
        return max(first, low), min(last, high)

    def same_paragraph(self, one, other) -> bool:
        return self.paragraph_of[one.i] == self.paragraph_of[other.i]


def find_frames(layout: Layout) -> list[Frame]:
    frames = []
    for token in layout.doc:
        if layout.inside[token.i] or token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = token.lemma_.lower()
        frame = None
        if lemma == ACCORDING:
            frame = _according(token, layout)
        elif token.pos_ == "VERB" and (lemma in SPEECH_VERBS or lemma in THOUGHT_VERBS
                                       or lemma in OBJECT_CUES or lemma in XCOMP_CUES
                                       or lemma in PREPOSITION_CUES):
            frame = _verb_frame(token, lemma, layout)
        if frame is not None:
            frames.append(frame)
    return frames


def _verb_frame(verb, lemma: str, layout: Layout) -> Frame | None:
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and not layout.inside[c.i]),
                 None)
    content = None
    subject = subject_of(verb, layout)
    if subject is None and lemma in SPEECH_VERBS:
        subject = _just_before(verb, layout)
    if lemma not in SPEECH_VERBS and (subject is None or subject.lower_ in IMPERSONAL_SUBJECTS):
        return None  # a thought or a stance needs a holder: not "it", "I" or "you"
    if (lemma in SPEECH_VERBS or lemma in THOUGHT_VERBS) and xcomp is None:
        content = _clause(verb, lemma, layout)
    if content is None and xcomp is not None and lemma in XCOMP_CUES:
        content = _span(layout, verb, xcomp)
    if content is None and lemma in OBJECT_CUES and not _intended(verb):
        target = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if target is None and any(c.dep_ == "agent" for c in verb.children):
            target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if target is not None:
            content = _span(layout, verb, target)
            if target.pos_ == "PRON" and content is not None and content[0] == content[1]:
                content = None  # "criticized it": nothing said; "called them hypocrites" is
    if content is None and lemma in PREPOSITION_CUES:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in PREPOSITION_CUES[lemma]:
                target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if target is not None and target.pos_ != "PRON":
                    content = _span(layout, verb, target)
                    break
    if content is None and (lemma not in SPEECH_VERBS or xcomp is not None):
        return None
    return Frame(verb, content, subject, cue_text(verb))


def _intended(verb) -> bool:
    """An act still sought, not a stance taken: "lawyers are seeking to dismiss the suit",
    "moved to block the rule" (the head of the infinitive is no cue itself)."""
    head = verb.head.lemma_.lower()
    return verb.dep_ == "xcomp" and not (head in SPEECH_VERBS or head in THOUGHT_VERBS
                                         or head in OBJECT_CUES or head in XCOMP_CUES)


def _according(token, layout: Layout) -> Frame | None:
    """ "according to X": X speaks; the clause the phrase hangs on is what was said."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if source is None:
        return None
    head = token.head
    content = None
    if head.i != token.i and head.pos_ in ("VERB", "AUX"):
        own = {t.i for t in token.subtree}
        rest = [t.i for t in head.subtree if t.i not in own and not t.is_punct]
        if rest:
            content = _trimmed(layout, token, min(rest), max(rest))
    return Frame(token, content, source, f"{token.text} {to.text}")


def _clause(verb, lemma: str, layout: Layout) -> tuple[int, int] | None:
    """The clause a reporting verb reports: its clausal complement, or the clause it is
    wedged into ("…, officials said.")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clause = min(clauses, key=lambda c: abs(c.i - verb.i)) if clauses else None
    if clause is not None and not layout.same_paragraph(clause, verb):
        return None
    if clause is not None and lemma in FINDING_VERBS and not any(
            c.dep_ == "mark" or c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON"
            for c in clause.children):
        return None  # "found himself dropped": a small clause, not a finding reported
    if clause is None or clause.i < verb.i:
        fronted = _fronted(verb, layout)
        if fronted is not None:
            return fronted
    if clause is not None:
        first, last = clause.left_edge.i, clause.right_edge.i
        if clause.left_edge.dep_ == "mark" and clause.left_edge.lower_ == "that":
            first += 1
        if clause.i < verb.i:
            first = max(first, _quote_start(verb, layout))  # "…: “…,” the union wrote"
        return _trimmed(layout, verb, first, last)
    inverted = verb.dep_ == "ccomp" and verb.i > verb.head.i and any(
        c.dep_ in SUBJECT_DEPS and c.i > verb.i for c in verb.children)
    if any(layout.inside[t.i] for t in verb.subtree if t.i < verb.i) or _after_quote(
            verb.left_edge, layout):
        return None  # "“…,” the union wrote": the quote is what it reports
    if (verb.dep_ == "parataxis" or inverted) and layout.same_paragraph(verb, verb.head):
        own = {t.i for t in verb.subtree}
        rest = [t for t in verb.head.subtree if t.i not in own]
        if rest:  # "Climate change, Mr. Obama often says, is …": around the cue
            after = [t.i for t in rest if t.i > verb.right_edge.i and not t.is_punct]
            last = max(after) if after else verb.left_edge.i - 1
            return _trimmed(layout, verb, rest[0].i, last)
    return None


def _fronted(verb, layout: Layout) -> tuple[int, int] | None:
    """ "X happened, but Y followed, another source said.": everything before the speaker, in
    its sentence (after a colon), when the speaker and cue close the sentence."""
    doc = layout.doc
    sentence = verb.sent
    if any(c.dep_ in ("dobj", "xcomp") for c in verb.children):
        return None
    tail = [t for t in doc[verb.i + 1:sentence.end] if not (t.is_punct or t.is_space)]
    if len(tail) > FRONTED_TAIL or any(t.pos_ in ("VERB", "AUX") and not layout.inside[t.i]
                                       for t in tail):
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    begin = subject.left_edge.i if subject is not None and subject.i < verb.i else verb.i
    while begin > 0 and doc[begin - 1].is_space:
        begin -= 1
    if begin < 1 or doc[begin - 1].text not in FRONTED_COMMAS:
        return None
    low, _ = layout.bounds[layout.paragraph_of[verb.i]]
    first = max(sentence.start, low)
    for index in range(first, begin - 1):
        if doc[index].text in (":", ";") and not layout.inside[index]:
            first = index + 1
    if not any(c.dep_ in SUBJECT_DEPS for t in doc[first:begin - 1] for c in t.children
               if t.pos_ in ("VERB", "AUX")):
        return None  # "At Monday’s debate, Clinton mentioned …": no clause before
    return _trimmed(layout, verb, first, begin - 1)


def _span(layout: Layout, verb, target) -> tuple[int, int] | None:
    """An object with what completes it: "criticized Clinton for her vote", "called climate
    change a hoax", "cited the remarks as examples of …"."""
    if not layout.same_paragraph(verb, target):
        return None
    last = max([target.right_edge.i] + [c.right_edge.i for c in verb.children
                                        if c.i > target.i and c.dep_ in COMPLETING_DEPS])
    return _trimmed(layout, verb, target.left_edge.i, last, minimum=MIN_OBJECT_TOKENS)


def _trimmed(layout: Layout, verb, first: int, last: int,
             minimum: int = MIN_CLAUSE_TOKENS) -> tuple[int, int] | None:
    doc = layout.doc
    first, last = layout.clip(verb, first, last)
    while first <= last and (doc[first].is_punct and doc[first].text not in QUOTE_MARKS
                             or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct and doc[last].text not in QUOTE_MARKS
                             and doc[last].text not in ".?!" or doc[last].is_space):
        last -= 1
    return (first, last) if last - first + 1 >= minimum else None


def subject_of(verb, layout: Layout, depth: int = 0):
    """The token naming who speaks: the subject, the agent of a passive, the subject of the
    verb a participle hangs on ("…, noting …"), or the name after "“…,” said"."""
    for child in verb.children:
        if child.dep_ == "agent":  # "was endorsed by dozens of papers"
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not layout.inside[c.i]]
    if len(subjects) > 1:  # "defense attorneys Luke Nikas and Alex Spiro": the names speak
        subjects.sort(key=lambda c: c.pos_ != "PROPN")
    for child in subjects[:1]:
        if child.lower_ in EXPLETIVES and child.dep_ == "nsubjpass":
            break
        return child if layout.same_paragraph(child, verb) else None
    if _after_quote(verb, layout):
        for child in verb.children:
            if (child.i > verb.i and child.dep_ in INVERTED_DEPS and not layout.inside[child.i]
                    and child.pos_ in ("PROPN", "NOUN", "PRON")):
                return child
    if verb.dep_ == "advcl" and verb.tag_ != "VBG":
        return None  # "Asked about it, Baldwin said …": Baldwin was asked, not asking
    if depth < 3 and verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i and verb.head.pos_ in (
            "VERB", "AUX") and layout.same_paragraph(verb, verb.head) and not layout.inside[
            verb.head.i]:
        return subject_of(verb.head, layout, depth + 1)
    return None


def _just_before(verb, layout: Layout):
    """ "… the Washington Post Trump said that …": the parser hung the name elsewhere, but a
    name (or noun, or pronoun) right before a speech verb is its speaker."""
    index = verb.i - 1
    while index >= 0 and layout.doc[index].pos_ in ("ADV", "AUX", "PART"):
        index -= 1
    if index < 0 or layout.inside[index] or not layout.same_paragraph(layout.doc[index], verb):
        return None
    token = layout.doc[index]
    return token if token.pos_ in ("PROPN", "NOUN", "PRON") and token.dep_ not in (
        "dobj", "attr") else None


def _after_quote(verb, layout: Layout) -> bool:
    """Whether only punctuation stands between the end of a quote and `verb`."""
    index = verb.i - 1
    while index >= 0 and layout.doc[index].is_punct and layout.doc[index].text not in QUOTE_MARKS:
        index -= 1
    return index >= 0 and (layout.inside[index] or layout.doc[index].text in QUOTE_MARKS)


def _quote_start(verb, layout: Layout) -> int:
    """The first token of a quote that ends a few words before `verb` ("“…,” the union
    wrote"), else 0."""
    doc, index = layout.doc, verb.i - 1
    while index >= 0 and verb.i - index <= SPEAKER_REACH and not layout.inside[index]:
        index -= 1
    if index < 0 or not layout.inside[index]:
        return 0
    while index >= 0 and (layout.inside[index] or doc[index].text in QUOTE_MARKS):
        index -= 1
    return index + 1


def cue_text(verb) -> str:
    particles = [c for c in verb.children if c.dep_ == "prt" and c.lower_ in CUE_PARTICLES]
    return " ".join([verb.text] + [c.text for c in particles])


def addressee_of(cue, entity_at: Sequence[str | None], types: dict[str, str], words):
    """Who it was said to: "told CNN", "said to reporters", "speaking to CNN"."""
    hearer = None
    if cue.lemma_.lower() in ADDRESS_VERBS:
        objects = [c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")
                   and c.pos_ != "PRON"]
        # "told ABC News’ George Stephanopoulos" parses as two objects: the person is the one.
        people = [c for c in objects if types.get(entity_at[c.i]) == "PERSON"]
        hearer = (people or objects or [None])[-1]
    if hearer is None:
        for verb in [cue] + [c for c in cue.children if c.dep_ == "advcl"
                             and c.lemma_.lower() in SPEAKING_VERBS]:
            hearer = _object_of(verb, "to") or _interview_with(verb)
            if hearer is not None:
                break
    if hearer is None:
        return None
    return entity_at[hearer.i] or words(hearer)


def _object_of(verb, preposition: str):
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == preposition:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _interview_with(verb):
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "during"):
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in SETTING_NOUNS:
                    found = _object_of(noun, "with")
                    if found is not None:
                        return found
    return None


# Time expressions that can say when words were spoken; durations and sets cannot.
SAYING_TIME_TYPES = ("DATE", "TIME")


class SayingTimes:
    """The article's time expressions that can say when words were spoken, by position: a
    clause looks only at those inside its own stretch of text, not at every one of a long text."""

    def __init__(self, times):
        # (start, order in the article, value), sorted: ties keep the article's order.
        self.found = sorted((t.span[0], order, t.value) for order, t in enumerate(times)
                            if t.type in SAYING_TIME_TYPES)
        self.starts = [start for start, _, _ in self.found]

    def between(self, low: int, high: int) -> list[tuple[int, int, str]]:
        """Those starting at `low` or later and before `high`."""
        first, last = bisect.bisect_left(self.starts, low), bisect.bisect_left(self.starts, high)
        return self.found[first:last]


def time_of(article: Article, frame: Frame, content: tuple[int, int] | None,
            times: SayingTimes | None = None) -> str | None:
    """The time the attribution clause gives ("told CNN in an interview in August"), never
    one inside what was said. `times`: `SayingTimes(article.times)`, built once per article."""
    if not article.times:
        return None
    if times is None:
        times = SayingTimes(article.times)
    cue = frame.cue
    verbs = [cue]
    own_subject = any(child.dep_ in ("nsubj", "nsubjpass") for child in cue.children)
    if frame.subject is not None and cue.dep_ in CLIMB_DEPS and cue.head.i != cue.i \
            and not own_subject:
        verbs.append(cue.head)  # "…, noting …": the clause it hangs on (a finite clause of
        # its own, "two days after inspectors reported", keeps its own time)
    skip = set(range(content[0], content[1] + 1)) if content else set()
    if frame.content:
        skip.update(range(frame.content[0], frame.content[1] + 1))
    if frame.subject is not None:  # "Baldwin, who … ended in 2012, said": not when he said it
        skip.update(t.i for t in frame.subject.subtree)
    for verb in verbs:
        ranges = sorted((t.idx, t.idx + len(t.text)) for t in verb.subtree if t.i not in skip)
        if not ranges:
            continue
        best = None
        # Durations and sets ("two days after", "every week") never say when it was said.
        for start, order, value in times.between(ranges[0][0], max(end for _, end in ranges)):
            position = bisect.bisect_right(ranges, (start, float("inf"))) - 1
            if position >= 0 and ranges[position][0] <= start < ranges[position][1]:
                closeness = (abs(start - cue.idx), order)  # the nearest; the first of a tie
                if best is None or closeness < best[0]:
                    best = (closeness, value)
        if best is not None:
            return best[1]
    return None
