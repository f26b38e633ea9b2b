"""The AEB scorer, exact on tiny strings, and the CI gate on the first 40 AEB pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Config
from storyline.evaluation.aeb import (bootstrap_sd, evaluate, format_report, leaks, lede_kept,
                                      page_scores, precision_recall_f1, shingle_counts)

AEB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "aeb"
GATE_PAGES = 40
# Measured on these 40 pages: storyline 0.977, trafilatura defaults 0.951 (AEB runner 0.962).
GATE_F1 = 0.965


def test_shingles_are_token_4grams_with_counts():
    counts = shingle_counts("The cat, the cat; the cat sat.")
    assert counts[("The", "cat", "the", "cat")] == 1
    assert counts[("cat", "the", "cat", "sat")] == 1
    assert sum(counts.values()) == 4  # 7 tokens -> 4 shingles
    assert shingle_counts("two words") == {("two", "words"): 1}  # short texts: one shingle
    assert shingle_counts("") == {}


def test_page_scores_are_normalized_tp_fp_fn():
    assert page_scores("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    # gold shingles: abcd, bcde; predicted: abcd, bcdx -> tp 1, fp 1, fn 1
    assert page_scores("a b c d e", "a b c d x") == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert page_scores("a b c d e", "") == (0.0, 0.0, 1.0)
    assert page_scores("", "") == (0.0, 0.0, 0.0)


def test_precision_and_recall_are_averaged_over_pages_and_f1_from_the_averages():
    pages = [page_scores("a b c d e", "a b c d e"),   # P 1, R 1
             page_scores("a b c d e", "a b c d x"),   # P 0.5, R 0.5
             page_scores("a b c d e", "")]            # no precision (nothing predicted), R 0
    precision, recall, f1 = precision_recall_f1(pages)
    assert precision == pytest.approx(0.75)
    assert recall == pytest.approx(0.5)
    assert f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_bootstrap_is_seeded_and_zero_for_identical_pages():
    pages = [page_scores("a b c d e", "a b c d x")] * 5
    assert bootstrap_sd(pages, rounds=50) == (0.0, 0.0, 0.0)
    mixed = pages + [page_scores("a b c d e", "a b c d e")] * 5
    assert bootstrap_sd(mixed, rounds=50) == bootstrap_sd(mixed, rounds=50)
    assert bootstrap_sd(mixed, rounds=50)[2] > 0


def test_lede_and_leak_checks():
    lede = "The minister resigned on Friday after a week of protests in the capital."
    gold = f"MADRID — {lede}\n\nMore."
    assert lede_kept(gold, lede)  # a dateline set aside is not a lost lede
    assert not lede_kept(gold, "More.")
    assert leaks(["Photo: Jane Roe/Reuters", "AP"], "Text. Photo: Jane Roe / Reuters. More") == 1
    assert leaks(["Photo: Jane Roe/Reuters"], "Text only.") == 0


def test_report_marks_missing_extractors():
    result = {"pages": 1, "path": "x", "systems": {
        "storyline": {"version": "0.1.0", "precision": 1.0, "recall": 0.5, "f1": 2 / 3,
                      "precision_sd": 0.0, "recall_sd": 0.1, "f1_sd": 0.05, "lede_kept": 1.0,
                      "leaks": 0, "leak_pages": 0, "empty": 0, "pages_per_second": 3.0},
        "newspaper4k": {"version": "not installed", "installed": False}}}
    report = format_report(result)
    assert "| storyline | 0.1.0 | 1.0000 ± 0.0000 | 0.5000 ± 0.1000 | 0.6667 ± 0.0500 |" in report
    assert "| newspaper4k | not installed |" in report


@pytest.mark.gate
def test_gate_storyline_beats_the_floor_and_plain_trafilatura():
    if not (AEB / "ground-truth.json").exists():
        pytest.skip("../shared/data/aeb is absent")
    result = evaluate(str(AEB), Config(), limit=GATE_PAGES,
                      systems=("storyline", "trafilatura (defaults)"))
    ours, theirs = result["systems"]["storyline"], result["systems"]["trafilatura (defaults)"]
    assert result["pages"] == GATE_PAGES
    assert ours["f1"] >= GATE_F1, format_report(result)
    assert ours["f1"] >= theirs["f1"], format_report(result)
    assert ours["lede_kept"] >= theirs["lede_kept"] - 0.05, format_report(result)
    assert ours["empty"] == 0
    assert result["storyline_reading"]["refused"] == {}
