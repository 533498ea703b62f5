"""Crisis camps: which outside states side with which party of a crisis.

A crisis (Libya, Syria, Nagorno-Karabakh ...) is knowledge: its sides, the actor codes of
each side's parties and the period, in `knowledge/model/crises.tsv` (or a user's file in the
same format). The evidence is every counted event in that period between an outside state
(one that is not a party and whose state is not a party's) and a party, in either direction
(Turkey backing the GNA, or the GNA accusing France), if its PLOVER type says support
(`support`: SUPPORT, AID, COOPERATE by default) or opposition (`oppose`: ACCUSE, THREATEN,
SANCTION, COERCE, ASSAULT). Each such event weighs |x| * c (`weights.py`; no decay: a crisis
is one period), signed + for support and - for opposition. Events with no date at all (neither
the text nor the article gives one) count too unless `since` or `until` is asked for: their
parties already tie them to the crisis. Where a side is a whole state (Russia in Ukraine),
every such event towards it in the period counts, whatever it is about.

For an outside state X with net weight a_s towards each side s and evidence M (the sum of
the events' confidences):

    position p_s = a_s - mean of a_t over the other sides t
    lean     l_s = p_s / (M + k)

Opposing one side of two is siding with the other; with three sides it favours the two others
alike. k (`prior_strength`) shrinks a state seen once towards no side, as in the dyad scores,
and the interval is l_s +- z * sigma / sqrt(M + k), sigma^2 the mean square weight of the
crisis' events. X's camp is the side it leans to most, if that lean is positive and no other
side's equals it (to within rounding: `TIE`); otherwise X is unaligned. The events come from
`evidence_keyed_events` (migration 11) when it is fresh, else from `evidence_events`: the
same rows, found without reading the whole store. The lean is linear in the events: each event's
`contribution` to the lean towards X's camp (or best side) is its signed weight, times 1 if
it is towards that side and -1/(sides - 1) if not, over (M + k); they add up to the lean.

Camps by proxy. France may never be seen dealing with a Libyan party and still be plainly
opposite Turkey there, its hostility aimed at Turkey, an outside backer of the GNA. So a
second step, after the first-order camps above: an event of the same types between an outside
state X and another outside state Y whose first-order camp is s counts as X's support for
(or opposition to) s, discounted by `proxy_weight` w: its signed weight and its confidence
(its share of M) are both multiplied by w, then it enters the same formulas as a first-order
event, towards side s. Only first-order camps are used, so there are no cycles: Y's proxy
lean never moves X. An event between two outside states is about the crisis only when its
sentence ties it to it: the same sentence holds an event with a party of the crisis (of any
type), or the event's place (`issue`: the ISO3 imported events give, or the place blocs'
extractor read, "in Libya", "over Tripoli") is one of the crisis' own states, by code or by
one of its names or its capital's (`knowledge/actors/states.tsv`). Without that tie, France
and Turkey quarrelling over the Eastern Mediterranean or Armenia would move France in Libya,
and so would a sentence on Washington and Moscow in an article that mentions Libya elsewhere.
sigma stays that of the first-order events. The drill-down lists
first-order events first, then the proxy ones (`via` the camp member, direction
`proxy: to Y` or `proxy: from Y`); with every event listed, the contributions still add up to
the lean.

The default w = 0.5 is a stated choice, not a fitted one (no labelled camps exist to fit it):
a proxy event says about X's side only through Y's camp, itself an estimate, and may be about
X and Y's own rivalry in the crisis' theatre, so it should count for less than a direct one:
with w < 1 one direct event outweighs one opposite proxy event of the same intensity, and with
w = 0.5 it takes two. w = 0 turns proxies off; w = 1 counts them as direct events.
"""

from __future__ import annotations

import csv
import secrets
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from statistics import NormalDist
from typing import Any

import duckdb

from blocs.actors.knowledge import load_states
from blocs.errors import ModelError
from blocs.model.queries import EVENT_COLUMNS, Selection, event_rows
from blocs.model.weights import Intensity, intensity_sql, parse_intensity
from blocs.store.aggregates import ensure_fresh

