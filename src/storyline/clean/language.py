"""Is this English? A cheap stopword test, run before the (English-only) parse."""
from __future__ import annotations

import re

from ..config import Config
from ..errors import UnsupportedLanguage
from ..record import Article
from ..vocab.language import ENGLISH_FUNCTION_WORDS

WORD = re.compile(r"[^\W\d_]+")
# Below this share of English function words, text of some length is not English.
MIN_ENGLISH_SHARE = 0.12
MIN_WORDS_TO_JUDGE = 40


def english_share(text: str) -> tuple[float, int]:
    words = [word.lower() for word in WORD.findall(text[:20000])]
    if not words:
        return 0.0, 0
    return sum(word in ENGLISH_FUNCTION_WORDS for word in words) / len(words), len(words)


def check_language(article: Article, config: Config) -> Article:
    share, count = english_share(article.text)
    if count >= MIN_WORDS_TO_JUDGE and share < MIN_ENGLISH_SHARE:
        article.language = "und"
        if config.require_english:
            raise UnsupportedLanguage(
                f"{article.source.location or 'input'}: not English (only {share:.0%} English "
                "function words); storyline reads English news")
    return article
