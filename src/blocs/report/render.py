"""The report's HTML: Jinja2 templates with autoescape on, the stylesheet inlined.

Every string from the store (sentences, titles, outlets, actor codes) reaches the page through
the templates' autoescape; the only markup passed through is the figures' SVG. Article links
are kept only for http and https URLs: anything else (`javascript:` ...) is shown as text.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from blocs import __version__
from blocs.report import links, plots
from blocs.report.figures import Figures
from blocs.report.gather import ReportData, bloc_ties, pair


def score(value: float) -> str:
    """A signed score with three decimals (-0.000 shown as 0.000)."""
    text = f"{value:+.3f}"
    return "0.000" if text in {"+0.000", "-0.000"} else text


def share(value: float) -> str:
    return f"{value:.3f}"


def web_url(value: object) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (shown as text, not linked)."""
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in {"http", "https"} and parts.netloc else None


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("blocs.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(score=score, share=share)
    env.globals.update(
        dyad_id=links.dyad_id,
        trend_id=links.trend_id,
        bloc_id=links.bloc_id,
        camp_id=links.camp_id,
        crisis_id=links.crisis_id,
        web_url=web_url,
        group_colour=plots.group_colour,
        pair=pair,
        version=__version__,
    )
    return env


_ENV = _environment()


def render_index(data: ReportData, figures: Figures, *, store_name: str) -> str:
    """The whole report as one HTML page."""
    template = _ENV.get_template("index.html.j2")
    numbers = [b.number for b in data.blocs.blocs if len(b.members) > 1]
    inside = {n: bloc_ties(data.blocs, n, n, data.options.ties_per_bloc) for n in numbers}
    between = {
        (r["a"], r["b"]): bloc_ties(data.blocs, r["a"], r["b"], data.options.ties_per_bloc)
        for r in data.blocs.relations
    }
    context: dict[str, Any] = {
        "data": data,
        "figures": figures,
        "store_name": store_name,
        "inside": inside,
        "between": between,
    }
    return template.render(context)
