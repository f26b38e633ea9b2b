"""TempEval-3 events: storyline's `events` stage against the gold TimeML ``<EVENT>`` and ``<TLINK>``.

Each ``*.tml`` file (``../shared/data/tempeval3/TBAQ-cleaned/``) gives a text (``<TEXT>`` with
its inline tags removed and entities decoded), a document creation time (``<DCT>``), the gold
``<EVENT>`` spans, ``<TIMEX3>`` spans with their values, ``<MAKEINSTANCE>`` (event instance to
event) and ``<TLINK>`` relations. storyline reads the text with the DCT as publication date
(parse with ``nlp.pipe``, then the stages after the parse: entities, times, quotes, events).
The events stage then runs a second time over the same parse with the gold TIMEX3 in place
of the times stage's, to measure anchoring apart from time normalisation ("gold times").
"""
from __future__ import annotations

import html
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..record import Article, Published, TimeExpression

ANCHOR_RELATIONS = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS"})
# The same relations read from the time's side: "t INCLUDES e" is "e IS_INCLUDED t".
INVERSE_ANCHOR_RELATIONS = frozenset({"INCLUDES", "DURING", "SIMULTANEOUS"})
CALENDAR = re.compile(r"^\d{4}(?:$|-)")
DEFINITIONS = """\
Definitions (TLINKs read from the `.tml` files; event instances mapped to events through
`MAKEINSTANCE`):

- **Event detection**: a storyline event matches a gold `<EVENT>` when its trigger word
  overlaps the gold span, one to one. P = matched storyline events / storyline events,
  R = matched gold events / gold events.
- **TLINK-tied recall**: recall over the gold events that a TLINK (any relation, either
  direction) ties to a TIMEX3 of the text (not the DCT) in the same sentence (spaCy's
  sentences).
- **Anchored gold event**: a gold event with a TLINK `IS_INCLUDED`, `DURING` or `SIMULTANEOUS`
  from the event to a TIMEX3 of the text, or `INCLUDES`, `DURING`, `SIMULTANEOUS` from the
  TIMEX3 to the event, where the TIMEX3 is of type DATE or TIME and its value is a calendar
  value (begins with a four-digit year). The DCT is counted apart (DCT-anchored).
- **Anchoring accuracy**: over the anchored gold events that storyline detects (matched), the
  share whose storyline time value equals the value of a TIMEX3 it is anchored to. Values are
  compared at the day at most (`1998-08-07T10:30` = `1998-08-07`), without unknown trailing
  parts (`1968-XX` = `1968`), with two-digit weeks (`2000-W6` = `2000-W06`). An undated
  storyline event counts as wrong. *End to end*: the same over all anchored gold events (an
  event storyline misses counts as wrong). *Dated precision*: over the matched anchored events
  storyline dates, the share dated right. *Same-sentence*: the accuracy over the anchors whose
  TIMEX3 stands in the event's own sentence (storyline carries a time across sentences only on
  an explicit cue, so most anchors to another sentence stay undated by design).
"""
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b[^>]*?\bvalue=\"([^\"]*)\"", re.S)
_PIECE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)/?>|&#?\w+;|[^<&]+|[<&]")
_ATTRIBUTE = re.compile(r"(\w+)=\"([^\"]*)\"")
_LINK = re.compile(r"<TLINK\b([^>]*)/?>")
_INSTANCE = re.compile(r"<MAKEINSTANCE\b([^>]*)/?>")


@dataclass
class Document:
    name: str
    text: str
    dct: str
    events: dict[str, tuple[int, int]] = field(default_factory=dict)          # eid -> span
    timexes: dict[str, tuple[int, int, str, str]] = field(default_factory=dict)  # tid -> span, type, value
    links: list[tuple[str, str, str]] = field(default_factory=list)          # eid, relation, tid (event side)


def read_tml(path: str | Path) -> Document:
    raw = Path(path).read_text(encoding="utf-8")
    return parse_tml(raw, Path(path).name)


