"""What the words around a name say about it: titles of works, descriptors, kinds.

- quoted titles: a title in quotes after a cue word is a work of that kind ("the film “Rust”",
  "the NBC sitcom “30 Rock”", "films like “A,” “B” and “C”": the list shares the cue);
- premodifiers: "cinematographer Halyna Hutchins", "special prosecutors Kari T. Morrissey and
  Jason L. Lewis" (the role, singular, goes to every coordinated name), "President Trump",
  "production company Thomasville Pictures";
- appositions and copulas: "Jane Roe, a spokeswoman for Acme,", "Longyear is a town", and,
  when the parse agrees, "his wife, Hilaria"; "the town of Longyear";
- honorifics ("Ms. Smith") say PERSON without a descriptor.

Descriptors are also evidence for the type vote: a role or relation says PERSON, an
organisation noun ORG, a place noun PLACE. Kinds come from cue words (works), the
vocabularies, name endings ("Thomasville Pictures": company) and use ("told CNN").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..vocab import names as vocab

# (descriptor, the type it supports); "" for evidence without a descriptor (an honorific).
Note = tuple[str, str]

PERSON_EVIDENCE = ORG_EVIDENCE = PLACE_EVIDENCE = 2.0
HONORIFIC_EVIDENCE, COUNTRY_EVIDENCE, CITY_EVIDENCE = 5.0, 3.0, 1.0
EVIDENCE = {"PERSON": PERSON_EVIDENCE, "ORG": ORG_EVIDENCE, "PLACE": PLACE_EVIDENCE}
# Evidence without a descriptor: an honorific (PERSON); a channel before a work ("the HBO drama").
BARE_EVIDENCE = {"PERSON": HONORIFIC_EVIDENCE, "ORG": 1.5}
# Cue words a channel, network or publisher stands before ("the Netflix series “X”").
CHANNEL_CUES = frozenset("""
series miniseries docuseries sitcom show drama comedy podcast documentary special program
programme network channel
""".split())
MAX_QUALIFIERS = 3
DETERMINERS = frozenset("a an the his her its their our my your this that".split())
DECADE = re.compile(r"(?:\d{2})?\d0s|['’]\d0s")
APPOSITION_STOPS = frozenset("for of at in with from who which that whose and or but".split())
NOT_NOUNS = frozenset("VERB AUX ADP ADV PRON DET CCONJ SCONJ PART NUM".split())
NOT_PLACE_PREMODIFIERS = frozenset("state county district city country nation".split())
VERB_DEPS = frozenset("ROOT xcomp ccomp advcl relcl conj pcomp acl aux auxpass csubj".split())
# Capitalised title words that make a descriptor on their own ("President Trump").
STANDALONE_TITLES = frozenset("""
president senator governor judge justice mayor king queen prince princess pope sheriff
chancellor premier minister ambassador commissioner speaker chairman detective coach
""".split())
# Endings of nouns for people by what they do, and frequent nouns that have them but are not.
ROLE_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "eer", "ier", "ant")
NOT_ROLES = frozenset("""
water number letter matter order center centre power paper quarter corner border chapter
error factor sector mirror motor color colour floor door manor honor honour labor labour
tumor rumor humor favor favour meteor vendor monitor indicator elevator calculator tractor
reactor generator radiator ventilator incubator detector sensor processor computer printer
container trailer thriller cancer weather winter summer october november december september
answer register theater theatre filter layer tower shower powder powerplant restaurant
plant giant grant warrant covenant pageant remnant variant implant
""".split())
TOLD = re.compile(r"\b(?:%s)\s+(?:the\s+)?$" % "|".join(re.escape(c) for c in vocab.TOLD_CUES),
                  re.IGNORECASE)
# A played-as cue, then at most a few lowercase or capitalised descriptor words, no punctuation:
# "turn as hard-bitten detective " before "Sarah Linden".
PLAYED_AS = re.compile(r"\b(?:%s)\s+(?:[\w’'-]+\s+){0,4}$"
                       % "|".join(re.escape(c) for c in vocab.PLAYED_AS_CUES), re.IGNORECASE)
QUOTE_CHARS = "\"'“”‘’«»"

# Quoted stretches: curly double, curly single (an apostrophe inside a word does not close),
# straight double. Straight single quotes are too often apostrophes to trust.
QUOTED = re.compile(r"“([^“”\n]{1,120}?)”"
                    r"|(?<!\w)‘((?:[^‘’\n]|’(?=\w)){1,120}?)’(?!\w)"
                    r"|\"([^\"\n]{1,120}?)\"")
# Between two quoted titles of one list: “A,” “B” and “C”.
LIST_GAP = re.compile(r"[\s,;]*(?:(?:and|or|&|as well as)\s+)?")
INNER_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")
CUE_WINDOW = 60
# Cue words that are too common alone: only with a word before them ("a hit single").
WEAK_CUES = frozenset("""
hit single track record short special feature play picture report speech video game
""".split())


def _cue_pattern() -> re.Pattern:
    words = set(vocab.WORK_CUES) | set(vocab.WORK_CUE_PLURALS)
    words |= {word + "s" for word in vocab.WORK_CUES if not word.endswith("s") and " " not in word}
    alternation = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words),
                                  key=len, reverse=True))
    links = "|".join(re.escape(link) for link in vocab.TITLE_LINKS)
    return re.compile(rf"(?<![\w-])(?:([\w-]+)[\s-]+)?({alternation})\b[\s,:]*"
                      rf"(?:(?:{links})\b[\s,:]*)?$", re.IGNORECASE)


WORK_CUE = _cue_pattern()


@dataclass(frozen=True)
class Tokens:
    """The few token attributes the stage reads in loops, read once from the Doc's arrays."""

    text: tuple[str, ...]
    fold: tuple[str, ...]       # each token folded as `fold` folds names
    idx: tuple[int, ...]
    proper: tuple[bool, ...]    # tagged PROPN
    capitalized: tuple[bool, ...]
    upper: tuple[bool, ...]
    shouted: tuple[bool, ...]   # in an all-capitals sentence (a headline)
    opens: tuple[bool, ...]     # the first word of its sentence (after any quote marks)

    @classmethod
    def of(cls, doc, text: str | None = None) -> "Tokens":
        """The doc's tokens; `text`: the doc's text when the caller has it (a long doc's
        `doc.text` is rebuilt token by token)."""
        from spacy.attrs import IDX, IS_ALPHA, IS_UPPER, LENGTH, POS, SENT_START
        from spacy.symbols import PROPN

        # One list per attribute, not one per token: a long doc's rows would be many small
        # objects for the garbage collector to walk.
        columns = doc.to_array([IDX, LENGTH, POS, IS_UPPER, IS_ALPHA, SENT_START]).T.tolist()
        idx, length, pos, upper, alpha, sent_start = columns if len(doc) else [[]] * 6
        source = doc.text if text is None else text
        texts = tuple(source[i:i + n] for i, n in zip(idx, length))
        folded: dict[str, str] = {}
        for surface in texts:
            if surface not in folded:
                folded[surface] = fold(surface)
        starts = [i for i, flag in enumerate(sent_start) if flag == 1 or i == 0]
        shouted = [False] * len(idx)
        for start, end in zip(starts, starts[1:] + [len(idx)]):
            letters = [u for u, a in zip(upper[start:end], alpha[start:end]) if a]
            if len(letters) >= 3 and sum(letters) >= 0.8 * len(letters):
                shouted[start:end] = [True] * (end - start)
        opens = [False] * len(idx)
        for start in starts:
            while start < len(idx) and not alpha[start] and not texts[start][:1].isalnum():
                start += 1  # an opening quote mark or dash
            if start < len(idx):
                opens[start] = True
        return cls(texts, tuple(folded[t] for t in texts), tuple(idx),
                   tuple(p == PROPN for p in pos), tuple(t[:1].isupper() for t in texts),
                   tuple(bool(u) for u in upper), tuple(shouted), tuple(opens))


