"""Definite descriptions resolved to the entities they stand for: "the actor", "the company".

News names someone once and then varies the name: "Alec Baldwin … the actor", "Acme Corp. …
the company said", "the 65-year-old", "the two men". Rules only, in text order:

- a description matches an entity already described with its role ("special prosecutor
  Kari Morrissey … the prosecutor"): the one mentioned last before it, anywhere before;
- else an occupation or characterisation (`roles.EPITHET_ROLES`), an age, a plain word for a
  person, or an organisation or place noun takes the most salient compatible entity of the
  last few sentences: nearest sentence, subjects first, then the most mentioned. Compatible:
  the type the noun says, the gender it says, no other exclusive role already given
  ("cinematographer Hutchins" is not "the actor"), an organisation or place of that kind;
- other roles ("the judge", "the district attorney") are usually someone new: they resolve
  only through a descriptor;
- a plural resolves to two or more entities or to none, never to one;
- a copula predicate gives its subject the role: "Baldwin, who … is one of its producers",
  "Ward is a producer".

Each resolution's role joins that entity's descriptors (and later descriptions see it). The
entities stage writes the roles; the quotes stage reads the same resolution for speakers.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..record import Entity
from ..vocab import names as vocab
from ..vocab import roles
from ..vocab.speech import FEMALE_WORDS, MALE_WORDS

# How many sentences back an unmatched description looks for its entity.
DESCRIPTION_REACH = 4
# How many sentences back "the two men" looks for the sentence that names them.
GROUP_REACH = 2
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
RELATIVE_PRONOUNS = frozenset("who that".split())


@dataclass(frozen=True)
class Description:
    """A resolved description: its words, head token, the role it gives (None for "the
    65-year-old"), the entities it stands for and how it was resolved."""

    start: int
    end: int
    head: int
    text: str
    role: str | None
    type: str
    entities: tuple[str, ...]
    plural: bool
    via: str  # "descriptor", "salience", "group" or "predicate"


@dataclass
class _Candidate:
    head: int
    first: int
    role: str | None      # the role phrase ("district attorney"), or None
    noun: str             # the head noun, singular
    type: str
    plural: bool
    count: int | None     # "the two men": 2
    gender: str | None
    predicate_of: str | None = None  # the entity a copula predicate describes
    compound: bool = False  # "the network executive": matches a descriptor only


def resolve_descriptions(doc, entities: list[Entity]) -> list[Description]:
    """The definite descriptions of `doc` that stand for entities, in text order."""
    index = _Index(doc, entities)
    found = []
    for candidate in _candidates(doc, index):
        entity_ids, via = _resolve(candidate, index)
        if not entity_ids:
            continue
        if candidate.role and candidate.type in ("PERSON", "ORG") and via != "descriptor" \
                and not candidate.plural:
            index.give_role(entity_ids[0], candidate.role)
        words = doc[candidate.first:candidate.head + 1]
        found.append(Description(words.start_char, words.end_char, candidate.head, words.text,
                                 candidate.role, candidate.type, tuple(entity_ids),
                                 candidate.plural, via))
    return found


def add_description_roles(entities: list[Entity], descriptions: list[Description]) -> None:
    """Write the roles descriptions gave into their entities' descriptors."""
    by_id = {entity.id: entity for entity in entities}
    for description in descriptions:
        if description.via == "descriptor" or description.role is None or description.plural:
            continue
        entity = by_id[description.entities[0]]
        if description.role not in entity.descriptors:
            entity.descriptors.append(description.role)


# Finding descriptions ----------------------------------------------------------------------

def _candidates(doc, index: "_Index"):
    for token in doc:
        if index.entity_at[token.i] is not None or not token.is_lower:
            continue
        if token.lower_ == "one" and token.dep_ == "attr":
            candidate = _partitive(token, index)
        elif token.pos_ == "NOUN" and token.dep_ == "attr" and _indefinite(token):
            candidate = _predicate(token, index)
        elif token.pos_ in ("NOUN", "ADJ"):
            candidate = _definite(token, index)
        else:
            candidate = None
        if candidate is not None:
            yield candidate


def _definite(token, index: "_Index") -> _Candidate | None:
    """ "the actor", "the embattled actor", "the district attorney", "the two men",
    "the 65-year-old", "the company"."""
    children = list(token.children)
    det = next((c for c in children if c.dep_ == "det"), None)
    if det is None or det.lower_ != "the" or not det.whitespace_ \
            or token.dep_ in ("compound", "amod", "appos", "attr"):
        return None  # "he was the only candidate": a predicate says what, not who
    if not _refers(token, children, index):
        return None
    count = next((NUMBER_WORDS[c.lower_] for c in children
                  if c.dep_ == "nummod" and c.lower_ in NUMBER_WORDS), None)
    plural = token.tag_ in ("NNS", "NNPS") or count is not None
    if token.pos_ == "ADJ":
        if token.lower_ not in roles.AGE_WORDS or not any(
                c.lower_ in ("year", "years") for c in children):
            return None
        return _Candidate(token.i, det.i, None, "", "PERSON", False, None, None)
    noun = _singular(token)
    compounds = [c for c in children if c.dep_ == "compound" and c.i < token.i]
    phrase = " ".join([*(c.lower_ for c in compounds), noun])
    qualifiers = [c.lower_ for c in children if c.dep_ == "amod" and c.lower_ in vocab.QUALIFIERS]
    role = " ".join([*qualifiers, phrase])
    if phrase in vocab.TITLE_PHRASES or (noun in vocab.ROLE_NOUNS and noun not in roles.PERSON_WORDS):
        return _Candidate(token.i, det.i, role, noun, "PERSON", plural, count, _gender(noun),
                          compound=bool(compounds))
    if noun in roles.PAIR_WORDS and not compounds:
        return _Candidate(token.i, det.i, None, noun, "PERSON", True, 2, None)
    if noun in roles.PERSON_WORDS and not compounds:
        return _Candidate(token.i, det.i, None, noun, "PERSON", plural, count,
                          roles.PERSON_WORDS[noun])
    if (noun in roles.ORG_EPITHETS or noun in vocab.ORG_NOUNS) and not plural:
        return _Candidate(token.i, det.i, phrase, noun, "ORG", False, None, None,
                          compound=bool(compounds))
    if noun in roles.PLACE_EPITHETS and not compounds and not plural:
        return _Candidate(token.i, det.i, None, noun, "PLACE", False, None, None)
    return None


def _refers(token, children, index: "_Index") -> bool:
    """Whether a definite noun phrase may repeat someone named: not "the film's director",
    "the director of the FBI", "the actor Alec Ward", "the actor who played Donaghy", "the
    Democratic nominee" (which one takes knowing the parties), "the only candidate"."""
    for child in children:
        if child.dep_ == "poss":
            return False
        if child.dep_ == "prep" and child.lower_ in roles.NEW_REFERENT_PREPOSITIONS:
            return False
        if child.dep_ in ("appos", "compound") and index.entity_at[child.i]:
            return False
        if child.dep_ in ("relcl", "acl") and child.left_edge.i == token.i + 1:
            return False  # restrictive: it says which one
        if child.dep_ in ("amod", "compound", "nmod") and child.text[:1].isupper() \
                and not child.is_sent_start:
            return False
        if child.dep_ == "amod" and (child.tag_ in ("JJS", "RBS") or child.lower_ in
                                     roles.SELECTING_MODIFIERS or any(
                                         g.lower_ in ("most", "least") for g in child.children)):
            return False
        if child.dep_ == "compound" and not (child.is_lower and child.pos_ == "NOUN"):
            return False  # "the Rust producer": a name says which one
    following = token.i + 1
    while following < len(token.doc) and token.doc[following].text in (",", "—", "–"):
        following += 1
    return not (following < len(token.doc) and index.entity_at[following] is not None
                and token.doc[following].pos_ == "PROPN")  # "the actor, Alec Ward,"


def _partitive(one, index: "_Index") -> _Candidate | None:
    """ "Baldwin, who … is one of its producers": the subject gets the role."""
    of = next((c for c in one.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if noun is None or noun.tag_ != "NNS" or not any(
            c.lower_ in roles.PARTITIVE_DETERMINERS for c in noun.children):
        return None
    return _role_predicate(one, noun, index)


def _predicate(noun, index: "_Index") -> _Candidate | None:
    """ "Ward is a producer": the subject gets the role."""
    return _role_predicate(noun, noun, index)


def _role_predicate(attr, noun, index: "_Index") -> _Candidate | None:
    role = _singular(noun)
    if role not in vocab.ROLE_NOUNS or attr.head.lemma_ != "be":
        return None
    subject = _copula_subject(attr.head)
    entity = index.entity_at[subject.i] if subject is not None else None
    if entity is None or index.types[entity] != "PERSON":
        return None
    if any(c.dep_ in ("relcl", "acl") for c in noun.children):
        return None  # "a leader who …": what is said of him, not his role
    words = [c.lower_ for c in noun.children if c.i < noun.i and (
        (c.dep_ == "amod" and c.lower_ in vocab.QUALIFIERS)
        or (c.dep_ == "compound" and c.is_lower and c.pos_ == "NOUN"))]
    return _Candidate(noun.i, attr.i, " ".join([*words, role]), role, "PERSON", False, None,
                      None, predicate_of=entity)


def _copula_subject(verb):
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None and verb.dep_ == "conj":  # "who stars in X and is one of …"
        head = verb.head
        if head.pos_ in ("VERB", "AUX"):
            subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
        elif head.pos_ in ("PROPN", "NOUN"):
            subject = head  # the parser hung the verb on the subject
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS \
            and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "Baldwin, who … is"
    return subject


def _indefinite(token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)


def _singular(token) -> str:
    lower = token.lower_
    if token.tag_ in ("NNS", "NNPS"):
        lemma = token.lemma_.lower()
        if lemma != lower:
            return lemma
        for cut in (1, 2):
            if lower[:-cut] in vocab.ROLE_NOUNS:
                return lower[:-cut]
    return lower


def _gender(noun: str) -> str | None:
    if noun in FEMALE_WORDS:
        return "female"
    return "male" if noun in MALE_WORDS else None


# Resolving --------------------------------------------------------------------------------

def _resolve(candidate: _Candidate, index: "_Index") -> tuple[list[str], str]:
    if candidate.predicate_of is not None:
        return [candidate.predicate_of], "predicate"
    described = index.described(candidate)
    if candidate.plural:
        described = index.near(described, candidate)
        if len(described) >= 2:  # the latest named, in the order they were named
            chosen = described[:candidate.count or len(described)]
            return sorted(chosen, key=lambda e: index.heads[e][0]), "descriptor"
        if candidate.count and candidate.type == "PERSON" and (
                candidate.noun in roles.PERSON_WORDS or candidate.noun in roles.EPITHET_ROLES):
            group = index.group_of(candidate.head, candidate.count)
            return (group, "group") if group else ([], "")
        return [], ""
    if described:
        return described[:1], "descriptor"
    if candidate.compound:
        open_class = False
    elif candidate.type == "ORG":
        open_class = candidate.noun in roles.ORG_EPITHETS
    else:
        open_class = (candidate.role is None or candidate.type == "PLACE"
                      or candidate.noun in roles.EPITHET_ROLES)
    if not open_class:
        return [], ""
    best = index.salient(candidate)
    return ([best], "salience") if best else ([], "")


class _Index:
    """Per-document lookups: which entity each token names, where each entity is named,
    the descriptors given so far (indexed by their last word)."""

    def __init__(self, doc, entities: list[Entity]):
        self.doc = doc
        self.entity_at: list[str | None] = [None] * len(doc)
        self.types = {entity.id: entity.type for entity in entities}
        self.kinds = {entity.id: entity.kind for entity in entities}
        self.names = {entity.id: entity.name.lower().split() for entity in entities}
        self.descriptors: dict[str, list[str]] = {entity.id: [] for entity in entities}
        self.genders = {entity.id: _stated_gender(entity) for entity in entities}
        self.heads: dict[str, list[int]] = {entity.id: [] for entity in entities}
        # last word of a descriptor (or of an organisation's name) -> entities
        self.by_word: dict[str, set[str]] = {}
        self.by_kind: dict[str | None, set[str]] = {}  # organisations by kind
        for entity in entities:
            for descriptor in entity.descriptors:
                self.give_role(entity.id, descriptor)
            if entity.type == "ORG" and entity.name.split():
                self.by_word.setdefault(entity.name.lower().split()[-1], set()).add(entity.id)
                self.by_kind.setdefault(entity.kind, set()).add(entity.id)
            for start, end in entity.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                for token in span:
                    self.entity_at[token.i] = entity.id
                self.heads[entity.id].append(span.root.i)
        for positions in self.heads.values():
            positions.sort()
        self.sentence_of = [0] * len(doc)
        self.sentence_start: list[int] = []
        for number, sentence in enumerate(doc.sents):
            self.sentence_start.append(sentence.start)
            for i in range(sentence.start, sentence.end):
                self.sentence_of[i] = number

    def give_role(self, entity: str, role: str) -> None:
        if role and role not in self.descriptors[entity]:
            self.descriptors[entity].append(role)
            self.by_word.setdefault(role.lower().split()[-1], set()).add(entity)

    def described(self, candidate: _Candidate) -> list[str]:
        """Entities named before the description whose descriptors end with its role, or
        (organisations) whose kind or last name word is its noun ("the agency": a
        department; "the council"); latest first."""
        if candidate.type == "PLACE":
            return []  # places match by kind, in `salient`
        core = [w for w in (candidate.role or candidate.noun).split()
                if w not in vocab.QUALIFIERS] or [candidate.noun]
        found = []
        kind = roles.ORG_KIND_WORDS.get(candidate.noun) if candidate.type == "ORG" else None
        for entity in self.by_word.get(core[-1], set()) | self.by_kind.get(kind, set()):
            if self.types[entity] != candidate.type:
                continue
            last = _last_before(self.heads[entity], candidate.first)
            if last is not None and (self._matches(entity, core) or (
                    kind is not None and self.kinds[entity] == kind)):
                found.append((last, entity))
        return [entity for _, entity in sorted(found, reverse=True)]

    def _matches(self, entity: str, core: list[str]) -> bool:
        for descriptor in self.descriptors[entity]:
            if descriptor.lower().split()[-len(core):] == core:
                return True
        return self.types[entity] == "ORG" and self.names[entity][-1:] == core  # "the council"

    def near(self, entities: list[str], candidate: _Candidate) -> list[str]:
        """Those of `entities` named in the last few sentences before the description."""
        low = self.sentence_of[candidate.head] - DESCRIPTION_REACH
        return [e for e in entities if self.sentence_of[
            _last_before(self.heads[e], candidate.first)] >= low]

    def salient(self, candidate: _Candidate) -> str | None:
        """The compatible entity of the last few sentences: nearest sentence, subjects
        first, then the most mentioned so far."""
        sentence = self.sentence_of[candidate.head]
        window = self.sentence_start[max(0, sentence - DESCRIPTION_REACH)]
        best, best_key = None, None
        near = {e for e in self.entity_at[window:candidate.first] if e is not None}
        for entity in near:
            if self.types[entity] != candidate.type or not self._compatible(entity, candidate):
                continue
            positions = self.heads[entity]
            before = bisect_left(positions, candidate.first)
            if not before:
                continue
            last_sentence = self.sentence_of[positions[before - 1]]
            subject = False
            for p in reversed(positions[:before]):
                if self.sentence_of[p] != last_sentence:
                    break
                subject = subject or self.doc[p].dep_ in SUBJECT_DEPS
            key = (sentence - last_sentence, not subject, -before, entity)
            if best_key is None or key < best_key:
                best, best_key = entity, key
        return best

    def _compatible(self, entity: str, candidate: _Candidate) -> bool:
        if candidate.type == "PLACE":
            return self.kinds[entity] in roles.PLACE_EPITHETS[candidate.noun]
        if candidate.type == "ORG":
            kind = self.kinds[entity]
            return kind is None or kind == roles.ORG_KIND_WORDS.get(candidate.noun)
        gender = self.genders[entity]
        if candidate.gender and candidate.gender != gender and (
                gender or candidate.noun in roles.PERSON_WORDS):
            return False  # "the woman" takes someone the text calls a woman (Ms., wife)
        if candidate.role is None or candidate.noun in roles.NON_EXCLUSIVE_ROLES:
            return True
        given = [d.split()[-1] for d in self.descriptors[entity]]
        exclusive = [word for word in given if (word in vocab.ROLE_NOUNS or word in
                                                vocab.TITLES.values())
                     and word not in roles.NON_EXCLUSIVE_ROLES]
        return not exclusive or candidate.noun in exclusive

    def group_of(self, head: int, count: int) -> list[str]:
        """The people of the nearest sentence (this one or up to two back) that names
        people, when it names exactly `count`: "Smith and Jones … the two men"."""
        sentence = self.sentence_of[head]
        for back in range(0, GROUP_REACH + 1):
            number = sentence - back
            if number < 0:
                break
            low = self.sentence_start[number]
            high = head if back == 0 else self.sentence_start[number + 1]
            people = list(dict.fromkeys(e for e in self.entity_at[low:high]
                                        if e is not None and self.types[e] == "PERSON"))
            if people:
                return people if len(people) == count else []
        return []


def _last_before(positions: list[int], index: int) -> int | None:
    before = bisect_left(positions, index)
    return positions[before - 1] if before else None


def _stated_gender(entity: Entity) -> str | None:
    """The gender an honorific or a descriptor of the entity states, if any."""
    for alias in entity.aliases:
        lower = alias.lower()
        if lower.startswith(roles.MALE_PREFIXES):
            return "male"
        if lower.startswith(roles.FEMALE_PREFIXES):
            return "female"
    for descriptor in entity.descriptors:
        gender = _gender(descriptor.split()[-1]) if descriptor.split() else None
        if gender:
            return gender
    return None
