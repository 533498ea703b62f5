"""The alliance validation on small hand-built data: scores, the parameter search, the
protocol's years, and `blocs validate alliances`."""

from __future__ import annotations

import csv
import gzip
import json
import random
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pytest
from sklearn.metrics import roc_auc_score
from typer.testing import CliRunner

from blocs.cli import app
from blocs.errors import EvalError
from blocs.model import validate
from blocs.model.validation.data import AllianceData, load_alliance_data
from blocs.model.validation.metrics import fast_roc_auc
from blocs.model.validation.scores import (
    ScoreParams,
    active_states,
    alignment_score,
    relative_affinity,
    smoothed_kappa,
    usual_closeness,
)
from blocs.model.validation.select import choose_parameters
from blocs.model.votes import VoteCounts, load_votes_csv, vote_agreement, yearly_vote_counts

# Three blocs of real ISO3 codes, so the Americas and USA cuts have something to cut.
BLOCS = {
    "americas": ["USA", "BRA", "ARG", "MEX", "CAN", "CHL", "PER", "COL", "URY", "ECU"],
    "europe": ["FRA", "DEU", "ITA", "ESP", "NLD", "BEL", "POL", "PRT", "GRC", "DNK"],
    "africa": ["NGA", "GHA", "KEN", "SEN", "MLI", "NER", "TCD", "CMR", "ZMB", "TZA"],
}
YEARS = range(2000, 2019)


