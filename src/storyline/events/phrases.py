"""The words of an event, read from its clause in the parse: a short summary in the sentence's
own words, the phrases that hold its participants (with their roles) and its place.

A summary is the clause's subject, verb group and objects, then its prepositional phrases in
text order while it stays short (`SUMMARY_MAX_WORDS`); relative clauses, appositions, other
clauses and asides are left out. A relative pronoun stands for the noun it refers to: "the
western, which restarted filming" gives "the western restarted filming in Montana".
Also the words that move or hold a time across sentences: a discourse cue ("then"), a word
or time clause that shifts the time, the baseline of a comparison ("from $4 million a year
earlier").
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..record import Participant
from ..vocab import events as V
from .modality import verb_chain

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("«", "»"))
TRAILING = " ,;:—–-(“‘\"'"
# Tokens that join the words on either side: a gap of one of these is filled.
JOINERS = frozenset({"’", "'", "’s", "'s", "-", "/"})
Span = tuple[int, int]
PLACE_SPACY_LABELS = frozenset({"GPE", "LOC", "FAC"})


def summary_tokens(head, trigger, noun: bool = False) -> list:
    """The tokens of the summary, in reading order (a subject borrowed from later goes first)."""
    if noun:
        return _ordered(_phrase(trigger, 1))
    chain = verb_chain(head, trigger)
    group = _verb_group(head, chain)
    subject = trigger if trigger not in chain else _subject(head)
    base = set(group)
    if subject is not None:
        base |= _phrase(subject, 1)
    objects = [c for t in chain for c in t.children if c.dep_ in V.OBJECT_DEPS]
    objects += [head.head] if _object_is_relative(head) else []
    for obj in objects:
        base |= _phrase(obj, 1)
    if _size(base) > V.SUMMARY_MAX_WORDS:
        base = set(group) | {t for o in objects + [subject] if o is not None
                             for t in _phrase(o, 0)}
    extras = [c for t in chain for c in t.children if c.i > trigger.i and c not in base
              and c.dep_ in ("prep", "agent", "xcomp", "dative")]
    for extra in sorted(extras, key=lambda t: t.i):
        words = _phrase(extra, 1)
        if _size(base | words) > V.SUMMARY_MAX_WORDS:
            words = _phrase(extra, 0)
        if _size(base | words) <= V.SUMMARY_MAX_WORDS:
            base |= words
    doc = head.doc
    base |= {doc[t.i + 1] for t in base if t.i + 2 < len(doc) and doc[t.i + 2] in base
             and doc[t.i + 1].text in JOINERS}  # "ABC News’ George Stephanopoulos"
    tokens = _ordered(base)
    if subject is not None and subject.i > head.i:  # "Speaking to CNN ..., Baldwin said"
        first = _ordered(_phrase(subject, 1) & base)
        tokens = first + [t for t in tokens if t not in first]
    return tokens


def _verb_group(head, chain) -> list:
    """The verbs of the chain with their auxiliaries, negation, particles and close adverbs,
    the auxiliaries a conjoined verb shares ("would have quit, ... gone off") and the frame of
    an adjective ("will be able to escape")."""
    group = set()
    for token in chain:
        group.add(token)
        group.update(_glued_tail(token))
        for child in token.children:
            if child.dep_ in V.VERB_GROUP_DEPS:
                group.add(child)
            elif child.dep_ == "advmod" and not list(child.children) and (
                    child.i == token.i + 1 or (child.i < token.i and _between(child, token))):
                group.add(child)
    shared = head
    while shared.dep_ == "conj" and shared.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("aux", "auxpass") or c.dep_ in V.SUBJECT_DEPS for c in shared.children):
        shared = shared.head
        group.update(c for c in shared.children if c.dep_ in ("aux", "auxpass", "neg")
                     and _fits(c, head))
    if head.dep_ == "xcomp" and head.head.pos_ == "ADJ" and head.head.dep_ == "acomp":
        frame = head.head.head
        group.update([head.head, frame])
        group.update(c for c in frame.children if c.dep_ in ("aux", "neg"))
    return sorted(group, key=lambda t: t.i)


def _fits(auxiliary, verb) -> bool:
    """Can this auxiliary go with the verb's form? "would" + "gone" yes, "was" + "jump" no."""
    lemma = auxiliary.lemma_.lower()
    if verb.tag_ == "VB":
        return auxiliary.tag_ == "MD" or lemma in ("to", "do")
    if verb.tag_ == "VBN":
        return lemma in ("have", "be") or auxiliary.tag_ == "MD"
    if verb.tag_ == "VBG":
        return lemma == "be" or auxiliary.tag_ == "MD"
    return False