def fold(surface: str) -> str:
    """Folded form for matching names: lowercase, no periods, one space, plain apostrophes."""
    return " ".join(surface.replace(".", " ").replace("’", "'").lower().split())


# Quoted titles ------------------------------------------------------------------------------

def quoted_titles(text: str) -> list[tuple[int, int, str | None]]:
    """Title-like quoted stretches as (start, end, kind or None), in order."""
    titles: list[list] = []
    linked: list[bool] = []  # joined to the title before it as one list
    previous_end = -1
    for match in QUOTED.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        start, end = match.span(group)
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
            end -= 1
        cue = WORK_CUE.search(text, max(0, match.start() - CUE_WINDOW), match.start())
        kind = cue_kind(cue) if cue else None
        in_list = previous_end >= 0 and bool(LIST_GAP.fullmatch(text, previous_end, match.start()))
        previous_end = match.end()
        if end <= start or not title_like(text[start:end], cued=kind is not None):
            previous_end = -1
            continue
        titles.append([start, end, kind, fold(text[start:end])])
        linked.append(in_list and len(titles) > 1)
    _share_list_kinds(titles, linked)
    return [(start, end, kind) for start, end, kind, _ in titles]


def _share_list_kinds(titles: list[list], linked: list[bool]) -> None:
    """Titles listed together share a kind: the cue before the first, or a kind known elsewhere."""
    known: dict[str, str] = {}
    for _, _, kind, key in titles:
        if kind:
            known.setdefault(key, kind)
    for _ in range(2):  # forwards, then backwards through each list
        for i in range(1, len(titles)):
            if linked[i]:
                left, right = titles[i - 1], titles[i]
                left_kind = left[2] or known.get(left[3])
                right_kind = right[2] or known.get(right[3])
                if right[2] is None and left_kind:
                    right[2] = left_kind
                elif left[2] is None and right_kind:
                    left[2] = right_kind