SUPPORT = ("SUPPORT", "AID", "COOPERATE")
OPPOSE = ("ACCUSE", "THREATEN", "SANCTION", "COERCE", "ASSAULT")
_COLUMNS = ["crisis", "name", "side", "side_name", "codes", "since", "until"]
TIE = 1e-9  # leans this close (relative to the state's weight) are equal (`_positions`)


@dataclass(frozen=True, slots=True)
class Side:
    code: str
    name: str
    parties: tuple[str, ...]  # actor codes; a trailing * takes every code starting so

    def match_length(self, actor: str) -> int:
        """How specifically one of this side's entries names `actor` (0: not at all)."""
        best = 0
        for entry in self.parties:
            if entry.endswith("*") and actor.startswith(entry[:-1]):
                best = max(best, len(entry) - 1)
            elif actor == entry:
                best = max(best, len(entry))
        return best


@dataclass(frozen=True, slots=True)
class Crisis:
    code: str
    name: str
    sides: tuple[Side, ...]
    since: date | None
    until: date | None

    @property
    def home(self) -> tuple[str, ...]:
        """The states the parties belong to (a party code starts with its state's ISO3)."""
        return tuple(sorted({p.rstrip("*")[:3] for s in self.sides for p in s.parties}))

    def to_json(self) -> dict[str, Any]:
        return {
            "crisis": self.code,
            "name": self.name,
            "crisis_since": self.since.isoformat() if self.since else None,
            "crisis_until": self.until.isoformat() if self.until else None,
            "sides": [
                {"side": s.code, "name": s.name, "parties": list(s.parties)} for s in self.sides
            ],
        }


def _date(value: str, where: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ModelError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def load_crises(path: Path | None = None) -> dict[str, Crisis]:
    """The crises of a knowledge file (default: the packaged `crises.tsv`), by id."""
    if path is None:
        text = (
            resources.files("blocs").joinpath("knowledge", "model", "crises.tsv").read_text("utf-8")
        )
        where = "blocs/knowledge/model/crises.tsv"
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ModelError(f"{path}: cannot read the crises file ({exc})") from exc
        where = str(path)
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t"))
    if not rows or rows[0] != _COLUMNS:
        raise ModelError(f"{where}: the header must be {' '.join(_COLUMNS)} (tab-separated)")
    grouped: dict[str, list[list[str]]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) < len(_COLUMNS) - 2 or not row[4].strip():
            raise ModelError(f"{where}: row {number} needs a crisis, a side and its codes")
        grouped.setdefault(row[0].strip().upper(), []).append(
            row + [""] * (len(_COLUMNS) - len(row))
        )
    crises = {}
    for code, side_rows in grouped.items():
        first = side_rows[0]
        sides = tuple(
            Side(
                r[2].strip(),
                r[3].strip(),
                tuple(p.strip().upper() for p in r[4].split("|") if p.strip()),
            )
            for r in side_rows
        )
        if len(sides) < 2:
            raise ModelError(f"{where}: crisis {code} has one side; a camp needs two or more")
        crises[code] = Crisis(
            code, first[1].strip(), sides, _date(first[5], where), _date(first[6], where)
        )
    return crises


@dataclass(frozen=True, slots=True)
class CampParams:
    """How events become camps, each parameter named with its default."""

    prior_strength: float = 1.0
    intensity: Intensity = "goldstein"
    interval: float = 0.9
    support: tuple[str, ...] = SUPPORT
    oppose: tuple[str, ...] = OPPOSE
    top: int = 5  # evidence events listed per state
    proxy_weight: float = 0.5  # what an event with a camp member counts for (module doc)

    def __post_init__(self) -> None:
        if not 0 <= self.proxy_weight <= 1:
            raise ModelError(f"proxy weight {self.proxy_weight}: must be between 0 and 1")
        if not self.prior_strength >= 0:
            raise ModelError(f"prior strength {self.prior_strength}: must be 0 or more")
        parse_intensity(self.intensity)
        if not 0 < self.interval < 1:
            raise ModelError(f"interval {self.interval}: must be between 0 and 1")

    def to_json(self) -> dict[str, Any]:
        return {
            "prior_strength": self.prior_strength,
            "intensity": self.intensity,
            "interval": self.interval,
            "support": list(self.support),
            "oppose": list(self.oppose),
            "proxy_weight": self.proxy_weight,
        }


@dataclass(frozen=True, slots=True)
class Stance:
    """One outside state in a crisis."""

    actor: str
    camp: str | None
    events: int  # first-order and proxy events
    proxy_events: int
    evidence: float
    net: dict[str, float]  # side -> signed weight towards it
    lean: dict[str, float]
    low: dict[str, float]
    high: dict[str, float]
    top_events: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "camp": self.camp,
            "events": self.events,
            "proxy_events": self.proxy_events,
            "evidence": self.evidence,
            "toward": {
                side: {
                    "net": self.net[side],
                    "lean": self.lean[side],
                    "low": self.low[side],
                    "high": self.high[side],
                }
                for side in self.net
            },
            "evidence_events": list(self.top_events),
        }


