"""`blocs validate alliances` on the real data (UNGA votes, ATOP pledges): pinned floors.

The floors sit just under the figures measured when they were pinned (test ROC AUC 0.873,
PR AUC 0.424, README "Validating alignment against alliances"); raise them when the score
improves, never lower them to make a change pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from blocs.model import validate
from blocs.model.validation.data import AllianceData
from blocs.model.validation.select import Selection, choose_parameters

pytestmark = pytest.mark.needs_shared


@pytest.fixture(scope="module")
def run(shared_dir: Path) -> Iterator[tuple[dict[str, Any], list[AllianceData]]]:
    """One validation run, with a spy on what the parameter search was given."""
    given: list[AllianceData] = []

    def spy(train: AllianceData, years: range) -> Selection:
        given.append(train)
        return choose_parameters(train, years)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "choose_parameters", spy)
        yield validate.validate_alliances(shared_dir / "eval" / "alignment"), given


def test_label_free_score_beats_the_floor_on_test_years(
    run: tuple[dict[str, Any], list[AllianceData]],
) -> None:
    result, _ = run
    assert result["label_free"] is True
    assert result["test_roc_auc"] >= 0.865
    assert result["test_pr_auc"] >= 0.41
    assert all(year["roc_auc"] >= 0.86 for year in result["per_year"])


def test_baseline_is_the_readmes_one_year_kappa(
    run: tuple[dict[str, Any], list[AllianceData]],
) -> None:
    result, _ = run
    assert result["baseline_kappa_roc_auc"] == pytest.approx(0.796, abs=0.001)
    by_year = {y["year"]: y for y in result["per_year"]}
    assert by_year[2018]["baseline_kappa_roc_auc"] == pytest.approx(0.789, abs=0.001)
    assert 0.09 <= result["test_positive_rate"] <= 0.094  # README: 9.2 %
    assert result["components"]["agreement_one_year"]["test_roc_auc"] == pytest.approx(
        0.775, abs=0.001
    )


def test_parameters_come_from_train_years_only(
    run: tuple[dict[str, Any], list[AllianceData]],
) -> None:
    result, given = run
    assert result["train_years"] == list(range(2000, 2013))
    assert result["test_years"] == list(range(2013, 2019))
    assert len(given) == 1
    assert max(given[0].counts) == 2012 and max(given[0].pledged) == 2012


def test_subgroups_are_reported_beside_the_baseline(
    run: tuple[dict[str, Any], list[AllianceData]],
) -> None:
    groups = run[0]["subgroups"]
    assert groups["all"]["roc_auc"] == run[0]["test_roc_auc"]
    assert (
        groups["without_americas_pairs"]["roc_auc"]
        > groups["without_americas_pairs"]["baseline_kappa_roc_auc"]
    )
    assert groups["americas_pairs_only"]["positive_pair_years"] > 3000
    assert groups["usa_pairs"]["pair_years"] > 1000
