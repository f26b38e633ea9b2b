"""Who said it: a speaker's words in the parse resolved to entities of the entities stage.

An explicit name is its entity; several coordinated names are several speakers; a pronoun goes
to the nearest compatible person before it (number, gender where the text gives it, subjects
first); a nominal ("the actor", "the two men") goes through the entities stage's resolution
of descriptions (`entities.descriptions`), else the descriptors; a group or an office
with no one named ("prosecutors", "the district attorney's office") keeps its words only.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..entities.descriptions import resolve_descriptions
from ..record import Article, Span
from ..vocab.speech import (FEMALE_WORDS, FIRST_PERSON, GROUP_NOUNS, MALE_WORDS,
                           PERSON_NOUNS, PERSONAL_PRONOUNS, QUOTE_MARKS, RELATIVE_PRONOUNS,
                           SPEECH_VERBS)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependents that end a noun phrase's words: relative and other clauses hanging off it.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis", "ccomp"})
DEFINITE = frozenset({"the", "this", "that"})
# How far back (in sentences) a pronoun or nominal looks for what it stands for.
PRONOUN_REACH = 6
# "Pamela Padilla ― “…”", "Said Ellis: “…”": a name, a dash or colon, the quote.
LEAD_MARKS = frozenset(":―—–-")
LEAD_MAX_TOKENS = 8
LEAD_VERB_FORMS = frozenset("said says told tells wrote writes added adds asked asks".split())
REFERENT_TYPES = {"male": ("PERSON",), "female": ("PERSON",), None: ("PERSON",),
                  "neuter": ("ORG",)}


@dataclass
class Speaker:
    entities: list[str]
    text: str
    # Where the speaker stands named: the words of the attribution (a pronoun's own span).
    spans: list[Span] = field(default_factory=list)
    plural: bool = False
    gender: str | None = None


@dataclass
class _Referent:
    index: int          # head token
    sentence: int
    subject: bool
    speaker: Speaker


class Resolver:
    """Per-article lookups: which entity each token names, and what genders the text gives."""

    def __init__(self, article: Article, quoted: Sequence[bool]):
        self.article = article
        self.doc = article.doc
        self.quoted = quoted  # per token: inside a direct quote's content
        self.entity_at: list[str | None] = [None] * len(self.doc)
        self.types = {entity.id: entity.type for entity in article.entities}
        for entity in article.entities:
            for start, end in entity.mentions:
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    for token in span:
                        self.entity_at[token.i] = entity.id
        self._link_surnames(article)
        # Where each entity is named (token indices, in order), and which entities each word
        # of a descriptor describes: lookups, not scans of the whole text, per speaker.
        self.positions: dict[str, list[int]] = defaultdict(list)
        for index, entity_id in enumerate(self.entity_at):
            if entity_id is not None:
                self.positions[entity_id].append(index)
        self.described_as: dict[str, list] = defaultdict(list)
        for entity in article.entities:
            words: dict[str, None] = {}
            for descriptor in entity.descriptors:
                folded = descriptor.lower()
                words.update(dict.fromkeys([folded, *folded.split()]))
            for word in words:
                self.described_as[word].append(entity)
        self.sentence_of = [0] * len(self.doc)
        for number, sentence in enumerate(self.doc.sents):
            for index in range(sentence.start, sentence.end):
                self.sentence_of[index] = number
        self.paragraph_of = _paragraph_index(self.doc, article.paragraphs)
        # "the actor", "the two men": the entities stage's resolution, by head token
        self.descriptions = {d.head: d for d in resolve_descriptions(self.doc, article.entities)}
        self.gender: dict[str, str] = {}
        self._read_genders()
        self._count_pronouns()

    # -- speakers -------------------------------------------------------------------------

    def speaker(self, head, reported: tuple[int, int] | None = None) -> Speaker:
        """The speaker a subject (or `according to` object) token names; `reported`: the
        reported words' token range, where a pronoun's antecedent is not looked for ("Groundwater
        seeped in through the crack, he said": he is not the groundwater)."""
        word = head.lower_
        antecedent = head.head.head
        if word in RELATIVE_PRONOUNS and head.head.dep_ in ("relcl", "acl") and (
                antecedent.i != head.i):  # "Baldwin, who …, said"
            found = self.speaker(antecedent, reported)
            found.spans.insert(0, _span(head, head))
            return found
        if head.pos_ == "PRON" and word in PERSONAL_PRONOUNS:
            return self.pronoun(head, reported)
        if head.pos_ == "PRON" and word in FIRST_PERSON:
            return Speaker([], head.text, [_span(head, head)], word in ("we", "us"))
        first, last = self.noun_phrase(head)
        for other in head.head.children:  # "defense attorneys Luke Nikas …": two subjects
            if other.dep_ == head.dep_ and other.i < head.i and other.right_edge.i == first - 1:
                first = other.left_edge.i
        words = self.doc[first:last + 1]
        members = self._members(head)
        entities = _unique(self.entity_at[m.i] for m in members if self.entity_at[m.i])
        common = head.pos_ == "NOUN" or head.pos_ == "PROPN" and head.is_lower
        if not entities and common:
            entities = self._named_in(head, first, last)
        plural = len(entities) > 1 or head.tag_ in ("NNS", "NNPS") or any(
            m.dep_ == "conj" for m in members)
        speaker = Speaker(entities, words.text, [(words.start_char, words.end_char)], plural)
        described = self.descriptions.get(head.i) if not entities and common else None
        if described is not None:
            speaker.entities = list(described.entities)
        elif not entities and common and not plural and self._definite(head):
            speaker.entities = self.nominal(head)
        if len(speaker.entities) == 1:
            speaker.gender = self.gender.get(speaker.entities[0])
        return speaker

    def pronoun(self, token, reported: tuple[int, int] | None = None) -> Speaker:
        number, gender = PERSONAL_PRONOUNS[token.lower_]
        speaker = Speaker([], token.text, [_span(token, token)], number == "plural", gender)
        referent = self._antecedent(token.i, number == "plural", gender, reported=reported)
        if referent is not None:
            speaker.entities = list(referent.speaker.entities)
            for entity in speaker.entities if gender in ("male", "female") else ():
                self.gender.setdefault(entity, gender)
        return speaker

    def nominal(self, head) -> list[str]:
        """ "the actor": the entity described so, or else the nearest person before it."""
        lemma = head.lemma_.lower()
        described = self._described(lemma)
        if described:
            before = [(self._last_mention_before(e.id, head.i), e.id) for e in described]
            before = [item for item in before if item[0] is not None]
            return [max(before)[1]] if before else [described[0].id]
        if lemma not in PERSON_NOUNS:
            return []
        gender = "female" if lemma in FEMALE_WORDS else "male" if lemma in MALE_WORDS else None
        referent = self._antecedent(head.i, False, gender, named_only=True)
        return list(referent.speaker.entities) if referent else []

    def noun_phrase(self, head) -> tuple[int, int]:
        """First and last token of the words naming `head`, without clauses hanging off it."""
        cut = set()
        for child in head.children:
            if child.dep_ in CLAUSE_DEPS:
                cut.update(token.i for token in child.subtree)
        keep = {token.i for token in head.subtree} - cut
        first = last = head.i
        while first - 1 in keep:
            first -= 1
        while last + 1 in keep:
            last += 1
        while first < head.i and self.doc[first].is_punct:
            first += 1
        while last > head.i and (self.doc[last].is_punct or self.doc[last].dep_ == "cc"):
            last -= 1
        return first, last

    def words_for(self, head) -> str:
        first, last = self.noun_phrase(head)
        return self.doc[first:last + 1].text

    # -- helpers ---------------------------------------------------------------------------

    def _link_surnames(self, article: Article) -> None:
        """A proper noun the recogniser missed that is a person's surname ("Ham said") names
        that person, when only one person in the article has it."""
        surnames: dict[str, str | None] = {}
        for entity in article.entities:
            if entity.type != "PERSON":
                continue
            for name in [entity.name, *entity.aliases]:
                word = name.split()[-1] if name.split() else ""
                if word[:1].isupper():
                    known = surnames.get(word, entity.id)
                    surnames[word] = entity.id if known == entity.id else None
        for token in self.doc:
            if self.entity_at[token.i] is None and token.pos_ == "PROPN":
                entity = surnames.get(token.text)
                if entity is not None and not (token.i + 1 < len(self.doc) and self.doc[
                        token.i + 1].pos_ == "PROPN" and self.entity_at[token.i + 1] is None):
                    self.entity_at[token.i] = entity

    def _members(self, head) -> list:
        """The head, its conjuncts and its appositions: everyone the phrase names."""
        members, todo = [], [head]
        while todo:
            token = todo.pop()
            members.append(token)
            todo.extend(c for c in token.children if c.dep_ in ("conj", "appos"))
        return sorted(members, key=lambda token: token.i)

    def _named_in(self, head, first: int, last: int) -> list[str]:
        """Names inside a common-noun phrase ("attorneys Luke Nikas"), not its possessors."""
        found = []
        for index in range(first, last + 1):
            entity = self.entity_at[index]
            token = self.doc[index]
            if entity is None or self.types.get(entity) != "PERSON":
                continue
            if token.dep_ == "poss" or any(c.dep_ == "case" for c in token.children):
                continue
            if token.head.i == head.i and token.dep_ == "compound" and token.i < head.i:
                continue  # "Baldwin attorneys": Baldwin modifies, it does not speak
            found.append(entity)
        return _unique(found)

    def _definite(self, head) -> bool:
        return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children)

    def _described(self, word: str) -> list:
        """The entities with a descriptor that is `word` or has it as a word ("the actor":
        "actor", "Oscar-winning actor"), in the article's order."""
        return self.described_as.get(word, [])

    def _last_mention_before(self, entity: str, index: int) -> int | None:
        positions = self.positions.get(entity, [])
        before = bisect_left(positions, index)
        return positions[before - 1] if before else None

    def _antecedent(self, index: int, plural: bool, gender: str | None,
                    named_only: bool = False,
                    reported: tuple[int, int] | None = None) -> _Referent | None:
        """The nearest compatible referent before token `index`: recent sentences first,
        within a sentence subjects first, then the nearest."""
        sentence = self.sentence_of[index]
        paragraph = self.paragraph_of[index]
        best, best_key = None, None
        start = index - 1
        while start >= 0 and self.sentence_of[start] >= sentence - PRONOUN_REACH:
            start -= 1
        for position in range(index - 1, start, -1):
            if paragraph - self.paragraph_of[position] > 2:
                break
            if reported is not None and reported[0] <= position <= reported[1]:
                continue
            referent = self._referent(position)
            if referent is None or referent.speaker.plural != plural:
                continue
            if named_only and not referent.speaker.entities:
                continue
            if not self._compatible(referent.speaker, gender):
                continue
            key = (sentence - referent.sentence, not referent.subject, index - position)
            if best_key is None or key < best_key:
                best, best_key = referent, key
        return best

    def _compatible(self, speaker: Speaker, gender: str | None) -> bool:
        if speaker.plural:
            return True
        if not speaker.entities:
            return False
        kinds = REFERENT_TYPES.get(gender, ("PERSON",))
        if any(self.types.get(entity) not in kinds for entity in speaker.entities):
            return False
        known = speaker.gender or self.gender.get(speaker.entities[0])
        return gender is None or gender == "neuter" or known is None or known == gender

    def _referent(self, position: int) -> _Referent | None:
        """A noun phrase headed at `position` that a later pronoun could stand for."""
        token = self.doc[position]
        if self.quoted[position] or token.dep_ in ("conj", "appos", "compound", "poss"):
            return None
        if token.pos_ not in ("PROPN", "NOUN"):
            return None
        members = self._members(token)
        entities = _unique(self.entity_at[m.i] for m in members if self.entity_at[m.i])
        if not entities and token.pos_ == "NOUN":
            first, last = self.noun_phrase(token)
            entities = self._named_in(token, first, last)
        plural = len(entities) > 1 or (token.tag_ == "NNS" and not entities)
        if not entities and not (plural and (token.lemma_.lower() in PERSON_NOUNS
                                             or token.lower_ in GROUP_NOUNS)):
            return None
        if not plural and len(entities) == 1 and self.entity_at[token.i] is None:
            return None  # a common noun that merely contains a name
        gender = self.gender.get(entities[0]) if len(entities) == 1 else None
        speaker = Speaker(entities, self.words_for(token), [], plural, gender)
        return _Referent(position, self.sentence_of[position], token.dep_ in SUBJECT_DEPS,
                         speaker)

    def _count_pronouns(self) -> None:
        """Where the text names one person and then says "he" or "she" (in that sentence or
        the next), the pronouns tell that person's gender."""
        sentences = list(self.doc.sents)
        people = []
        for sentence in sentences:
            named = {self.entity_at[t.i] for t in sentence if self.entity_at[t.i]
                     and not self.quoted[t.i]}
            people.append({e for e in named if self.types.get(e) == "PERSON"})
        votes: dict[str, dict[str, int]] = {}
        for number, sentence in enumerate(sentences):
            if len(people[number]) != 1:
                continue
            (entity,) = people[number]
            following = [sentence]
            if number + 1 < len(sentences) and not people[number + 1] - people[number]:
                following.append(sentences[number + 1])
            for span in following:
                for token in span:
                    gender = _gender_of(token.lower_)
                    if gender and token.dep_ in SUBJECT_DEPS and not self.quoted[token.i]:
                        counts = votes.setdefault(entity, {"male": 0, "female": 0})
                        counts[gender] += 1
        for entity, counts in votes.items():
            if entity in self.gender:
                continue
            if counts["male"] > 2 * counts["female"]:
                self.gender[entity] = "male"
            elif counts["female"] > 2 * counts["male"]:
                self.gender[entity] = "female"

    def _read_genders(self) -> None:
        """Genders the text states: "Mr. Baldwin", "his wife, Hilaria", "actress Jane Doe"."""
        for index, entity in enumerate(self.entity_at):
            if entity is None or entity in self.gender:
                continue
            token = self.doc[index]
            cues = [self.doc[index - 1].lower_] if index > 0 else []
            if token.dep_ == "appos":
                cues.append(token.head.lower_)
            cues.extend(c.lower_ for c in token.children if c.dep_ in ("compound", "appos"))
            for cue in cues:
                if cue in MALE_WORDS:
                    self.gender[entity] = "male"
                elif cue in FEMALE_WORDS:
                    self.gender[entity] = "female"