def _between(adverb, verb) -> bool:
    """An adverb inside the verb group: after the subject, before the verb ("soon began")."""
    subject = next((c for c in verb.children if c.dep_ in V.SUBJECT_DEPS), None)
    return subject is not None and subject.i < adverb.i


def _glued_tail(token) -> list:
    """"co-written": the hyphen and word glued to a verb the tokenizer split."""
    doc, i = token.doc, token.i
    if i + 2 < len(doc) and not token.whitespace_ and doc[i + 1].text == "-" \
            and not doc[i + 1].whitespace_:
        return [doc[i + 1], doc[i + 2]]
    return []


def glued(token) -> bool:
    """Is the token the second half of a hyphenated word ("co-starring": "starring")?"""
    doc, i = token.doc, token.i
    return token.text == "-" or (i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
                                 and not doc[i - 2].whitespace_)


def tokens_text(tokens: list) -> str:
    """The tokens as the text spells them: original spacing inside runs, one space across gaps."""
    indices = {t.i for t in tokens}
    tokens = [t for t in tokens if t.text != "-" or (t.i - 1 in indices and t.i + 1 in indices)]
    pieces = []
    for number, token in enumerate(tokens):
        following = tokens[number + 1] if number + 1 < len(tokens) else None
        text = token.text
        if number and token.is_sent_start and token.pos_ not in ("PROPN",) and text != "I":
            text = text[:1].lower() + text[1:]  # a subject moved before a sentence opener
        if following is not None and following.i == token.i + 1:
            pieces.append(text + token.whitespace_)
        else:
            pieces.append(text + " ")
    text = " ".join("".join(pieces).split())
    for opening, closing in QUOTE_PAIRS:
        if text.count(opening) != text.count(closing):
            text = text.replace(opening, "").replace(closing, "") if opening != "‘" else \
                text.replace(opening, "")
    text = text.replace(" ’s", "’s").replace(" 's", "'s")
    return text.strip(TRAILING).strip()


def role_spans(head, trigger, noun: bool = False) -> list[tuple[str, Span]]:
    """Character spans of the clause's arguments with their roles: agent, patient, other."""
    if noun:
        return [("other", span) for c in trigger.children if c.dep_ in ("prep", "poss")
                for span in _spans(c)]
    chain = verb_chain(head, trigger)
    spans: list[tuple[str, Span]] = []
    subject = trigger if trigger not in chain else _subject(head)
    if subject is not None:
        role = "patient" if subject.dep_ == "nsubjpass" or trigger not in chain else "agent"
        spans += [(role, span) for span in _spans(subject)]
    if _object_is_relative(head):
        spans += [("patient", span) for span in _spans(head.head)]
    for token in chain:
        for child in token.children:
            if child.dep_ in V.OBJECT_DEPS or child.dep_ in ("agent", "dative"):
                spans += [(_role(child), span) for span in _spans(child)]
            elif child.dep_ == "prep":
                spans += [("other", span) for span in _spans(child)]
    return spans


def place_spans(head, trigger) -> list[Span]:
    """Spans of the clause's phrases that can name a place: "in Montana", "at the courthouse"."""
    chain = verb_chain(head, trigger)
    tokens = chain + [x for t in chain for x in t.children if x.dep_ == "xcomp"]
    return [span for t in tokens for c in t.children
            if c.dep_ == "prep" and c.lower_ in V.PLACE_PREPOSITIONS for span in _spans(c)]


