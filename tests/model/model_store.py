"""Small hand-built stores for the alignment model's tests: events written straight into a
real DuckDB file (blocs' own `events` + `articles`, or imported `coded_events`), read back
through the `evidence_events` view as the model always reads them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from blocs.store.db import Store

PLOVER_QUAD = {
    "CONSULT": 1,
    "AGREE": 1,
    "SUPPORT": 1,
    "COOPERATE": 2,
    "AID": 2,
    "ACCUSE": 3,
    "THREATEN": 3,
    "SANCTION": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}


@dataclass(frozen=True, slots=True)
class Ev:
    """One event; `source`/`target` are actor codes, their first three letters the state."""

    source: str
    target: str
    when: str  # YYYY-MM-DD
    goldstein: float
    plover: str = "CONSULT"
    confidence: float = 1.0
    modality: str = "asserted"
    origin: str = "blocs"
    issue: str | None = None  # the event's place: ISO3 (imported) or a name (blocs)
    article: str | None = None  # events of one article share it (and its one sentence)

    @staticmethod
    def country(code: str) -> str:
        """`LBYGOV` -> `LBY` (a state plus an agent code); `FRA`, `NATO`, `EU` stay."""
        return code[:3] if len(code) > 4 else code


def _id(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def write_events(store: Store, events: Iterable[Ev]) -> None:
    now = datetime.now(UTC)
    written: dict[str, str] = {}  # article id -> its one sentence
    for i, e in enumerate(events):
        event_id = _id(i, e)
        quad = PLOVER_QUAD.get(e.plover, 1 if e.goldstein >= 0 else 3)
        sentence = f"{e.source} {e.plover.lower()}s {e.target} ({i})."
        if e.origin != "blocs":
            store.con.execute(
                "INSERT INTO coded_events (event_id, origin, source_file, row_number, event_date,"
                " source, source_country, target, target_country, cameo, cameo_root, quad_class,"
                " goldstein, plover, issue, import_id, imported_at, blocs_version)"
                " VALUES (?, ?, 'test.tsv', ?, ?, ?, ?, ?, ?, '040', '04', ?, ?, ?, ?, 't', ?,"
                " 't')",
                [
                    f"{e.origin}:{event_id}",
                    e.origin,
                    i + 1,
                    date.fromisoformat(e.when),
                    e.source,
                    e.country(e.source),
                    e.target,
                    e.country(e.target),
                    quad,
                    e.goldstein,
                    e.plover,
                    e.issue,
                    now,
                ],
            )
            continue
        article_id = e.article or event_id
        if article_id in written:
            sentence = written[article_id]
        else:
            written[article_id] = sentence
            store.con.execute(
                "INSERT INTO articles (article_id, content_hash, title, outlet, url, published,"
                " language, genre, media_type, text, n_chars, n_sentences, minhash, run_id,"
                " blocs_version, created_at) VALUES (?, ?, ?, 'Test Wire', ?, ?, 'en', 'news',"
                " 'text', ?, ?, 1, [], 't', 't', ?)",
                [
                    article_id,
                    article_id + "h",
                    f"Brief {i}",
                    f"https://test.example/{i}",
                    date.fromisoformat(e.when),
                    sentence,
                    len(sentence),
                    now,
                ],
            )
        store.con.execute(
            "INSERT INTO events (event_id, article_id, sentence_index, sentence, start_char,"
            " end_char, trigger, source, source_country, target, target_country, plover, cameo,"
            " quad_class, goldstein, modality, event_date, date_precision, confidence, issue,"
            " extractor_version, run_id, blocs_version)"
            " VALUES (?, ?, 0, ?, 0, ?, 'x', ?, ?, ?, ?, ?, '040', ?, ?, ?, ?, 'day', ?, ?,"
            " 't', 't', 't')",
            [
                event_id,
                article_id,
                sentence,
                len(sentence),
                e.source,
                e.country(e.source),
                e.target,
                e.country(e.target),
                e.plover,
                quad,
                e.goldstein,
                e.modality,
                e.when,
                e.confidence,
                e.issue,
            ],
        )


StoreFactory = Callable[[Iterable[Ev]], Path]
