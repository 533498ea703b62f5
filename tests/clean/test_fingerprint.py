"""blocs.clean.fingerprint: signatures stay comparable with those stores already hold."""

from __future__ import annotations

from datasketch import MinHash

from blocs.clean.fingerprint import NUM_PERM, estimated_similarity, minhash_signature

TEXT = "France and Russia held consultations on strategic stability in Paris on Friday."


def test_a_signature_is_the_one_a_freshly_seeded_minhash_gives() -> None:
    words = TEXT.casefold().replace(".", "").split()
    fresh = MinHash(num_perm=NUM_PERM, seed=20200626)
    fresh.update_batch({" ".join(words[i : i + 3]).encode() for i in range(len(words) - 2)})
    assert minhash_signature(TEXT) == [int(v) for v in fresh.hashvalues]


def test_signatures_are_those_of_earlier_versions() -> None:
    """Values a store written before the permutations were drawn once per process holds."""
    signature = minhash_signature(TEXT)
    assert signature[:4] == [299454901, 324458609, 265206219, 569123094]
    assert sum(signature) == 50050045717


def test_two_texts_get_their_own_signatures_in_one_process() -> None:
    other = minhash_signature("Turkey backs the Government of National Accord in Libya.")
    again = minhash_signature(TEXT)
    assert again == minhash_signature(TEXT)
    assert estimated_similarity(again, other) < 0.2
