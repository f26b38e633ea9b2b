"""Events: the happenings a sentence reports, each anchored to its sentence and dated.

First version: one event per sentence whose main verb is a happening and which carries its own
time expression; the summary is the clause's subject, verb and object in the text's own words.
Undated sentences give no event yet: the events issue adds inheritance and modality.
"""
from __future__ import annotations

from .config import Config
from .record import Article, Event, EventTime, Participant, Span

# Clause roles a summary keeps, in the order spaCy's English parser labels them.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "dative", "oprd"})
# Main verbs that report states or speech rather than happenings.
NON_EVENT_LEMMAS = frozenset({"be", "have", "say", "seem", "remain", "appear", "know", "think"})
ROLE_BY_DEP = {"nsubj": "agent", "nsubjpass": "patient", "dobj": "patient", "pobj": "other"}


def find_events(article: Article, config: Config) -> Article:
    found = []
    for sentence in article.doc.sents:
        root = sentence.root
        if root.pos_ not in ("VERB", "AUX") or root.lemma_ in NON_EVENT_LEMMAS:
            continue
        expression = next((t for t in article.times
                           if sentence.start_char <= t.span[0] < sentence.end_char
                           and t.type in ("DATE", "TIME")), None)
        if expression is None:
            continue
        found.append((sentence, root, expression))
    article.events = [
        Event(id=f"v{number}", summary=_summary(root), trigger=root.text,
              span=(sentence.start_char, sentence.end_char),
              time=EventTime(expression.value, expression.span, "sentence"),
              participants=_participants(article, root), modality="asserted")
        for number, (sentence, root, expression) in enumerate(found, start=1)
    ]
    return article


def _summary(root) -> str:
    """Subject, verb group and object of the clause, as the text words them."""
    keep = set()
    for child in root.children:
        if child.dep_ in SUBJECT_DEPS | OBJECT_DEPS | {"aux", "auxpass", "neg", "prt"}:
            keep.update(token.i for token in child.subtree)
    keep.add(root.i)
    tokens = [token for token in root.doc[min(keep):max(keep) + 1] if token.i in keep]
    return " ".join(token.text for token in tokens).replace(" ’s", "’s").replace(" 's", "'s")


def _participants(article: Article, root) -> list[Participant]:
    participants, seen = [], set()
    for child in root.children:
        role = ROLE_BY_DEP.get(child.dep_)
        if role is None:
            continue
        span: Span = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
        for entity in article.entities:
            if entity.id not in seen and any(span[0] <= s < span[1] for s, _ in entity.mentions):
                participants.append(Participant(entity.id, role))
                seen.add(entity.id)
    return participants
