"""Language identification: accuracy on English news of every layout and on non-English pages,
speed and memory, for the identifiers storyline could use and the check it used before.

    .venv/bin/python benchmarks/bench_language.py [--shared ../shared] [--errors]

Sets (all read from ../shared/data, in place):
- CoNLL docs: every document of CoNLL-2003 `eng.testa` (split on -DOCSTART-, tokens joined by
  spaces): Reuters English, many of them results, standings and market tables;
- briefs: one-line English news, the headline and first body line of 6+ tokens of each CoNLL
  document and the first sentence of each Timeline17 article (H1N1_bbc left out: it holds
  BBC Vietnamese pages with their accents lost);
- AEB English: the 161 English gold bodies of the Article Extraction Benchmark;
- AEB other: its 20 bodies in other languages, labelled by reading them (`AEB_LANGUAGES`).

Systems, each in its own fresh process so that its peak memory (max RSS) is its own:
- function words: the check storyline used before (share of English function words under
  12% over 40+ words means not English); it names no language;
- py3langid / lingua: each identifier as it comes, all its languages, its top answer;
- py3langid + rule / lingua + rule: storyline's rule (`clean.language.identify_language`) over
  each identifier's probabilities: storyline's candidate languages, 20 letters before
  judging, English unless its probability is under 1%. "py3langid + rule" is storyline's.
Prints a Markdown table; exits 0 with a message when the data is absent.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

SYSTEMS = ("function words", "py3langid", "py3langid + rule", "lingua", "lingua + rule")
SETS = ("CoNLL docs", "briefs", "AEB English", "train docs, held out", "train briefs, held out",
        "AEB other")
# The AEB bodies not in English, by the first 16 characters of their id, read one by one.
AEB_LANGUAGES = {
    "0ec95c7261d122f3": "ko", "9da36ae4714bfccc": "ko",   # entermedia.co.kr
    "11ea381ad92b5448": "pt", "cc03ddb5ef7d5f1f": "pt",   # autoracing.com.br (a standings table)
    "23aaecd14171f96c": "pt", "3252222e61fe7898": "pt",   # comoeducarseusfilhos.com.br
    "b3c19dd5f0612d09": "pt", "f6ac15a4d9851139": "pt",
    "20b2b64916b00b25": "it", "b6fb53e9fb043c98": "it",   # remember8090.it
    "21486419bb109c5a": "id", "7837c9d66c815b9a": "id",   # kabarislamia.com
    "3c6d3381ef52ca26": "ru", "c82b3d1d540bbbd6": "ru",   # wday.ru
    "c4a3637c6696f238": "ru", "ff0f958ade714ebf": "ru",
    "57b4dafd18cfd053": "de", "ba07d1e64775f409": "de",   # blog.comwrap.com (lang="en" pages)
    "85439e26c41c7590": "ja", "f105de6e63ca91ea": "ja",
}
LEFT_OUT_TOPICS = ("H1N1_bbc",)
MIN_BRIEF_TOKENS = 6
WORD = re.compile(r"[^\W\d_]+")


def load_sets(shared: Path) -> dict[str, list[tuple[str, str]]]:
    """Each set as (text, language) pairs."""
    from storyline.evaluation.conll import read_documents

    documents = [d.text for d in read_documents(str(shared / "data/conll2003/eng.testa"))]
    briefs = _briefs(documents)
    # Held out: the rule's thresholds were set looking at the sets above, never at these.
    held_out = [d.text for d in read_documents(str(shared / "data/conll2003/eng.train"))]
    for path in sorted((shared / "data/timeline17").glob("*/articles.json")):
        if path.parent.name in LEFT_OUT_TOPICS:
            continue
        for article in json.loads(path.read_text(encoding="utf-8")):
            first = article["text"].split(" . ")[0]
            if len(first.split()) >= 3:
                briefs.append(first + " .")
    truth = json.loads((shared / "data/aeb/ground-truth.json").read_text(encoding="utf-8"))
    english, other = [], []
    for page_id in sorted(truth):
        body = truth[page_id].get("articleBody") or ""
        language = AEB_LANGUAGES.get(page_id[:16])
        (other if language else english).append((body, language or "en"))
    assert len(other) == len(AEB_LANGUAGES), "an AEB id of AEB_LANGUAGES is missing"
    return {"CoNLL docs": [(text, "en") for text in documents],
            "briefs": [(text, "en") for text in briefs], "AEB English": english,
            "train docs, held out": [(text, "en") for text in held_out],
            "train briefs, held out": [(text, "en") for text in _briefs(held_out)],
            "AEB other": other}


def _briefs(documents: list[str]) -> list[str]:
    """Each document's headline and first body line of a few tokens: one-line English."""
    briefs = []
    for text in documents:
        lines = text.split("\n")
        briefs.append(lines[0])
        briefs += [line for line in lines[1:] if len(line.split()) >= MIN_BRIEF_TOKENS][:1]
    return briefs


