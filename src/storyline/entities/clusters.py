"""Entities, step 2: candidate mentions grouped into clusters, one per real-world thing.

One name (case and periods folded) is one cluster; a surname, first name or shorter form of
a person's full name joins that person (the one named last before it when several share it);
an all-capitals acronym joins the name it spells or follows in brackets.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .descriptors import Tokens
from ..vocab import names as vocab

DEMONYM_ENDINGS = ("s", "an", "ese", "ish", "ic", "i")
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# The vote of a mention the tagger found (see `resolve` for the others).
NER_WEIGHT = 1.0


@dataclass
class Mention:
    """A candidate mention: character span, token span, and what it votes for."""

    start: int
    end: int
    first: int  # first token
    last: int   # one past the last token
    label: str | None
    weight: float = NER_WEIGHT
    source: str = "ner"        # ner, title, award, gazetteer, role, propagated
    kind: str | None = None
    title: str | None = None   # descriptor given by a title word inside the entity
    prefix: str = ""           # the honorific or title as written, for the alias
    key: str = ""


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    type: str | None = None
    # The mentions' starts, kept sorted: "the last mention before" is a bisection.
    starts: list[int] = field(default_factory=list)

    def add(self, mention: Mention, vote: bool = True) -> None:
        self.mentions.append(mention)
        insort(self.starts, mention.start)
        if vote and mention.label:
            self.votes[mention.label] += mention.weight


def cluster_mentions(tokens: Tokens, text: str, mentions: list[Mention]) -> list[Cluster]:
    groups: dict[str, Cluster] = {}
    for mention in mentions:
        groups.setdefault(mention.key, Cluster()).add(mention)
    # People by their full names, longest first: a shorter full name ("Kari Morrissey") joins
    # a longer one ("Kari T. Morrissey"); what is left are the people of the text.
    persons = _Persons()
    merged: set[str] = set()
    candidates = sorted((key for key, c in groups.items()
                         if " " in key and top_vote(c.votes) == "PERSON"),
                        key=lambda key: -len(key.split()))
    for key in candidates:
        owners = [c for _, c in persons.short_form_of(key)]
        if owners:
            _join(groups[key], owners)
            merged.add(key)
        else:
            persons.add(key, groups[key])
    for key, cluster in groups.items():
        if key in persons.keys or key in merged or _locked(cluster) \
                or not _may_be_name(key, cluster):
            continue
        owners = [c for _, c in persons.short_form_of(key)]
        if (key in vocab.COUNTRIES or key in vocab.US_STATES) and not cluster.votes["PERSON"]:
            # A surname, yes ("Holland"); a place read as a first name, no ("Virginia Democrats").
            owners = [c for person_key, c in persons.short_form_of(key)
                      if person_key.rsplit(" ", 1)[1] == key]
        if owners:
            _join(cluster, owners)
            merged.add(key)
    clusters = merge_acronyms([c for key, c in groups.items() if key not in merged], tokens, text)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.start)
    return clusters


class _Persons:
    """The people of the text by full name, in the order found, indexed by the words of their
    names: a short form shares its first word with every name it may shorten, so only those
    are compared (against all of them, a long text's names cost the square of their number)."""

    def __init__(self):
        self.found: list[tuple[str, Cluster]] = []
        self.keys: set[str] = set()
        self.by_word: dict[str, list[int]] = defaultdict(list)

    def add(self, key: str, cluster: Cluster) -> None:
        for word in dict.fromkeys(key.split()):
            self.by_word[word].append(len(self.found))
        self.found.append((key, cluster))
        self.keys.add(key)

    def short_form_of(self, key: str) -> list[tuple[str, Cluster]]:
        """The (full name, cluster) pairs `key` is a short form of, in the order found."""
        words = key.split()
        if not words:
            return []
        found = (self.found[i] for i in self.by_word.get(words[0], ()))
        return [(person_key, c) for person_key, c in found if short_form(key, person_key)]


def _may_be_name(key: str, cluster: Cluster) -> bool:
    """Whether a short form may be part of a person's name: not a nationality or a party's
    people ("Democrats")."""
    return not (top_vote(cluster.votes) == "GROUP" and key.endswith(DEMONYM_ENDINGS))


def _join(cluster: Cluster, owners: list[Cluster]) -> None:
    """Each mention of a short form joins the person named last before it."""
    for mention in cluster.mentions:  # a surname is never a place: it is that person
        mention.label, mention.weight = "PERSON", NER_WEIGHT
        nearest(owners, mention.start).add(mention)


def adopt_short_forms(clusters: list[Cluster], notes: dict[int, list]) -> list[Cluster]:
    """After the type vote: a one-word name that is the first or last word of exactly one full
    name joins it when that full name is a person, or when the two votes together say so. The
    tagger may call "Bettie Page" an organization twice and "Page" a person ten times in one
    article, or only an apposition ("the pin-up model") may show she is a person; before the
    vote, only full names the tagger itself called people took their short forms. `notes`
    (descriptors by cluster id) move with the mentions."""
    owners: dict[str, list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        keys = {mention.key for mention in cluster.mentions}
        words = [w for w in cluster.mentions[0].key.split() if len(w) > 1
                 and w not in NAME_SUFFIXES]
        if len(keys) == 1 and len(words) > 1 and not _locked(cluster) and cluster.type in (
                "PERSON", "ORG", "PLACE"):
            for word in dict.fromkeys((words[0], words[-1])):
                owners[word].append(cluster)
    adopted: set[int] = set()
    for _ in range(2):  # a first name joins once its surname has made the full name a person
        for cluster in clusters:
            keys = {mention.key for mention in cluster.mentions}
            owner = _one_owner(owners.get(next(iter(keys)), [])) if len(keys) == 1 else None
            # A place keeps its name: "visited Lincoln" after "Lincoln Page, the model".
            if owner is None or id(cluster) in adopted or _locked(cluster) \
                    or cluster.type not in ("PERSON", "ORG"):
                continue
            if owner.type != "PERSON" and top_vote(owner.votes + cluster.votes) != "PERSON":
                continue
            for mention in cluster.mentions:
                mention.label = "PERSON"
                owner.add(mention)
            owner.type = "PERSON"
            notes[id(owner)].extend(notes.pop(id(cluster), []))
            adopted.add(id(cluster))
    for cluster in clusters:
        if id(cluster) not in adopted:
            cluster.mentions.sort(key=lambda m: m.start)
    return [cluster for cluster in clusters if id(cluster) not in adopted]


def _one_owner(found: list[Cluster]) -> Cluster | None:
    """The one full name a short form may shorten. Several count as one when each contains or
    shortens the most voted of them ("Bettie Page" and the unquoted film "Notorious Bettie
    Page"); that one is the owner."""
    if not found:
        return None
    best = max(found, key=lambda c: (sum(c.votes.values()), -c.mentions[0].start))
    key = best.mentions[0].key
    for other in found:
        other_key = other.mentions[0].key
        contains = f" {key} " in f" {other_key} "  # whole words: "Ann Lee" is not in "Joann Lee"
        if other is not best and not (contains or short_form(key, other_key)
                                      or short_form(other_key, key)):
            return None
    return best


def top_vote(votes: Counter) -> str | None:
    if not votes:
        return None
    return max(votes.items(), key=lambda item: (item[1], item[0] == "PERSON"))[0]


def _locked(cluster: Cluster) -> bool:
    """Titles of works and prizes keep their own cluster even if a person shares the word."""
    return any(m.source in ("title", "award") for m in cluster.mentions)


def short_form(key: str, person_key: str) -> bool:
    """Whether `key` is a shorter way to write the full name `person_key`."""
    short, full = key.split(), person_key.split()
    if len(short) >= len(full):
        return False
    # Initials never stand alone for a person, nor do suffixes ("Jr.").
    names = [w for w in full if len(w) > 1 and w not in NAME_SUFFIXES]
    if len(short) == 1:
        return bool(names) and len(short[0]) > 1 and short[0] in (names[0], names[-1])
    if full[-1] in NAME_SUFFIXES and short[-1] not in NAME_SUFFIXES:
        return False  # "Donald Trump" is not "Donald Trump Jr."
    if full[-len(short):] == short or full[:len(short)] == short:
        return True
    return len(names) >= 2 and short == [names[0], names[-1]]


def nearest(owners: list[Cluster], position: int) -> Cluster:
    """Of several clusters sharing a name, the one mentioned last before `position`."""
    if len(owners) == 1:
        return owners[0]

    def last_before(cluster: Cluster) -> tuple[int, int]:
        before = bisect_left(cluster.starts, position)
        return (1, cluster.starts[before - 1]) if before else (0, -cluster.starts[0])

    return max(owners, key=last_before)


def merge_acronyms(clusters: list[Cluster], tokens: Tokens, text: str) -> list[Cluster]:
    """An all-capitals acronym joins the name it stands for: the name it follows in brackets
    ("Immigration and Customs Enforcement (ICE)"), or one whose initials it spells ("AP")."""
    by_initials: dict[str, Cluster] = {}
    ends_at: dict[int, Cluster] = {}
    for cluster in clusters:
        words = [w for w in cluster.mentions[0].key.split() if w not in ("of", "the", "and", "for")]
        if len(words) >= 2 and not all(len(w) == 1 for w in words):
            by_initials.setdefault("".join(w[0] for w in words), cluster)
        for mention in cluster.mentions:
            ends_at[mention.last] = cluster  # the token after the name: "("
    kept = []
    for cluster in clusters:
        letters = cluster.mentions[0].key.replace(" ", "")
        acronym = 2 <= len(letters) <= 8 and all(
            m.source == "ner" and text[m.start:m.end].replace(".", "").isupper()
            for m in cluster.mentions)
        target = None
        if acronym:
            defined = [ends_at[m.first - 1] for m in cluster.mentions
                       if m.first >= 2 and tokens.text[m.first - 1] == "("
                       and m.last < len(tokens.text) and tokens.text[m.last] == ")"
                       and m.first - 1 in ends_at]
            target = next((c for c in defined if top_vote(c.votes) != "PERSON"
                           and c.mentions[0].key[:1] == letters[:1]), None)
            if target is None and len(letters) <= 6:
                target = by_initials.get(letters)
        if target is not None and target is not cluster:
            for mention in cluster.mentions:
                target.add(mention)
            continue
        kept.append(cluster)
    return kept
