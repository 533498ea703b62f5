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


_EPOCH = date(1970, 1, 1)
_MONTH = "date_diff('day', DATE '1970-01-01', date_trunc('month', event_date))"


@dataclass(frozen=True, slots=True)
class PairMonths:
    """Ordered pairs (source state -> target state) by month, or by pair only.

    `month` is the day the sums are anchored at, in days since 1970-01-01: the first of the
    month, or for pair-only sums the reference date. `evidence` sums c * 2^((date - anchor) /
    half-life) (the dyad's event mass), `cooperation`/`conflict` the same times the positive
    and negative x, `square` times x^2; `events` counts the events.
    """

    source: Codes
    target: Codes
    month: Ints
    cooperation: Floats
    conflict: Floats
    evidence: Floats
    square: Floats
    events: Ints

    def take(self, rows: npt.NDArray[np.bool_]) -> PairMonths:
        return PairMonths(
            self.source[rows],
            self.target[rows],
            self.month[rows],
            self.cooperation[rows],
            self.conflict[rows],
            self.evidence[rows],
            self.square[rows],
            self.events[rows],
        )


@dataclass(frozen=True, slots=True)
class ActorMonths:
    """Each state's media volume: the anchored sum of c over every done event it is a party
    to, with any partner or none (several rows may share an actor and month: they add up)."""

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


def load_evidence(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    *,
    intensity: Intensity,
    half_life_days: float,
    actors: frozenset[str] | None = None,
    monthly: bool = False,
) -> Evidence:
    """The selection's sums by ordered pair (and by month if `monthly`), for every state or
    only the pairs within `actors`, with the states' volumes and the pooled spread.

    One scan groups every selected event by (source state, target state[, month]), rows
    with a missing or repeated state included: the pairs, the volumes and (for every state)
    the pooled spread all come from it. Restricted to `actors`, the scan reads only their
    events and one more aggregate gives the pooled spread over every pair.
    """
    reference = reference_date(con, selection)
    where, params = selection.where()
    x = intensity_sql(intensity)
    if monthly:
        anchor, bucket = "date_trunc('month', event_date)", _MONTH
    else:
        anchor = f"DATE '{(reference or _EPOCH).isoformat()}'"
        bucket = str(((reference or _EPOCH) - _EPOCH).days)
    weight = f"confidence * pow(2.0, date_diff('day', {anchor}, event_date) / ?)"
    involve, involve_params = "", []
    if actors is not None:
        marks = ", ".join("?" for _ in actors)
        involve = f" AND (source_country IN ({marks}) OR target_country IN ({marks}))"
        involve_params = sorted(actors) * 2
    rows = con.execute(
        f"""
        SELECT coalesce(source_country, '') AS source, coalesce(target_country, '') AS target,
            {bucket} AS month, sum(a * greatest(x, 0)) AS cooperation,
            sum(a * greatest(-x, 0)) AS conflict, sum(a) AS evidence, sum(a * x * x) AS square,
            count(*) AS events
        FROM (SELECT *, {weight} AS a, {x} AS x FROM evidence_events WHERE {where}{involve})
        GROUP BY ALL ORDER BY ALL
        """,
        [half_life_days, *params, *involve_params],
    ).fetchnumpy()
    every = PairMonths(
        _codes(rows["source"]),
        _codes(rows["target"]),
        _ints(rows["month"]),
        _floats(rows["cooperation"]),
        _floats(rows["conflict"]),
        _floats(rows["evidence"]),
        _floats(rows["square"]),
        _ints(rows["events"]),
    )
    is_pair = (every.source != "") & (every.target != "") & (every.source != every.target)
    second = (every.target != "") & (every.target != every.source)
    first = every.source != ""
    volumes = ActorMonths(
        np.concatenate([every.source[first], every.target[second]]),
        np.concatenate([every.month[first], every.month[second]]),
        np.concatenate([every.evidence[first], every.evidence[second]]),
    )
    if actors is None:
        pairs = every.take(is_pair)
        found, inverse = np.unique(pairs.month, return_inverse=True)
        months = _ints(found)
        pooled_square = _floats(np.bincount(inverse, weights=pairs.square, minlength=len(found)))
        pooled_evidence = _floats(
            np.bincount(inverse, weights=pairs.evidence, minlength=len(found))
        )
    else:
        wanted = np.array(sorted(actors), dtype=object)
        pairs = every.take(is_pair & np.isin(every.source, wanted) & np.isin(every.target, wanted))
        keep = np.isin(volumes.actor, wanted)
        volumes = ActorMonths(volumes.actor[keep], volumes.month[keep], volumes.volume[keep])
        pooled = con.execute(
            f"""
            SELECT {bucket} AS month, sum(a * x * x) AS square, sum(a) AS evidence
            FROM (SELECT *, {weight} AS a, {x} AS x FROM evidence_events
                  WHERE {where} AND {_PAIR})
            GROUP BY ALL ORDER BY ALL
            """,
            [half_life_days, *params],
        ).fetchnumpy()
        months = _ints(pooled["month"])
        pooled_square, pooled_evidence = _floats(pooled["square"]), _floats(pooled["evidence"])
    return Evidence(pairs, volumes, months, pooled_square, pooled_evidence, reference, selection)


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
