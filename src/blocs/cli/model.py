"""The alignment model's commands: `blocs dyad`, `blocs blocs`, `blocs camps`, `blocs trends`.

Each parses its options, calls one library function of `blocs.model` and renders the record
it returns (as JSON with `--json`). Bad options exit 2 before the store is opened. The model
(numpy, and igraph or leidenalg inside it) is imported only when a command runs, so
that the other commands and `--version` start without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from blocs.cli.app import app
from blocs.cli.console import err, out, print_json, read_store, say_error, table
from blocs.cli.options import DbOption, JsonOption, ProgressOption
from blocs.errors import BlocsError
from blocs.store.db import DEFAULT_DB

T = TypeVar("T")

if TYPE_CHECKING:
    from blocs.model.camps import CampReport
    from blocs.model.dyads import DyadReport, Scoring
    from blocs.model.network import BlocReport
    from blocs.model.queries import Selection
    from blocs.model.trends import TrendReport

SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        help="Evidence origins, a comma list of blocs, gdelt, icews, phoenix [default: all];"
        " `unga` adds UN General Assembly vote agreement (blocs dyad).",
    ),
]
EventSinceOption = Annotated[
    str | None, typer.Option("--since", help="Events on or after this date (YYYY-MM-DD).")
]
EventUntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        help="Events on or before this date (YYYY-MM-DD); also the date scores are taken at"
        " [default: the latest event].",
    ),
]
HalfLifeOption = Annotated[
    float,
    typer.Option("--half-life", min=0.001, help="Days after which an event counts half."),
]
PriorOption = Annotated[
    float,
    typer.Option(
        "--prior-strength", min=0.0, help="Shrinkage: neutral pseudo-events added to each pair."
    ),
]
IntensityOption = Annotated[
    str,
    typer.Option("--intensity", help="Event intensity: goldstein (Goldstein / 10) or quad."),
]
IntervalOption = Annotated[
    float,
    typer.Option("--interval", min=0.01, max=0.99, help="Level of the uncertainty intervals."),
]


def _usage(message: str) -> typer.Exit:
    say_error(message)
    return typer.Exit(2)


def _day(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _usage(f"{flag} {value!r}: expected a date as YYYY-MM-DD") from exc


def _selection(source: str | None, since: str | None, until: str | None) -> tuple[Selection, bool]:
    """The evidence selection and whether UNGA votes were asked for; bad values exit 2."""
    from blocs.model.queries import Selection, parse_sources

    try:
        origins, votes = parse_sources(source)
        return Selection(origins, _day(since, "--since"), _day(until, "--until")), votes
    except BlocsError as exc:
        raise _usage(str(exc)) from exc


def _checked(make: Callable[[], T]) -> T:
    """Build a parameter record; its validation error is a usage error."""
    try:
        return make()
    except BlocsError as exc:
        raise _usage(str(exc)) from exc


def _scoring(half_life: float, prior_strength: float, intensity: str, interval: float) -> Scoring:
    from blocs.model.dyads import Scoring
    from blocs.model.weights import parse_intensity

    return _checked(
        lambda: Scoring(half_life, prior_strength, parse_intensity(intensity), interval)
    )


@contextmanager
def _progress(label: str, show: bool | None) -> Iterator[Callable[[int, int], None]]:
    """A runs counter on stderr (shown when stderr is a terminal unless told)."""
    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not (err.is_terminal if show is None else show),
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _f(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _score_rows(report: DyadReport) -> list[dict[str, Any]]:
    rows = []
    for label, s in (
        (f"{report.a}–{report.b}", report.score),
        (f"{report.a}→{report.b}", report.forward),
        (f"{report.b}→{report.a}", report.backward),
    ):
        if s is not None:
            rows.append(
                {
                    "pair": label,
                    "events": s.events,
                    "cooperation": _f(s.cooperation),
                    "conflict": _f(s.conflict),
                    "tone": _f(s.tone),
                    "share": _f(s.share),
                    "score": _f(s.score),
                    "interval": f"[{_f(s.low)}, {_f(s.high)}]",
                }
            )
    return rows


def _render_dyad(report: DyadReport) -> None:
    if report.score is not None:
        out.print(
            f"{report.a}–{report.b} at {report.reference or 'no evidence'}"
            f" (sources: {', '.join(report.selection.origins)})",
            highlight=False,
        )
        columns = ["pair", "events", "cooperation", "conflict", "tone", "share", "score"]
        out.print(table(_score_rows(report), [*columns, "interval"]))
        rows = [
            {**e, "weight": _f(e["weight"]), "contribution": _f(e["contribution"], 4)}
            for e in report.evidence
        ]
        title = f"events that moved it most ({len(rows)} of {report.evidence_total})"
        out.print(
            table(
                rows,
                ["event_date", "source", "plover", "target", "weight", "contribution", "sentence"],
                title=title,
            )
        )
        if report.not_done:
            counts = ", ".join(f"{n} {m}" for m, n in report.not_done.items())
            out.print(f"not counted (not done): {counts}", highlight=False)
    if report.votes is not None:
        v = report.votes
        period = ", ".join(
            f"{name} {v[name]}" for name in ("year", "session") if v[name] is not None
        )
        out.print(
            f"UNGA votes {report.a}–{report.b}{f' ({period})' if period else ''}:"
            f" {v['n_common']} common roll calls, agreement {_f(v['agreement'])},"
            f" kappa {_f(v['kappa'])}",
            highlight=False,
        )


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="A state-level code (FRA) or IGO code (NATO).")],
    b: Annotated[str, typer.Argument(help="The other one.")],
    db: DbOption = DEFAULT_DB,
    source: SourceOption = None,
    since: EventSinceOption = None,
    until: EventUntilOption = None,
    year: Annotated[
        int | None, typer.Option("--year", help="One calendar year: events and votes.")
    ] = None,
    session: Annotated[
        int | None, typer.Option("--session", help="One UNGA session (votes only).")
    ] = None,
    half_life: HalfLifeOption = 180.0,
    prior_strength: PriorOption = 1.0,
    intensity: IntensityOption = "goldstein",
    interval: IntervalOption = 0.9,
    top: Annotated[int, typer.Option("--top", min=0, help="Events listed (0: all).")] = 10,
    as_json: JsonOption = False,
) -> None:
    """Score one pair: cooperation, conflict, tone, share, score with its interval, each
    direction, and the events that moved it most."""
    from blocs.model.dyads import VotePeriod, dyad_report

    if a.strip().upper() == b.strip().upper():
        raise _usage(f"a dyad needs two different actors, got {a} twice")
    if year is not None and (since or until):
        raise _usage("--year replaces --since/--until; give one or the other")
    if year is not None:
        since, until = f"{year:04d}-01-01", f"{year:04d}-12-31"
    selection, votes = _selection(source, since, until)
    if session is not None and not votes:
        raise _usage("--session is a UNGA session: add --source unga")
    scoring = _scoring(half_life, prior_strength, intensity, interval)
    period = VotePeriod(year, session) if votes else None
    report = read_store(
        db,
        lambda con: dyad_report(con, a, b, selection, scoring, top=top or None, votes=period),
    )
    if as_json:
        print_json(report.to_json())
        return
    _render_dyad(report)


def _render_blocs(report: BlocReport) -> None:
    if not report.blocs:
        out.print("no pair has enough counted events for a network")
        return
    rows = [
        {
            "bloc": b.number,
            "size": len(b.members),
            "cohesion": _f(b.cohesion),
            "members": ", ".join(f"{m.actor} ({m.stability:.2f})" for m in b.members),
        }
        for b in report.blocs
    ]
    out.print(
        table(
            rows,
            ["bloc", "size", "cohesion", "members"],
            title=f"blocs at {report.reference} (member (stability))",
        )
    )
    relations = [{**r, "score": _f(r["score"]), "mean": _f(r["mean"])} for r in report.relations]
    if relations:
        out.print(table(relations, ["a", "b", "ties", "score", "mean"], title="between blocs"))
    out.print(f"frustration {report.frustration:.3f}", highlight=False)


@app.command("blocs")
def blocs_command(
    db: DbOption = DEFAULT_DB,
    source: SourceOption = None,
    since: EventSinceOption = None,
    until: EventUntilOption = None,
    half_life: HalfLifeOption = 180.0,
    prior_strength: PriorOption = 1.0,
    intensity: IntensityOption = "goldstein",
    interval: IntervalOption = 0.9,
    min_events: Annotated[
        int, typer.Option("--min-events", min=1, help="Events a pair needs to be a tie.")
    ] = 1,
    resolution: Annotated[
        float, typer.Option("--resolution", help="Community resolution (higher: more blocs).")
    ] = 1.0,
    runs: Annotated[
        int,
        typer.Option(
            "--runs", min=1, help="Seeded Leiden runs at most (fewer once the blocs are stable)."
        ),
    ] = 50,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the first run.")] = 0,
    progress: ProgressOption = None,
    as_json: JsonOption = False,
) -> None:
    """Blocs of the signed network of dyad scores, with each member's stability."""
    from blocs.model.network import BlocParams, blocs_report

    selection, _ = _selection(source, since, until)
    scoring = _scoring(half_life, prior_strength, intensity, interval)
    params = _checked(lambda: BlocParams(resolution, runs, seed, min_events))
    with _progress("leiden runs", progress) as advance:
        report = read_store(
            db, lambda con: blocs_report(con, selection, scoring, params, progress=advance)
        )
    if as_json:
        print_json(report.to_json())
        return
    _render_blocs(report)


