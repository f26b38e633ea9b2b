"""Entities: spaCy's mentions resolved to one record per real-world thing. (First cut.)"""
from __future__ import annotations

from .config import Config
from .record import Article, Entity

SPACY_TO_CONTRACT = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE",
                     "FAC": "PLACE", "WORK_OF_ART": "WORK", "EVENT": "EVENT",
                     "PRODUCT": "PRODUCT", "LAW": "LAW", "NORP": "GROUP"}


def resolve_entities(article: Article, config: Config) -> Article:
    by_name: dict[tuple[str, str], Entity] = {}
    for ent in article.doc.ents:
        kind = SPACY_TO_CONTRACT.get(ent.label_)
        if kind is None:
            continue
        key = (ent.text, kind)
        if key not in by_name:
            by_name[key] = Entity(f"e{len(by_name) + 1}", ent.text, kind)
        by_name[key].mentions.append((ent.start_char, ent.end_char))
    article.entities = list(by_name.values())
    return article