@dataclass(frozen=True, slots=True)
class CampReport:
    crisis: Crisis
    selection: Selection
    params: CampParams
    stances: tuple[Stance, ...]

    def camp(self, side: str) -> list[str]:
        return [s.actor for s in self.stances if s.camp == side]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.crisis.to_json(),
            **self.selection.to_json(),
            "parameters": self.params.to_json(),
            "camps": [
                {
                    "side": side.code,
                    "name": side.name,
                    "members": [
                        {
                            "actor": s.actor,
                            "lean": s.lean[side.code],
                            "low": s.low[side.code],
                            "high": s.high[side.code],
                            "events": s.events,
                            "proxy_events": s.proxy_events,
                        }
                        for s in self.stances
                        if s.camp == side.code
                    ],
                }
                for side in self.crisis.sides
            ],
            "unaligned": [s.actor for s in self.stances if s.camp is None],
            "actors": [s.to_json() for s in self.stances],
        }


def _side_sql(crisis: Crisis, column: str) -> tuple[str, list[Any]]:
    """A CASE naming the side of the actor in `column`, longest entry first, and its
    parameters."""
    entries = sorted(
        ((len(p.rstrip("*")), p, side.code) for side in crisis.sides for p in side.parties),
        key=lambda e: (-e[0], e[1]),
    )
    clauses, params = [], []
    for _, entry, side in entries:
        if entry.endswith("*"):
            clauses.append(f"WHEN starts_with({column}, ?) THEN ?")
            params += [entry[:-1], side]
        else:
            clauses.append(f"WHEN {column} = ? THEN ?")
            params += [entry, side]
    return "CASE " + " ".join(clauses) + " END", params


def crisis_window(selection: Selection, crisis: Crisis) -> Selection:
    """The selection narrowed to the crisis' period; a ModelError if they do not meet."""
    since = max((d for d in (selection.since, crisis.since) if d), default=None)
    until = min((d for d in (selection.until, crisis.until) if d), default=None)
    if since and until and since > until:
        raise ModelError(f"the period asked for lies outside crisis {crisis.code} ({crisis.name})")
    return Selection(selection.origins, since, until)


_CAMP_COLUMNS = f"signed, confidence AS evidence, {EVENT_COLUMNS}"


@dataclass(frozen=True, slots=True)
class _Position:
    """An outside state's lean from some of its events (see the module doc)."""

    camp: str | None
    toward: str  # the camp, or else the side leant to most: what contributions are towards
    events: int
    proxy_events: int
    evidence: float
    net: dict[str, float]
    lean: dict[str, float]


def _positions(
    con: duckdb.DuckDBPyConnection, table: str, sides: list[str], k: float, where: str
) -> dict[str, _Position]:
    """Each state's position from the rows of `table` that meet `where`: sums by state and
    side in DuckDB, the lean in Python. Sums of floating-point weights depend on the order
    the rows come in by a few units in the last place, so leans closer than `TIE` times the
    state's total weight over (M + k) count as equal: weights to two sides that add up to
    the same leave the state unaligned however the store lays its rows out."""
    sums = con.execute(
        f"""
        SELECT actor, side, sum(signed), sum(evidence), count(*), count(via), sum(abs(signed))
        FROM {table} WHERE {where} GROUP BY ALL ORDER BY ALL
        """
    ).fetchall()
    by_actor: dict[str, dict[str, tuple[float, float, int, int, float]]] = {}
    for actor, side, signed, evidence, count, proxies, weight in sums:
        by_actor.setdefault(actor, {})[side] = (
            float(signed),
            float(evidence),
            int(count),
            int(proxies),
            float(weight),
        )
    found = {}
    for actor, parts in by_actor.items():
        net = {s: parts[s][0] if s in parts else 0.0 for s in sides}
        evidence = sum(p[1] for p in parts.values())
        lean = {}
        for s in sides:
            others = [net[t] for t in sides if t != s]
            lean[s] = (net[s] - sum(others) / len(others)) / (evidence + k)
        best = max(lean.values())
        tie = TIE * sum(p[4] for p in parts.values()) / (evidence + k) if evidence + k else 0.0
        leaders = [s for s in sides if lean[s] >= best - tie]
        camp = leaders[0] if best > tie and len(leaders) == 1 else None
        toward = camp or leaders[0]
        found[actor] = _Position(
            camp,
            toward,
            sum(p[2] for p in parts.values()),
            sum(p[3] for p in parts.values()),
            evidence,
            net,
            lean,
        )
    return found