def _render_camps(report: CampReport) -> None:
    crisis = report.crisis
    out.print(f"{crisis.code}: {crisis.name}", highlight=False)
    for side in crisis.sides:
        members = [s for s in report.stances if s.camp == side.code]
        listed = ", ".join(
            f"{s.actor} {_f(s.lean[side.code])} [{_f(s.low[side.code])}, {_f(s.high[side.code])}]"
            for s in members
        )
        out.print(f"  {side.code} ({side.name}): {listed or '-'}", highlight=False)
    unaligned = [s.actor for s in report.stances if s.camp is None]
    out.print(f"  unaligned: {', '.join(unaligned) or '-'}", highlight=False)
    rows = [
        {
            "actor": s.actor,
            "camp": s.camp or "",
            **e,
            "via": e["via"] or "",
            "signed": _f(e["signed"]),
            "contribution": _f(e["contribution"]),
        }
        for s in report.stances
        for e in s.top_events
    ]
    if rows:
        columns = ["actor", "camp", "side", "via", "event_date", "source", "plover", "target"]
        out.print(table(rows, [*columns, "signed", "contribution", "sentence"], title="evidence"))


@app.command()
def camps(
    issue: Annotated[str, typer.Option("--issue", help="Crisis id: LBY, SYR, NKR, UKR, YEM.")],
    db: DbOption = DEFAULT_DB,
    crises: Annotated[
        Path | None,
        typer.Option("--crises", help="A crises file in the crises.tsv format instead."),
    ] = None,
    source: SourceOption = None,
    since: EventSinceOption = None,
    until: EventUntilOption = None,
    prior_strength: PriorOption = 1.0,
    intensity: IntensityOption = "goldstein",
    interval: IntervalOption = 0.9,
    top: Annotated[int, typer.Option("--top", min=0, help="Evidence events per state.")] = 3,
    proxy_weight: Annotated[
        float,
        typer.Option(
            "--proxy-weight",
            min=0.0,
            max=1.0,
            help="What an event with a state already in a camp counts for (0: none).",
        ),
    ] = 0.5,
    as_json: JsonOption = False,
) -> None:
    """Which outside states side with which party of a crisis, with the evidence: events
    with the crisis' parties place a state first; then an event with an outside state
    already in a camp (France accusing Turkey, a GNA backer), tied to the crisis by its
    sentence, counts as a proxy at --proxy-weight of a direct event's weight, marked in the
    evidence with the camp member it goes via."""
    from blocs.model.camps import CampParams, crisis_camps, crisis_window, find_crisis
    from blocs.model.weights import parse_intensity

    selection, _ = _selection(source, since, until)
    params = _checked(
        lambda: CampParams(
            prior_strength,
            parse_intensity(intensity),
            interval,
            top=top,
            proxy_weight=proxy_weight,
        )
    )
    crisis = _checked(lambda: find_crisis(issue, crises))
    _checked(lambda: crisis_window(selection, crisis))
    report = read_store(db, lambda con: crisis_camps(con, crisis, selection, params))
    if as_json:
        print_json(report.to_json())
        return
    _render_camps(report)


