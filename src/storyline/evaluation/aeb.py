"""The Article Extraction Benchmark (AEB), scored with its own measure, beside other extractors.

Per page, the extracted body and the gold `articleBody` become token 4-gram shingles (tokens
are ``\\w+`` runs); true/false positives and negatives are counted over the shingle multisets
and normalized per page. Precision and recall are each averaged over the pages (a page with
an empty prediction has no precision, as in the benchmark's evaluate.py); F1 comes from the
two averages. Standard deviations come from a bootstrap over pages.

Every page is scored, whatever its language: a page storyline refuses (no body found, say)
scores as an empty prediction, and the report counts the refused pages and the pages the
language check calls not English (their body is read all the same).

Also reported: how often the lede survives (the first tokens of the gold body's first
paragraph found in the prediction) and leakage, storyline's caption and credit records (set
aside from the DOM) found again in a prediction.

    .venv/bin/python -m storyline.evaluation.aeb ../shared/data/aeb [--limit 40]

(`storyline eval aeb DIR` runs the same through the CLI.)
"""
from __future__ import annotations

import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from ..config import Config
from ..errors import EmptyInput, InputNotFound, StorylineError

TOKEN = re.compile(r"\w+")
SHINGLE = 4
LEDE_TOKENS = 10
LEDE_SLACK = 6
LEAK_KINDS = ("caption", "credit")
BOOTSTRAP_ROUNDS = 1000
SEED = 20191119

Extractor = Callable[[str, str], str]  # (html, url) -> body text


