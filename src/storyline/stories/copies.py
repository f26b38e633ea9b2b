"""Wire copies: the same report reprinted by several outlets, lightly edited, counted once.

An article's body is cut into word shingles (`SHINGLE_WORDS` words in a row, case and
punctuation folded, so a changed quote mark or a new line break changes nothing) and summarized
by a MinHash of `PERMUTATIONS` values, whose share of equal values between two articles
estimates the Jaccard similarity of their shingle sets. Lookup is by locality-sensitive
hashing: the MinHash is cut into `BANDS` bands, each band's values hashed to one key in an
indexed table, and only the articles sharing a band key with the new one are compared, so
finding a copy never scans the store. An article whose estimated Jaccard with an earlier one
reaches `COPY_THRESHOLD` is a copy; the pair is recorded against the root original (a copy of a
copy points to the first report), and a trigger in the migration moves a root's copies with it
whenever clustering moves the root to another story.

The threshold, measured by `benchmarks/bench_copies.py` (tuned on all of its data, labelled so):
of 171 real article bodies (the Article Extraction Benchmark's ground truth) reprinted with a
dateline added and one sentence changed, 99.4% are found as copies (the 1st percentile of their
exact Jaccard is 0.52); pairs of articles on two incidents of one ECB+ topic never pass 0.023;
the real ECB+ reprints all pass it (0.51 to 0.97), while rewrites of one wire story that share
a few paragraphs (0.29 to 0.44) stay separate reports.

The MinHash is our own (below) rather than `datasketch`'s: the same algorithm (a universal hash
modulo the Mersenne prime 2^61 - 1 over 32-bit shingle hashes) in a few lines over numpy, at
1.35 ms a body against datasketch's 1.02 and the same error (`bench_copies.py --datasketch`),
without a new dependency; the storage and the band index have to be ours anyway (SQLite).
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..record import Article

SHINGLE_WORDS = 5
PERMUTATIONS = 126
BANDS = 42                       # of PERMUTATIONS // BANDS = 3 values each
COPY_THRESHOLD = 0.5             # estimated Jaccard of the shingle sets
# Below this many words a body is a caption or a brief, too short to call a reprint.
MIN_WORDS = 25
# Fixed, so MinHashes stored by one run compare with those of the next.
SEED = 20250611
MERSENNE_PRIME = (1 << 61) - 1
MAX_HASH = (1 << 32) - 1
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CopyGroup:
    """A report and its copies: the original's id first, then each copy's, in arrival order."""

    original: str
    articles: list[str]


def shingles(text: str) -> set[str]:
    """The body's runs of `SHINGLE_WORDS` words, lowercased (the whole text when shorter)."""
    tokens = WORD.findall(text.lower())
    if len(tokens) <= SHINGLE_WORDS:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def minhash(pieces: Iterable[str]) -> np.ndarray:
    """`PERMUTATIONS` 32-bit minimum hashes of the pieces (all `MAX_HASH` when there are none)."""
    digests = b"".join(hashlib.blake2b(piece.encode("utf-8"), digest_size=4).digest()
                       for piece in pieces)
    values = np.frombuffer(digests, dtype="<u4").astype(np.uint64)
    if not len(values):
        return np.full(PERMUTATIONS, MAX_HASH, dtype=np.uint32)
    generator = np.random.RandomState(SEED)  # the permutations: the same on every call
    a = generator.randint(1, MERSENNE_PRIME, size=PERMUTATIONS, dtype=np.uint64)
    b = generator.randint(0, MERSENNE_PRIME, size=PERMUTATIONS, dtype=np.uint64)
    # (a*x + b) mod p, wrapping in 64 bits as datasketch does, then cut to 32 bits.
    hashed = (np.outer(values, a) + b) % np.uint64(MERSENNE_PRIME) & np.uint64(MAX_HASH)
    return hashed.min(axis=0).astype(np.uint32)