def cue_kind(cue: re.Match) -> str | None:
    word = " ".join(cue.group(2).lower().split())
    base = vocab.WORK_CUE_PLURALS.get(word, word)
    if base not in vocab.WORK_CUES and base.endswith("s"):
        base = base[:-1]
    kind = vocab.WORK_CUES.get(base)
    before = (cue.group(1) or "").lower()
    if kind is None or (base in WEAK_CUES and not before):
        return None
    if base in ("comedy", "drama") and before in vocab.TV_WORDS:
        return "tv_series"
    if base in ("show", "series", "program", "programme") and before == "radio":
        return "radio_show"
    return kind


def title_like(title: str, cued: bool) -> bool:
    words = title.split()
    if not words or len(words) > 12 or not (title[0].isupper() or title[0].isdigit()):
        return False
    if INNER_SENTENCE_BREAK.search(title):
        return False
    if cued and len(words) <= 8:
        return True
    small = 0
    for word in words:
        core = word.strip(QUOTE_CHARS + ",.;:!?()")
        if not core:
            continue
        if core.lower() in vocab.TITLE_SMALL_WORDS:
            small += 1
        elif not (core[0].isupper() or core[0].isdigit()):
            return False
    return small < len(words)


# Descriptors -------------------------------------------------------------------------------

def find_descriptors(doc, tokens: Tokens, text: str, clusters) -> dict[int, list[Note]]:
    """For each cluster (by id), its descriptors with the type each one supports, in order."""
    owner_at = {}
    for cluster in clusters:
        for mention in cluster.mentions:
            owner_at[mention.first] = (cluster, mention)
    found: dict[int, list[Note]] = {id(c): [] for c in clusters}
    shared: dict[int, str] = {}  # first token of a coordinated name -> the plural role
    for cluster in clusters:
        notes = found[id(cluster)]
        for mention in cluster.mentions:
            if mention.source not in ("ner", "role"):
                continue
            if mention.title:
                notes.append((mention.title, "PERSON"))
            first, last = mention.first, mention.last
            if first and tokens.capitalized[first - 1] and \
                    tokens.fold[first - 1] in vocab.HONORIFICS:
                mention.prefix = text[tokens.idx[first - 1]:tokens.idx[first]]
                notes.append(("", "PERSON"))
            pre = premodifier(doc, tokens, first, last, mention.label)
            if pre is not None:
                descriptor, support, plural = pre
                notes.append((descriptor, support))
                if plural and support == "PERSON":
                    for index in coordinated(tokens, last, owner_at):
                        shared[index] = descriptor
            if last < len(tokens.fold) and tokens.fold[last] in CHANNEL_CUES \
                    and mention.label != "PERSON":
                notes.append(("", "ORG"))
            post = apposition(doc, tokens, first, last, mention.label)
            if post is not None:
                notes.append(post)
    for index, descriptor in shared.items():
        found[id(owner_at[index][0])].append((descriptor, "PERSON"))
    return found


