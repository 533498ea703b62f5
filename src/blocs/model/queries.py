"""Loading evidence from the store for the alignment model.

Every query reads the `evidence_events` view (migration 4) and nothing else. Scores are sums,
so the queries aggregate in DuckDB by pair and month (or actor and month) and Python only sees
one row per pair-month, however many events the store holds. Decay stays exact to the day
through an anchor: each event's weight is summed as c * 2^((date - month start) / half-life),
and multiplying the monthly sum by 2^(-(reference - month start) / half-life) later gives
every event its own 2^(-(reference - date) / half-life).

Only events the text says happened count (`done`: asserted or reported, and every imported
event); hypothetical, future and negated ones are counted apart, for the drill-down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt

from blocs.model.errors import ModelError
from blocs.model.weights import Intensity, intensity_sql

ALL_ORIGINS = ("blocs", "gdelt1", "gdelt2", "icews", "phoenix")
SOURCE_NAMES: dict[str, tuple[str, ...]] = {
    "blocs": ("blocs",),
    "gdelt": ("gdelt1", "gdelt2"),
    "gdelt1": ("gdelt1",),
    "gdelt2": ("gdelt2",),
    "icews": ("icews",),
    "phoenix": ("phoenix",),
}
VOTES_SOURCE = "unga"

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.object_]


def parse_sources(value: str | None) -> tuple[tuple[str, ...], bool]:
    """`blocs,gdelt` -> the origins of `evidence_events` to read, and whether UNGA votes were
    asked for (`unga`). None or `all` reads every event origin and no votes."""
    if value is None or value.strip().lower() in {"", "all"}:
        return ALL_ORIGINS, False
    origins: list[str] = []
    votes = False
    for name in (part.strip().lower() for part in value.split(",")):
        if name == VOTES_SOURCE:
            votes = True
        elif name in SOURCE_NAMES:
            origins += [o for o in SOURCE_NAMES[name] if o not in origins]
        elif name != "all":
            known = ", ".join([*SOURCE_NAMES, VOTES_SOURCE, "all"])
            raise ModelError(f"unknown source {name!r}: use one of {known}, or a comma list")
        else:
            origins += [o for o in ALL_ORIGINS if o not in origins]
    return tuple(origins), votes


@dataclass(frozen=True, slots=True)
class Selection:
    """Which evidence a model reads: the origins and an inclusive period of event dates."""

    origins: tuple[str, ...] = ALL_ORIGINS
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ModelError(f"since {self.since} is after until {self.until}")

    def where(self, *, done: bool = True, undated: bool = False) -> tuple[str, list[Any]]:
        """SQL conditions over `evidence_events` (done events, or with `done=False` the
        others; of these origins; dated and in the period, or with `undated` also events
        with no date at all) and their parameters."""
        marks = ", ".join("?" for _ in self.origins) or "NULL"
        clauses = ["done" if done else "NOT done", f"origin IN ({marks})"]
        params: list[Any] = list(self.origins)
        period = ["event_date IS NOT NULL"]
        if self.since:
            period.append("event_date >= ?")
            params.append(self.since)
        if self.until:
            period.append("event_date <= ?")
            params.append(self.until)
        dated = " AND ".join(period)
        clauses.append(f"(event_date IS NULL OR ({dated}))" if undated else dated)
        return " AND ".join(clauses), params

    def to_json(self) -> dict[str, Any]:
        return {
            "sources": list(self.origins),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


_MONTH = "date_diff('day', DATE '1970-01-01', date_trunc('month', event_date))"
_ANCHORED = (
    "confidence * pow(2.0, date_diff('day', date_trunc('month', event_date), event_date) / ?)"
)


@dataclass(frozen=True, slots=True)
class PairMonths:
    """Ordered pairs (source state -> target state) by month, anchored at the month's start.

    `month` is the first day of the month in days since 1970-01-01; `evidence` sums c (the
    dyad's event mass), `cooperation`/`conflict` the positive and negative c * x, `square`
    c * x^2; `events` counts the events.
    """

    source: Codes
    target: Codes
    month: Ints
    cooperation: Floats
    conflict: Floats
    evidence: Floats
    square: Floats
    events: Ints


@dataclass(frozen=True, slots=True)
class ActorMonths:
    """Each state's media volume by month: the anchored sum of c over every done event it is
    a party to, with any partner or none."""

    actor: Codes
    month: Ints
    volume: Floats


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the scores need, already aggregated; `pooled` sums `square` and `evidence` over
    every pair by month (the spread of event intensities in the whole selection)."""

    pairs: PairMonths
    actors: ActorMonths
    pooled_month: Ints
    pooled_square: Floats
    pooled_evidence: Floats
    reference: date | None
    selection: Selection


_PAIR = (
    "source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country"
)


def _actor_filter(actors: frozenset[str] | None, columns: tuple[str, ...]) -> tuple[str, list[Any]]:
    if actors is None:
        return "", []
    marks = ", ".join("?" for _ in actors)
    return (
        "".join(f" AND {c} IN ({marks})" for c in columns),
        [a for _ in columns for a in sorted(actors)],
    )


def load_evidence(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    *,
    intensity: Intensity,
    half_life_days: float,
    actors: frozenset[str] | None = None,
) -> Evidence:
    """Pair-months and actor-months of the selection: of every state, or only the pairs
    within `actors` and their volumes (the pooled spread always covers every pair)."""
    where, params = selection.where()
    x = intensity_sql(intensity)
    pair_filter, pair_params = _actor_filter(actors, ("source_country", "target_country"))
    pairs = con.execute(
        f"""
        SELECT source_country AS source, target_country AS target, {_MONTH} AS month,
            sum(a * greatest(x, 0)) AS cooperation, sum(a * greatest(-x, 0)) AS conflict,
            sum(a) AS evidence, sum(a * x * x) AS square, count(*) AS events
        FROM (SELECT *, {_ANCHORED} AS a, {x} AS x FROM evidence_events
              WHERE {where} AND {_PAIR}{pair_filter})
        GROUP BY ALL ORDER BY ALL
        """,
        [half_life_days, *params, *pair_params],
    ).fetchnumpy()
    actor_filter, actor_params = _actor_filter(actors, ("actor",))
    volumes = con.execute(
        f"""
        WITH e AS (SELECT source_country, target_country, event_date, {_ANCHORED} AS a
                   FROM evidence_events WHERE {where})
        SELECT actor, {_MONTH} AS month, sum(a) AS volume FROM (
            SELECT source_country AS actor, event_date, a FROM e
            WHERE source_country IS NOT NULL
            UNION ALL
            SELECT target_country, event_date, a FROM e
            WHERE target_country IS NOT NULL
              AND target_country IS DISTINCT FROM source_country)
        WHERE TRUE{actor_filter}
        GROUP BY ALL ORDER BY ALL
        """,
        [half_life_days, *params, *actor_params],
    ).fetchnumpy()
    pooled = con.execute(
        f"""
        SELECT {_MONTH} AS month, sum(a * x * x) AS square, sum(a) AS evidence
        FROM (SELECT *, {_ANCHORED} AS a, {x} AS x FROM evidence_events
              WHERE {where} AND {_PAIR})
        GROUP BY ALL ORDER BY ALL
        """,
        [half_life_days, *params],
    ).fetchnumpy()
    return Evidence(
        PairMonths(
            _codes(pairs["source"]),
            _codes(pairs["target"]),
            _ints(pairs["month"]),
            _floats(pairs["cooperation"]),
            _floats(pairs["conflict"]),
            _floats(pairs["evidence"]),
            _floats(pairs["square"]),
            _ints(pairs["events"]),
        ),
        ActorMonths(_codes(volumes["actor"]), _ints(volumes["month"]), _floats(volumes["volume"])),
        _ints(pooled["month"]),
        _floats(pooled["square"]),
        _floats(pooled["evidence"]),
        reference_date(con, selection),
        selection,
    )


def _codes(column: Any) -> Codes:
    return np.asarray(column, dtype=object)


def _ints(column: Any) -> Ints:
    return np.asarray(column, dtype=np.int64)


def _floats(column: Any) -> Floats:
    return np.asarray(column, dtype=np.float64)


def reference_date(con: duckdb.DuckDBPyConnection, selection: Selection) -> date | None:
    """The date scores are taken at by default: `until`, else the latest selected event."""
    if selection.until:
        return selection.until
    where, params = selection.where()
    row = con.execute(f"SELECT max(event_date) FROM evidence_events WHERE {where}", params)
    found = row.fetchone()
    return found[0] if found else None


_EVENT_COLUMNS = (
    "event_id, origin, event_date, date_precision, source, source_country, target,"
    " target_country, plover, cameo, quad_class, goldstein, modality, confidence, issue,"
    " article_id, sentence_index, sentence, url, outlet, title"
)


def pair_events(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    a: str,
    b: str,
    *,
    intensity: Intensity,
    half_life_days: float,
    reference: date,
) -> list[dict[str, Any]]:
    """Every counted event between `a` and `b` (either direction) with its weight c * x and
    its decay at `reference`, newest first."""
    where, params = selection.where()
    cursor = con.execute(
        f"""
        SELECT {_EVENT_COLUMNS}, confidence * {intensity_sql(intensity)} AS weight,
            pow(2.0, -date_diff('day', event_date, ?) / ?) AS decay
        FROM evidence_events
        WHERE {where} AND ((source_country = ? AND target_country = ?)
                        OR (source_country = ? AND target_country = ?))
        ORDER BY event_date DESC, event_id
        """,
        [reference, half_life_days, *params, a, b, b, a],
    )
    names = [c[0] for c in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def not_done_counts(
    con: duckdb.DuckDBPyConnection, selection: Selection, a: str, b: str
) -> dict[str, int]:
    """Events between `a` and `b` in the selection that do not count: by modality."""
    where, params = selection.where(done=False)
    rows = con.execute(
        f"""
        SELECT modality, count(*) FROM evidence_events
        WHERE {where} AND ((source_country = ? AND target_country = ?)
                        OR (source_country = ? AND target_country = ?))
        GROUP BY ALL ORDER BY ALL
        """,
        [*params, a, b, b, a],
    ).fetchall()
    return {str(m): int(n) for m, n in rows}