def _subject(head):
    token = head
    for _ in range(6):
        if token.dep_ == "xcomp" and token.head.pos_ == "ADJ" and token.head.dep_ == "acomp":
            token = token.head.head  # "Baldwin will be able to escape"
            continue
        subject = next((c for c in token.children if c.dep_ in V.SUBJECT_DEPS and
                        c.dep_ != "expl"), None)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return token.head
            return subject
        own_group = any(c.dep_ in ("aux", "auxpass") for c in token.children)
        if token.dep_ == "conj" and own_group and _adjacent_noun(token) is not None:
            return _adjacent_noun(token)  # "“False Awakening,” is set to star"
        if token.dep_ in ("xcomp", "advcl", "conj") and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
            continue
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head
        return _adjacent_noun(token)
    return None


def _adjacent_noun(verb):
    """A subject the parser lost: the noun just before the verb group ("charges may be refiled")."""
    first = min([verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")],
                key=lambda t: t.i)
    i, quoted = first.i - 1, False
    while i >= verb.sent.start and (verb.doc[i].text in "“”‘’\"'" or (
            quoted and verb.doc[i].text == ",")):  # "“False Awakening,” is set to"
        quoted = quoted or verb.doc[i].text in "”’\"'"
        i -= 1
    if i >= verb.sent.start and verb.doc[i].pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.doc[i]
    return None


def _object_is_relative(head) -> bool:
    return head.dep_ == "relcl" and any(
        c.dep_ in ("dobj", "pobj") and c.lower_ in RELATIVE_PRONOUNS for c in head.children)


def _phrase(token, prep_depth: int) -> set:
    """A noun or verb phrase without its clauses and asides, nesting `prep_depth` phrases."""
    kept = {token}
    nominal = token.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET")
    for child in token.children:
        if child.dep_ == "conj" and nominal and child.pos_ not in ("VERB", "AUX"):
            kept |= _phrase(child, prep_depth)
        elif child.dep_ == "cc" and nominal:
            if any(c.dep_ == "conj" and c.pos_ not in ("VERB", "AUX") for c in token.children):
                kept.add(child)
        elif child.dep_ == "appos" and child.pos_ == "PROPN" and len(list(child.subtree)) <= 6:
            kept |= _phrase(child, 0)
        elif child.dep_ == "punct":
            if child.text in "“”‘’\"'-" and abs(child.i - token.i) <= 6:
                kept.add(child)
        elif child.dep_ in V.SUMMARY_SKIP_DEPS and not _hyphenated(child, token):
            continue
        elif child.dep_ in ("prep", "agent"):
            if prep_depth > 0:
                kept |= _phrase(child, prep_depth - 1)
        elif child.dep_ == "pobj" or child.dep_ not in ("advcl",):
            kept |= _phrase(child, prep_depth)
    return kept


def _hyphenated(child, token) -> bool:
    """"smooth-talking": the first half of a hyphenated word belongs with the second."""
    doc = token.doc
    return child.i + 2 == token.i and doc[child.i + 1].text == "-"


def _role(token) -> str:
    return {"dobj": "patient", "attr": "patient", "oprd": "patient", "agent": "agent",
            "acomp": "other"}.get(token.dep_, "other")


def _spans(token) -> list[Span]:
    """The token's subtree as runs of characters, without the clauses hanging off it."""
    skip = set()
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "appos", "advcl", "ccomp", "parataxis"):
            skip.update(t.i for t in child.subtree)
    runs: list[list] = []
    for t in token.subtree:
        if t.i in skip:
            continue
        if runs and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return [(run[0].idx, run[-1].idx + len(run[-1])) for run in runs]


def _size(tokens: set) -> int:
    return sum(1 for t in tokens if not t.is_punct)


def _ordered(tokens: set) -> list:
    return sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)


