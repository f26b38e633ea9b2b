"""CoNLL-2003 named entities: storyline's entity stage against bare spaCy, span-exact.

The data has four columns (``token POS chunk NER``) with IOB1 tags over PER, ORG, LOC and MISC;
``-DOCSTART-`` lines separate documents and blank lines separate sentences. Each document is
rebuilt as text (tokens joined by single spaces, sentences by newlines) and parsed once; both
systems read that one parse:

- ``spacy``: the model's own entities, PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, others ignored;
- ``storyline``: the entity stage (document-level resolution) over the same Doc, every mention
  of an entity scored with its contract type, PERSON→PER, ORG→ORG, PLACE→LOC, others ignored.

Scores are exact-span precision, recall and F1 per type and micro-averaged over the three.
MISC is left out of the gold: neither system's types map onto it cleanly.

Each document first goes through the language check, as `extract` does: one identified as not
English would skip the entity stage there, so here storyline finds nothing in it (and one
refused would count the same way). The report counts both; on this all-English data any is a
fault of the language check.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..config import Config
from ..record import Article

TYPES = ("PER", "ORG", "LOC")
SPACY_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
CONTRACT_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC"}
DOCSTART = "-DOCSTART-"

Mention = tuple[int, int, str]  # start char, end char, CoNLL type


@dataclass
class Document:
    """One CoNLL document rebuilt as text, with its gold entities as character spans."""

    text: str
    gold: set[Mention] = field(default_factory=set)
    tokens: int = 0


def read_documents(path: str) -> Iterator[Document]:
    """The documents of a CoNLL-2003 file, in order."""
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                if sentence:
                    sentences.append(sentence)
                    sentence = []
                continue
            if parts[0] == DOCSTART:
                if sentence:
                    sentences.append(sentence)
                    sentence = []
                if sentences:
                    yield build_document(sentences)
                    sentences = []
                continue
            sentence.append((parts[0], parts[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        yield build_document(sentences)


def build_document(sentences: list[list[tuple[str, str]]]) -> Document:
    pieces: list[str] = []
    gold: set[Mention] = set()
    offset = tokens = 0
    for number, sentence in enumerate(sentences):
        if number:
            pieces.append("\n")
            offset += 1
        current: list | None = None  # [start, end, type] of the entity being read
        for index, (token, tag) in enumerate(sentence):
            if index:
                pieces.append(" ")
                offset += 1
            start, end = offset, offset + len(token)
            pieces.append(token)
            offset = end
            tokens += 1
            prefix, _, kind = tag.partition("-")
            if tag == "O" or not kind:
                current = _close(current, gold)
            elif current is not None and current[2] == kind and prefix == "I":
                current[1] = end
            else:
                current = _close(current, gold)
                current = [start, end, kind]
        _close(current, gold)
    return Document("".join(pieces), gold, tokens)


def _close(current: list | None, gold: set[Mention]) -> None:
    if current is not None and current[2] in TYPES:
        gold.add((current[0], current[1], current[2]))
    return None


def spacy_mentions(doc) -> set[Mention]:
    return {(ent.start_char, ent.end_char, SPACY_TO_CONLL[ent.label_])
            for ent in doc.ents if ent.label_ in SPACY_TO_CONLL}


def storyline_mentions(doc, text: str, config: Config) -> set[Mention]:
    from ..entities.resolve import resolve_entities

    article = Article(raw=text, text=text, paragraphs=[(0, len(text))])
    article.doc = doc
    article = resolve_entities(article, config)
    found: set[Mention] = set()
    for entity in article.entities:
        kind = CONTRACT_TO_CONLL.get(entity.type)
        if kind is not None:
            found.update((start, end, kind) for start, end in entity.mentions)
    return found


class Tally:
    """True positives, false positives and false negatives per type."""

    def __init__(self) -> None:
        self.counts = {kind: [0, 0, 0] for kind in TYPES}

    def add(self, gold: set[Mention], found: set[Mention]) -> None:
        for kind in TYPES:
            gold_kind = {m for m in gold if m[2] == kind}
            found_kind = {m for m in found if m[2] == kind}
            hits = len(gold_kind & found_kind)
            counts = self.counts[kind]
            counts[0] += hits
            counts[1] += len(found_kind) - hits
            counts[2] += len(gold_kind) - hits

    def scores(self) -> dict:
        result = {kind: _prf(*self.counts[kind]) for kind in TYPES}
        result["overall"] = _prf(*(sum(self.counts[k][i] for k in TYPES) for i in range(3)))
        return result


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def score_parsed(documents: Iterable[Document], docs: Iterable, config: Config,
                 languages: Iterable[str] | None = None) -> dict:
    """Both systems over already parsed documents (`docs` in the order of `documents`).

    `languages` (one per document, default all "en"): what the language check said of each;
    storyline's entity stage does not run on a document it calls anything but English.
    """
    spacy_tally, storyline_tally = Tally(), Tally()
    count = tokens = 0
    stage_seconds = 0.0
    checked = iter(languages) if languages is not None else None
    for document, doc in zip(documents, docs):
        count += 1
        tokens += document.tokens
        spacy_tally.add(document.gold, spacy_mentions(doc))
        started = time.perf_counter()
        english = checked is None or next(checked) == "en"
        found = storyline_mentions(doc, document.text, config) if english else set()
        stage_seconds += time.perf_counter() - started
        storyline_tally.add(document.gold, found)
    return {"documents": count, "tokens": tokens,
            "systems": {"spacy": spacy_tally.scores(), "storyline": storyline_tally.scores()},
            "seconds": {"entities_stage": stage_seconds},
            "note": "span-exact; gold MISC ignored; spaCy PERSON/ORG/GPE+LOC+FAC and "
                    "storyline PERSON/ORG/PLACE scored as PER/ORG/LOC"}


def evaluate(path: str, config: Config, limit: int | None = None) -> dict:
    """Score bare spaCy and storyline's entity stage on a CoNLL-2003 file, in one run."""
    from ..nlp import load_language, resolve_model_name

    documents = []
    for document in read_documents(path):
        if limit is not None and len(documents) >= limit:
            break
        documents.append(document)
    started = time.perf_counter()
    languages, refused = language_check(documents, config)
    language_seconds = time.perf_counter() - started
    nlp = load_language(config)
    started = time.perf_counter()
    docs = list(nlp.pipe((d.text for d in documents), batch_size=config.batch_size))
    parse_seconds = time.perf_counter() - started
    result = score_parsed(documents, docs, config, languages)
    result["seconds"]["parse"] = parse_seconds
    result["seconds"]["language_check"] = language_seconds
    result["refused"] = refused
    result["not_english"] = {code: languages.count(code) for code in sorted(set(languages))
                             if code != "en"}
    result["path"] = path
    result["model"] = resolve_model_name(config)
    return result


