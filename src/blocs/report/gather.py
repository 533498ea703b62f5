"""Everything a report shows, read from the store through the alignment model's functions.

`gather` is the only place the report touches the store: it calls the model (dyad scores,
blocs, trends, crisis camps, each dyad's drill-down) and keeps what the pages show, bounded by
`ReportOptions` so a store of millions of events still gives a report of a few hundred rows.
Every dyad any table or figure mentions gets its drill-down, so every number can link to the
events behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from blocs.model.camps import CampParams, CampReport, crisis_camps, load_crises
from blocs.model.dyads import DyadReport, DyadScore, Scoring, VotePeriod, dyad_report, score_pairs
from blocs.model.network import BlocParams, BlocReport, find_blocs
from blocs.model.queries import Selection, load_evidence
from blocs.model.trends import Trend, TrendParams, TrendReport, trends_report

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What the report computes (the model's parameters) and how much of it it shows."""

    scoring: Scoring = field(default_factory=Scoring)
    blocs: BlocParams = field(default_factory=BlocParams)
    trends: TrendParams = field(default_factory=TrendParams)
    camps: CampParams = field(default_factory=CampParams)
    votes: bool = False  # show each dyad's UNGA vote agreement
    max_dyads: int = 40  # rows of the dyad table, most evidence first
    heatmap_actors: int = 16  # actors of the heatmap, most evidence first
    max_timelines: int = 8  # dyad timelines, those with the largest change first
    ties_per_bloc: int = 12  # ties listed inside each bloc and between two blocs
    events_per_dyad: int = 25  # events listed in a dyad's drill-down


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts over the selected evidence."""

    events: int  # counted (asserted, reported, imported)
    not_done: int  # hypothetical, future, negated
    articles: int
    by_origin: dict[str, int]
    first: date | None
    last: date | None


@dataclass(frozen=True, slots=True)
class ReportData:
    selection: Selection
    options: ReportOptions
    summary: Summary
    reference: date | None
    scores: tuple[DyadScore, ...]  # the dyad table
    heatmap_actors: tuple[str, ...]
    heatmap: dict[Pair, float]  # unordered score of each heatmap pair with evidence
    blocs: BlocReport
    trends: TrendReport
    timelines: tuple[Trend, ...]
    camps: tuple[CampReport, ...]  # crises with at least one outside state
    dyads: dict[Pair, DyadReport]  # drill-down of every pair shown anywhere

    @property
    def empty(self) -> bool:
        return self.summary.events == 0


def pair(a: str, b: str) -> Pair:
    """The unordered pair's key, as the model orders it."""
    return (a, b) if a <= b else (b, a)


def summarise(con: duckdb.DuckDBPyConnection, selection: Selection) -> Summary:
    """Counts of the selected events (dated, as the model reads them)."""
    done_where, done_params = selection.where()
    rows = con.execute(
        f"SELECT origin, count(*), count(DISTINCT article_id), min(event_date), max(event_date)"
        f" FROM evidence_events WHERE {done_where} GROUP BY origin ORDER BY origin",
        done_params,
    ).fetchall()
    other_where, other_params = selection.where(done=False)
    found = con.execute(
        f"SELECT count(*) FROM evidence_events WHERE {other_where}", other_params
    ).fetchone()
    firsts = [r[3] for r in rows if r[3] is not None]
    lasts = [r[4] for r in rows if r[4] is not None]
    return Summary(
        events=sum(int(r[1]) for r in rows),
        not_done=int(found[0]) if found else 0,
        articles=sum(int(r[2]) for r in rows),
        by_origin={str(r[0]): int(r[1]) for r in rows},
        first=min(firsts, default=None),
        last=max(lasts, default=None),
    )


def _heatmap_actors(scores: list[DyadScore], limit: int) -> tuple[str, ...]:
    events: dict[str, int] = {}
    for s in scores:
        events[s.a] = events.get(s.a, 0) + s.events
        events[s.b] = events.get(s.b, 0) + s.events
    ranked = sorted(events, key=lambda actor: (-events[actor], actor))[:limit]
    return tuple(sorted(ranked))


def bloc_ties(report: BlocReport, first: int, second: int, limit: int) -> list[DyadScore]:
    """The strongest ties inside bloc `first` (when `second` is the same) or between two."""
    members = {b.number: {m.actor for m in b.members} for b in report.blocs}
    chosen = [
        t
        for t in report.ties
        if (t.a in members[first] and t.b in members[second])
        or (t.b in members[first] and t.a in members[second])
    ]
    chosen.sort(key=lambda t: (-abs(t.score), t.a, t.b))
    return chosen[:limit]


def _timelines(trends: TrendReport, limit: int) -> tuple[Trend, ...]:
    def rank(trend: Trend) -> tuple[float, int, str, str]:
        shift = max((abs(c.shift) for c in trend.change_points), default=0.0)
        return (-shift, -sum(trend.events), trend.a, trend.b)

    return tuple(sorted(trends.trends, key=rank)[:limit])


def _camps(
    con: duckdb.DuckDBPyConnection, selection: Selection, params: CampParams
) -> tuple[CampReport, ...]:
    reports = []
    for crisis in load_crises().values():
        window_ok = not (
            (selection.since and crisis.until and selection.since > crisis.until)
            or (selection.until and crisis.since and selection.until < crisis.since)
        )
        if window_ok:
            report = crisis_camps(con, crisis, selection, params)
            if report.stances:
                reports.append(report)
    return tuple(reports)


def gather(
    con: duckdb.DuckDBPyConnection, selection: Selection, options: ReportOptions
) -> ReportData:
    """Runs the model over the selection and keeps what the report shows."""
    scoring = options.scoring
    evidence = load_evidence(
        con, selection, intensity=scoring.intensity, half_life_days=scoring.half_life_days
    )
    scores = score_pairs(evidence, scoring)
    blocs = find_blocs(
        scores, scoring, options.blocs, selection=selection, reference=evidence.reference
    )
    trends = trends_report(con, selection, scoring, options.trends)
    table = sorted(scores, key=lambda s: (-s.events, -abs(s.score), s.a, s.b))
    table = table[: options.max_dyads]
    actors = _heatmap_actors(scores, options.heatmap_actors)
    shown = set(actors)
    heatmap = {(s.a, s.b): s.score for s in scores if s.a in shown and s.b in shown}
    timelines = _timelines(trends, options.max_timelines)
    wanted: set[Pair] = {(s.a, s.b) for s in table} | set(heatmap)
    wanted |= {(t.a, t.b) for t in timelines}
    numbers = [b.number for b in blocs.blocs]
    for x in numbers:
        for y in numbers[numbers.index(x) :]:
            wanted |= {(t.a, t.b) for t in bloc_ties(blocs, x, y, options.ties_per_bloc)}
    votes = VotePeriod() if options.votes else None
    dyads = {
        key: dyad_report(con, *key, selection, scoring, top=options.events_per_dyad, votes=votes)
        for key in sorted(wanted)
    }
    return ReportData(
        selection=selection,
        options=options,
        summary=summarise(con, selection),
        reference=evidence.reference,
        scores=tuple(table),
        heatmap_actors=actors,
        heatmap=heatmap,
        blocs=blocs,
        trends=trends,
        timelines=timelines,
        camps=_camps(con, selection, options.camps),
        dyads=dyads,
    )