def _rows_sql(scan: str, outside: str) -> str:
    """The rows of the camps table from `scan`, a query over `evidence_events` giving each
    event's `target_side`, `source_side` and `signed` weight and keeping only events with
    one party or candidates for proxies (two outside states, no party): one row for the
    outside state of an event with a party, one for each state of a candidate (`via` the
    other, no side yet). `outside` are the marks of the crisis' own states."""
    candidate = "x.target_side IS NULL AND x.source_side IS NULL"
    return f"""
        SELECT * FROM (
            SELECT
                CASE WHEN d.second THEN x.target_country
                    WHEN {candidate} OR x.target_side IS NOT NULL THEN x.source_country
                    ELSE x.target_country END AS actor,
                coalesce(x.target_side, x.source_side) AS side,
                CASE WHEN NOT ({candidate}) THEN NULL
                    WHEN d.second THEN x.source_country ELSE x.target_country END AS via,
                CASE WHEN x.target_side IS NOT NULL THEN 'to party'
                    WHEN x.source_side IS NOT NULL THEN 'from party'
                    WHEN d.second THEN 'proxy: from ' || x.source_country
                    ELSE 'proxy: to ' || x.target_country END AS direction,
                {_CAMP_COLUMNS}
            FROM ({scan}) x JOIN (VALUES (FALSE), (TRUE)) d(second)
                ON NOT d.second OR ({candidate})
        )
        WHERE actor IS NOT NULL AND actor NOT IN ({outside})
    """


def _weigh_proxies(
    con: duckdb.DuckDBPyConnection, table: str, camps: dict[str, str], weight: float
) -> None:
    """Give each proxy candidate of `table` its camp member's first-order camp and the
    discount `weight` (signed weight and confidence); drop the candidates whose member has
    none (all of them with weight 0)."""
    if camps and weight > 0:
        marks = ", ".join("(?, ?)" for _ in camps)
        con.execute(
            f"""
            UPDATE {table} SET side = c.camp, signed = signed * ?, evidence = evidence * ?
            FROM (VALUES {marks}) c(member, camp) WHERE {table}.via = c.member
            """,
            [weight, weight, *(v for pair in sorted(camps.items()) for v in pair)],
        )
    con.execute(f"DELETE FROM {table} WHERE via IS NOT NULL AND side IS NULL")


def _top_events(
    con: duckdb.DuckDBPyConnection,
    table: str,
    positions: dict[str, _Position],
    k: float,
    away: float,
    top: int,
) -> dict[str, list[dict[str, Any]]]:
    """The `top` events of each state by their contribution to its lean towards its camp
    (or best side): first-order events first, then proxy ones, largest first in each."""
    found: dict[str, list[dict[str, Any]]] = {actor: [] for actor in positions}
    if not positions:
        return found
    toward = [(a, p.toward, p.evidence + k) for a, p in positions.items()]
    marks = ", ".join("(?, ?, ?)" for _ in toward)
    # The ranking sorts the few columns it needs (sorting whole rows cost 3 times more on
    # the 10M-event bench); only the rows kept are read whole.
    cursor = con.execute(
        f"""
        WITH t(actor_, toward, denominator) AS (VALUES {marks}),
        ranked AS (
            SELECT row_, contribution, row_number() OVER (
                PARTITION BY actor
                ORDER BY via IS NOT NULL, abs(contribution) DESC, event_id, via) AS rank_
            FROM (
                SELECT e.rowid AS row_, e.actor, e.via, e.event_id,
                    e.signed * CASE WHEN e.side = t.toward THEN 1.0 ELSE ? END
                        / t.denominator AS contribution
                FROM {table} e JOIN t ON t.actor_ = e.actor)
        )
        SELECT e.*, r.contribution
        FROM ranked r JOIN {table} e ON e.rowid = r.row_
        WHERE r.rank_ <= ? ORDER BY e.actor, r.rank_
        """,
        [*(v for row in toward for v in row), away, top],
    )
    for event in event_rows(cursor):
        found[event["actor"]].append(event)
    return found


