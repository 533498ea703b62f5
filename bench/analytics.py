"""The alignment model's queries over ten million events.

Generates `--events` synthetic imported events (origin `gdelt2`) over 200 actors (the 198
states of the knowledge files, NATO and the EU) and ten years into a DuckDB store: actor
popularity Zipf-like (the k-th actor takes a share in 1 / k), CAMEO roots with their quad
classes, Goldstein weights and PLOVER types, days uniform over 2016-2025. Three blocs are
planted (actor k is in bloc k % 3: events within a bloc cooperate 80 % of the time, between
blocs 25 %), one change point (the two most popular actors of bloc 0 cooperate until 2021,
then mostly fight) and the Libyan camps (0.5 % of events are bloc 0 states backing the GNA,
`LBYGOV`, and bloc 1 states backing Haftar's LNA, `LBYMIL`, each accusing the other side now
and then); 1 % of the other events between two outside states are placed in Libya (`issue`
LBY, from a random stream of their own, so the rest is the same for a seed), which makes them
proxy evidence for the camps. The events are written by DuckDB from Arrow chunks of numpy
arrays.

It prints the load rate, the time to build the pre-aggregated tables (`store/aggregates.py`,
a load cost) and the store's size, then times the model functions the CLI calls, on a
read-only store as the CLI opens it: `dyad_report` (one pair, `blocs dyad`), `blocs_report`
(at most 50 Leiden runs, `blocs blocs`: they stop once the consensus is stable; the baseline
makes all 50, tolerance 0, and the ratio of the two is printed), `trends_report` for one pair
and for every pair (`blocs trends [A B]`) and `crisis_camps` (`blocs camps --issue LBY`), each
the median of `--repeat` runs after one warm-up, with PASS/FAIL against 1 s; then whether the
planted blocs, change point and camps are found.

    python bench/analytics.py [--events 10000000] [--db PATH [--keep | --reuse]] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from blocs.model.camps import CampParams, crisis_camps, find_crisis
from blocs.model.dyads import Scoring, dyad_report
from blocs.model.network import BlocParams, blocs_report
from blocs.model.queries import Selection
from blocs.model.trends import TrendParams, trends_report
from blocs.store.aggregates import refresh
from blocs.store.db import Store

REPO = Path(__file__).resolve().parents[1]
FIRST, LAST = date(2016, 1, 1), date(2025, 12, 31)
CHANGE = date(2021, 1, 1)
CHUNK = 1_000_000
LIMIT_S = 1.0
# CAMEO root: quad class, Goldstein weight, PLOVER type ('' none), share among its tone's roots
ROOTS = {
    "01": (1, 0.0, "", 0.25),
    "02": (1, 3.0, "REQUEST", 0.08),
    "03": (1, 4.0, "AGREE", 0.12),
    "04": (1, 1.0, "CONSULT", 0.30),
    "05": (1, 3.5, "COOPERATE", 0.08),
    "06": (2, 6.0, "COOPERATE", 0.05),
    "07": (2, 7.0, "AID", 0.06),
    "08": (2, 5.0, "CONCEDE", 0.06),
    "09": (3, -2.0, "", 0.05),
    "10": (3, -5.0, "REQUEST", 0.10),
    "11": (3, -2.0, "ACCUSE", 0.25),
    "12": (3, -4.0, "REJECT", 0.10),
    "13": (3, -6.0, "THREATEN", 0.08),
    "14": (3, -6.5, "PROTEST", 0.08),
    "15": (4, -7.2, "MOBILIZE", 0.03),
    "16": (4, -4.0, "SANCTION", 0.08),
    "17": (4, -7.0, "COERCE", 0.10),
    "18": (4, -9.0, "ASSAULT", 0.05),
    "19": (4, -10.0, "ASSAULT", 0.07),
    "20": (4, -10.0, "ASSAULT", 0.01),
}
CODES = list(ROOTS)
COOPERATIVE = [i for i, r in enumerate(CODES) if ROOTS[r][0] <= 2]
HOSTILE = [i for i, r in enumerate(CODES) if ROOTS[r][0] >= 3]


def actor_codes() -> list[str]:
    """The 198 states of the knowledge files (in file order), NATO and the EU."""
    path = REPO / "src/blocs/knowledge/actors/states.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t")[0] for line in lines if line and not line.startswith("#")]
    states = [code for code in rows[1:] if len(code) == 3][:198]
    return [*states, "NATO", "EU"]


def _roots(rng: np.random.Generator, cooperative: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    shares = np.array([ROOTS[r][3] for r in CODES])
    coop = rng.choice(COOPERATIVE, size=len(cooperative), p=_norm(shares[COOPERATIVE]))
    host = rng.choice(HOSTILE, size=len(cooperative), p=_norm(shares[HOSTILE]))
    return np.where(cooperative, coop, host)


def _norm(values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    return np.asarray(values / values.sum(), np.float64)


def chunk(
    rng: np.random.Generator, places: np.random.Generator, n: int, actors: list[str]
) -> pa.Table:
    """`n` events as Arrow columns: actor and root indices, day offsets, Goldstein weights;
    `party` is -1, or 0 / 1 for an event towards the GNA / the LNA (its target); `in_libya`
    (drawn from `places`) marks the events between outside states placed in Libya."""
    k = len(actors)
    popularity = _norm(1.0 / np.arange(1, k + 1))
    source = rng.choice(k, size=n, p=popularity)
    target = rng.choice(k, size=n, p=popularity)
    target = np.where(target == source, (target + 1) % k, target)
    span = (LAST - FIRST).days + 1
    day = rng.integers(0, span, size=n)
    together = source % 3 == target % 3
    cooperative = rng.random(n) < np.where(together, 0.8, 0.25)
    planted = ((source == 0) & (target == 3)) | ((source == 3) & (target == 0))
    after = day >= (CHANGE - FIRST).days
    cooperative = np.where(planted & after, rng.random(n) < 0.1, cooperative)
    party = np.full(n, -1)
    libya = (rng.random(n) < 0.005) & (source % 3 < 2) & (actors.index("LBY") != source)
    party[libya] = np.where(
        rng.random(int(libya.sum())) < 0.8, source[libya] % 3, 1 - source[libya] % 3
    )
    backing = source % 3 == party
    cooperative = np.where(libya, backing, cooperative)
    root = _roots(rng, cooperative)
    root = np.where(libya & backing, CODES.index("07"), root)
    root = np.where(libya & ~backing, CODES.index("11"), root)
    base = np.array([ROOTS[r][1] for r in CODES])[root]
    goldstein = np.clip(base + rng.choice([-0.5, 0.0, 0.5], size=n), -10, 10)
    home = actors.index("LBY")
    in_libya = (places.random(n) < 0.01) & (party < 0) & (source != home) & (target != home)
    return pa.table(
        {
            "source": source.astype(np.int32),
            "target": target.astype(np.int32),
            "day": day.astype(np.int32),
            "root": root.astype(np.int32),
            "goldstein": goldstein,
            "party": party.astype(np.int32),
            "in_libya": in_libya,
        }
    )


def load(path: Path, n_events: int, seed: int) -> float:
    """Writes the events; returns the seconds it took."""
    actors = actor_codes()
    rng = np.random.default_rng(seed)
    places = np.random.default_rng([seed, 1])
    now = datetime.now(UTC)
    with Store(path) as store:
        con = store.con
        con.register("actor_names", pa.table({"i": np.arange(len(actors)), "code": actors}))
        con.register(
            "root_table",
            pa.table(
                {
                    "i": np.arange(len(CODES)),
                    "root": CODES,
                    "quad": [ROOTS[r][0] for r in CODES],
                    "plover": [ROOTS[r][2] or None for r in CODES],
                }
            ),
        )
        started = time.perf_counter()
        for offset in range(0, n_events, CHUNK):
            events = chunk(rng, places, min(CHUNK, n_events - offset), actors)
            con.register("chunk", events)
            con.execute(
                """
                INSERT INTO coded_events (event_id, origin, source_file, row_number, row_id,
                    event_date, source, source_country, target, target_country, cameo,
                    cameo_root, quad_class, goldstein, plover, issue, import_id, imported_at,
                    blocs_version)
                SELECT 'gdelt2:' || (? + n), 'gdelt2', 'synthetic', ? + n, (? + n)::VARCHAR,
                    ? + c.day, s.code, s.code,
                    CASE c.party WHEN 0 THEN 'LBYGOV' WHEN 1 THEN 'LBYMIL' ELSE t.code END,
                    CASE WHEN c.party >= 0 THEN 'LBY' ELSE t.code END,
                    r.root || '0', r.root, r.quad, c.goldstein, r.plover,
                    CASE WHEN c.in_libya THEN 'LBY' END, 'synthetic', ?, 'bench'
                FROM (SELECT *, row_number() OVER () AS n FROM chunk) c
                JOIN actor_names s ON s.i = c.source JOIN actor_names t ON t.i = c.target
                JOIN root_table r ON r.i = c.root
                """,
                [offset, offset, offset, FIRST, now],
            )
            con.unregister("chunk")
            print(f"  {offset + len(events):>11,} events", file=sys.stderr, flush=True)
        return time.perf_counter() - started


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """The median wall and CPU seconds of `repeat` runs after one warm-up (the machine may
    be shared: CPU time is what this process used), and the last result."""
    result = run()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, help="store to write [default: a temporary file]")
    parser.add_argument("--keep", action="store_true", help="keep the store afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the queries on the --db store a --keep run left (no load, no aggregate build)",
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    folder = None if args.db else tempfile.TemporaryDirectory(prefix="blocs-analytics-")
    path = args.db or Path(folder.name if folder else ".") / "analytics.duckdb"
    if args.reuse and not (args.db and args.db.exists()):
        sys.exit("--reuse needs the --db path of a store a --keep run left")
    if path.exists() and not args.reuse:
        sys.exit(f"{path} exists: give a new --db path, or --reuse it")
    try:
        if not args.reuse:
            build(path, args)
        time_queries(path, args)
    finally:
        if folder and not args.keep:
            folder.cleanup()
        elif args.keep:
            print(f"store kept: {path}")


def build(path: Path, args: argparse.Namespace) -> None:
    seconds = load(path, args.events, args.seed)
    print(
        f"load: {args.events:,} events in {seconds:.1f} s ({args.events / seconds:,.0f} events/s)"
    )
    with Store(path) as store:
        started = time.perf_counter()
        built = refresh(store.con)
        took = time.perf_counter() - started
        rows = store.con.execute("SELECT count(*) FROM evidence_months").fetchone()
    print(
        f"aggregate build: {took:.1f} s ({built.events:,} events -> {rows[0] if rows else 0:,}"
        f" pair-month rows); store {path.stat().st_size / 1e6:,.0f} MB"
    )


def time_queries(path: Path, args: argparse.Namespace) -> None:
    actors = actor_codes()
    a, b = actors[0], actors[3]
    selection, scoring = Selection(), Scoring()
    crisis = find_crisis("LBY")
    with Store(path, read_only=True) as store:
        con = store.con
        queries: list[tuple[str, Callable[[], Any]]] = [
            (f"dyad {a} {b}", lambda: dyad_report(con, a, b, selection, scoring)),
            (
                "blocs (at most 50 runs)",
                lambda: blocs_report(con, selection, scoring, BlocParams()),
            ),
            (
                "blocs (all 50 runs)",
                lambda: blocs_report(con, selection, scoring, BlocParams(tolerance=0)),
            ),
            (
                f"trends {a} {b}",
                lambda: trends_report(con, selection, scoring, TrendParams(), pair=(a, b)),
            ),
            ("trends, every pair", lambda: trends_report(con, selection, scoring, TrendParams())),
            ("camps LBY", lambda: crisis_camps(con, crisis, selection, CampParams())),
        ]
        results: dict[str, Any] = {}
        medians: list[float] = []
        for name, query in queries:
            median, cpu, results[name] = timed(query, args.repeat)
            medians.append(median)
            verdict = "PASS" if median < LIMIT_S else "FAIL"
            print(
                f"{name:<24} median {median * 1000:8.1f} ms (CPU {cpu * 1000:7.1f} ms)"
                f"  {verdict} (< {LIMIT_S:.0f} s)",
                flush=True,
            )
    stopped, every = list(results.values())[1:3]
    print(
        f"blocs: {stopped.runs} runs made of 50, the same blocs as all 50:"
        f" {_partition(stopped) == _partition(every)}; all 50 runs / stopped runs"
        f" {medians[2] / medians[1]:.2f}x"
    )
    check(results, actors, a, b)


def _partition(report: Any) -> list[list[str]]:
    return sorted(sorted(m.actor for m in bloc.members) for bloc in report.blocs)


def check(results: dict[str, Any], actors: list[str], a: str, b: str) -> None:
    """Whether the planted structure comes out."""
    blocs = list(results.values())[1]
    planted = {code: i % 3 for i, code in enumerate(actors)}
    found = {m.actor: bloc.number for bloc in blocs.blocs for m in bloc.members}
    agree = total = 0
    names = sorted(found)
    for i, x in enumerate(names):
        for y in names[i + 1 :]:
            total += 1
            agree += (planted[x] == planted[y]) == (found[x] == found[y])
    share = agree / total if total else 0.0
    print(
        f"planted blocs: {len(blocs.blocs)} blocs found, pairs placed as planted {share:.3f}"
        f"  {'PASS' if share > 0.9 else 'FAIL'} (> 0.9)"
    )
    trend = list(results.values())[3].trends[0]
    months = [(c.month, c.direction) for c in trend.change_points]
    hit = any(
        d == "cooled" and abs(_months(m) - _months(CHANGE.strftime("%Y-%m"))) <= 2
        for m, d in months
    )
    verdict = "PASS" if hit else "FAIL"
    print(f"planted change point {a}-{b} cooled from {CHANGE:%Y-%m}: found {months}  {verdict}")
    every = list(results.values())[4]
    changed = sum(1 for t in every.trends if t.change_points)
    searched = sum(1 for t in every.trends if sum(1 for e in t.events if e) >= 4)
    active = sum(sum(1 for e in t.events if e) for t in every.trends)
    print(
        f"trends, every pair: {len(every.trends):,} pairs, {searched:,} searched for change"
        f" points ({active:,} months with events), {changed:,} with a change point"
    )
    camps = list(results.values())[5]
    placed = [(s.actor, s.camp) for s in camps.stances if s.events - s.proxy_events >= 20]
    right = sum(1 for x, camp in placed if camp == ("GNA", "LNA")[planted[x]])
    share = right / len(placed) if placed else 0.0
    print(
        f"planted camps: {right}/{len(placed)} states with 20+ events with a party in their"
        f" planted camp  {'PASS' if share > 0.9 else 'FAIL'} (> 0.9)"
    )
    proxies = sum(s.proxy_events for s in camps.stances)
    only = sum(1 for s in camps.stances if s.events == s.proxy_events)
    print(f"camps by proxy: {proxies:,} proxy events counted, {only} states placed by them alone")


def _months(label: str) -> int:
    year, month = label.split("-")
    return int(year) * 12 + int(month)


if __name__ == "__main__":
    main()