def _render_trends(report: TrendReport, limit: int) -> None:
    if report.pair and not report.trends:
        out.print(f"no counted event between {' and '.join(report.pair)}", highlight=False)
        return
    for trend in report.trends[:1] if report.pair else []:
        rows = [
            {
                "month": month,
                "events": trend.events[i],
                "score": _f(float(trend.score[i]), 4),
                "tone": _f(float(trend.tone[i])),
            }
            for i, month in enumerate(trend.months)
        ]
        out.print(table(rows, ["month", "events", "score", "tone"], title=f"{trend.a}–{trend.b}"))
    points = report.to_json()["change_points"][:limit]
    if not points:
        out.print("no change point")
        return
    rows = [
        {**c, "before": _f(c["before"], 4), "after": _f(c["after"], 4), "shift": _f(c["shift"], 4)}
        for c in points
    ]
    out.print(table(rows, ["summary", "month", "direction", "before", "after", "shift"]))


@app.command()
def trends(
    a: Annotated[str | None, typer.Argument(help="One state of the pair (or none: all).")] = None,
    b: Annotated[str | None, typer.Argument(help="The other one.")] = None,
    db: DbOption = DEFAULT_DB,
    source: SourceOption = None,
    since: EventSinceOption = None,
    until: EventUntilOption = None,
    half_life: HalfLifeOption = 180.0,
    prior_strength: PriorOption = 1.0,
    intensity: IntensityOption = "goldstein",
    interval: IntervalOption = 0.9,
    penalty: Annotated[
        float, typer.Option("--penalty", help="Change-point penalty, times log(n) * variance.")
    ] = 2.0,
    min_size: Annotated[
        int, typer.Option("--min-size", min=1, help="Months a segment lasts at least.")
    ] = 2,
    min_events: Annotated[
        int, typer.Option("--min-events", min=1, help="Events a pair needs (without A B).")
    ] = 3,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Change points listed.")] = 20,
    progress: ProgressOption = None,
    as_json: JsonOption = False,
) -> None:
    """Monthly dyad scores and their change points: 'FRA–RUS warmed from 2019-08'."""
    from blocs.model.trends import TrendParams, trends_report

    if (a is None) != (b is None):
        raise _usage("give two actors (blocs trends FRA RUS) or none")
    selection, _ = _selection(source, since, until)
    scoring = _scoring(half_life, prior_strength, intensity, interval)
    params = _checked(lambda: TrendParams(penalty, min_size, min_events))
    pair = (a, b) if a is not None and b is not None else None
    if pair is not None and pair[0].strip().upper() == pair[1].strip().upper():
        raise _usage(f"a dyad needs two different actors, got {pair[0]} twice")
    with _progress("dyads", progress) as advance:
        report = read_store(
            db,
            lambda con: trends_report(con, selection, scoring, params, pair=pair, progress=advance),
        )
    if as_json:
        print_json(report.to_json())
        return
    _render_trends(report, limit)