# -- a name standing alone by a quote --------------------------------------------------

def lead_speaker(first: int, layout, resolver: Resolver):
    """ "Pamela Padilla ― “…”", "Said Ellis: “…”": a name (and a speech verb) alone before
    a dash or colon, then the quote (its first word is token `first`): the speaker and the
    cue token, or None."""
    doc = layout.doc
    mark = first - 2
    if mark < 1 or doc[mark].text not in LEAD_MARKS:
        return None
    low, _ = layout.bounds[layout.paragraph_of[first]]
    start = max(low, doc[mark].sent.start if doc[mark].sent.start < mark else low)
    if mark - start > LEAD_MAX_TOKENS:
        return None
    names = [t for t in doc[start:mark] if not t.is_punct and not _speech_word(t)]
    speaker = _named(names, resolver) if names else None
    if speaker is None:
        return None
    return speaker, next((t for t in doc[start:mark] if _speech_word(t)), doc[mark])


def trailing_speaker(last: int, layout, resolver: Resolver):
    """ "“…”― Pamela Padilla": a dash and a name alone after the closing mark end the
    paragraph (the quote's last word is token `last`)."""
    doc = layout.doc
    _, high = layout.bounds[layout.paragraph_of[last]]
    index = last + 1
    while index <= high and (doc[index].text in QUOTE_MARKS or doc[index].is_space):
        index += 1
    if index > high or doc[index].text not in LEAD_MARKS:
        return None
    names = [t for t in doc[index + 1:high + 1] if not (t.is_punct or t.is_space)]
    if not names or len(names) > LEAD_MAX_TOKENS:
        return None
    speaker = _named(names, resolver)
    return (speaker, doc[index]) if speaker else None


