"""Loading evidence from the store for the alignment model.

Every query reads the `evidence_events` view (migration 4), or the pre-aggregated tables made
from it (`store/aggregates.py`: `evidence_months` by pair and month, `evidence_pair_events`
by pair) when those are fresh and can answer exactly. Scores are sums, so the queries
aggregate in DuckDB by pair and month (or actor and month) and Python only sees one row per
pair-month, however many events the store holds. Decay stays exact to the day through an
anchor: each event's weight is summed as c * 2^((date - month start) / half-life), and
multiplying the monthly sum by 2^(-(reference - month start) / half-life) later gives
every event its own 2^(-(reference - date) / half-life).

Only events the text says happened count (`done`: asserted or reported, and every imported
event); hypothetical, future and negated ones are counted apart, for the drill-down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt

from blocs.errors import ModelError
from blocs.model.weights import Intensity, intensity_sql
from blocs.store.aggregates import HALF_LIFE_DAYS, ensure_fresh
from blocs.store.event_queries import counted_once, repeats_apply

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
        once = counted_once(self.origins)
        if once:
            clauses.append(once)
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

    `source` and `target` index `Evidence.names`. `month` is the day the sums are anchored
    at, in days since 1970-01-01: the first of the month, or for pair-only sums the
    reference date. `evidence` sums c * 2^((date - anchor) / half-life) (the dyad's event
    mass), `cooperation`/`conflict` the same times the positive and negative x, `square`
    times x^2; `events` counts the events. A pair and month may take several rows: they add.
    """

    source: Ints
    target: Ints
    month: Ints
    cooperation: Floats
    conflict: Floats
    evidence: Floats
    square: Floats
    events: Ints

    @staticmethod
    def of_rows(source: Ints, target: Ints, rows: dict[str, Any]) -> PairMonths:
        """The sums of a query's columns (month, cooperation ... events) for these pairs."""
        return PairMonths(
            source,
            target,
            _ints(rows["month"]),
            _floats(rows["cooperation"]),
            _floats(rows["conflict"]),
            _floats(rows["evidence"]),
            _floats(rows["square"]),
            _ints(rows["events"]),
        )

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
    to, with any partner or none (several rows may share an actor and month: they add up).
    `actor` indexes `Evidence.names`."""

    actor: Ints
    month: Ints
    volume: Floats


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the scores need, already aggregated; `names` are the state codes, sorted (so
    that ordering by index is ordering by code; '' stands for a missing state); `pooled`
    sums `square` and `evidence` over every pair by month (the spread of event intensities
    in the whole selection)."""

    names: Codes
    pairs: PairMonths
    actors: ActorMonths
    pooled_month: Ints
    pooled_square: Floats
    pooled_evidence: Floats
    reference: date | None
    selection: Selection


@dataclass(frozen=True, slots=True)
class DyadMonths:
    """Unordered pairs of two different states by month, both directions summed: `low` and
    `high` index `Evidence.names`, `low` < `high`; the sums of `PairMonths` but x^2. A pair
    and month may take several rows: they add."""

    low: Ints
    high: Ints
    month: Ints
    cooperation: Floats
    conflict: Floats
    evidence: Floats
    events: Ints


@dataclass(frozen=True, slots=True)
class DyadEvidence:
    """`Evidence` by month with unordered pairs: what every pair's monthly series need."""

    names: Codes
    pairs: DyadMonths
    actors: ActorMonths
    pooled_month: Ints
    pooled_square: Floats
    pooled_evidence: Floats
    reference: date | None
    selection: Selection


_PAIR = (
    "source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country"
)


