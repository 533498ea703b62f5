"""The PLV scorer: span overlap, symmetric roots, YIELD, the figures of the README."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from blocs.errors import EvalError
from blocs.eval.plv import PlvGold, load_plv_gold, score_plv, words


def gold(plover: str = "ACCUSE", quad: int = 3) -> PlvGold:
    text = "The American Civil Liberties Union is suing the FBI for records."
    return PlvGold("plv-1", text, "The American Civil Liberties Union", "FBI", plover, quad)


def event(source: str, target: str, plover: str = "ACCUSE", quad: int = 3) -> dict[str, Any]:
    return {
        "doc_id": "plv-1",
        "source_text": source,
        "target_text": target,
        "plover": plover,
        "quad_class": quad,
    }


def test_overlap_ignores_the_listed_function_words() -> None:
    assert words("the Union of the Republic") == {"union", "republic"}
    assert words("of the") == frozenset()


def test_a_pair_is_found_when_both_spans_share_a_word() -> None:
    score = score_plv([gold()], [event("Civil Liberties Union", "the FBI")])
    assert score.pair_found == 1.0 and score.pair_and_type == 1.0
    assert score.quad_when_found == 1.0 and score.events_per_sentence == 1.0


def test_a_reversed_pair_counts_only_for_symmetric_roots() -> None:
    reversed_pair = [event("FBI", "Union", "CONSULT", 1)]
    assert score_plv([gold()], reversed_pair).pair_found == 0.0
    assert score_plv([gold("CONSULT", 1)], reversed_pair).pair_and_type == 1.0


def test_yield_accepts_concede_and_retreat() -> None:
    score = score_plv([gold("YIELD", 2)], [event("Union", "FBI", "RETREAT", 2)])
    assert score.pair_and_type == 1.0


def test_a_wrong_type_is_found_but_not_typed() -> None:
    score = score_plv([gold()], [event("Union", "FBI", "REJECT"), event("FBI", "Union")])
    assert score.pair_found == 1.0 and score.pair_and_type == 0.0
    assert score.type_when_found == 0.0 and score.events_per_sentence == 2.0


def test_a_malformed_line_names_its_place(tmp_path: Path) -> None:
    path = tmp_path / "plv.jsonl"
    path.write_text(json.dumps({"id": "plv-1", "text": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"plv\.jsonl:1"):
        load_plv_gold(path)