def _named(names: list, resolver: Resolver) -> Speaker | None:
    """One person or organisation named by `names` alone (or a bare name the recogniser
    missed)."""
    entities = {resolver.entity_at[t.i] for t in names}
    span = [(names[0].idx, names[-1].idx + len(names[-1]))]
    words = names[0].doc[names[0].i:names[-1].i + 1].text
    if entities == {None} and all(t.pos_ == "PROPN" for t in names):
        return Speaker([], words, span)
    if len(entities) != 1 or None in entities:
        return None
    entity = entities.pop()
    if resolver.types.get(entity) not in ("PERSON", "ORG"):
        return None
    return Speaker([entity], words, span)


def _speech_word(token) -> bool:
    """ "Said" in "Said Ellis:", whatever part of speech the tagger gave it."""
    return token.lemma_.lower() in SPEECH_VERBS or token.lower_ in LEAD_VERB_FORMS


def _gender_of(word: str) -> str | None:
    features = PERSONAL_PRONOUNS.get(word)
    return features[1] if features and features[1] in ("male", "female") else None


def _paragraph_index(doc, paragraphs: Sequence[Span]) -> list[int]:
    numbers, paragraph = [], 0
    for token in doc:
        while paragraph + 1 < len(paragraphs) and token.idx >= paragraphs[paragraph + 1][0]:
            paragraph += 1
        numbers.append(paragraph)
    return numbers


def _span(first, last) -> Span:
    return first.idx, last.idx + len(last.text)


def _unique(items) -> list:
    seen: list = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