def _aggregated(selection: Selection, half_life_days: float) -> bool:
    """Whether `evidence_months` can answer the selection exactly: its half-life, and a
    period of whole months (or none)."""
    whole_since = selection.since is None or selection.since.day == 1
    whole_until = (
        selection.until is None
        or (selection.until + timedelta(days=1)).month != selection.until.month
    )
    return half_life_days == HALF_LIFE_DAYS and whole_since and whole_until


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
    the pooled spread all come from it. It reads `evidence_months` when that can answer
    exactly (`_aggregated`) and is fresh (`store/aggregates.py`), else `evidence_events`.
    """
    if (
        _aggregated(selection, half_life_days)
        and not repeats_apply(con, selection.origins)
        and ensure_fresh(con)
    ):
        found = _from_months(con, selection, intensity, actors, monthly)
    else:
        found = _from_events(con, selection, intensity, half_life_days, actors, monthly)
    return _evidence(*found, actors, selection)


def load_dyad_evidence(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    *,
    intensity: Intensity,
    half_life_days: float,
    actors: frozenset[str] | None = None,
) -> DyadEvidence:
    """`load_evidence` by month with unordered pairs: from the tables of migration 10 when
    `evidence_months` could answer (they are refreshed with it), else from `load_evidence`."""
    if (
        _aggregated(selection, half_life_days)
        and not repeats_apply(con, selection.origins)
        and ensure_fresh(con)
    ):
        return _dyads_from_months(con, selection, intensity, actors)
    found = load_evidence(
        con,
        selection,
        intensity=intensity,
        half_life_days=half_life_days,
        actors=actors,
        monthly=True,
    )
    p = found.pairs
    pairs = DyadMonths(
        np.minimum(p.source, p.target),
        np.maximum(p.source, p.target),
        p.month,
        p.cooperation,
        p.conflict,
        p.evidence,
        p.events,
    )
    return DyadEvidence(
        found.names,
        pairs,
        found.actors,
        found.pooled_month,
        found.pooled_square,
        found.pooled_evidence,
        found.reference,
        selection,
    )


def _dyads_from_months(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    intensity: Intensity,
    actors: frozenset[str] | None,
) -> DyadEvidence:
    where, params = _month_where(selection)
    names, rank, ids = _month_names(con, actors)
    reference = _month_reference(con, selection, where, params)
    p = "g" if intensity == "goldstein" else "q"
    pair_involve = state_involve = ""
    involve_params: list[Any] = []
    if actors is not None:
        marks = ", ".join("?" for _ in ids) or "NULL"
        pair_involve = f" AND low_id IN ({marks}) AND high_id IN ({marks})"
        state_involve = f" AND actor_id IN ({marks})"
        involve_params = ids
    rows = con.execute(
        f"""
        SELECT low_id, high_id, month, {p}_cooperation AS cooperation,
            {p}_conflict AS conflict, evidence, events
        FROM evidence_dyad_months WHERE {where}{pair_involve}
        """,
        [*params, *involve_params * 2],
    ).fetchnumpy()
    low, high = rank[_ints(rows["low_id"])], rank[_ints(rows["high_id"])]
    pairs = DyadMonths(
        np.minimum(low, high),
        np.maximum(low, high),
        _ints(rows["month"]),
        _floats(rows["cooperation"]),
        _floats(rows["conflict"]),
        _floats(rows["evidence"]),
        _ints(rows["events"]),
    )
    states = con.execute(
        f"SELECT actor_id, month, volume FROM evidence_state_months WHERE {where}{state_involve}",
        [*params, *involve_params],
    ).fetchnumpy()
    volumes = ActorMonths(
        rank[_ints(states["actor_id"])], _ints(states["month"]), _floats(states["volume"])
    )
    pooled = con.execute(
        f"""
        SELECT month, sum({p}_square) AS square, sum(evidence) AS evidence
        FROM evidence_pooled_months WHERE {where} GROUP BY month ORDER BY month
        """,
        params,
    ).fetchnumpy()
    return DyadEvidence(
        names,
        pairs,
        volumes,
        _ints(pooled["month"]),
        _floats(pooled["square"]),
        _floats(pooled["evidence"]),
        reference,
        selection,
    )


def _month_names(
    con: duckdb.DuckDBPyConnection, actors: frozenset[str] | None
) -> tuple[Codes, Ints, list[int]]:
    """The state codes of the model (those of `evidence_actors` and `actors`, sorted), each
    `evidence_actors` id's index among them, and the ids of `actors`."""
    table = con.execute("SELECT actor_id, code FROM evidence_actors").fetchnumpy()
    table_ids, table_codes = _ints(table["actor_id"]), _codes(table["code"])
    names = np.unique(np.concatenate([table_codes, np.array(sorted(actors or ()), object)]))
    rank = np.zeros(int(table_ids.max(initial=0)) + 1, dtype=np.int64)
    rank[table_ids] = np.searchsorted(names, table_codes)
    wanted = (
        []
        if actors is None
        else [int(i) for i, c in zip(table_ids, table_codes, strict=True) if c in actors]
    )
    return _codes(names), rank, wanted