def estimated_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    return float(np.mean(first == second))


def band_keys(signature: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (SQLite's integer), the band's number hashed in."""
    rows = PERMUTATIONS // BANDS
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + signature[band * rows:(band + 1) * rows]
                                           .tobytes(), digest_size=8).digest(), "little",
                           signed=True)
            for band in range(BANDS)]


def body_minhash(article: Article) -> np.ndarray | None:
    """The MinHash of the article's body; ``None`` when the body is too short to be a reprint."""
    if len(WORD.findall(article.text)) < MIN_WORDS:
        return None
    return minhash(shingles(article.text))


def original_of(db: sqlite3.Connection, pk: int, article: Article) -> int | None:
    """Store the article's MinHash and band keys; if it copies an earlier stored article,
    record the pair (against the root original) and return the original's row, else ``None``."""
    signature = body_minhash(article)
    if signature is None:
        return None
    keys = band_keys(signature)
    marks = ",".join("?" * len(keys))
    candidates = [row[0] for row in db.execute(
        f"SELECT DISTINCT article_pk FROM copy_bands WHERE key IN ({marks}) AND article_pk != ?",
        (*keys, pk))]
    db.execute("INSERT INTO minhashes (article_pk, signature) VALUES (?, ?)",
               (pk, signature.tobytes()))
    db.executemany("INSERT OR IGNORE INTO copy_bands (key, article_pk) VALUES (?, ?)",
                   [(key, pk) for key in keys])
    scores: dict[int, float] = {}
    for start in range(0, len(candidates), 500):
        chunk = candidates[start:start + 500]
        for other, blob in db.execute(
                f"SELECT article_pk, signature FROM minhashes WHERE article_pk IN "
                f"({','.join('?' * len(chunk))})", chunk):
            scores[other] = estimated_jaccard(signature, np.frombuffer(blob, dtype=np.uint32))
    alike = [(other, score) for other, score in scores.items() if score >= COPY_THRESHOLD]
    if not alike:
        return None
    best, best_score = min(alike, key=lambda item: (-item[1], item[0]))  # ties: the earlier
    root = db.execute("SELECT original_pk FROM copies WHERE article_pk = ?", (best,)).fetchone()
    original = root[0] if root else best
    db.execute("INSERT INTO copies (article_pk, original_pk, similarity) VALUES (?, ?, ?)",
               (pk, original, best_score))
    return original


def copy_map(db: sqlite3.Connection, story_ids: Iterable[int]) -> dict[str, str]:
    """Each copy's record id -> its original's record id, for the copies in these stories."""
    found: dict[str, str] = {}
    ids = list(story_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found.update(db.execute(
            f"SELECT copy.id, original.id FROM copies "
            f"JOIN articles copy ON copy.pk = copies.article_pk "
            f"JOIN articles original ON original.pk = copies.original_pk "
            f"WHERE copy.story_id IN ({','.join('?' * len(chunk))}) ORDER BY copy.pk", chunk))
    return found


def groups_of(copies: dict[str, str], order: Iterable[str]) -> list[CopyGroup]:
    """The groups of two or more, from a copy map, with members in the given `order` of ids."""
    members: dict[str, list[str]] = defaultdict(list)
    rank = {article: n for n, article in enumerate(order)}
    for copy, original in copies.items():
        members[original].append(copy)
    return [CopyGroup(original, [original] + sorted(found, key=lambda a: rank.get(a, len(rank))))
            for original, found in sorted(members.items(),
                                          key=lambda item: rank.get(item[0], len(rank)))]


def copy_groups(db: sqlite3.Connection, story_id: int) -> list[CopyGroup]:
    """The story's reports that were reprinted, each with its copies (arrival order)."""
    order = [row[0] for row in db.execute("SELECT id FROM articles WHERE story_id = ? ORDER BY pk",
                                          (story_id,))]
    return groups_of(copy_map(db, [story_id]), order)