def _stances(
    con: duckdb.DuckDBPyConnection, table: str, crisis: Crisis, params: CampParams
) -> list[Stance]:
    """Each outside state's stance from the crisis' events in `table` (one row per event
    and outside state; proxy candidates marked by `via`, with no side yet): first-order
    camps, then the proxy rows weighed by them, then every state's lean and its `top`
    events."""
    k = params.prior_strength
    sides = [s.code for s in crisis.sides]
    first = _positions(con, table, sides, k, "via IS NULL")
    camps = {actor: p.camp for actor, p in first.items() if p.camp}
    _weigh_proxies(con, table, camps, params.proxy_weight)
    positions = _positions(con, table, sides, k, "TRUE")
    row = con.execute(
        f"SELECT sum(signed * signed), sum(evidence) FROM {table} WHERE via IS NULL"
    ).fetchone()
    square, mass = (float(row[0]), float(row[1])) if row and row[1] else (0.0, 0.0)
    sigma = (square / mass) ** 0.5 if mass else 0.0
    z = NormalDist().inv_cdf(0.5 + params.interval / 2)
    top = _top_events(con, table, positions, k, -1.0 / (len(sides) - 1), params.top)
    stances = []
    for actor, p in positions.items():
        sd = sigma / (p.evidence + k) ** 0.5 if p.evidence + k else 0.0
        stances.append(
            Stance(
                actor,
                p.camp,
                p.events,
                p.proxy_events,
                p.evidence,
                p.net,
                p.lean,
                {s: p.lean[s] - z * sd for s in sides},
                {s: p.lean[s] + z * sd for s in sides},
                tuple(top[actor]),
            )
        )
    return stances


def _keyed_events(
    con: duckdb.DuckDBPyConnection, homes: tuple[str, ...], places: tuple[str, ...]
) -> tuple[str, list[Any]] | None:
    """The counted events with a code starting with one of `homes` or placed in one of
    `places`, each once, from `evidence_keyed_events` (migration 11: its sorted keys let the
    scan skip the rest), and the query's parameters; None when that table cannot answer (not
    fresh, or a home whose codes have no upper bound), and the events are read instead."""
    if not homes or any(not h or ord(h[-1]) >= 0x10FFFF for h in homes):
        return None
    if not ensure_fresh(con):
        return None
    # starts_with(code, h) for a home of 3 characters at most: h <= key < h's successor.
    codes = " OR ".join("(key >= ? AND key < ?)" for _ in homes)
    code_params = [v for h in homes for v in (h, h[:-1] + chr(ord(h[-1]) + 1))]
    by_source = " OR ".join("starts_with(source, ?)" for _ in homes)
    by_target = " OR ".join("starts_with(target, ?)" for _ in homes)
    marks = ", ".join("?" for _ in places) or "NULL"
    rows = "SELECT * EXCLUDE (kind, key) FROM evidence_keyed_events"
    sql = f"""(
        {rows} WHERE kind = 's' AND ({codes})
        UNION ALL
        {rows} WHERE kind = 't' AND ({codes}) AND NOT coalesce({by_source}, FALSE)
        UNION ALL
        {rows} WHERE kind = 'p' AND key IN ({marks})
            AND NOT coalesce({by_source} OR {by_target}, FALSE))"""
    params = [*code_params, *code_params, *homes, *places, *homes, *homes]
    return sql, params


@cache
def _place_names(homes: tuple[str, ...]) -> tuple[str, ...]:
    """The crisis' own states as an event's place may give them, lower-cased: their codes,
    their names and their capitals' (the state knowledge's state entries)."""
    names = {code.lower() for code in homes}
    for entry in load_states():
        if entry.kind == "state" and entry.country in homes:
            names.update(pattern.lower() for pattern in entry.patterns)
    return tuple(sorted(names))


