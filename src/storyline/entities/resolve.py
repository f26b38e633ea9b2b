"""Entities: spaCy's mentions resolved to one record per real-world thing.

spaCy tags mentions one sentence at a time; this stage reads the whole document:

1. candidates: spaCy's entities trimmed of what is not name (leading "the", quotes,
   honorifics and role words; trailing possessives, numbers and lowercase words) and split
   where a separator joins two names; quoted titles of works found from the quote marks with
   the kind their cue word gives ("the film “Rust”"); prizes read as people ("an Oscar nod");
   countries, states and capitals, and names after role words ("armorer Ana Ruiz"), that the
   tagger missed.
2. clusters: one name (case and periods folded) is one cluster; a surname, first name or
   shorter form of a person's full name joins that person (the one named last before it when
   several share it); an all-capitals acronym joins the name it spells.
3. one type per cluster by a weighted vote of its mentions and of their context (honorifics,
   role words and appositions say PERSON; a cue word says WORK; see `descriptors`).
4. propagation: unlabelled occurrences of a resolved name elsewhere become mentions too.
5. records: fullest name, aliases, kind and descriptors; ids in order of first mention.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import descriptors as describe
from ..config import Config
from .descriptors import Tokens, fold
from ..record import Article, Entity
from ..vocab import names as vocab

SPACY_TO_CONTRACT = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE",
                     "FAC": "PLACE", "WORK_OF_ART": "WORK", "EVENT": "EVENT",
                     "PRODUCT": "PRODUCT", "LAW": "LAW", "NORP": "GROUP", "LANGUAGE": "OTHER"}
SEPARATORS = frozenset({"/", "|", "(", ")", "[", "]", "--", "—", "–", ";", ":", "•"})
POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
POSSESSIVE_END = re.compile(r"['’]s?$")
QUOTE_CHARS = describe.QUOTE_CHARS
# Types whose names may be found again where the tagger missed them.
PROPAGATED_TYPES = frozenset({"PERSON", "ORG", "PLACE", "GROUP", "EVENT", "PRODUCT"})
MAX_NAME_TOKENS = 6
DEMONYM_ENDINGS = ("s", "an", "ese", "ish", "ic", "i")
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
MAX_PLACE_TOKENS = 4

# Vote weights: a tagged mention, more for a longer one, little in an all-capitals headline
# or for a piece of a split entity; a cue word or a prize name decides.
NER_WEIGHT, MULTI_TOKEN_BONUS, SHOUTED_WEIGHT, PIECE_WEIGHT, PLACE_WEIGHT = 1.0, 0.5, 0.3, 0.4, 0.5
STRONG = 5.0


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

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        if mention.label:
            self.votes[mention.label] += mention.weight


def resolve_entities(article: Article, config: Config) -> Article:
    doc, text = article.doc, article.text
    tokens = Tokens.of(doc)
    mentions = ner_mentions(doc, tokens, text)
    mentions = add_titles(doc, tokens, text, mentions)
    mentions = add_awards(tokens, mentions)
    mentions = add_places(tokens, mentions)
    mentions = add_role_names(doc, tokens, mentions)
    for mention in mentions:
        mention.key = fold(text[mention.start:mention.end])
    clusters = cluster_mentions(tokens, text, mentions)
    notes = describe.find_descriptors(doc, tokens, text, clusters)
    for cluster in clusters:
        describe.context_votes(cluster, notes[id(cluster)])
        cluster.type = decide_type(cluster)
    clusters = [c for c in clusters if c.type is not None]
    retype_town_names(clusters)
    clusters = merge_head_words(clusters)
    propagate(tokens, clusters)
    article.entities = build_entities(text, clusters, notes)
    return article


# 1. Candidates ---------------------------------------------------------------------------

def ner_mentions(doc, tokens: Tokens, text: str) -> list[Mention]:
    found: list[Mention] = []
    for ent in doc.ents:
        label = SPACY_TO_CONTRACT.get(ent.label_)
        if label is None:
            continue
        pieces = split_pieces(doc, ent.start, ent.end)
        for first, last in pieces:
            mention = trim(doc, tokens, text, first, last, label)
            if mention is not None:
                if len(pieces) > 1:
                    mention.weight = min(mention.weight, PIECE_WEIGHT)
                found.append(mention)
    return found


def split_pieces(doc, first: int, last: int) -> list[tuple[int, int]]:
    """Token ranges of an entity split at separators ("Sykes / Invision", "Romania - Contra")."""
    pieces, start = [], first
    for i in range(first, last):
        token = doc[i]
        spaced_dash = token.text in ("-", "–") and token.whitespace_ and i > 0 and doc[i - 1].whitespace_
        if token.text in SEPARATORS or token.is_space or "\n" in token.text or spaced_dash:
            if i > start:
                pieces.append((start, i))
            start = i + 1
    if last > start:
        pieces.append((start, last))
    return pieces


def trim(doc, tokens: Tokens, text: str, first: int, last: int, label: str) -> Mention | None:
    """An entity without the words around the name; honorifics and role words noted."""
    title, prefix = None, ""
    while first < last:
        token, bare = doc[first], tokens.fold[first]
        if token.is_punct or token.is_space or token.text in QUOTE_CHARS:
            first += 1
        elif bare == "the" and last - first > 1 and (label != "WORK" or token.is_lower):
            first += 1
        elif label == "PERSON" and last - first > 1 and tokens.capitalized[first + 1] and (
                bare in vocab.HONORIFICS or bare in vocab.TITLES or bare in vocab.ROLE_NOUNS):
            if bare not in vocab.HONORIFICS:  # "Cinematographer Halyna Hutchins"
                title = vocab.TITLES.get(bare, bare)
            if bare in vocab.HONORIFICS or bare in vocab.TITLES:  # "Mr. Baldwin" is a name
                prefix = text[token.idx:tokens.idx[first + 1]]
            first += 1
        else:
            break
    while last > first:
        token = doc[last - 1]
        if (token.is_punct and token.text not in ".&") or token.is_space \
                or token.text in QUOTE_CHARS or token.lower_ in POSSESSIVE_TOKENS:
            last -= 1
        elif token.like_num and label in ("PERSON", "PLACE") and last - first > 1:
            last -= 1
        elif token.is_lower and token.is_alpha and label in ("PERSON", "ORG", "PLACE") \
                and doc[last - 2].whitespace_:
            last -= 1  # "Interfax news agency", but not "Co-operation"
        else:
            break
    if first >= last or not any(tokens.capitalized[i] or doc[i].like_num for i in range(first, last)):
        return None
    if last - first == 1 and _title_word(tokens.fold[first]):
        return None  # "Governor" alone names nobody
    if all(doc[i].is_stop or doc[i].is_punct for i in range(first, last)):
        return None  # "I’d"
    if label == "WORK" and not describe.title_like(doc[first:last].text, cued=False):
        return None  # the tagger's loose works ("Let’s start with breaking news"); quoted ones come back
    start, end = tokens.idx[first], tokens.idx[last - 1] + len(tokens.text[last - 1])
    possessive = POSSESSIVE_END.search(text, start, end)  # "Baldwin’s" kept as one token
    if possessive and label != "WORK" and possessive.start() > start + 1 \
            and text[possessive.start() - 1].isalpha() and last - first == 1 \
            and tokens.text[first][-2:] in ("’s", "'s"):
        end = possessive.start()
    weight = NER_WEIGHT + (MULTI_TOKEN_BONUS if last - first > 1 else 0.0)
    if tokens.shouted[first]:
        weight = SHOUTED_WEIGHT
    return Mention(start, end, first, last, label, weight, title=title, prefix=prefix)


def _title_word(folded: str) -> bool:
    return folded in vocab.HONORIFICS or folded in vocab.TITLES or folded in vocab.ROLE_NOUNS


def add_titles(doc, tokens: Tokens, text: str, mentions: list[Mention]) -> list[Mention]:
    """Quoted titles: a WORK when a cue word says so, or when the same title is a known work.

    A title replaces the entities the tagger found inside its quotes ("Glengarry Glen Ross"
    as a PERSON); an entity reaching out of the quotes keeps its part outside.
    """
    found = describe.quoted_titles(text)
    if not found:
        return mentions
    known = {fold(text[start:end]) for start, end, kind in found if kind}
    known |= {fold(text[m.start:m.end]) for m in mentions if m.label == "WORK"}
    titles = []
    for start, end, kind in found:
        inside = [m for m in mentions if m.start < end and start < m.end]
        if kind is None and fold(text[start:end]) not in known and not any(
                m.label == "WORK" for m in inside):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        titles.append(Mention(start, end, span.start, span.end, "WORK",
                              STRONG if kind else NER_WEIGHT, "title", kind))
    rest = []
    for mention in mentions:
        title = next((t for t in titles if mention.start < t.end and t.start < mention.end), None)
        if title is None:
            rest.append(mention)
        elif mention.last > title.last:  # "“Rust” producer Anjul Nigam" tagged as one
            outside = trim(doc, tokens, text, title.last, mention.last, mention.label)
            rest.extend([outside] if outside is not None else [])
        elif mention.first < title.first:
            outside = trim(doc, tokens, text, mention.first, title.first, mention.label)
            rest.extend([outside] if outside is not None else [])
    return sorted(rest + titles, key=lambda m: m.start)


def add_awards(tokens: Tokens, mentions: list[Mention]) -> list[Mention]:
    """Prize names ("an Oscar nod", "three Emmys") are prizes, not people."""
    by_token = {i: m for m in mentions for i in range(m.first, m.last)}
    extra, dropped = [], set()
    for i, folded in enumerate(tokens.fold):
        name = vocab.AWARDS.get(folded)
        if name is None or not tokens.capitalized[i]:
            continue
        following = tokens.fold[i + 1] if i + 1 < len(tokens.fold) else ""
        plural = folded != name.lower()
        if not plural and following not in vocab.AWARD_CONTEXT:
            continue
        owner = by_token.get(i)
        if owner is not None and owner.last - owner.first > 1:
            if owner.first == i and owner.last == i + 2 and following in vocab.AWARD_CONTEXT:
                owner.label, owner.weight, owner.source, owner.kind = "OTHER", STRONG, "award", "award"
            continue  # "Tony Blair" stays a person; "the Pulitzer Prize" becomes the prize
        if owner is not None:
            dropped.add(id(owner))
        start = tokens.idx[i]
        extra.append(Mention(start, start + len(tokens.text[i]), i, i + 1, "OTHER", STRONG,
                             "award", "award"))
    if not extra:
        return mentions
    return sorted([m for m in mentions if id(m) not in dropped] + extra, key=lambda m: m.start)


def add_places(tokens: Tokens, mentions: list[Mention]) -> list[Mention]:
    """Countries, states and capitals the tagger missed (often in capitals: "BELGRADE")."""
    taken = _taken(len(tokens.text), mentions)
    extra, i, count = [], 0, len(tokens.text)
    while i < count:
        if taken[i] or not tokens.capitalized[i]:
            i += 1
            continue
        for size in range(min(MAX_PLACE_TOKENS, count - i), 0, -1):
            if any(taken[i:i + size]):
                continue
            key = " ".join(tokens.fold[i:i + size])
            if (key in vocab.COUNTRIES or key in vocab.US_STATES or key in vocab.CITIES) \
                    and _free_standing(tokens, i, i + size):
                end = tokens.idx[i + size - 1] + len(tokens.text[i + size - 1])
                extra.append(Mention(tokens.idx[i], end, i, i + size, "PLACE", PLACE_WEIGHT,
                                     "gazetteer"))
                i += size
                break
        else:
            i += 1
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


def add_role_names(doc, tokens: Tokens, mentions: list[Mention]) -> list[Mention]:
    """Proper names right after a role word are people the tagger missed ("armorer Ana Ruiz")."""
    taken = _taken(len(tokens.text), mentions)
    for ent in doc.ents:  # dates and numbers too: "the director Friday"
        taken[ent.start:ent.end] = b"\x01" * (ent.end - ent.start)
    extra, count = [], len(tokens.text)
    for i in range(count - 1):
        folded = tokens.fold[i]
        role = (not tokens.capitalized[i] and (folded in vocab.ROLE_NOUNS or folded in vocab.KIN_NOUNS
                                               or folded.rstrip("s") in vocab.ROLE_NOUNS)) or (
            tokens.capitalized[i] and tokens.text[i].endswith(".") and folded in vocab.TITLES)
        if not role or taken[i + 1]:
            continue
        last = i + 1
        while last < count and last - i <= 4 and not taken[last] and tokens.proper[last] \
                and tokens.capitalized[last] and not tokens.upper[last]:
            last += 1
        if last > i + 1 and (last == count or not tokens.capitalized[last]):
            end = tokens.idx[last - 1] + len(tokens.text[last - 1])
            extra.append(Mention(tokens.idx[i + 1], end, i + 1, last, "PERSON", NER_WEIGHT, "role"))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


def _taken(count: int, mentions) -> bytearray:
    taken = bytearray(count)
    for mention in mentions:
        taken[mention.first:mention.last] = b"\x01" * (mention.last - mention.first)
    return taken


def _free_standing(tokens: Tokens, first: int, last: int) -> bool:
    """Capitalised, a proper noun, and not part of a longer name ("Baldwin" in "Baldwin Park")."""
    if not all(tokens.capitalized[first:last]):
        return False
    if last - first == 1 and not tokens.proper[first] and not tokens.upper[first]:
        return False
    shouted = tokens.upper[first]
    for i in (first - 1, last):
        if 0 <= i < len(tokens.text) and tokens.proper[i] and tokens.capitalized[i] \
                and not (shouted and tokens.upper[i]):
            return False
    return True


# 2. Clusters ------------------------------------------------------------------------------

def cluster_mentions(tokens: Tokens, text: str, mentions: list[Mention]) -> list[Cluster]:
    groups: dict[str, Cluster] = {}
    for mention in mentions:
        groups.setdefault(mention.key, Cluster()).add(mention)
    # People by their full names, longest first: a shorter full name ("Kari Morrissey") joins
    # a longer one ("Kari T. Morrissey"); what is left are the people of the text.
    persons: list[tuple[str, Cluster]] = []
    merged: set[str] = set()
    candidates = sorted((key for key, c in groups.items() if " " in key and _top(c.votes) == "PERSON"),
                        key=lambda key: -len(key.split()))
    for key in candidates:
        owners = [c for person_key, c in persons if short_form(key, person_key)]
        if owners:
            _join(groups[key], owners)
            merged.add(key)
        else:
            persons.append((key, groups[key]))
    person_keys = {key for key, _ in persons}
    for key, cluster in groups.items():
        if key in person_keys or key in merged or _locked(cluster) or not _may_be_name(key, cluster):
            continue
        owners = [c for person_key, c in persons if short_form(key, person_key)]
        if (key in vocab.COUNTRIES or key in vocab.US_STATES) and not cluster.votes["PERSON"]:
            # A surname, yes ("Holland"); a place read as a first name, no ("Virginia Democrats").
            owners = [c for person_key, c in persons
                      if short_form(key, person_key) and person_key.rsplit(" ", 1)[1] == key]
        if owners:
            _join(cluster, owners)
            merged.add(key)
    clusters = merge_acronyms([c for key, c in groups.items() if key not in merged], tokens, text)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.start)
    return clusters


def _may_be_name(key: str, cluster: Cluster) -> bool:
    """Whether a short form may be part of a person's name: not a nationality or a party's
    people ("Democrats")."""
    return not (_top(cluster.votes) == "GROUP" and key.endswith(DEMONYM_ENDINGS))


def _join(cluster: Cluster, owners: list[Cluster]) -> None:
    """Each mention of a short form joins the person named last before it."""
    for mention in cluster.mentions:  # a surname is never a place: it is that person
        mention.label, mention.weight = "PERSON", NER_WEIGHT
        _nearest(owners, mention.start).add(mention)


def _top(votes: Counter) -> str | None:
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


def _nearest(owners: list[Cluster], position: int) -> Cluster:
    """Of several clusters sharing a name, the one mentioned last before `position`."""
    if len(owners) == 1:
        return owners[0]

    def last_before(cluster: Cluster) -> tuple[int, int]:
        before = [m.start for m in cluster.mentions if m.start < position]
        return (1, max(before)) if before else (0, -min(m.start for m in cluster.mentions))

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
            target = next((c for c in defined if _top(c.votes) != "PERSON"
                           and c.mentions[0].key[:1] == letters[:1]), None)
            if target is None and len(letters) <= 6:
                target = by_initials.get(letters)
        if target is not None and target is not cluster:
            for mention in cluster.mentions:
                target.add(mention)
            continue
        kept.append(cluster)
    return kept


# 3. Types ---------------------------------------------------------------------------------

def decide_type(cluster: Cluster) -> str | None:
    if any(m.source == "award" for m in cluster.mentions):
        return "OTHER"
    if any(m.source == "title" for m in cluster.mentions):
        return "WORK"
    return _top(cluster.votes)


def retype_town_names(clusters: list[Cluster]) -> None:
    """A lone word tagged PERSON that opens the names of local bodies ("Riverton City
    Council", "Riverton General Hospital") and never has a person's cue is that town."""
    openers = Counter(c.mentions[0].key.split()[0] for c in clusters
                      if c.type in ("ORG", "PLACE") and len(c.mentions[0].key.split()) > 1)
    for cluster in clusters:
        keys = {mention.key for mention in cluster.mentions}
        if (cluster.type == "PERSON" and len(keys) == 1 and len(next(iter(keys)).split()) == 1
                and openers[next(iter(keys))] >= 2 and cluster.votes["PERSON"] < STRONG
                and not any(m.prefix or m.title for m in cluster.mentions)):
            cluster.type = "PLACE"


def merge_head_words(clusters: list[Cluster]) -> list[Cluster]:
    """"the Council", "the Department" after "Riverton City Council": a lone ORG word that is
    the head of exactly one longer ORG name is that organization."""
    heads: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        words = cluster.mentions[0].key.split()
        if cluster.type == "ORG" and len(words) > 1:
            heads.setdefault(words[-1], []).append(cluster)
    kept = []
    for cluster in clusters:
        keys = {mention.key for mention in cluster.mentions}
        owners = heads.get(next(iter(keys)), []) if len(keys) == 1 else []
        if cluster.type == "ORG" and len(owners) == 1 and owners[0] is not cluster \
                and len(next(iter(keys)).split()) == 1:
            for mention in cluster.mentions:
                owners[0].add(mention)
            continue
        kept.append(cluster)
    return kept


# 4. Propagation ---------------------------------------------------------------------------

def propagate(tokens: Tokens, clusters: list[Cluster]) -> None:
    """Unlabelled occurrences of a resolved name elsewhere in the text are mentions of it."""
    count = len(tokens.text)
    taken = _taken(count, (m for c in clusters for m in c.mentions))
    forms: dict[tuple[str, ...], list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        if cluster.type not in PROPAGATED_TYPES:
            continue
        seen = {tuple(tokens.fold[m.first:m.last]) for m in cluster.mentions}
        if cluster.type == "PERSON":  # the surname of the full name, even if not yet used
            full = max(cluster.mentions, key=lambda m: m.last - m.first)
            if full.last - full.first > 1 and len(tokens.fold[full.last - 1]) > 1:
                seen.add((tokens.fold[full.last - 1],))
        for form in seen:
            forms[form].append(cluster)
    if not forms:
        return
    longest = min(MAX_NAME_TOKENS, max(len(form) for form in forms))
    i = 0
    while i < count:
        if taken[i] or not tokens.capitalized[i]:
            i += 1
            continue
        for size in range(min(longest, count - i), 0, -1):
            owners = forms.get(tuple(tokens.fold[i:i + size]))
            if owners and not any(taken[i:i + size]) and _free_standing(tokens, i, i + size):
                owner = _nearest(owners, tokens.idx[i])
                end = tokens.idx[i + size - 1] + len(tokens.text[i + size - 1])
                owner.mentions.append(Mention(tokens.idx[i], end, i, i + size, owner.type, 0.0,
                                              "propagated"))
                i += size
                break
        else:
            i += 1
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.start)


# 5. Records -------------------------------------------------------------------------------

def build_entities(text: str, clusters: list[Cluster],
                   notes: dict[int, list[describe.Note]]) -> list[Entity]:
    records = []
    for cluster in clusters:
        mentions = _distinct(cluster.mentions)
        if not mentions:
            continue
        name = choose_name(text, mentions)
        aliases: list[str] = []
        for mention in mentions:
            surface = " ".join(text[mention.start:mention.end].split())
            for form in (mention.prefix + surface if mention.prefix else "", surface):
                if form and form.lower() != name.lower() and form not in aliases:
                    aliases.append(form)
        entity = Entity("", name, cluster.type, [(m.start, m.end) for m in mentions],
                        aliases=aliases)
        entity.kind = describe.entity_kind(text, cluster, name, notes[id(cluster)])
        entity.descriptors = describe.entity_descriptors(notes[id(cluster)], cluster.type)
        records.append(entity)
    records.sort(key=lambda e: e.mentions[0])
    for number, entity in enumerate(records, start=1):
        entity.id = f"e{number}"
    return records


def _distinct(mentions: list[Mention]) -> list[Mention]:
    result, last_end = [], -1
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if mention.start >= last_end:
            result.append(mention)
            last_end = mention.end
    return result


def choose_name(text: str, mentions: list[Mention]) -> str:
    """The fullest name written: most words, not in capitals, most used, first."""
    award = next((m for m in mentions if m.source == "award" and m.last - m.first == 1), None)
    if award is not None and text[award.start:award.end].lower() in vocab.AWARDS:
        return vocab.AWARDS[text[award.start:award.end].lower()]
    own = [m for m in mentions if m.source != "propagated"] or mentions
    surfaces = [" ".join(text[m.start:m.end].split()) for m in own]
    counts = Counter(surfaces)

    def rank(surface: str) -> tuple:
        shouted = surface.isupper() and len(surface) > 4
        return (not shouted, len(surface.split()), counts[surface], -surfaces.index(surface))

    return max(counts, key=rank)
