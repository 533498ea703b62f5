"""Small hand-built stores for the report's tests: the model's (`tests/model/model_store.py`,
each blocs event its own article), with the title, outlet, URL and sentence a test needs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from blocs.store.db import Store

sys.path.insert(0, str(Path(__file__).parents[1] / "model"))

from model_store import Ev, write_events


@dataclass(frozen=True, slots=True)
class Brief:
    """One article stating one event: `source` does `plover` to `target` on `when`; an
    empty `title`, `outlet` or `sentence` keeps the model store's."""

    source: str
    target: str
    when: str  # YYYY-MM-DD
    goldstein: float
    plover: str = "CONSULT"
    modality: str = "asserted"
    title: str = ""
    outlet: str = ""
    url: str | None = None
    sentence: str = ""


def write_briefs(store: Store, briefs: Iterable[Brief]) -> None:
    """Each brief as an article and its one event (confidence 0.9), the i-th at
    `https://wire.example/i` unless it gives its own URL."""
    briefs = list(briefs)
    write_events(
        store,
        [Ev(b.source, b.target, b.when, b.goldstein, b.plover, 0.9, b.modality) for b in briefs],
    )
    articles = store.con.execute("SELECT article_id FROM articles ORDER BY rowid").fetchall()
    for i, ((article_id,), b) in enumerate(zip(articles, briefs, strict=True)):
        url = b.url if b.url is not None else f"https://wire.example/{i}"
        store.con.execute(
            "UPDATE articles SET url = ?, title = coalesce(nullif(?, ''), title),"
            " outlet = coalesce(nullif(?, ''), outlet) WHERE article_id = ?",
            [url, b.title, b.outlet, article_id],
        )
        if b.sentence:
            store.con.execute(
                "UPDATE articles SET text = ?, n_chars = ? WHERE article_id = ?",
                [b.sentence, len(b.sentence), article_id],
            )
            store.con.execute(
                "UPDATE events SET sentence = ?, end_char = ? WHERE article_id = ?",
                [b.sentence, len(b.sentence), article_id],
            )


StoreFactory = Callable[[Iterable[Brief]], Path]


def alignment_briefs() -> list[Brief]:
    """Two friendly pairs that turn hostile to each other, a dyad that cools from mid-2020
    (a change point), and outside states backing the two sides in Libya (camps)."""
    briefs = []
    for month in range(1, 13):
        day = f"2020-{month:02d}-10"
        briefs.append(Brief("FRA", "DEU", day, 4.0, "COOPERATE"))
        briefs.append(Brief("RUS", "BLR", day, 4.0, "COOPERATE"))
        briefs.append(Brief("FRA", "RUS", f"2020-{month:02d}-12", -4.0, "ACCUSE"))
        tone = 3.0 if month <= 6 else -6.0
        briefs.append(
            Brief("USA", "TUR", f"2020-{month:02d}-15", tone, "CONSULT" if tone > 0 else "ACCUSE")
        )
    briefs += [
        Brief("TUR", "LBYGOV", "2020-03-01", 5.0, "SUPPORT"),
        Brief("TUR", "LBYGOV", "2020-04-01", 7.0, "AID"),
        Brief("RUS", "LBYMIL", "2020-05-01", 5.0, "SUPPORT"),
        Brief("EGY", "LBYMIL", "2020-05-02", 5.0, "SUPPORT"),
    ]
    return briefs
