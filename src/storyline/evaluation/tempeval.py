"""TempEval-3 time expressions: storyline's `times` stage against spaCy and dateparser.

Each TimeML file (``*.tml``, e.g. ``../shared/data/tempeval3/TBAQ-cleaned/``) gives a raw text
(the ``<TEXT>`` element with its inline tags removed and entities decoded), a document creation
time (the ``<DCT>`` TIMEX3 value) and the gold ``<TIMEX3 type value>`` spans inside the text.
Every system reads that raw text with the DCT as publication date; the three share one spaCy
parse per document:

- ``storyline``: the `times` stage (extent, type, value);
- ``spaCy``: the model's DATE and TIME entities (extent and type; no value);
- ``dateparser``: ``search_dates`` with the DCT as relative base (extent and value; the value
  is the found datetime written at the granularity dateparser reports for the phrase).

The measures follow the TempEval-3 scorer (UzZaman et al. 2013). Gold and system expressions
are paired one to one, each gold with the unpaired system expression it overlaps most.
Strict extent: the pair's spans are identical; relaxed extent: they overlap. Precision is
over the system's expressions, recall over the gold's. Type accuracy is the share of relaxed
pairs with the gold type. Value F1: a true positive is a relaxed pair with the gold value,
precision = true positives / system expressions, recall = true positives / gold expressions.
"""
from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..record import Article, Published

SYSTEMS = ("storyline", "spacy", "dateparser")
SYSTEM_LABELS = {"storyline": "storyline", "spacy": "spaCy DATE+TIME",
                 "dateparser": "dateparser search_dates"}
# What each system can be scored on: spaCy gives no values, dateparser no types.
MEASURES = {"storyline": ("extent", "type", "value"), "spacy": ("extent", "type"),
            "dateparser": ("extent", "value")}
SPACY_TYPES = {"DATE": "DATE", "TIME": "TIME"}
VALUE_DEFINITION = (
    "Value F1: a true positive is a gold expression overlapped by a system expression with the "
    "same TIMEX3 value; P = true positives / system expressions, R = true positives / gold.")

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b[^>]*?\bvalue=\"([^\"]*)\"", re.S)
_PIECE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>|&#?\w+;|[^<&]+|[<&]")
_ATTRIBUTE = re.compile(r"(\w+)=\"([^\"]*)\"")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str | None
    value: str | None
    text: str = ""


@dataclass
class Document:
    name: str
    text: str
    dct: str
    gold: list[Timex] = field(default_factory=list)


def read_timeml(path: Path) -> Document:
    """One TimeML file: its raw text, DCT value and gold TIMEX3 spans into that text."""
    source = path.read_text(encoding="utf-8")
    body = _TEXT.search(source)
    dct = _DCT.search(source)
    if body is None or dct is None:
        raise ValueError(f"{path}: no <TEXT> or <DCT> TIMEX3")
    pieces: list[str] = []
    gold: list[Timex] = []
    opened: list[tuple[int, dict]] = []
    offset = 0
    for match in _PIECE.finditer(body.group(1)):
        closing, tag, attributes = match.group(1), match.group(2), match.group(3)
        if tag is None:
            piece = match.group(0)
            piece = html.unescape(piece) if piece.startswith("&") else piece
            pieces.append(piece)
            offset += len(piece)
        elif tag == "TIMEX3" and not closing:
            opened.append((offset, dict(_ATTRIBUTE.findall(attributes))))
        elif tag == "TIMEX3" and closing and opened:
            start, attrs = opened.pop()
            gold.append(Timex(start, offset, attrs.get("type"), attrs.get("value")))
    text = "".join(pieces)
    gold = [Timex(g.start, g.end, g.type, g.value, text[g.start:g.end]) for g in gold]
    return Document(path.name, text, dct.group(1), sorted(gold, key=lambda g: g.start))