def parse_tml(raw: str, name: str = "doc") -> Document:
    """The text with its inline tags removed, gold events, TIMEX3s and event-time TLINKs."""
    body = _TEXT.search(raw)
    dct = _DCT.search(raw)
    document = Document(name, "", dct.group(1) if dct else "")
    pieces: list[str] = []
    length, open_tags = 0, []
    for match in _PIECE.finditer(body.group(1) if body else ""):
        token = match.group(0)
        if match.group(2):
            tag, attributes = match.group(2), dict(_ATTRIBUTE.findall(match.group(3) or ""))
            if match.group(1):
                if open_tags and open_tags[-1][0] == tag:
                    _, start, attrs = open_tags.pop()
                    _close(document, tag, attrs, start, length)
            elif not token.endswith("/>"):
                open_tags.append((tag, length, attributes))
            continue
        text = html.unescape(token) if token.startswith("&") else token
        pieces.append(text)
        length += len(text)
    document.text = "".join(pieces)
    instances = {a.get("eiid"): a.get("eventID") for a in
                 (dict(_ATTRIBUTE.findall(m.group(1))) for m in _INSTANCE.finditer(raw))}
    for match in _LINK.finditer(raw):
        link = dict(_ATTRIBUTE.findall(match.group(1)))
        relation = link.get("relType", "")
        if link.get("eventInstanceID") and link.get("relatedToTime"):
            event = instances.get(link["eventInstanceID"])
            document.links.append((event, relation, link["relatedToTime"]))
        elif link.get("timeID") and link.get("relatedToEventInstance"):
            event = instances.get(link["relatedToEventInstance"])
            document.links.append((event, _inverse(relation), link["timeID"]))
    return document


def _close(document: Document, tag: str, attributes: dict, start: int, end: int) -> None:
    if tag == "EVENT" and attributes.get("eid"):
        document.events[attributes["eid"]] = (start, end)
    elif tag == "TIMEX3" and attributes.get("tid"):
        document.timexes[attributes["tid"]] = (start, end, attributes.get("type", ""),
                                               attributes.get("value", ""))


def _inverse(relation: str) -> str:
    """A time-to-event relation read from the event's side."""
    if relation in INVERSE_ANCHOR_RELATIONS:
        return "IS_INCLUDED" if relation == "INCLUDES" else relation
    return "TIME:" + relation


def make_article(document: Document) -> Article:
    text = document.text
    paragraphs, offset = [], 0
    for block in re.split(r"(\n\s*\n)", text):
        stripped = block.strip()
        if stripped and not block.startswith("\n"):
            begin = offset + block.index(stripped)
            paragraphs.append((begin, begin + len(stripped)))
        offset += len(block)
    article = Article(raw=text, text=text, paragraphs=paragraphs, id=document.name)
    article.published = Published(document.dct[:10], "metadata", 1.0)
    return article


def gold_times(document: Document) -> list[TimeExpression]:
    return [TimeExpression(document.text[s:e], (s, e), kind, value)
            for s, e, kind, value in sorted(document.timexes.values())]


def evaluate(path: str, config: Config, limit: int | None = None) -> dict:
    from .. import entities
    from .. import quotes
    from .. import times
    from ..events.stage import detect_events
    from ..nlp import load_language

    files = sorted(Path(path).rglob("*.tml")) if Path(path).is_dir() else [Path(path)]
    files = files[:limit] if limit else files
    documents = [read_tml(file) for file in files]
    nlp = load_language(config)
    started = time.perf_counter()
    counts = {"system": Counter(), "gold_times": Counter()}
    articles = [make_article(d) for d in documents]
    for document, article, doc in zip(documents, articles, nlp.pipe(
            [a.text for a in articles], batch_size=config.batch_size)):
        article.doc = doc
        for stage in (entities.resolve_entities, times.normalize_times, quotes.find_quotes):
            article = stage(article, config)
        sentences = [(sentence.start_char, sentence.end_char) for sentence in doc.sents]
        score_document(document, sentences, detect_events(article), counts["system"])
        article.times = gold_times(document)
        score_document(document, sentences, detect_events(article), counts["gold_times"])
        article.doc = None
    seconds = time.perf_counter() - started
    return {"path": str(path), "documents": len(documents), "seconds": round(seconds, 1),
            "system": measures(counts["system"]), "gold_times": measures(counts["gold_times"]),
            "definitions": DEFINITIONS}