def context_votes(cluster, notes: list[Note]) -> None:
    """Add the evidence of descriptors and gazetteers to a cluster's type vote."""
    for descriptor, support in notes:
        cluster.votes[support] += EVIDENCE[support] if descriptor else BARE_EVIDENCE[support]
    key = cluster.mentions[0].key
    if " " in key and key.rsplit(" ", 1)[1] in vocab.ORG_ONLY_ENDINGS:  # "Dick Clark Productions"
        cluster.votes["ORG"] += ORG_EVIDENCE
    if key in vocab.COUNTRIES or key in vocab.US_STATES:
        cluster.votes["PLACE"] += COUNTRY_EVIDENCE
    elif key in vocab.CITIES:
        cluster.votes["PLACE"] += CITY_EVIDENCE


def entity_descriptors(notes: list[Note], type_: str) -> list[str]:
    result: list[str] = []
    for descriptor, support in notes:
        if descriptor and support == type_ and descriptor not in result:
            result.append(descriptor)
    return result


def _singular(token) -> tuple[str, bool]:
    lower = token.lower_
    if _known_noun(lower):
        return lower, False
    lemma = token.lemma_.lower() if token.pos_ == "NOUN" else lower
    for candidate in (lemma, lower[:-1] if lower.endswith("s") else lower,
                      lower[:-2] if lower.endswith("es") else lower):
        if _known_noun(candidate):
            return candidate, candidate != lower
    return lower, token.tag_ in ("NNS", "NNPS")


def _known_noun(word: str) -> bool:
    return (word in vocab.ROLE_NOUNS or word in vocab.KIN_NOUNS or word in vocab.ORG_NOUNS
            or word in vocab.PLACE_NOUNS)


def _role_like(token, first: int, last: int) -> bool:
    """A noun outside the vocabulary that reads as a role and that the parse ties to the name
    ("bassist", "vintner"): premodifier (compound) or apposition of a tagged person."""
    lower = token.lower_
    if token.pos_ != "NOUN" or not token.is_lower or not lower.endswith(ROLE_SUFFIXES) \
            or lower in NOT_ROLES:
        return False
    root = token.doc[first:last].root
    return (token.dep_ in ("compound", "appos", "nmod") and first <= token.head.i < last) or (
        root.dep_ in ("appos", "compound") and root.head.i == token.i)


def _head_support(token, capitalized_ok: bool) -> str | None:
    """Which type a role-like noun next to a name supports, if it is one."""
    if not token.is_alpha and "-" not in token.text:
        return None
    if not token.is_lower and not (capitalized_ok and token.is_title):
        return None
    if token.pos_ in NOT_NOUNS and (token.pos_ not in ("VERB", "AUX") or token.dep_ in VERB_DEPS):
        return None  # "set to star Baldwin"; but a role word mistagged as a verb modifier stays
    base, _ = _singular(token)
    if base in vocab.ROLE_NOUNS or base in vocab.KIN_NOUNS:
        return "PERSON"
    if base in vocab.ORG_NOUNS:
        return "ORG"
    if base in vocab.PLACE_NOUNS:
        return "PLACE"
    return None


