"""Cleaning copied page text: body, removed residue, headline, byline, language, date."""

from .language import check_language
from .published import date_article
from .text import clean_article

__all__ = ["check_language", "clean_article", "date_article"]
