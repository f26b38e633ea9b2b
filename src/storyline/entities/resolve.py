"""Entities: spaCy's mentions resolved to one record per real-world thing.

spaCy tags mentions one sentence at a time; this stage reads the whole document:

1. candidates: spaCy's entities trimmed of what is not name (leading "the", quotes,
   honorifics and role words; trailing possessives, numbers and lowercase words) and split
   where a separator joins two names; quoted titles of works found from the quote marks with
   the kind their cue word gives ("the film “Rust”"); prizes read as people ("an Oscar nod");
   countries, states and capitals, and names after role words ("armorer Ana Ruiz"), that the
   tagger missed.
2. clusters (`clusters`): one name (case and periods folded) is one cluster; a surname, first
   name or shorter form of a person's full name joins that person (the one named last before
   it when several share it); an all-capitals acronym joins the name it spells.
3. one type per cluster by a weighted vote of its mentions and of their context (honorifics,
   role words and appositions say PERSON; a cue word says WORK; see `descriptors`).
4. propagation: unlabelled occurrences of a resolved name elsewhere become mentions too.
5. records: fullest name, aliases, kind and descriptors; ids in order of first mention.
6. descriptions (`descriptions`): "the actor", "one of its producers" give their roles to the
   entity they stand for.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict

from . import descriptions
from . import descriptors as describe
from .clusters import (NER_WEIGHT, Cluster, Mention, adopt_short_forms, cluster_mentions, nearest,
                       top_vote)
from ..config import Config
from .descriptors import Tokens, fold
from ..record import Article, Entity
from ..spans import Spans
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
MAX_PLACE_TOKENS = 4

# Vote weights: a tagged mention, more for a longer one, little in an all-capitals headline
# or for a piece of a split entity; a cue word or a prize name decides.
MULTI_TOKEN_BONUS, SHOUTED_WEIGHT, PIECE_WEIGHT, PLACE_WEIGHT = 0.5, 0.3, 0.4, 0.5
STRONG = 5.0


def resolve_entities(article: Article, config: Config) -> Article:
    doc, text = article.doc, article.text
    tokens = Tokens.of(doc, text)
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
    clusters = adopt_short_forms([c for c in clusters if c.type is not None], notes)
    retype_town_names(clusters)
    retype_facility_names(tokens, clusters)
    clusters = merge_head_words(clusters)
    lower_words = {text for text in tokens.text if text.islower()}
    clusters = [c for c in clusters if not sentence_case_word(tokens, c, lower_words)]
    propagate(tokens, clusters)
    article.entities = build_entities(text, clusters, notes)
    descriptions.add_description_roles(
        article.entities, descriptions.resolve_descriptions(doc, article.entities))
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
    works = Spans((m.start, m.end) for m in mentions if m.label == "WORK")
    titles = []
    for start, end, kind in found:
        if kind is None and fold(text[start:end]) not in known and not works.overlaps(start, end):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        titles.append(Mention(start, end, span.start, span.end, "WORK",
                              STRONG if kind else NER_WEIGHT, "title", kind))
    rest = []
    title_ends = [title.end for title in titles]
    for mention in mentions:
        title = _title_over(mention, titles, title_ends)
        if title is None:
            rest.append(mention)
        elif mention.last > title.last:  # "“Rust” producer Anjul Nigam" tagged as one
            outside = trim(doc, tokens, text, title.last, mention.last, mention.label)
            rest.extend([outside] if outside is not None else [])
        elif mention.first < title.first:
            outside = trim(doc, tokens, text, mention.first, title.first, mention.label)
            rest.extend([outside] if outside is not None else [])
    return sorted(rest + titles, key=lambda m: m.start)


def _title_over(mention: Mention, titles: list[Mention], ends: list[int]) -> Mention | None:
    """The title the mention overlaps, if any. Titles come in text order and apart, so only
    the first one ending after the mention starts can (`ends`: their ends)."""
    after = bisect_right(ends, mention.start)
    if after < len(titles) and titles[after].start < mention.end:
        return titles[after]
    return None


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


# 3. Types ---------------------------------------------------------------------------------

def decide_type(cluster: Cluster) -> str | None:
    if any(m.source == "award" for m in cluster.mentions):
        return "OTHER"
    if any(m.source == "title" for m in cluster.mentions):
        return "WORK"
    return top_vote(cluster.votes)


def retype_town_names(clusters: list[Cluster]) -> None:
    """A lone word tagged PERSON that opens the names of local bodies ("Riverton City
    Council", "Riverton General Hospital") and never has a person's cue is that town."""
    openers = Counter(c.mentions[0].key.split()[0] for c in clusters
                      if c.type in ("ORG", "PLACE") and len(c.mentions[0].key.split()) > 1)
    for cluster in clusters:
        if _lone_uncued_person(cluster) and openers[cluster.mentions[0].key] >= 2:
            cluster.type = "PLACE"


def retype_facility_names(tokens: Tokens, clusters: list[Cluster]) -> None:
    """A lone word tagged PERSON whose every mention reads "the X (pumping) station" names a
    place: people do not stand between "the" and a built place ("the Obama administration"
    stands before no facility noun)."""
    count = len(tokens.text)
    for cluster in clusters:
        own = [m for m in cluster.mentions if m.source != "propagated"]
        if own and _lone_uncued_person(cluster) and all(
                m.first > 0 and tokens.fold[m.first - 1] == "the"
                and any(tokens.text[i] in vocab.FACILITY_NOUNS
                        for i in range(m.last, min(m.last + 2, count)) if tokens.text[i].islower())
                for m in own):
            cluster.type = "PLACE"


def sentence_case_word(tokens: Tokens, cluster: Cluster, lower_words: set[str]) -> bool:
    """A common word the tagger took for a name because a sentence opens with it: every mention
    is one word opening its sentence, with no honorific or title, and the text also has the word
    in lower case (`lower_words`: the text's lower-case words): "Groundwater carrying bacteria
    seeped in" beside "let groundwater in"."""
    if not all(m.last - m.first == 1 and tokens.opens[m.first] and not (m.prefix or m.title)
               for m in cluster.mentions):
        return False
    words = {tokens.text[m.first] for m in cluster.mentions}
    word = next(iter(words))
    return len(words) == 1 and word[1:].islower() and word.lower() in lower_words


def _lone_uncued_person(cluster: Cluster) -> bool:
    """A one-word name typed PERSON by weak votes alone: no honorific, no title, no strong
    person evidence; the retyping rules may take it for a place."""
    keys = {mention.key for mention in cluster.mentions}
    return (cluster.type == "PERSON" and len(keys) == 1 and len(next(iter(keys)).split()) == 1
            and cluster.votes["PERSON"] < STRONG
            and not any(m.prefix or m.title for m in cluster.mentions))


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
                owner = nearest(owners, tokens.idx[i])
                end = tokens.idx[i + size - 1] + len(tokens.text[i + size - 1])
                owner.add(Mention(tokens.idx[i], end, i, i + size, owner.type, 0.0,
                                  "propagated"), vote=False)
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
        aliases: dict[str, None] = {}  # ordered, and a set
        for mention in mentions:
            surface = " ".join(text[mention.start:mention.end].split())
            for form in (mention.prefix + surface if mention.prefix else "", surface):
                if form and form.lower() != name.lower():
                    aliases.setdefault(form)
        entity = Entity("", name, cluster.type, [(m.start, m.end) for m in mentions],
                        aliases=list(aliases))
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
    first_use = {surface: -i for i, surface in reversed(list(enumerate(surfaces)))}

    def rank(surface: str) -> tuple:
        shouted = surface.isupper() and len(surface) > 4
        return (not shouted, len(surface.split()), counts[surface], first_use[surface])

    return max(counts, key=rank)