def crisis_camps(
    con: duckdb.DuckDBPyConnection,
    crisis: Crisis,
    selection: Selection,
    params: CampParams,
) -> CampReport:
    """Every outside state's lean towards each side of `crisis` (see the module doc)."""
    window = crisis_window(selection, crisis)
    undated = selection.since is None and selection.until is None
    where, where_params = window.where(undated=undated)
    target_side, target_params = _side_sql(crisis, "target")
    source_side, source_params = _side_sql(crisis, "source")
    support = ", ".join("?" for _ in params.support)
    types = [*params.support, *params.oppose]
    homes = crisis.home
    outside = ", ".join("?" for _ in homes)
    places = _place_names(homes)
    placed = f"lower(issue) IN ({', '.join('?' for _ in places)})"
    # A party's code starts with its state's: a cheap test that leaves out, before the
    # sides are named, the events that can have no party and no place in the crisis.
    near = " OR ".join("starts_with(source, ?) OR starts_with(target, ?)" for _ in homes)
    near_params = [h for h in homes for _ in range(2)]

    def sided(condition: str, events: str = "evidence_events") -> str:
        return f"""
        SELECT *, {target_side} AS target_side, {source_side} AS source_side,
            CASE WHEN plover IN ({support}) THEN 1 ELSE -1 END
                * abs({intensity_sql(params.intensity)}) * confidence AS signed
        FROM {events}
            WHERE {where} AND plover IN ({", ".join("?" for _ in types)}) AND ({condition})
    """

    def sided_params(events_params: list[Any]) -> list[Any]:
        side_params = [*target_params, *source_params, *params.support]
        return [*side_params, *events_params, *where_params, *types]

    keyed = _keyed_events(con, homes, places)
    events, events_params = keyed if keyed else ("evidence_events", [])
    between = f"""target_side IS NULL AND source_side IS NULL
        AND source_country <> target_country
        AND source_country NOT IN ({outside}) AND target_country NOT IN ({outside})"""
    table = f"camp_events_{secrets.token_hex(4)}"
    # One scan for the events with one party and the candidates placed in the crisis' states.
    con.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        {
            _rows_sql(
                f"SELECT * FROM ({sided(f'{near} OR {placed}', events)})"
                f" WHERE (target_side IS NULL) <> (source_side IS NULL)"
                f" OR ({between} AND {placed})",
                outside,
            )
        }
        """,
        [*sided_params(events_params), *near_params, *places, *homes, *homes, *places, *homes],
    )
    try:
        # The candidates tied by their sentence instead: blocs' own events only.
        con.execute(
            f"""
            INSERT INTO {table}
            WITH tied AS (
                SELECT DISTINCT article_id, sentence_index FROM evidence_events
                WHERE article_id IS NOT NULL
                    AND ({target_side} IS NOT NULL OR {source_side} IS NOT NULL)
            )
            {
                _rows_sql(
                    f"SELECT * FROM ({sided('article_id IS NOT NULL')}) WHERE {between}"
                    f" AND (issue IS NULL OR NOT {placed})"
                    " AND (article_id, sentence_index) IN (SELECT * FROM tied)",
                    outside,
                )
            }
            """,
            [
                *target_params,
                *source_params,
                *sided_params([]),
                *homes,
                *homes,
                *places,
                *homes,
            ],
        )
        stances = _stances(con, table, crisis, params)
    finally:
        con.execute(f"DROP TABLE {table}")
    stances.sort(key=lambda s: (s.camp is None, -max(s.lean.values()), s.actor))
    return CampReport(crisis, window, params, tuple(stances))


def find_crisis(issue: str, crises_file: Path | None = None) -> Crisis:
    """The crisis whose id is `issue` (LBY, SYR, NKR, UKR, YEM ...) in the packaged crises
    or in `crises_file`."""
    crises = load_crises(crises_file)
    crisis = crises.get(issue.strip().upper())
    if crisis is None:
        known = ", ".join(f"{c.code} ({c.name})" for c in crises.values())
        raise ModelError(f"unknown issue {issue!r}: the crises known are {known}")
    return crisis