def read_corpus(directory: str, limit: int | None = None) -> list[Document]:
    """The ``*.tml`` files under `directory` (recursively), sorted by path, at most `limit`."""
    paths = sorted(Path(directory).rglob("*.tml"))
    if limit is not None:
        paths = paths[:limit]
    return [read_timeml(path) for path in paths]


def pair(gold: list[Timex], found: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed pairs: each gold with the free system expression it overlaps most."""
    free = list(found)
    pairs = []
    for g in gold:
        best, best_overlap = None, 0
        for f in free:
            overlap = min(g.end, f.end) - max(g.start, f.start)
            if overlap > best_overlap:
                best, best_overlap = f, overlap
        if best is not None:
            free.remove(best)
            pairs.append((g, best))
    return pairs


class Tally:
    """Counts for one system over many documents."""

    def __init__(self) -> None:
        self.gold = self.found = self.strict = self.relaxed = 0
        self.type_correct = self.value_correct = 0

    def add(self, gold: list[Timex], found: list[Timex]) -> list[tuple[Timex, Timex]]:
        pairs = pair(gold, found)
        self.gold += len(gold)
        self.found += len(found)
        self.relaxed += len(pairs)
        self.strict += sum(g.start == f.start and g.end == f.end for g, f in pairs)
        self.type_correct += sum(g.type == f.type for g, f in pairs)
        self.value_correct += sum(g.value == f.value for g, f in pairs)
        return pairs

    def scores(self) -> dict:
        return {
            "gold": self.gold, "found": self.found,
            "strict": _prf(self.strict, self.found, self.gold),
            "relaxed": _prf(self.relaxed, self.found, self.gold),
            "type_accuracy": self.type_correct / self.relaxed if self.relaxed else 0.0,
            "value": _prf(self.value_correct, self.found, self.gold),
        }


def _prf(hits: int, found: int, gold: int) -> dict:
    precision = hits / found if found else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "hits": hits}


def storyline_timexes(document: Document, doc, config: Config) -> list[Timex]:
    from ..times.stage import normalize_times

    article = Article(raw=document.text, text=document.text,
                      published=Published(document.dct, "metadata", 1.0))
    article.doc = doc
    article = normalize_times(article, config)
    return [Timex(t.span[0], t.span[1], t.type, t.value, t.text) for t in article.times]


def spacy_timexes(doc) -> list[Timex]:
    return [Timex(ent.start_char, ent.end_char, SPACY_TYPES[ent.label_], None, ent.text)
            for ent in doc.ents if ent.label_ in SPACY_TYPES]


def dateparser_timexes(document: Document) -> list[Timex]:
    """``search_dates`` with the DCT as base; each phrase located in order in the text."""
    from datetime import datetime

    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = datetime.fromisoformat(document.dct[:19]) if len(document.dct) >= 10 else None
    if base is None:
        return []
    settings = {"RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True}
    found = search_dates(document.text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    timexes, cursor = [], 0
    for phrase, moment in found:
        start = document.text.find(phrase, cursor)
        if start < 0:
            continue
        cursor = start + len(phrase)
        period = parser.get_date_data(phrase).period or "day"
        timexes.append(Timex(start, cursor, None, _dateparser_value(moment, period), phrase))
    return timexes


def _dateparser_value(moment, period: str) -> str:
    if period == "year":
        return f"{moment.year:04d}"
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period == "time":
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.strftime("%Y-%m-%d")


def evaluate(path: str, config: Config, limit: int | None = None,
             baselines: bool = True) -> dict:
    """Score storyline (and, with `baselines`, spaCy and dateparser) on the TimeML files."""
    from ..nlp import load_language, resolve_model_name

    documents = read_corpus(path, limit)
    nlp = load_language(config)
    started = time.perf_counter()
    docs = list(nlp.pipe((d.text for d in documents), batch_size=config.batch_size))
    seconds = {"parse": time.perf_counter() - started, "times_stage": 0.0}
    tallies = {system: Tally() for system in (SYSTEMS if baselines else ("storyline",))}
    errors: list[dict] = []
    for document, doc in zip(documents, docs):
        started = time.perf_counter()
        found = storyline_timexes(document, doc, config)
        seconds["times_stage"] += time.perf_counter() - started
        pairs = tallies["storyline"].add(document.gold, found)
        errors.extend(_errors(document, pairs, found))
        if baselines:
            tallies["spacy"].add(document.gold, spacy_timexes(doc))
            started = time.perf_counter()
            tallies["dateparser"].add(document.gold, dateparser_timexes(document))
            seconds["dateparser"] = seconds.get("dateparser", 0.0) + time.perf_counter() - started
    words = sum(len(doc) for doc in docs)
    return {"path": path, "documents": len(documents), "tokens": words,
            "model": resolve_model_name(config),
            "systems": {system: tally.scores() for system, tally in tallies.items()},
            "seconds": seconds, "errors": errors, "value_definition": VALUE_DEFINITION}


def _errors(document: Document, pairs: list[tuple[Timex, Timex]], found: list[Timex]) -> list:
    """Misses, spurious finds and wrong values, for reading (not part of the scores)."""
    rows = []
    paired = {id(f) for _, f in pairs}
    matched_gold = {id(g) for g, _ in pairs}
    for g in document.gold:
        if id(g) not in matched_gold:
            rows.append({"doc": document.name, "dct": document.dct, "kind": "missed",
                         "gold": [g.text, g.type, g.value], "found": None,
                         "context": _context(document.text, g)})
    for g, f in pairs:
        if g.value != f.value or g.type != f.type or (g.start, g.end) != (f.start, f.end):
            rows.append({"doc": document.name, "dct": document.dct, "kind": "differs",
                         "gold": [g.text, g.type, g.value], "found": [f.text, f.type, f.value],
                         "context": _context(document.text, g)})
    for f in found:
        if id(f) not in paired:
            rows.append({"doc": document.name, "dct": document.dct, "kind": "spurious",
                         "gold": None, "found": [f.text, f.type, f.value],
                         "context": _context(document.text, f)})
    return rows


def _context(text: str, timex: Timex, width: int = 70) -> str:
    before = text[max(0, timex.start - width):timex.start]
    after = text[timex.end:timex.end + width // 2]
    return " ".join(f"{before}[{text[timex.start:timex.end]}]{after}".split())


def format_report(result: dict) -> str:
    """A Markdown table of `result` (from `evaluate`): one row per system."""
    lines = [
        f"TempEval-3 `{result.get('path', '')}`: {result['documents']} documents, "
        f"{result['tokens']} tokens, model `{result.get('model', '?')}`, DCT as publication date.",
        "",
        "| system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 "
        "| type acc | value P | value R | value F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for system, s in result["systems"].items():
        measures = MEASURES[system]
        cells = [*_cells(s["strict"]), *_cells(s["relaxed"])]
        cells.append(f"{100 * s['type_accuracy']:.2f}" if "type" in measures else "–")
        cells.extend(_cells(s["value"]) if "value" in measures else ["–"] * 3)
        lines.append(f"| {SYSTEM_LABELS[system]} | " + " | ".join(cells) + " |")
    gold = next(iter(result["systems"].values()))["gold"]
    lines += [
        "",
        f"{gold} gold expressions. Strict: identical span; relaxed: overlapping span, paired one "
        "to one. Type accuracy over relaxed pairs. " + result.get("value_definition", ""),
        "spaCy has no values (its DATE/TIME entities are scored for extent and type); "
        "dateparser has no types (its values are written at the granularity it reports).",
    ]
    seconds = result.get("seconds", {})
    if seconds:
        lines.append("Seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()))
    return "\n".join(lines)


def _cells(prf: dict) -> list[str]:
    return [f"{100 * prf[key]:.2f}" for key in ("precision", "recall", "f1")]