def _month_reference(
    con: duckdb.DuckDBPyConnection, selection: Selection, where: str, params: list[Any]
) -> date | None:
    """`until`, else the latest day of the selected buckets."""
    if selection.until:
        return selection.until
    found = con.execute(f"SELECT max(last_day) FROM evidence_months WHERE {where}", params)
    last = found.fetchone()
    return _EPOCH + timedelta(days=int(last[0])) if last and last[0] is not None else None


def _anchor(reference: date | None, monthly: bool) -> tuple[str, str]:
    if monthly:
        return "date_trunc('month', event_date)", _MONTH
    return f"DATE '{(reference or _EPOCH).isoformat()}'", str(((reference or _EPOCH) - _EPOCH).days)


def _from_events(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    intensity: Intensity,
    half_life_days: float,
    actors: frozenset[str] | None,
    monthly: bool,
) -> tuple[date | None, PairMonths, Codes, dict[str, Any] | None]:
    reference = reference_date(con, selection)
    where, params = selection.where()
    x = intensity_sql(intensity)
    anchor, bucket = _anchor(reference, monthly)
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
    source, target = _codes(rows["source"]), _codes(rows["target"])
    names = np.unique(np.concatenate([source, target, np.array(sorted(actors or ()), object)]))
    every = PairMonths.of_rows(
        _ints(np.searchsorted(names, source)), _ints(np.searchsorted(names, target)), rows
    )
    pooled = None
    if actors is not None:
        pooled = con.execute(
            f"""
            SELECT {bucket} AS month, sum(a * x * x) AS square, sum(a) AS evidence
            FROM (SELECT *, {weight} AS a, {x} AS x FROM evidence_events
                  WHERE {where} AND {_PAIR})
            GROUP BY ALL ORDER BY ALL
            """,
            [half_life_days, *params],
        ).fetchnumpy()
    return reference, every, _codes(names), pooled


def _month_where(selection: Selection) -> tuple[str, list[Any]]:
    marks = ", ".join("?" for _ in selection.origins) or "NULL"
    clauses, params = [f"origin IN ({marks})"], list[Any](selection.origins)
    if selection.since:
        clauses.append("month >= ?")
        params.append((selection.since - _EPOCH).days)
    if selection.until:
        clauses.append("month <= ?")
        params.append((selection.until - _EPOCH).days)
    return " AND ".join(clauses), params