def language_check(documents: list[Document], config: Config) -> tuple[list[str], int]:
    """Each document's language as `extract` tells it, and how many it would refuse (with
    `require_english`; a refused one counts as not English, "und")."""
    from ..clean.language import check_language
    from ..errors import UnsupportedLanguage

    languages, refused = [], 0
    for document in documents:
        article = Article(raw=document.text, text=document.text)
        try:
            languages.append(check_language(article, config).language)
        except UnsupportedLanguage:
            languages.append("und")
            refused += 1
    return languages, refused


def format_report(result: dict) -> str:
    """A small Markdown table of the scores in `result` (from `evaluate`)."""
    lines = [
        f"CoNLL-2003 `{result.get('path', '')}`: {result['documents']} documents, "
        f"{result['tokens']} tokens, model `{result.get('model', '?')}`.",
        "Span-exact P/R/F1; gold MISC ignored; spaCy GPE/LOC/FAC and storyline PLACE count as LOC.",
        "",
        "| system | type | precision | recall | F1 | tp | fp | fn |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    if "refused" in result:
        not_english = result["not_english"]
        lines[1:1] = [
            f"Language check: {result['refused']} documents refused, "
            f"{sum(not_english.values())} identified as not English"
            + (f" ({', '.join(f'{code} {n}' for code, n in not_english.items())}; storyline "
               "finds no entities in them, as `extract` skips their entity stage)"
               if not_english else "") + "."]
    for system, scores in result["systems"].items():
        for kind in (*TYPES, "overall"):
            s = scores[kind]
            lines.append(f"| {system} | {kind} | {s['precision']:.3f} | {s['recall']:.3f} | "
                         f"{s['f1']:.3f} | {s['tp']} | {s['fp']} | {s['fn']} |")
    seconds = result.get("seconds", {})
    if seconds:
        lines.append("")
        lines.append("Seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()))
    return "\n".join(lines)