def write_alignment_folder(folder: Path, seed: int = 5) -> Path:
    """Votes where each state follows its bloc's line 80 % of the time, and defence
    pledges inside the American and the European bloc (not the African one)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    rcid = 0
    for year in YEARS:
        for _ in range(25):
            rcid += 1
            line = {name: rng.choice(["yes", "yes", "no", "abstain"]) for name in BLOCS}
            for name, members in BLOCS.items():
                for state in members:
                    vote = (
                        line[name] if rng.random() < 0.8 else rng.choice(["yes", "no", "abstain"])
                    )
                    rows.append([rcid, year - 1945, f"{year}-11-01", state, 0, vote])
    with gzip.open(folder / "unga_votes_2000_2019.csv.gz", "wt", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["rcid", "session", "date", "iso3", "cow_code", "vote"])
        writer.writerows(rows)
    with (folder / "atop_obligation_spells_2000_2018.csv").open("w", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["cow1", "iso3_1", "cow2", "iso3_2", "obligation", "start_year", "end_year"]
        )
        for name in ("americas", "europe"):
            for a in BLOCS[name]:
                for b in BLOCS[name]:
                    if a != b:
                        writer.writerow([0, a, 0, b, "defense", 1990, 2018])
                        writer.writerow([0, a, 0, b, "consul", 1990, 2018])
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_alignment_folder(tmp_path_factory.mktemp("alignment"))


@pytest.fixture(scope="module")
def data(folder: Path) -> AllianceData:
    return load_alliance_data(folder)


def test_fast_roc_auc_is_scikit_learns_roc_auc_with_ties() -> None:
    rng = np.random.default_rng(1)
    labels = rng.random(2_000) < 0.1
    values = rng.integers(0, 12, 2_000).astype(float) + labels  # many ties
    assert fast_roc_auc(labels, values) == pytest.approx(roc_auc_score(labels, values), abs=1e-12)


def test_data_hold_defence_pledges_only_either_direction_and_the_americas(
    data: AllianceData,
) -> None:
    i = {s: n for n, s in enumerate(data.states)}
    assert data.pledged[2005][i["USA"], i["BRA"]] and data.pledged[2005][i["BRA"], i["USA"]]
    assert not data.pledged[2005][i["NGA"], i["GHA"]]  # no pledge in the African bloc
    assert not data.pledged[2005][i["USA"], i["FRA"]]
    assert {s for s, a in zip(data.states, data.americas, strict=True) if a} == set(
        BLOCS["americas"]
    )


def test_smoothing_without_decay_is_one_kappa_over_the_pooled_roll_calls(folder: Path) -> None:
    con = duckdb.connect()
    load_votes_csv(con, folder / "unga_votes_2000_2019.csv.gz")
    counts = yearly_vote_counts(con)
    kappa = smoothed_kappa(counts, 2005, window=3, half_life=None)
    i = {s: n for n, s in enumerate(counts[2005].states)}
    pooled = vote_agreement(con, "FRA", "NGA", since=date(2003, 1, 1), until=date(2005, 12, 31))
    assert kappa[i["FRA"], i["NGA"]] == pytest.approx(pooled.kappa)


def test_smoothed_score_of_a_year_ignores_later_years(data: AllianceData) -> None:
    later = dict(data.counts)
    later[2006] = VoteCounts.pooled([data.counts[2006]], [7.0])
    params = ScoreParams(window=5, half_life=2.0)
    assert np.array_equal(
        alignment_score(data.counts, 2005, params),
        alignment_score(later, 2005, params),
        equal_nan=True,
    )


def test_decay_weights_recent_years_more(data: AllianceData) -> None:
    flat = smoothed_kappa(data.counts, 2005, window=5, half_life=None)
    decayed = smoothed_kappa(data.counts, 2005, window=5, half_life=0.5)
    recent = smoothed_kappa(data.counts, 2005, window=1, half_life=None)
    assert np.nanmean(np.abs(decayed - recent)) < np.nanmean(np.abs(flat - recent))


def test_relative_affinity_subtracts_the_states_usual_closeness() -> None:
    kappa = np.array(
        [
            [1.0, 0.9, 0.5, 0.1],
            [0.9, 1.0, 0.3, 0.2],
            [0.5, 0.3, 1.0, 0.4],
            [0.1, 0.2, 0.4, 1.0],
        ]
    )
    active = np.array([True, True, True, True])
    closeness = usual_closeness(kappa, active, (2,))[2]
    assert closeness == pytest.approx([0.7, 0.6, 0.45, 0.3])
    affinity = relative_affinity(kappa, active, neighbours=2, density_weight=2.0)
    assert affinity[0, 1] == pytest.approx(0.9 - (0.7 + 0.6))
    assert np.isnan(affinity[0, 0])
    # an inactive state has no score and does not count among the others' neighbours
    active[3] = False
    assert usual_closeness(kappa, active, (2,))[2][0] == pytest.approx(0.7)
    assert np.isnan(relative_affinity(kappa, active, 2, 2.0)[0, 3])


def test_active_states_voted_on_enough_roll_calls(data: AllianceData) -> None:
    assert active_states(data.counts[2005], 20).all()
    assert not active_states(data.counts[2005], 26).any()  # 25 roll calls a year


def test_parameter_search_refuses_data_after_its_last_year(data: AllianceData) -> None:
    with pytest.raises(EvalError, match="after its last year"):
        choose_parameters(data, range(2000, 2013))


def test_parameter_search_picks_from_the_grid_and_separates_the_blocs(
    data: AllianceData,
) -> None:
    selection = choose_parameters(data.until(2012), range(2000, 2013))
    assert [s.name for s in selection.stages] == [
        "smoothing and density correction",
        "third-party similarity (spectral)",
        "blend weight",
    ]
    assert selection.stages[-1].train_roc_auc > 0.9
    assert 0.0 <= selection.params.third_party_weight <= 1.0


def test_validation_gives_the_search_train_years_only(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, list[int]]] = []

    def spy(train: AllianceData, years: range) -> object:
        seen.append((max(train.counts), max(train.pledged), list(years)))
        return choose_parameters(train, years)

    monkeypatch.setattr(validate, "choose_parameters", spy)
    result = validate.validate_alliances(folder)
    assert seen == [(2012, 2012, list(range(2000, 2013)))]
    assert set(result["train_years"]).isdisjoint(result["test_years"])
    assert max(result["train_years"]) < min(result["test_years"])


def test_validation_refuses_overlapping_years(folder: Path) -> None:
    with pytest.raises(EvalError, match="precede"):
        validate.validate_alliances(folder, range(2000, 2014), range(2013, 2019))


def test_cli_prints_the_json_object(folder: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "alliances", "--data", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for key in (
        "train_years",
        "test_years",
        "test_roc_auc",
        "test_pr_auc",
        "test_positive_rate",
        "baseline_kappa_roc_auc",
        "baseline_kappa_pr_auc",
        "chosen_parameters",
        "per_year",
        "subgroups",
    ):
        assert key in report
    assert report["label_free"] is True
    assert [r["year"] for r in report["per_year"]] == list(range(2013, 2019))
    assert report["test_roc_auc"] > 0.9
    assert set(report["subgroups"]) == {
        "all",
        "without_americas_pairs",
        "americas_pairs_only",
        "usa_pairs",
        "pledges_new_after_train",
    }


def test_cli_reads_the_folder_from_the_environment_and_prints_a_table(folder: Path) -> None:
    result = CliRunner().invoke(
        app, ["validate", "alliances"], env={"BLOCS_ALIGNMENT_DATA": str(folder)}
    )
    assert result.exit_code == 0, result.output
    assert "test ROC AUC" in result.stdout
    assert "without_americas_pairs" in result.stdout


def test_cli_missing_data_folder_exits_1_with_a_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "alliances", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no such folder" in result.output
    empty = CliRunner().invoke(app, ["validate", "alliances", "--data", str(tmp_path)])
    assert empty.exit_code == 1
    assert "unga_votes_2000_2019.csv.gz: missing" in empty.output
