"""Attribution on PolNeAR: storyline's quotes against the gold, with textacy side by side.

    storyline eval polnear ../shared/data/polnear/dev [--limit N]

PolNeAR (Newell et al., LREC 2018) marks each attribution in brat standoff: Source, Cue and
Content spans (a content may be discontinuous: "“…,” he said, “…”"), joined by E lines. Some
articles have several annotators; the first file in sorted order is used.

A gold attribution is *direct* when its content (each piece, once a leading "that" and edge
punctuation are set aside) opens and closes with quote marks, *mixed* when it holds quote
marks otherwise, *indirect* when it has none. Mixed is its own row.

Content detection compares letters and digits only (quote marks, punctuation, white space and a
leading "that" do not count). Each predicted quote goes to a gold content it shares letters
with: one with the same cue first (attributions nest: "X said Y told Z that …"), else the one
it shares the most letters with. *Strict*: a prediction is right when its letters are exactly
those of its gold content or of one piece of it; a gold content is found when the predictions
sent to it together cover exactly its letters. *Overlap* gives partial credit fairly: a
prediction earns the share of its letters inside its gold content (precision), a gold content
the share of its letters covered by the predictions sent to it (recall). A row's precision
counts the predictions of that kind, its recall the gold contents of that kind.

Source accuracy, over predictions that overlap a gold content with a source: right when the
words we give for the speaker overlap the gold source span ("he" for "he"), or when an entity
we give as speaker has a mention there (a quote-only paragraph whose gold source is the name
in the paragraph before).
Cue accuracy, over predictions that overlap a gold content with a cue: our cue word overlaps
the gold cue span.
"""
from __future__ import annotations

import glob
import os
import re
import time
from dataclasses import dataclass, field

from ..config import Config
from ..errors import InputNotFound
from ..record import Article, Published, Span

KINDS = ("direct", "mixed", "indirect")
OPENING = frozenset("“\"‘'«„")
CLOSING = frozenset("”\"’'»")
DOUBLE = frozenset("“”\"«»„")
EDGE = " \t\n.,;:—–-…"
ANNOTATION = re.compile(r"_[0-9a-f]+\.ann$")
DATE_IN_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
LEADING_THAT = re.compile(r"\s*that\b", re.IGNORECASE)


@dataclass
class Attribution:
    """One attribution, gold or predicted: content pieces, source and cue spans, entities."""

    content: tuple[Span, ...]
    kind: str
    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()
    speakers: tuple[str, ...] = ()
    letters: frozenset = field(default=frozenset(), repr=False)
    pieces: tuple[frozenset, ...] = field(default=(), repr=False)


# -- reading the data ----------------------------------------------------------------------