def score_document(document: Document, sentences: list[tuple[int, int]], found,
                   counts: Counter) -> None:
    """Add one document's counts: detection, TLINK-tied recall and anchoring. `found` holds
    storyline's events with their trigger spans; `sentences` the sentence spans."""
    gold = document.events
    matched: dict[str, object] = {}
    for event, (start, end) in found:
        eid = next((e for e, (s, t) in gold.items() if s < end and start < t and e not in matched), None)
        if eid is not None:
            matched[eid] = event
    counts["system_events"] += len(found)
    counts["gold_events"] += len(gold)
    counts["matched"] += len(matched)
    tied, anchors, same, dct_anchors = set(), {}, {}, {}
    for eid, relation, tid in document.links:
        if eid not in gold:
            continue
        if tid in document.timexes:
            start, end, kind, value = document.timexes[tid]
            if _same_sentence(gold[eid][0], start, sentences):
                tied.add(eid)
            if relation in ANCHOR_RELATIONS and kind in ("DATE", "TIME") and CALENDAR.match(value):
                anchors.setdefault(eid, set()).add(_day(value))
                if _same_sentence(gold[eid][0], start, sentences):
                    same.setdefault(eid, set()).add(_day(value))
        elif relation in ANCHOR_RELATIONS and document.dct:
            dct_anchors.setdefault(eid, set()).add(_day(document.dct))
    counts["tied"] += len(tied)
    counts["tied_matched"] += len(tied & matched.keys())
    for kind, table in (("anchored", anchors), ("same", same), ("dct", dct_anchors)):
        for eid, values in table.items():
            counts[f"{kind}_gold"] += 1
            event = matched.get(eid)
            if event is None:
                continue
            counts[f"{kind}_matched"] += 1
            value = _day(event.time.value) if event.time else None
            counts[f"{kind}_dated"] += value is not None
            counts[f"{kind}_right"] += value in values


def _same_sentence(a: int, b: int, sentences) -> bool:
    return any(s <= a < e and s <= b < e for s, e in sentences)


def _day(value: str) -> str:
    """A value at day precision at most, without unknown trailing parts: 1968-XX is 1968."""
    value = value.split("T", 1)[0]
    while value.endswith("-XX"):
        value = value[:-3]
    week = re.match(r"^(\d{4})-W(\d)$", value)
    return f"{week[1]}-W0{week[2]}" if week else value


def measures(counts: Counter) -> dict:
    def ratio(a, b):
        return round(a / b, 3) if b else None

    precision = ratio(counts["matched"], counts["system_events"])
    recall = ratio(counts["matched"], counts["gold_events"])
    f1 = round(2 * precision * recall / (precision + recall), 3) if precision and recall else None
    return {
        "events": {"system": counts["system_events"], "gold": counts["gold_events"],
                   "matched": counts["matched"], "precision": precision, "recall": recall,
                   "f1": f1},
        "tied_recall": {"gold": counts["tied"], "matched": counts["tied_matched"],
                        "recall": ratio(counts["tied_matched"], counts["tied"])},
        "anchoring": _anchoring(counts, "anchored"),
        "same_sentence_anchoring": _anchoring(counts, "same"),
        "dct_anchoring": _anchoring(counts, "dct"),
    }


def _anchoring(counts: Counter, kind: str) -> dict:
    gold, matched = counts[f"{kind}_gold"], counts[f"{kind}_matched"]
    dated, right = counts[f"{kind}_dated"], counts[f"{kind}_right"]
    return {"gold": gold, "matched": matched, "dated": dated, "right": right,
            "accuracy": round(right / matched, 3) if matched else None,
            "end_to_end": round(right / gold, 3) if gold else None,
            "dated_precision": round(right / dated, 3) if dated else None}


def format_report(result: dict) -> str:
    lines = [f"# TempEval-3 events: `{result['path']}`", "",
             f"{result['documents']} documents, {result['seconds']} s (parse and stages).", "",
             "| times | event P | event R | event F1 | TLINK-tied R | anchoring acc. "
             "(matched) | end to end | dated precision | same-sentence anchoring acc. | "
             "DCT-anchored acc. |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for key, label in (("system", "storyline times stage"), ("gold_times", "gold TIMEX3")):
        m = result[key]
        e, a, d, same = m["events"], m["anchoring"], m["dct_anchoring"], m["same_sentence_anchoring"]
        lines.append(f"| {label} | {_f(e['precision'])} | {_f(e['recall'])} | {_f(e['f1'])} | "
                     f"{_f(m['tied_recall']['recall'])} | {_f(a['accuracy'])} "
                     f"({a['right']}/{a['matched']}) | {_f(a['end_to_end'])} ({a['right']}/"
                     f"{a['gold']}) | {_f(a['dated_precision'])} ({a['right']}/{a['dated']}) | "
                     f"{_f(same['accuracy'])} ({same['right']}/{same['matched']}) | "
                     f"{_f(d['accuracy'])} ({d['right']}/{d['matched']}) |")
    e = result["system"]["events"]
    lines += ["", f"Events: {e['system']} storyline, {e['gold']} gold, {e['matched']} matched. "
              "storyline's events are fewer and coarser by design (no states, no bare reporting "
              "verbs, no undated event nouns), so recall is low by construction.", "",
              result["definitions"]]
    return "\n".join(lines)


def _f(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"
