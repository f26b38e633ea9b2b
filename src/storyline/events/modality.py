"""Modality of an event: is the happening asserted, negated, possible, planned, or reported?

Read from the clause in the parse, first cue wins in this order:

- negated: "not", "n't", "never" on the verb group, or a head that denies its complement
  ("refused to testify", "failed to appear");
- possible: a modal of possibility ("may", "might", "could", "can", "should", "must",
  "would" outside reported speech), an adverb ("perhaps", "probably"), a condition ("if"),
  a clause under "the possibility that" or "likely to";
- planned: "will", "going to", "set to", "scheduled", "plans to", "expected to", a scheduled
  event noun ("a hearing is set for Friday"), or a date after publication in a non-past clause;
- reported: inside a direct quote, the complement of a reporting verb ("X said that Y"),
  "according to", "reportedly";
- asserted otherwise.
A conjoined verb without its own auxiliaries shares its head's ("may be refiled and reopened").
"""
from __future__ import annotations

from ..spans import Spans
from ..vocab import events as V

MODALITIES = ("asserted", "negated", "possible", "planned", "reported")
PLANNED_ADJECTIVES = frozenset({"due", "poised", "expected", "set", "scheduled", "slated"})


def modality_of(head, trigger, quote_spans: Spans, published: str | None,
                time_value: str | None) -> str:
    """The modality of the event whose clause is headed by `head` and named by `trigger`."""
    chain = _chain(head, trigger)
    group = chain + _shared_group(head)
    if _negated(group, trigger):
        return "negated"
    reported = _reported(head, quote_spans)
    if _possible(group, head, reported):
        return "possible"
    if _planned(group, head, trigger, published, time_value, reported):
        return "planned"
    return "reported" if reported else "asserted"


def verb_chain(head, trigger) -> list:
    """The clause head and the verbs of its infinitive chain down to the trigger."""
    tokens, token = [head], head
    while token is not trigger:
        nxt = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if nxt is None:
            break
        tokens.append(nxt)
        token = nxt
    return tokens


def _chain(head, trigger) -> list:
    """The clause head, the verbs of its infinitive chain down to the trigger, and the trigger."""
    tokens = verb_chain(head, trigger)
    if trigger not in tokens:
        tokens.append(trigger)
    return tokens


def _shared_group(head) -> list:
    """A conjoined verb with no auxiliary or subject of its own shares its head's verb group."""
    shared, token = [], head
    while token.dep_ == "conj" and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in token.children):
        token = token.head
        shared.append(token)
    return shared


def _auxiliaries(tokens) -> list:
    return [c for t in tokens for c in t.children if c.dep_ in ("aux", "auxpass")]


def _negated(tokens, trigger) -> bool:
    for token in tokens:
        if token.lemma_.lower() in V.NEGATING_HEADS and token is not trigger:
            return True
        for child in token.children:
            if child.dep_ in ("neg", "advmod") and child.lower_ in V.NEGATING_ADVERBS:
                return True
            if child.dep_ in ("nsubjpass", "dobj") and any(
                    d.dep_ == "det" and d.lower_ in V.NEGATING_DETERMINERS for d in child.children):
                return True  # "no charges were filed"
    return False


def _possible(tokens, head, reported: bool) -> bool:
    auxiliaries = _auxiliaries(tokens)
    for aux in auxiliaries:
        lemma = aux.lower_
        if lemma in ("would", "'d", "’d"):
            # "said he would resign" is a future in the past; "would have" a counterfactual.
            perfect = any(a.lower_ == "have" for a in auxiliaries)
            if perfect or not reported:
                return True
        elif aux.lemma_.lower() in V.POSSIBLE_MODALS and aux.tag_ == "MD":
            return True
    for token in tokens:
        for child in token.children:
            lower = child.lower_
            if child.dep_ == "advmod" and lower in V.POSSIBLE_ADVERBS and \
                    lower not in V.HEARSAY_ADVERBS:
                return True
            if child.dep_ == "mark" and lower in V.CONDITIONAL_MARKERS:
                return True
    governor = head.head
    if head.dep_ in ("acl", "relcl", "ccomp") and governor.lemma_.lower() in V.POSSIBILITY_NOUNS:
        return True
    if head.dep_ in ("xcomp", "ccomp") and governor.pos_ == "ADJ" and \
            governor.lower_ in V.POSSIBILITY_ADJECTIVES - PLANNED_ADJECTIVES:
        return True
    return False


def _planned(tokens, head, trigger, published, time_value, reported: bool) -> bool:
    auxiliaries = _auxiliaries(tokens)
    if any(a.lower_ in V.PLANNED_MODALS for a in auxiliaries):
        return True
    if reported and any(a.lower_ in ("would", "'d", "’d") for a in auxiliaries):
        return True
    if any(t.lemma_.lower() in V.PLANNING_HEADS for t in tokens[:-1]) and len(tokens) > 1:
        return True
    if any(t.lower_ == "going" and any(c.dep_ == "xcomp" for c in t.children) for t in tokens):
        return True
    if head.dep_ in ("xcomp", "ccomp") and head.head.pos_ == "ADJ" and \
            head.head.lower_ in PLANNED_ADJECTIVES:
        return True
    past = head.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ == "had" for a in auxiliaries)
    if trigger.pos_ == "NOUN" and head.lemma_.lower() in V.SCHEDULING_VERBS and not past and \
            head.lemma_.lower() != "hold":
        return True
    if trigger.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in (
            "planned", "upcoming", "scheduled", "proposed", "expected") for c in trigger.children):
        return True
    return bool(time_value and published and not past and _after(time_value, published))


def _after(value: str, published: str) -> bool:
    """A calendar value wholly after the publication date, compared at the value's precision."""
    if not value[:4].isdigit():
        return False
    length = min(len(value), len(published), 10)
    return value[:length] > published[:length]


def _reported(head, quote_spans: Spans) -> bool:
    start = head.idx
    if quote_spans.holds(start):
        return True
    token = head
    while token.head.i != token.i:
        if token.dep_ in ("ccomp", "parataxis") and token.head.lemma_.lower() in V.REPORTING_VERBS:
            return True
        if token.dep_ in ("relcl", "acl"):
            break
        token = token.head
    for child in head.children:
        if child.dep_ == "advmod" and child.lower_ in V.HEARSAY_ADVERBS:
            return True
        if child.dep_ == "prep" and child.lower_ == "according":
            return True
        if child.dep_ == "parataxis" and child.lemma_.lower() in V.REPORTING_VERBS:
            return True
    return False


def same_tense(verb, other) -> bool:
    """"earned a nod in 2004 and has won three Emmys": a change of tense is a change of time."""
    def form(token):
        return token.tag_, tuple(c.lower_ for c in token.children
                                 if c.dep_ in ("aux", "auxpass"))
    own = form(verb)
    return not own[1] or own == form(other)


def simple_past(head) -> bool:
    """A simple past, active or passive ("the council approved", "the bill was signed"), the
    tense a narrative is told in; not a perfect, a progressive or a modal."""
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if head.tag_ == "VBD":
        return not auxiliaries
    return head.tag_ == "VBN" and len(auxiliaries) == 1 and \
        auxiliaries[0].dep_ == "auxpass" and auxiliaries[0].tag_ == "VBD"
