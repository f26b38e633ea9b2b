"""Entities: spaCy mentions resolved to one record per real-world thing."""

from .resolve import resolve_entities

__all__ = ["resolve_entities"]