def identifier(system: str):
    """(text -> language code, version) for one system, its model loaded."""
    from storyline.clean.language import identify_language
    from storyline.vocab.language import CANDIDATE_LANGUAGES, ENGLISH_FUNCTION_WORDS

    if system == "function words":
        def function_words(text: str) -> str:
            words = [word.lower() for word in WORD.findall(text[:20000])]
            share = sum(word in ENGLISH_FUNCTION_WORDS for word in words) / max(1, len(words))
            return "und" if len(words) >= 40 and share < 0.12 else "en"
        return function_words, "storyline 0.1.0 (before)"
    if system.startswith("py3langid"):
        import py3langid

        py3langid.classify("load the model")
        version = metadata.version("py3langid")
        if system == "py3langid":
            return (lambda text: py3langid.classify(text)[0]), version
        return identify_language, version
    from lingua import Language, LanguageDetectorBuilder

    def code(language) -> str:
        if language is None:
            return "und"
        found = language.iso_code_639_1.name.lower()
        return "no" if found == "nb" else found  # Bokmål: py3langid's and storyline's "no"

    version = metadata.version("lingua-language-detector")
    if system == "lingua":
        detector = LanguageDetectorBuilder.from_all_languages().build()
    else:
        detector = LanguageDetectorBuilder.from_languages(*(
            language for language in Language.all() if code(language) in CANDIDATE_LANGUAGES
        )).build()
    detector.detect_language_of("load the models")  # lingua loads models lazily

    if system == "lingua":
        return (lambda text: code(detector.detect_language_of(text))), version

    def probabilities(text: str) -> dict[str, float]:
        return {code(value.language): value.value
                for value in detector.compute_language_confidence_values(text)}
    return (lambda text: identify_language(text, probabilities)), version


def run_system(system: str, shared: Path, show_errors: bool) -> dict:
    """Child process body: one system over every set."""
    sets = load_sets(shared)
    rss_before = _max_rss_mb()
    started = time.perf_counter()
    try:
        identify, version = identifier(system)
    except ImportError:
        return {"system": system, "installed": False}
    load_seconds = time.perf_counter() - started
    result: dict = {"system": system, "version": version, "load_seconds": load_seconds,
                    "sets": {}, "installed": True}
    texts = seconds = 0.0
    for name, items in sets.items():
        started = time.perf_counter()
        found = [identify(text) for text, _ in items]
        seconds += time.perf_counter() - started
        texts += len(items)
        gold = [language for _, language in items]
        result["sets"][name] = {
            "count": len(items),
            "right": sum(f == g for f, g in zip(found, gold)),
            "not_english": sum(f != "en" for f in found)}
        if show_errors:
            result["sets"][name]["errors"] = [
                (f, text[:80].replace("\n", " ")) for f, g, (text, _) in zip(found, gold, items)
                if f != g]
    result["docs_per_second"] = texts / seconds
    result["max_rss_mb"], result["rss_before_mb"] = _max_rss_mb(), rss_before
    return result


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def report(results: list[dict]) -> str:
    counts = next(r["sets"] for r in results if r.get("installed"))
    lines = [
        "| system | version | " + " | ".join(f"{name} ({counts[name]['count']})" for name in SETS)
        + " | AEB other: not English | docs/s | load s | peak RSS MB (model) |",
        "|---|---|" + "---|" * (len(SETS) + 4)]
    for result in results:
        if not result.get("installed"):
            lines.append(f"| {result['system']} | not installed |" + " – |" * (len(SETS) + 4))
            continue
        sets = result["sets"]
        cells = [f"{sets[name]['right'] / sets[name]['count']:.1%}" for name in SETS]
        if result["system"] == "function words":
            cells[-1] = "–"  # it names no language
        other = sets["AEB other"]
        lines.append(
            f"| {result['system']} | {result['version']} | " + " | ".join(cells)
            + f" | {other['not_english'] / other['count']:.1%} | {result['docs_per_second']:,.0f}"
            f" | {result['load_seconds']:.2f} | {result['max_rss_mb']:.0f} "
            f"(+{result['max_rss_mb'] - result['rss_before_mb']:.0f}) |")
    lines.append("")
    lines.append("Share of texts given their right language (for English sets: called English). "
                 "English texts called something else, per system: " + "; ".join(
                     f"{r['system']} {sum(r['sets'][n]['not_english'] for n in SETS[:-1])}"
                     for r in results if r.get("installed")) + ".")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent
                                                / "shared"))
    parser.add_argument("--errors", action="store_true", help="list each wrong answer")
    parser.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    shared = Path(args.shared)
    needed = ("data/conll2003/eng.testa", "data/timeline17", "data/aeb/ground-truth.json")
    if not all((shared / path).exists() for path in needed):
        print(f"data not found under {shared}: nothing to measure (skipped).")
        return 0
    if args.child:
        print(json.dumps(run_system(args.child, shared, args.errors)))
        return 0
    results = []
    for system in SYSTEMS:
        command = [sys.executable, __file__, "--shared", str(shared), "--child", system]
        done = subprocess.run(command + (["--errors"] if args.errors else []),
                              capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout))
    print(report(results))
    if args.errors:
        for result in results:
            for name, scores in result.get("sets", {}).items():
                for found, text in scores.get("errors", []):
                    print(f"{result['system']} | {name} | {found} | {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