def documents(path: str, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(name, text, annotation file) for each article of a split, sorted by name."""
    text_dir = os.path.join(path, "text")
    if not os.path.isdir(text_dir):
        raise InputNotFound(f"{path}: not a PolNeAR split (expected text/ and attributions/)")
    first: dict[str, str] = {}
    for annotation in sorted(glob.glob(os.path.join(path, "attributions", "*.ann"))):
        first.setdefault(ANNOTATION.sub("", os.path.basename(annotation)), annotation)
    names = sorted(name for name in first
                   if os.path.exists(os.path.join(text_dir, f"{name}.txt")))
    if limit is not None:
        names = names[:limit]
    found = []
    for name in names:
        with open(os.path.join(text_dir, f"{name}.txt"), encoding="utf-8") as handle:
            found.append((name, handle.read(), first[name]))
    return found


def read_gold(annotation: str, text: str) -> list[Attribution]:
    """The attributions of one brat file that have a content."""
    with open(annotation, encoding="utf-8") as handle:
        return parse_brat(handle.read(), text)


def parse_brat(standoff: str, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, list[Span]]] = {}
    events = []
    for line in standoff.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if re.fullmatch(r"T\d+", fields[0]) and " " in fields[1]:
            label, offsets = fields[1].split(" ", 1)
            try:
                pieces = [tuple(int(n) for n in piece.split()) for piece in offsets.split(";")]
            except ValueError:
                continue
            spans[fields[0]] = (label, [piece for piece in pieces if len(piece) == 2])
        elif re.fullmatch(r"E\d+", fields[0]):
            events.append([role.split(":", 1) for role in fields[1].split() if ":" in role])
    gold = []
    for roles in events:
        parts: dict[str, list[Span]] = {"content": [], "source": [], "cue": []}
        for role, ref in roles:
            role = re.sub(r"\d+$", "", role).lower()
            if role in parts and ref in spans:
                parts[role].extend(spans[ref][1])
        if parts["content"]:
            content = tuple(sorted(parts["content"]))
            gold.append(_with_letters(text, Attribution(
                content, gold_kind(text, content), tuple(parts["source"]), tuple(parts["cue"]))))
    return gold


def gold_kind(text: str, content: tuple[Span, ...]) -> str:
    pieces = [_strip_that(text[start:end]).strip(EDGE) for start, end in content]
    if all(piece[:1] in OPENING and piece[-1:] in CLOSING and len(piece) > 1
           for piece in pieces):
        return "direct"
    if any(char in DOUBLE or char == "‘" for piece in pieces for char in piece):
        return "mixed"
    return "indirect"


# -- scoring ---------------------------------------------------------------------------------

def score_article(text: str, gold: list[Attribution], predicted: list[Attribution],
                  mentions: dict[str, list[Span]]) -> dict:
    """Counts for one article: per kind, the sums behind precision, recall and accuracies."""
    counts = {kind: _empty() for kind in KINDS + ("all",)}
    assigned: dict[int, list[Attribution]] = {}
    for prediction in predicted:
        rows = (prediction.kind, "all")
        for row in rows:
            counts[row]["pred"] += 1
        if not prediction.letters:
            continue
        best, shared, key = None, 0, (False, 0)
        for number, attribution in enumerate(gold):
            common = len(prediction.letters & attribution.letters)
            same_cue = any(_overlap(one, other) for one in prediction.cue
                           for other in attribution.cue)
            if common and (same_cue, common) > key:
                best, shared, key = number, common, (same_cue, common)
        if best is None:
            continue
        target = gold[best]
        assigned.setdefault(best, []).append(prediction)
        strict = prediction.letters == target.letters or prediction.letters in target.pieces
        for row in rows:
            counts[row]["p_overlap"] += shared / len(prediction.letters)
            counts[row]["p_strict"] += strict
            if target.source:
                counts[row]["source_n"] += 1
                counts[row]["source_ok"] += _source_right(prediction, target, mentions)
            if target.cue:
                counts[row]["cue_n"] += 1
                counts[row]["cue_ok"] += any(_overlap(one, other) for one in prediction.cue
                                             for other in target.cue)
    for number, attribution in enumerate(gold):
        rows = (attribution.kind, "all")
        covered = frozenset().union(*(p.letters for p in assigned.get(number, [])))
        for row in rows:
            counts[row]["gold"] += 1
            if attribution.letters:
                counts[row]["r_overlap"] += (len(covered & attribution.letters)
                                             / len(attribution.letters))
            counts[row]["r_strict"] += bool(covered) and covered == attribution.letters
    return counts


def rates(counts: dict) -> dict:
    """Precision, recall, F1 (strict and overlap) and accuracies from summed counts."""
    def ratio(part, whole):
        return part / whole if whole else None

    def f1(precision, recall):
        if precision is None or recall is None or precision + recall == 0:
            return None if precision is None or recall is None else 0.0
        return 2 * precision * recall / (precision + recall)

    result = {"gold": counts["gold"], "pred": counts["pred"]}
    for mode in ("strict", "overlap"):
        precision = ratio(counts[f"p_{mode}"], counts["pred"])
        recall = ratio(counts[f"r_{mode}"], counts["gold"])
        result[mode] = {"p": precision, "r": recall, "f1": f1(precision, recall)}
    result["source_acc"] = ratio(counts["source_ok"], counts["source_n"])
    result["source_n"] = counts["source_n"]
    result["cue_acc"] = ratio(counts["cue_ok"], counts["cue_n"])
    result["cue_n"] = counts["cue_n"]
    return result


def _source_right(prediction: Attribution, target: Attribution,
                  mentions: dict[str, list[Span]]) -> bool:
    spans = list(prediction.source)
    for entity in prediction.speakers:
        spans.extend(mentions.get(entity, ()))
    return any(_overlap(one, other) for one in spans for other in target.source)


def _empty() -> dict:
    return {"gold": 0, "pred": 0, "p_strict": 0, "r_strict": 0, "p_overlap": 0.0,
            "r_overlap": 0.0, "source_n": 0, "source_ok": 0, "cue_n": 0, "cue_ok": 0}


def _add(total: dict, counts: dict) -> None:
    for row, values in counts.items():
        for key, value in values.items():
            total[row][key] += value


def _overlap(one: Span, other: Span) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _strip_that(piece: str) -> str:
    match = LEADING_THAT.match(piece)
    return piece[match.end():] if match else piece


def _letter_set(text: str, start: int, end: int) -> frozenset:
    match = LEADING_THAT.match(text, start, end)
    if match:
        start = match.end()
    return frozenset(i for i in range(start, end) if text[i].isalnum())


def _with_letters(text: str, attribution: Attribution) -> Attribution:
    pieces = tuple(_letter_set(text, start, end) for start, end in attribution.content)
    attribution.pieces = pieces
    attribution.letters = frozenset().union(*pieces)
    return attribution


# -- running the systems ---------------------------------------------------------------------

def evaluate(path: str, config: Config, limit: int | None = None, baseline: bool = True) -> dict:
    """Run storyline (and textacy's `direct_quotations`, when installed) on a PolNeAR split."""
    from .. import entities
    from ..quotes.stage import detect as detect_quotes
    from .. import times
    from ..nlp import load_language
    from ..quotes.marks import paragraph_spans

    docs = documents(path, limit)
    nlp = load_language(config)
    textacy = _textacy() if baseline else None
    totals = {"storyline": {kind: _empty() for kind in KINDS + ("all",)}}
    if textacy is not None:
        totals["textacy"] = {kind: _empty() for kind in KINDS + ("all",)}
    seconds = {"parse": 0.0, "entities+times": 0.0, "quotes": 0.0, "textacy": 0.0}
    textacy_failures = 0
    started = time.perf_counter()
    parsed = nlp.pipe((text for _, text, _ in docs), batch_size=config.batch_size)
    for (name, text, annotation), doc in zip(docs, parsed):
        seconds["parse"] += time.perf_counter() - started
        article = Article(raw=text, text=text, paragraphs=paragraph_spans(text), doc=doc)
        date = DATE_IN_NAME.search(name)
        if date:
            article.published = Published(date.group(1), "metadata", 1.0)
        clock = time.perf_counter()
        article = times.normalize_times(entities.resolve_entities(article, config), config)
        seconds["entities+times"] += time.perf_counter() - clock
        clock = time.perf_counter()
        found = detect_quotes(article)
        seconds["quotes"] += time.perf_counter() - clock
        gold = read_gold(annotation, text)
        mentions = {entity.id: list(entity.mentions) for entity in article.entities}
        ours = [_with_letters(text, Attribution(
            item.parts, item.quote.kind, tuple(item.speaker_spans),
            (item.cue_span,) if item.cue_span else (), tuple(item.quote.speakers)))
            for item in found]
        _add(totals["storyline"], score_article(text, gold, ours, mentions))
        if textacy is not None:
            clock = time.perf_counter()
            theirs, failed = _textacy_quotes(textacy, doc)
            seconds["textacy"] += time.perf_counter() - clock
            textacy_failures += failed
            theirs = [_with_letters(text, item) for item in theirs]
            _add(totals["textacy"], score_article(text, gold, theirs, {}))
        started = time.perf_counter()
    result = {
        "split": os.path.basename(os.path.normpath(path)),
        "articles": len(docs),
        "model": nlp.meta.get("name"),
        "systems": {system: {row: rates(counts) for row, counts in rows.items()}
                    for system, rows in totals.items()},
        "seconds": {key: round(value, 2) for key, value in seconds.items()},
    }
    if textacy is not None:
        result["textacy"] = {"version": textacy[0], "failed_articles": textacy_failures}
    else:
        result["textacy"] = None
    return result


def _textacy():
    """textacy's `direct_quotations` and version, or None when it is not installed."""
    try:
        import textacy
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    return textacy.__version__, direct_quotations


def _textacy_quotes(textacy, doc) -> tuple[list[Attribution], int]:
    """textacy's quotes on our parse; an article it refuses (odd mark count) gives none."""
    found = []
    try:
        for speaker, cue, content in textacy[1](doc):
            found.append(Attribution(
                ((content.start_char, content.end_char),), "direct",
                tuple((token.idx, token.idx + len(token)) for token in speaker),
                tuple((token.idx, token.idx + len(token)) for token in cue)))
    except ValueError:
        return [], 1
    return found, 0


# -- the report ------------------------------------------------------------------------------

def format_report(result: dict) -> str:
    lines = [f"# PolNeAR attribution: {result['split']} ({result['articles']} articles, "
             f"model {result['model']})", ""]
    lines.append("| system | kind | gold | predicted | strict P | strict R | strict F1 | "
                 "overlap P | overlap R | overlap F1 | source acc (n) | cue acc (n) |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for system, rows in result["systems"].items():
        for kind in KINDS + ("all",):
            row = rows[kind]
            lines.append(
                f"| {system} | {kind} | {row['gold']} | {row['pred']} | "
                f"{_fmt(row['strict']['p'])} | {_fmt(row['strict']['r'])} | "
                f"{_fmt(row['strict']['f1'])} | {_fmt(row['overlap']['p'])} | "
                f"{_fmt(row['overlap']['r'])} | {_fmt(row['overlap']['f1'])} | "
                f"{_fmt(row['source_acc'])} ({row['source_n']}) | "
                f"{_fmt(row['cue_acc'])} ({row['cue_n']}) |")
    lines.append("")
    if result["textacy"] is None:
        lines.append("textacy is not installed: no baseline row (`pip install textacy`).")
    else:
        lines.append(f"textacy {result['textacy']['version']} `direct_quotations` on the same "
                     f"parses; it refused {result['textacy']['failed_articles']} articles with "
                     "an odd number of quote marks (scored as finding nothing there).")
    seconds = result["seconds"]
    lines.append(f"Seconds: parse {seconds['parse']}, entities+times "
                 f"{seconds['entities+times']}, quotes {seconds['quotes']}, "
                 f"textacy {seconds['textacy']}.")
    lines.append("Precision counts predictions of the row's kind, recall gold contents of "
                 "that kind; mixed = quote marks around part of the content.")
    return "\n".join(lines) + "\n"


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.3f}"