def premodifier(doc, tokens: Tokens, first: int, last: int,
                label: str | None = None) -> tuple[str, str, bool] | None:
    """The role written just before a name: ("special prosecutor", "PERSON", plural?)."""
    if first == 0:
        return None
    for size in (4, 3, 2):
        if first - size >= 0:
            words = " ".join(t.lower() for t in tokens.text[first - size:first])
            if words in vocab.TITLE_PHRASES:
                return (_with_qualifiers(doc, first - size, vocab.TITLE_PHRASES[words]),
                        "PERSON", False)
    token = doc[first - 1]
    bare = tokens.fold[first - 1]
    if tokens.capitalized[first - 1] and bare in vocab.TITLES:
        if token.text.endswith(".") or bare in STANDALONE_TITLES:
            return _with_qualifiers(doc, first - 1, vocab.TITLES[bare]), "PERSON", False
        return None
    support = _head_support(token, capitalized_ok=token.is_sent_start)
    if support is None and label == "PERSON" and _role_like(token, first, last):
        support = "PERSON"
    if support is None or (support == "PLACE" and token.lower_ in NOT_PLACE_PREMODIFIERS):
        return None  # "the Chechen capital Grozny" is a place; "the state Legislature" is not
    base, plural = _singular(token)
    return _with_qualifiers(doc, first - 1, base), support, plural


def _with_qualifiers(doc, head: int, descriptor: str) -> str:
    words = []
    i = head - 1
    while i >= 0 and len(words) < MAX_QUALIFIERS:
        token = doc[i]
        lower = token.lower_
        if lower in vocab.QUALIFIERS and (token.is_lower or token.is_title):
            words.append(lower)
        elif (token.is_lower or token.is_title and token.is_sent_start) and token.is_alpha \
                and token.pos_ in ("NOUN", "PROPN") and token.dep_ == "compound" \
                and lower not in DETERMINERS:  # "Council member Tom Brandt" opens a sentence
            words.append(lower)
        else:
            break
        i -= 1
    return " ".join([*reversed(words), descriptor])


def coordinated(tokens: Tokens, end: int, owner_at: dict) -> list[int]:
    """First tokens of the names coordinated after a name: "X, Y and Z"."""
    found, i = [], end
    while i < len(tokens.text):
        j = i
        while j < len(tokens.text) and tokens.text[j] in (",", "and", "&"):
            j += 1
        if j == i or j not in owner_at:
            break
        found.append(j)
        i = owner_at[j][1].last
    return found


def apposition(doc, tokens: Tokens, first: int, last: int, label: str | None = None) -> Note | None:
    """"Jane Roe, a spokeswoman for Acme," → ("spokeswoman", "PERSON"); "his wife, Hilaria"."""
    after = _apposition_after(doc, first, last, label)
    return after if after is not None else _apposition_before(doc, first, last, label)


def _apposition_after(doc, first: int, last: int, label: str | None) -> Note | None:
    i = last
    if i + 1 < len(doc) and doc[i].lemma_ == "be" and doc[i + 1].lower_ in ("a", "an"):
        i += 1  # "Longyear is a town"
    elif i < len(doc) and doc[i].text == ",":
        i += 1
    else:
        return None
    if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].text == ",":
        i += 2  # an age: "Jane Roe, 45, a nurse"
    if i < len(doc) and (doc[i].lower_ in DETERMINERS or doc[i].tag_ == "PRP$"):
        i += 1
    words, hyphenated = [], False
    while i < len(doc) and len(words) <= MAX_QUALIFIERS:
        token = doc[i]
        if DECADE.fullmatch(token.text) and not words:
            i += 1  # "the 1950s pin-up queen": the decade describes, it is not the role
            continue
        if token.text == "-" and words and not words[-1].whitespace_ and not token.whitespace_ \
                and i + 1 < len(doc) and doc[i + 1].is_lower:
            i, hyphenated = i + 2, True  # "pin-up", parsed "pin - up": one qualifier
            continue
        if token.lower_ in APPOSITION_STOPS or not (
                token.is_lower and (token.is_alpha or "-" in token.text)):
            break
        words.append(token)
        i += 1
    if not words:
        return None
    head = words[-1]
    support = _head_support(head, capitalized_ok=False)
    if support is None and label == "PERSON" and _role_like(head, first, last):
        support = "PERSON"
    if support is None:
        return None
    qualifiers = [t.lower_ for t in words[:-1] if t.lower_ in vocab.QUALIFIERS or t.pos_ == "NOUN"]
    if hyphenated or len(qualifiers) != len(words) - 1:
        # Words outside the qualifiers ("the pin-up model"): the role noun alone is the
        # descriptor, and it still says what the name is.
        return _singular(head)[0], support
    return " ".join([*qualifiers, _singular(head)[0]]), support


