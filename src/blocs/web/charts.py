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
            {"x": x(index[c["month"]]), "summary": c["summary"], "month": c["month"]}
            for c in trend["change_points"]
            if c["month"] in index
        ],
    }


def network(report: dict[str, Any], size: int = 620) -> dict[str, Any] | None:
    """Blocs on a ring, each bloc's members on a small ring of its own; ties as lines."""
    blocs = report["blocs"]
    if not blocs:
        return None
    centre = size / 2
    ring = size * 0.36 if len(blocs) > 1 else 0.0
    where: dict[str, tuple[float, float]] = {}
    nodes = []
    for b, bloc in enumerate(blocs):
        angle = 2 * math.pi * b / len(blocs)
        bx, by = centre + ring * math.cos(angle), centre + ring * math.sin(angle)
        members = bloc["members"]
        spread = 14 + 9 * len(members) if len(members) > 1 else 0.0
        for m, member in enumerate(members):
            turn = 2 * math.pi * m / len(members)
            point = (round(bx + spread * math.cos(turn), 1), round(by + spread * math.sin(turn), 1))
            where[member["actor"]] = point
            nodes.append(
                {"actor": member["actor"], "bloc": bloc["bloc"], "x": point[0], "y": point[1]}
            )
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
