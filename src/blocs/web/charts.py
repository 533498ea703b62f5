"""Geometry for the SVG charts the model pages draw: numbers only (coordinates, radii); the
templates turn them into SVG elements, escaping as everywhere else."""

from __future__ import annotations

import math
from typing import Any

WIDTH, HEIGHT, PAD = 760, 240, 36


def timeline(trend: dict[str, Any] | None) -> dict[str, Any] | None:
    """A dyad's monthly score with its interval band and change points, in SVG units."""
    if not trend or not trend["series"]:
        return None
    series = trend["series"]
    top = max(max(p["high"] for p in series), 0.01)
    bottom = min(min(p["low"] for p in series), -0.01)
    n = len(series)

    def x(i: int) -> float:
        return round(PAD + (WIDTH - 2 * PAD) * (i / max(n - 1, 1)), 1)

    def y(value: float) -> float:
        return round(float(PAD + (HEIGHT - 2 * PAD) * (top - value) / (top - bottom)), 1)

    index = {p["month"]: i for i, p in enumerate(series)}
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "line": [(x(i), y(p["score"])) for i, p in enumerate(series)],
        "band": [(x(i), y(p["high"])) for i, p in enumerate(series)]
        + [(x(i), y(p["low"])) for i, p in reversed(list(enumerate(series)))],
        "zero": y(0.0),
        "left": PAD,
        "right": WIDTH - PAD,
        "top": PAD,
        "bottom": HEIGHT - PAD,
        "labels": {"first": series[0]["month"], "last": series[-1]["month"]},
        "range": {"top": top, "bottom": bottom},
        "changes": [
            {
                "x": x(index[c["month"]]),
                "summary": c["summary"],
                "month": c["month"],
                "anchor": "end" if x(index[c["month"]]) > WIDTH - 90 else "start",
            }
            for c in trend["change_points"]
            if c["month"] in index
        ],
    }


def network(report: dict[str, Any], size: int = 620) -> dict[str, Any] | None:
    """Each bloc's members on a small ring of its own, the blocs side by side on a large
    ring (its circumference the sum of theirs, so none overlap), scaled into the square;
    ties as lines, their width by |score|."""
    blocs = report["blocs"]
    if not blocs:
        return None
    radii = [6.0 + 9.0 * len(b["members"]) if len(b["members"]) > 1 else 0.0 for b in blocs]
    ring = sum(2 * r + 26 for r in radii) / (2 * math.pi) if len(blocs) > 1 else 0.0
    raw: dict[str, tuple[float, float]] = {}
    turn = 0.0
    for bloc, radius in zip(blocs, radii, strict=True):
        share = (2 * radius + 26) / (2 * math.pi * ring) * math.pi if ring else 0.0
        turn += share
        bx, by = ring * math.cos(turn), ring * math.sin(turn)
        turn += share
        members = bloc["members"]
        for m, member in enumerate(members):
            angle = 2 * math.pi * m / len(members)
            raw[member["actor"]] = (bx + radius * math.cos(angle), by + radius * math.sin(angle))
    xs, ys = [p[0] for p in raw.values()], [p[1] for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    margin = 40.0
    scale = (size - 2 * margin) / span

    def place(point: tuple[float, float]) -> tuple[float, float]:
        return (
            round(margin + (point[0] - min(xs)) * scale, 1),
            round(margin + (point[1] - min(ys)) * scale, 1),
        )

    where = {actor: place(point) for actor, point in raw.items()}
    nodes = [
        {
            "actor": m["actor"],
            "bloc": b["bloc"],
            "x": where[m["actor"]][0],
            "y": where[m["actor"]][1],
        }
        for b in blocs
        for m in b["members"]
    ]
    strongest = max((abs(t["score"]) for t in report["ties"]), default=1.0) or 1.0
    edges = [
        {
            "a": t["a"],
            "b": t["b"],
            "x1": where[t["a"]][0],
            "y1": where[t["a"]][1],
            "x2": where[t["b"]][0],
            "y2": where[t["b"]][1],
            "positive": t["score"] > 0,
            "width": round(0.6 + 3.4 * abs(t["score"]) / strongest, 2),
        }
        for t in report["ties"]
        if t["a"] in where and t["b"] in where
    ]
    return {"size": size, "nodes": nodes, "edges": edges}
