"""Quotes, direct and indirect, with their speakers."""

from .stage import find_quotes

__all__ = ["find_quotes"]
