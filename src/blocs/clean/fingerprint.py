"""Content fingerprints for duplicates: an exact hash and a MinHash signature.

Exact: the SHA-256 of the text with case and whitespace normalised, so the same body read
from HTML and from a text scrape gets the same id. Near: a MinHash over word 3-shingles,
banded for locality-sensitive hashing (16 bands of 8 rows: pairs above ~0.7 estimated
Jaccard share a band with high probability); candidates are then confirmed on the
estimated Jaccard similarity of the whole signatures.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
NEAR_DUPLICATE_SIMILARITY = 0.8
_WORD = re.compile(r"\w+")
_SEED = 20200626


def normalised_for_hash(text: str) -> str:
    return " ".join(text.casefold().split())


def content_hash(text: str) -> str:
    """Hex SHA-256 of the normalised text; its first 16 characters are the article id."""
    return hashlib.sha256(normalised_for_hash(text).encode("utf-8")).hexdigest()


@cache
def _scheme() -> MinHash:
    """An empty MinHash of the seed: its permutations, drawn once per process (drawing
    them costs more than hashing an article's shingles)."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED)


def minhash_signature(text: str) -> list[int]:
    """MinHash of the text's word 3-shingles (lower-cased), as `NUM_PERM` integers."""
    words = _WORD.findall(text.casefold())
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    scheme = _scheme()
    minhash = MinHash(
        num_perm=NUM_PERM, seed=_SEED, permutations=scheme.permutations, scheme=scheme.scheme
    )
    minhash.update_batch(list(shingles))
    return [int(v) for v in minhash.hashvalues]


def band_keys(signature: list[int]) -> list[int]:
    """One 63-bit bucket key per band (fits DuckDB's BIGINT)."""
    keys = []
    for band in range(BANDS):
        rows = np.asarray(signature[band * ROWS : (band + 1) * ROWS], dtype=np.uint64)
        digest = hashlib.blake2b(rows.tobytes() + bytes([band]), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return keys


def estimated_similarity(a: list[int], b: list[int]) -> float:
    """Share of equal MinHash values: an estimate of the Jaccard similarity of the shingles."""
    if len(a) != len(b) or not a:
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))