@dataclass
class Mentions:
    """Where entities are named, sorted by start, for finding the ones inside a phrase."""

    starts: list[int]
    entities: list[object]        # the `Entity` named at each start
    places: list[tuple[int, int, str]]   # spaCy's place names: start, end, text (in text order)
    place_starts: list[int]

    @classmethod
    def of(cls, article) -> "Mentions":
        pairs = sorted((start, number) for number, entity in enumerate(article.entities)
                       if entity.type != "OTHER" for start, _ in entity.mentions)
        places = [(ent.start_char, ent.end_char, ent.text) for ent in article.doc.ents
                  if ent.label_ in PLACE_SPACY_LABELS]
        return cls([start for start, _ in pairs],
                   [article.entities[number] for _, number in pairs], places,
                   [start for start, _, _ in places])

    def inside(self, start: int, end: int) -> list:
        first = bisect_left(self.starts, start)
        last = bisect_left(self.starts, end)
        return self.entities[first:last]

    def places_starting(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """spaCy's place names that start at `start` or later and before `end`."""
        first = bisect_left(self.place_starts, start)
        return self.places[first:bisect_left(self.place_starts, end)]


def participants(head, trigger, noun: bool, mentions: Mentions) -> list[Participant]:
    """The entities named in the clause's arguments, each once, with its role."""
    found, seen = [], set()
    for role, (start, end) in role_spans(head, trigger, noun):
        for entity in mentions.inside(start, end):
            if entity.id not in seen:
                found.append(Participant(entity.id, role))
                seen.add(entity.id)
    return found


def place(head, trigger, mentions: Mentions) -> str | None:
    """The first place named in the clause's "in/at/near ..." phrases."""
    for start, end in place_spans(head, trigger):
        name = next((e.name for e in mentions.inside(start, end) if e.type == "PLACE"), None)
        if name is None:
            name = next((text for _, e, text in mentions.places_starting(start, end)
                         if e <= end), None)
        if name is not None:
            return name
    return None


def sentence_span(sentence, text: str) -> Span:
    """The sentence's characters; one that the parser cut inside a quote ("... but I know it's
    not me," Baldwin told ...) begins where its first part does."""
    start, end = sentence.start_char, sentence.end_char
    doc = sentence.doc
    while start > 0 and text[start:start + 1].islower():
        previous = doc[sentence.start - 1].sent
        if "\n\n" in text[previous.start_char:start]:
            break
        start, sentence = previous.start_char, previous
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def summarize(head, trigger, noun: bool = False) -> str:
    """Who did what, in the sentence's own words: subject, verb group, objects, a phrase or two."""
    return tokens_text(summary_tokens(head, trigger, noun))


# -- time cues in the sentence's words ---------------------------------------------------------

def baseline(token) -> bool:
    """"from $4 million a year earlier", "than in 1998": the time of the figure compared with."""
    return token.dep_ == "prep" and token.lower_ in V.BASELINE_PREPOSITIONS and any(
        t.like_num or t.ent_type_ in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY")
        for t in token.subtree)


def continues_previous(sentence) -> bool:
    words = [t.lower_ for t in sentence[:10] if not t.is_punct and not t.is_space][:6]
    while words and words[0] in V.SENTENCE_OPENERS:
        words = words[1:]
    opening = " ".join(words)
    return any(opening == cue or opening.startswith(cue + " ") for cue in V.DISCOURSE_SAME_TIME)


def narrative_goes_on(sentence, times) -> bool:
    """A sentence that tells on where the one before left off: no time expression of its own
    (but the baseline of a comparison: "from $4 million a year earlier"), no word that moves the
    time ("earlier", "since", "soon"), no time clause ("As his troubles mounted, ...").
    `times`: the article's time expressions, or just those starting in the sentence."""
    compared = {t.i for p in sentence if baseline(p) for t in p.subtree}
    for time in times:
        span = sentence.doc.char_span(*time.span, alignment_mode="expand")
        if sentence.start_char <= time.span[0] < sentence.end_char and not (
                span is not None and any(t.i in compared for t in span)):
            return False
    return not any((t.lower_ in V.TIME_SHIFT_WORDS and t.i not in compared) or (
        t.dep_ == "mark" and t.head.dep_ == "advcl" and t.lower_ in V.TIME_CLAUSE_MARKERS)
        for t in sentence)
