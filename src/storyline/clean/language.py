"""Which language an article is in: py3langid's model, choosing among the languages of news.

The spaCy parse and every stage after it need English. An article in another language keeps
its body and metadata and skips them (the pipeline records which, and why), or is refused
when `Config.require_english` is set.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable

from ..config import Config
from ..errors import UnsupportedLanguage
from ..record import Article
from ..vocab.language import CANDIDATE_LANGUAGES, TO_ISO_639_1

ENGLISH = "en"
UNDETERMINED = "und"
LETTER = re.compile(r"[^\W\d_]")
# The opening of a page tells its language; reading more only costs time.
MAX_CHARS_TO_JUDGE = 10_000
# Below this many letters (a dateline, a score line) the model guesses: such text counts as
# English, unless it is mostly in another script, which the model tells apart reliably.
MIN_LETTERS_TO_JUDGE = 20
# Favour English: a text is called another language only when the model gives English less
# than this probability. English news of any layout (results tables, market briefs, one-line
# headlines full of foreign names) gets at least 0.019 on CoNLL-2003 and Timeline17; the lines
# of 20 letters or more of AEB's non-English pages get at most 0.006, their bodies about 0
# (benchmarks/bench_language.py). Calling an English article foreign loses every stage; the
# opposite mistake costs one noisy parse.
ENGLISH_FLOOR = 0.01
# Not English, but no language this likely: the text's language is undetermined ("und").
MIN_NAMED_CONFIDENCE = 0.5


def check_language(article: Article, config: Config) -> Article:
    language = identify_language(article.text)
    if language != ENGLISH and config.require_english:
        raise UnsupportedLanguage(
            f"{article.source.location or 'input'}: not English ({language}); storyline's "
            "analysis reads English news (without --require-english the body and metadata "
            "are kept and the English-only stages skipped)")
    article.language = language
    return article


def is_english(article: Article) -> bool:
    """Whether the English-only stages (the parse and all after it) should run."""
    return article.language == ENGLISH


def skip_reason(language: str) -> str:
    """Why an English-only stage did not run, as the record's `skipped` says it."""
    return f"not English ({language}); the stage needs the English model"


def identify_language(text: str,
                      model: Callable[[str], dict[str, float]] | None = None) -> str:
    """The ISO 639-1 code of `text`'s language: "en" when unsure, "und" when the text is not
    English but no one language is likely enough to name.

    `model` gives each language's probability for a text (default `language_probabilities`;
    the benchmark passes another identifier's to compare them under the same rule).
    """
    sample = text[:MAX_CHARS_TO_JUDGE]
    letters = LETTER.findall(sample)
    if len(letters) < MIN_LETTERS_TO_JUDGE and latin_share(letters) >= 0.5:
        return ENGLISH
    probabilities = (model or language_probabilities)(sample)
    if probabilities.get(ENGLISH, 0.0) >= ENGLISH_FLOOR:
        return ENGLISH
    best = max(probabilities, key=probabilities.__getitem__)
    return best if probabilities[best] >= MIN_NAMED_CONFIDENCE else UNDETERMINED


def language_probabilities(text: str) -> dict[str, float]:
    """Probability of each candidate language (by ISO 639-1 code) for `text`.

    py3langid's `rank` scores every language of its model with the model it loads once per
    process (trafilatura shares it); normalising the candidates' scores with the model's own
    temperature (the square root of the text's UTF-8 length) gives exactly what the model
    restricted to them gives, without changing the shared model.
    """
    import py3langid

    raw = dict(py3langid.rank(text))
    temperature = math.sqrt(len(_model_input(text)) or 1)
    scores = {label: raw[label] / temperature for label in CANDIDATE_LANGUAGES}
    top = max(scores.values())
    weights = {label: math.exp(score - top) for label, score in scores.items()}
    total = sum(weights.values())
    probabilities: dict[str, float] = {}
    for label, weight in weights.items():
        code = TO_ISO_639_1.get(label, label)
        probabilities[code] = probabilities.get(code, 0.0) + weight / total
    return probabilities


def latin_share(letters: list[str]) -> float:
    """Share of the letters that are Latin script (1.0 for none)."""
    if not letters:
        return 1.0
    latin = sum(unicodedata.name(letter, "").startswith("LATIN") for letter in letters)
    return latin / len(letters)


def _model_input(text: str) -> bytes:
    """The bytes py3langid scores for `text` (all-capital text lowered, NFC, UTF-8)."""
    folded = text.lower() if text.isupper() else text
    return unicodedata.normalize("NFC", folded).encode("utf-8", errors="surrogatepass")