def _from_months(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    intensity: Intensity,
    actors: frozenset[str] | None,
    monthly: bool,
) -> tuple[date | None, PairMonths, Codes, dict[str, Any] | None]:
    where, params = _month_where(selection)
    names, rank, wanted = _month_names(con, actors)
    reference = _month_reference(con, selection, where, params)
    p = "g" if intensity == "goldstein" else "q"
    if monthly:
        bucket, factor, factor_params = "month", "", []
    else:
        r = ((reference or _EPOCH) - _EPOCH).days
        bucket, factor, factor_params = str(r), " * pow(2.0, (month - ?) / ?)", [r, HALF_LIFE_DAYS]
    involve, involve_params = "", []
    if actors is not None:
        marks = ", ".join("?" for _ in wanted) or "NULL"
        involve = f" AND (source_id IN ({marks}) OR target_id IN ({marks}))"
        involve_params = wanted * 2
    columns = {
        "cooperation": f"{p}_cooperation",
        "conflict": f"{p}_conflict",
        "evidence": "evidence",
        "square": f"{p}_square",
    }
    # By month the rows are the buckets themselves (several rows of one bucket add up
    # downstream); by pair only, DuckDB sums them first.
    if monthly:
        sums = ", ".join(f"{column} AS {name}" for name, column in columns.items())
        sums, group = f"{sums}, events", ""
    else:
        sums = ", ".join(f"sum({column}{factor}) AS {name}" for name, column in columns.items())
        sums, group = f"{sums}, sum(events) AS events", "GROUP BY ALL ORDER BY ALL"
    rows = con.execute(
        f"""
        SELECT source_id, target_id, {bucket} AS month, {sums}
        FROM evidence_months WHERE {where}{involve}
        {group}
        """,
        [*factor_params * 4, *params, *involve_params],
    ).fetchnumpy()
    every = PairMonths.of_rows(rank[_ints(rows["source_id"])], rank[_ints(rows["target_id"])], rows)
    pooled = None
    if actors is not None:
        pooled = con.execute(
            f"""
            SELECT {bucket} AS month, sum({p}_square{factor}) AS square,
                sum(evidence{factor}) AS evidence
            FROM evidence_months m
            WHERE {where} AND source_id <> target_id
                AND source_id NOT IN (SELECT actor_id FROM evidence_actors WHERE code = '')
                AND target_id NOT IN (SELECT actor_id FROM evidence_actors WHERE code = '')
            GROUP BY ALL ORDER BY ALL
            """,
            [*factor_params * 2, *params],
        ).fetchnumpy()
    return reference, every, _codes(names), pooled


def _evidence(
    reference: date | None,
    every: PairMonths,
    names: Codes,
    pooled: dict[str, Any] | None,
    actors: frozenset[str] | None,
    selection: Selection,
) -> Evidence:
    """Volumes, the pooled spread (from `every`'s pairs unless given) and, with `actors`,
    only the pairs between them."""
    missing = int(np.searchsorted(names, "")) if len(names) and names[0] == "" else -1
    is_pair = (every.source != missing) & (every.target != missing) & (every.source != every.target)
    second = (every.target != missing) & (every.target != every.source)
    first = every.source != missing
    volumes = ActorMonths(
        np.concatenate([every.source[first], every.target[second]]),
        np.concatenate([every.month[first], every.month[second]]),
        np.concatenate([every.evidence[first], every.evidence[second]]),
    )
    pairs = every.take(is_pair)
    if pooled is None:
        found, inverse = small_unique(pairs.month)
        months = _ints(found)
        pooled_square = _floats(np.bincount(inverse, weights=pairs.square, minlength=len(found)))
        pooled_evidence = _floats(
            np.bincount(inverse, weights=pairs.evidence, minlength=len(found))
        )
    else:
        months = _ints(pooled["month"])
        pooled_square, pooled_evidence = _floats(pooled["square"]), _floats(pooled["evidence"])
    if actors is not None:
        wanted = np.searchsorted(names, np.array(sorted(actors), dtype=object))
        pairs = pairs.take(np.isin(pairs.source, wanted) & np.isin(pairs.target, wanted))
        keep = np.isin(volumes.actor, wanted)
        volumes = ActorMonths(volumes.actor[keep], volumes.month[keep], volumes.volume[keep])
    return Evidence(
        names, pairs, volumes, months, pooled_square, pooled_evidence, reference, selection
    )


