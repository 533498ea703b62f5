"""Small hand-built stores for the report's tests: each brief an article and its one event,
written straight into a real DuckDB file, with the title, outlet, URL and sentence a test needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from blocs.store.db import Store

QUAD = {"CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "ACCUSE": 3, "SANCTION": 4}


@dataclass(frozen=True, slots=True)
class Brief:
    """One article stating one event: `source` does `plover` to `target` on `when`."""

    source: str
    target: str
    when: str  # YYYY-MM-DD
    goldstein: float
    plover: str = "CONSULT"
    modality: str = "asserted"
    title: str = ""
    outlet: str = "Test Wire"
    url: str | None = None
    sentence: str = ""

    @staticmethod
    def country(code: str) -> str:
        """`LBYGOV` -> `LBY`; `FRA`, `NATO` stay."""
        return code[:3] if len(code) > 4 else code


def write_briefs(store: Store, briefs: Iterable[Brief]) -> None:
    """Each brief as an article and its one event, straight into the store's tables."""
    now = datetime.now(UTC)
    for i, b in enumerate(briefs):
        article_id = f"{i:016x}"
        sentence = b.sentence or f"{b.source} {b.plover.lower()}s {b.target} (brief {i})."
        store.con.execute(
            "INSERT INTO articles (article_id, content_hash, title, outlet, url, published,"
            " language, genre, media_type, text, n_chars, n_sentences, minhash, run_id,"
            " blocs_version, created_at) VALUES (?, ?, ?, ?, ?, ?, 'en', 'news', 'text', ?, ?,"
            " 1, [], 't', 't', ?)",
            [
                article_id,
                article_id * 4,
                b.title or f"Brief {i}",
                b.outlet,
                b.url if b.url is not None else f"https://wire.example/{i}",
                date.fromisoformat(b.when),
                sentence,
                len(sentence),
                now,
            ],
        )
        store.con.execute(
            "INSERT INTO events (event_id, article_id, sentence_index, sentence, start_char,"
            " end_char, trigger, source, source_country, target, target_country, plover, cameo,"
            " quad_class, goldstein, modality, event_date, date_precision, confidence,"
            " extractor_version, run_id, blocs_version)"
            " VALUES (?, ?, 0, ?, 0, ?, 'x', ?, ?, ?, ?, ?, '040', ?, ?, ?, ?, 'day', 0.9,"
            " 't', 't', 't')",
            [
                f"e{i:015x}",
                article_id,
                sentence,
                len(sentence),
                b.source,
                b.country(b.source),
                b.target,
                b.country(b.target),
                b.plover,
                QUAD.get(b.plover, 1),
                b.goldstein,
                b.modality,
                b.when,
            ],
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
