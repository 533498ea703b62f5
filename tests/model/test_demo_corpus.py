"""The sample corpus (`examples/`, what `make demo` ingests) shows what the README says it
shows: real camps in Libya and Syria and the Franco-Russian break of 2022."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocs.model.camps import CampParams, crisis_camps, find_crisis
from blocs.model.dyads import Scoring
from blocs.model.network import BlocParams, blocs_report
from blocs.model.queries import Selection
from blocs.model.trends import TrendParams, trends_report
from blocs.pipeline import ExtractionConfig, run_ingest
from blocs.store.db import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Store(path) as store:
        run_ingest([str(EXAMPLES)], store, extraction=ExtractionConfig())
    return path


def test_libyan_camps(demo: Path) -> None:
    with Store(demo, read_only=True) as store:
        report = crisis_camps(store.con, find_crisis("LBY"), Selection(), CampParams())
    assert report.camp("GNA") == ["TUR"]
    assert {"ARE", "EGY", "RUS", "FRA"} <= set(report.camp("LNA"))


def test_syrian_camps(demo: Path) -> None:
    with Store(demo, read_only=True) as store:
        report = crisis_camps(store.con, find_crisis("SYR"), Selection(), CampParams())
    assert sorted(report.camp("GOV")) == ["IRN", "RUS"]
    assert report.camp("OPP") == ["TUR"]
    assert report.camp("SDF") == ["USA"]


def test_france_and_russia_cooled_in_2022(demo: Path) -> None:
    with Store(demo, read_only=True) as store:
        report = trends_report(
            store.con, Selection(), Scoring(), TrendParams(), pair=("FRA", "RUS")
        )
    [trend] = report.trends
    assert [(c.month[:4], c.direction) for c in trend.change_points][-1] == ("2022", "cooled")


def test_russia_and_the_west_are_in_different_blocs(demo: Path) -> None:
    with Store(demo, read_only=True) as store:
        report = blocs_report(store.con, Selection(), Scoring(), BlocParams())
    west = report.bloc_of("USA")
    assert west is not None
    assert report.bloc_of("FRA") == report.bloc_of("GBR") == west
    assert report.bloc_of("RUS") != west