def small_unique(values: Ints) -> tuple[Ints, Ints]:
    """`np.unique(values, return_inverse=True)` for non-negative integers of a small range
    (pair keys below states^2, month days): by counting instead of sorting, in linear time."""
    if len(values) == 0:
        return _ints(values), _ints(values)
    low = int(values.min())
    present = np.zeros(int(values.max()) - low + 1, dtype=np.int64)
    present[values - low] = 1
    found = np.flatnonzero(present)
    rank = np.cumsum(present) - 1
    return _ints(found + low), _ints(rank[values - low])


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


# What a drill-down event record carries (dyads and camps alike).
EVENT_COLUMNS = (
    "event_id, origin, event_date, date_precision, source, source_country, target,"
    " target_country, plover, cameo, quad_class, goldstein, modality, confidence, issue,"
    " article_id, sentence_index, sentence, label, url, outlet, title"
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
    factor: float,
    top: int | None,
) -> tuple[list[dict[str, Any]], int, float]:
    """The `top` counted events between `a` and `b` (either direction; None: all) that
    move the score most, each with its weight c * x, its decay at `reference` and its
    contribution weight * decay * `factor`, largest first; then the number of such events
    and the sum of the contributions of those not shown. Ranking happens in DuckDB, so a
    pair with a hundred thousand events sends Python only the `top` rows."""
    where, params = selection.where()
    events = f"""
        SELECT *, weight * decay * ? AS contribution FROM (
            SELECT {EVENT_COLUMNS}, confidence * {intensity_sql(intensity)} AS weight,
                pow(2.0, -date_diff('day', event_date, ?) / ?) AS decay
            FROM evidence_events
            WHERE {where} AND ((source_country = ? AND target_country = ?)
                            OR (source_country = ? AND target_country = ?)))
    """
    values = [factor, reference, half_life_days, *params, a, b, b, a]
    order = "ORDER BY abs(contribution) DESC, event_id"
    limit = "" if top is None else f"LIMIT {top}"
    ranked, ranked_values = f"SELECT event_id, contribution FROM ({events})", values
    if ensure_fresh(con):
        x = "weight_g" if intensity == "goldstein" else "weight_q"
        ranked = f"""
            SELECT event_id, {x} * pow(2.0, -date_diff('day', event_date, ?) / ?) * ?
                AS contribution
            FROM (SELECT *, TRUE AS done FROM evidence_pair_events
                  WHERE low_id = ? AND high_id = ?)
            WHERE {where}
        """
        ids = dict(con.execute("SELECT code, actor_id FROM evidence_actors").fetchall())
        pair = sorted((ids.get(a, -1), ids.get(b, -1)))
        ranked_values = [reference, half_life_days, factor, *pair, *params]
    # The ranking sees two columns of every event of the pair, the rows shown all of them.
    found = con.execute(
        f"""
        WITH e AS ({ranked}),
        shown AS (SELECT event_id FROM e {order} {limit})
        SELECT (SELECT count(*) FROM e),
            (SELECT coalesce(sum(contribution), 0.0) FROM e
             WHERE event_id NOT IN (SELECT event_id FROM shown)),
            (SELECT list(event_id) FROM shown)
        """,
        ranked_values,
    ).fetchone()
    total, rest = (int(found[0]), float(found[1])) if found else (0, 0.0)
    shown_ids = list(found[2] or []) if found else []
    if not shown_ids:
        return [], total, rest
    marks = ", ".join("?" for _ in shown_ids)
    cursor = con.execute(
        f"SELECT * FROM ({events}) WHERE event_id IN ({marks}) {order}", [*values, *shown_ids]
    )
    return event_rows(cursor), total, rest


def event_rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The rows of an executed query over events, each a dict by column name with its
    `event_date` as an ISO date (None when it has none): the drill-down's event records."""
    names = [c[0] for c in cursor.description or []]
    events = []
    for row in cursor.fetchall():
        event = dict(zip(names, row, strict=True))
        when = event["event_date"]
        events.append({**event, "event_date": when.isoformat() if when else None})
    return events


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