def _apposition_before(doc, first: int, last: int, label: str | None) -> Note | None:
    if first >= 3 and doc[first - 1].lower_ == "of" and doc[first - 3].lower_ == "the":
        head = doc[first - 2]  # "the town of Longyear"
        if head.is_lower and head.lower_ in vocab.PLACE_NOUNS:
            return head.lower_, "PLACE"
    if first < 2 or doc[first - 1].text != ",":
        return None
    head = doc[first - 2]
    root = doc[first:last].root
    linked = (root.dep_ == "appos" and root.head.i == head.i) or (
        head.dep_ == "appos" and first <= head.head.i < last)
    if not linked:
        return None
    support = _head_support(head, capitalized_ok=False)
    if support is None and label == "PERSON" and _role_like(head, first, last):
        support = "PERSON"
    if support is None:
        return None
    return _with_qualifiers(doc, head.i, _singular(head)[0]), support


# Kinds -------------------------------------------------------------------------------------

def entity_kind(text: str, cluster, name: str, notes: list[Note]) -> str | None:
    key = fold(name)
    if cluster.type in ("WORK", "OTHER"):
        kinds = Counter(m.kind for m in cluster.mentions if m.kind)
        return kinds.most_common(1)[0][0] if kinds else None
    if cluster.type == "PLACE":
        return _place_kind(key, notes)
    if cluster.type == "ORG":
        return _org_kind(text, cluster, key, notes)
    if cluster.type == "PERSON" and cluster.mentions and all(
            PLAYED_AS.search(text, _sentence_start(text, m.start), m.start)
            for m in cluster.mentions):
        return "character"  # every mention is a role someone plays
    return None


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding `position` starts, looking back at most 80 characters."""
    floor = max(0, position - 80)
    stop = max(text.rfind(mark, floor, position) for mark in (". ", "\n", "; ", ": "))
    return stop + 1 if stop >= 0 else floor


def _place_kind(key: str, notes: list[Note]) -> str | None:
    for descriptor, support in notes:
        if support == "PLACE" and descriptor and descriptor.split()[-1] in vocab.PLACE_NOUNS:
            return vocab.PLACE_NOUNS[descriptor.split()[-1]]
    if key in vocab.COUNTRIES:
        return "country"
    if key in vocab.US_STATES:
        return "state"
    if key in vocab.CITIES or key.endswith(" city"):
        return "city"
    if key.endswith(" county"):
        return "county"
    return None


def _org_kind(text: str, cluster, key: str, notes: list[Note]) -> str | None:
    words = key.split()
    if key in vocab.NEWS_OUTLETS or (words[0] == "the" and " ".join(words[1:]) in vocab.NEWS_OUTLETS):
        return "news_outlet"
    for descriptor, support in notes:
        if support == "ORG" and descriptor and descriptor.split()[-1] in vocab.ORG_NOUNS:
            return vocab.ORG_NOUNS[descriptor.split()[-1]]
    if words[-1] in vocab.ORG_NAME_ENDINGS:
        return vocab.ORG_NAME_ENDINGS[words[-1]]
    if words[0] in vocab.ORG_NAME_STARTS:
        return vocab.ORG_NAME_STARTS[words[0]]
    if not set(words) & vocab.INSTITUTION_WORDS and any(
            TOLD.search(text, max(0, m.start - 40), m.start) for m in cluster.mentions):
        return "news_outlet"
    return None