def shingle_counts(text: str, n: int = SHINGLE) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def page_scores(true: str, predicted: str) -> tuple[float, float, float]:
    """Normalized (tp, fp, fn) over shingles, as the benchmark counts them."""
    gold, guess = shingle_counts(true), shingle_counts(predicted)
    tp = sum((gold & guess).values())
    fp = sum((guess - gold).values())
    fn = sum((gold - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_recall_f1(pages: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    precisions = [_precision(*page) for page in pages if page[0] + page[1] > 0]
    recalls = [_recall(*page) for page in pages if page[0] + page[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bootstrap_sd(pages: list[tuple[float, float, float]], rounds: int = BOOTSTRAP_ROUNDS,
                 seed: int = SEED) -> tuple[float, float, float]:
    rng = random.Random(seed)
    samples = [precision_recall_f1([pages[rng.randrange(len(pages))] for _ in pages])
               for _ in range(rounds)]
    return tuple(statistics.stdev(values) for values in zip(*samples))  # type: ignore[return-value]


def lede_kept(true: str, predicted: str) -> bool:
    """The gold first paragraph's opening tokens are in the prediction. The window may start a
    few tokens in, so that a dateline set aside ("MADRID —") does not count as a lost lede."""
    first = TOKEN.findall(next((line for line in true.split("\n") if TOKEN.search(line)), ""))
    if len(first) <= LEDE_TOKENS:
        return _contains_tokens(predicted, first)
    return any(_contains_tokens(predicted, first[start:start + LEDE_TOKENS])
               for start in range(min(LEDE_SLACK, len(first) - LEDE_TOKENS) + 1))


def leaks(removed_texts: list[str], predicted: str) -> int:
    """How many of the set-aside texts (4 tokens or more) appear in the prediction."""
    return sum(1 for text in removed_texts
               if len(TOKEN.findall(text)) >= SHINGLE
               and _contains_tokens(predicted, TOKEN.findall(text)))


def evaluate(path: str, config: Config, limit: int | None = None,
             systems: tuple[str, ...] | None = None) -> dict:
    """Score storyline and the other extractors on the AEB pages under `path`."""
    pages = load_pages(path, limit)
    extractors = available_extractors(config)
    names = systems or tuple(extractors)
    removed = {page_id: texts for page_id, texts in _storyline_removed(pages, config)}
    result: dict = {"pages": len(pages), "path": str(path), "systems": {}}
    if "storyline" in names:
        result["storyline_reading"] = storyline_reading(pages, config)
    for name in names:
        extractor, version = extractors[name]
        if extractor is None:
            result["systems"][name] = {"version": version, "installed": False}
            continue
        result["systems"][name] = _score_system(extractor, pages, removed)
        result["systems"][name]["version"] = version
    return result


def format_report(result: dict) -> str:
    lines = [f"AEB: {result['pages']} pages ({result['path']}); mean ± bootstrap sd over pages",
             "",
             "| system | version | precision | recall | F1 | lede kept | caption/credit leaks "
             "| empty | pages/s |",
             "|---|---|---|---|---|---|---|---|---|"]
    reading = result.get("storyline_reading")
    if reading:
        not_english = reading["not_english"]
        lines[1:1] = [
            f"storyline read {result['pages'] - len(reading['refused'])} of {result['pages']} "
            f"pages ({len(reading['refused'])} refused"
            + "".join(f"; {page_id[:12]}: {reason}"
                      for page_id, reason in reading["refused"].items())
            + f"); {sum(not_english.values())} identified as not English"
            + (f" ({', '.join(f'{code} {n}' for code, n in not_english.items())})"
               if not_english else "") + ", their body read and scored like the rest."]
    for name, row in result["systems"].items():
        if not row.get("installed", True):
            lines.append(f"| {name} | not installed | – | – | – | – | – | – | – |")
            continue
        lines.append(
            f"| {name} | {row['version']} | {row['precision']:.4f} ± {row['precision_sd']:.4f} "
            f"| {row['recall']:.4f} ± {row['recall_sd']:.4f} | {row['f1']:.4f} ± {row['f1_sd']:.4f}"
            f" | {row['lede_kept']:.1%} | {row['leaks']} on {row['leak_pages']} pages "
            f"| {row['empty']} | {row['pages_per_second']:.1f} |")
    return "\n".join(lines)


def load_pages(path: str, limit: int | None = None) -> list[dict]:
    root = Path(path)
    truth_file = root / "ground-truth.json"
    if not truth_file.exists() or not (root / "html").is_dir():
        raise InputNotFound(f"{path}: not an AEB folder (needs ground-truth.json and html/)")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        with gzip.open(root / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as file:
            html = file.read()
        pages.append({"id": page_id, "html": html, "url": truth[page_id].get("url"),
                      "body": truth[page_id].get("articleBody") or ""})
    if not pages:
        raise EmptyInput(f"{path}: no pages to score")
    return pages


def available_extractors(config: Config) -> dict[str, tuple[Extractor | None, str]]:
    """Each system by name: its extractor (None when not installed) and version."""
    systems: dict[str, tuple[Extractor | None, str]] = {
        "storyline": (lambda html, url: storyline_body(html, url, config), _version("storyline")),
        "storyline (HTML stage only)": (lambda html, url: storyline_body(html, url, config, False),
                                        _version("storyline")),
        "trafilatura (defaults)": (_trafilatura(), _version("trafilatura")),
        "trafilatura (no comments, AEB runner)": (_trafilatura(include_comments=False),
                                                  _version("trafilatura")),
        "newspaper4k": (_newspaper, _version("newspaper4k")),
        "readability-lxml": (_readability, _version("readability-lxml")),
    }
    return {name: (extractor if version != "not installed" else None, version)
            for name, (extractor, version) in systems.items()}


def storyline_body(html: str, url: str | None, config: Config, clean: bool = True) -> str:
    """storyline's body for a page: the HTML stage, then (by default) the text-cleaning stage."""
    from ..clean.text import clean_article
    from ..inputs.html import article_from_html

    try:
        article = article_from_html(html, config, location=url)
        return clean_article(article, config).text if clean else article.text
    except StorylineError:
        return ""


def storyline_reading(pages: list[dict], config: Config) -> dict:
    """What `extract` makes of each page beyond its body: the pages it refuses (id -> reason)
    and, by language, the pages its language check calls not English."""
    from ..clean.language import check_language
    from ..clean.text import clean_article
    from ..inputs.html import article_from_html

    refused: dict[str, str] = {}
    not_english: Counter = Counter()
    for page in pages:
        try:
            article = article_from_html(page["html"], config, location=page["url"])
            article = clean_article(article, config)
            language = check_language(article, config).language
        except StorylineError as error:
            refused[page["id"]] = str(error)
            continue
        if language != "en":
            not_english[language] += 1
    return {"refused": refused, "not_english": dict(sorted(not_english.items()))}


def _storyline_removed(pages: list[dict], config: Config):
    from ..inputs.furniture import set_aside
    from ..inputs.html import parse_html

    for page in pages:
        try:
            records = set_aside(parse_html(page["html"], config))
        except StorylineError:
            records = []
        yield page["id"], [r.text for r in records if r.kind in LEAK_KINDS]


def _score_system(extractor: Extractor, pages: list[dict], removed: dict) -> dict:
    scores, ledes, leaked, leak_pages, empty = [], 0, 0, 0, 0
    try:  # warm up (imports, lazy tables) outside the clock
        extractor(pages[0]["html"], pages[0]["url"])
    except Exception:
        pass
    started = time.perf_counter()
    predictions = []
    for page in pages:
        try:
            predictions.append(extractor(page["html"], page["url"]) or "")
        except Exception:  # another extractor's crash is an empty prediction, as in AEB
            predictions.append("")
    seconds = time.perf_counter() - started
    for page, predicted in zip(pages, predictions):
        scores.append(page_scores(page["body"], predicted))
        ledes += lede_kept(page["body"], predicted)
        found = leaks(removed.get(page["id"], []), predicted)
        leaked += found
        leak_pages += found > 0
        empty += not predicted.strip()
    precision, recall, f1 = precision_recall_f1(scores)
    precision_sd, recall_sd, f1_sd = bootstrap_sd(scores)
    return {"precision": precision, "recall": recall, "f1": f1, "precision_sd": precision_sd,
            "recall_sd": recall_sd, "f1_sd": f1_sd, "lede_kept": ledes / len(pages),
            "leaks": leaked, "leak_pages": leak_pages, "empty": empty,
            "pages_per_second": len(pages) / seconds if seconds else 0.0,
            "per_page": {page["id"]: score for page, score in zip(pages, scores)}}


def _trafilatura(**options) -> Extractor:
    def extract(html: str, url: str | None) -> str:
        import trafilatura

        return trafilatura.extract(html, **options) or ""
    return extract


def _newspaper(html: str, url: str | None) -> str:
    import newspaper

    article = newspaper.article(url or "https://example.com/article", input_html=html,
                                fetch_images=False)
    return article.text or ""


def _readability(html: str, url: str | None) -> str:
    import lxml.html
    from readability import Document

    summary = lxml.html.fromstring(Document(html).summary(html_partial=True))
    for element in summary.iter():  # block ends separate words, as html-text does
        if isinstance(element.tag, str) and element.tag in ("p", "div", "br", "li", "h1", "h2",
                                                            "h3", "h4", "h5", "h6", "tr", "td"):
            element.tail = "\n" + (element.tail or "")
    return summary.text_content()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def _contains_tokens(text: str, tokens: list[str]) -> bool:
    return f" {' '.join(tokens)} " in f" {' '.join(TOKEN.findall(text or ''))} "


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m storyline.evaluation.aeb",
                                     description="Score extractors on the AEB pages.")
    parser.add_argument("path", help="folder with ground-truth.json and html/")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    args = parser.parse_args(argv)
    print(format_report(evaluate(args.path, Config(), limit=args.limit)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
