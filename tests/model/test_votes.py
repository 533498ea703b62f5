"""UNGA vote similarity: Cohen's kappa between two states, one pair or all pairs at once."""

from __future__ import annotations

import csv
import math
import random
from datetime import date
from pathlib import Path

import duckdb
import pytest
from sklearn.metrics import cohen_kappa_score

from blocs.model.votes import (
    VoteAgreement,
    load_votes_csv,
    pairwise_kappa,
    vote_agreement,
    vote_matrix,
)
from blocs.store.db import Store

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "alignment"

Ballot = tuple[str, str, str, date, int]  # rcid, country, vote, date, session


def _same(x: VoteAgreement, y: VoteAgreement) -> bool:
    return (x.a, x.b, x.n_common) == (y.a, y.b, y.n_common) and (x.agreement, x.kappa) == (
        pytest.approx((y.agreement, y.kappa), rel=1e-12, abs=1e-12)
    )


def _con(ballots: list[Ballot]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE votes (rcid VARCHAR, country VARCHAR, vote VARCHAR, vote_date DATE,"
        " session INTEGER, source_file VARCHAR, import_id VARCHAR)"
    )
    con.executemany(
        "INSERT INTO votes VALUES (?, ?, ?, ?, ?, 'test', 'test')", [list(b) for b in ballots]
    )
    return con


def _pair(a_votes: list[str | None], b_votes: list[str | None]) -> duckdb.DuckDBPyConnection:
    """Roll calls 0..n-1 in 2019; None is an absence (no row)."""
    ballots: list[Ballot] = []
    for country, votes in (("AAA", a_votes), ("BBB", b_votes)):
        ballots += [(str(i), country, v, date(2019, 11, 1), 74) for i, v in enumerate(votes) if v]
    return _con(ballots)


def test_identical_varied_votes_give_kappa_one() -> None:
    votes: list[str | None] = ["yes", "no", "abstain", "yes", "no"]
    result = vote_agreement(_pair(votes, votes), "AAA", "BBB")
    assert (result.n_common, result.agreement, result.kappa) == (5, 1.0, 1.0)


def test_kappa_of_a_hand_computed_pair() -> None:
    # A: yes yes no abstain; B: yes no no yes -> p_o = 2/4;
    # over the 4 common: A yes 2 no 1 abs 1, B yes 2 no 2 -> p_e = (2*2 + 1*2 + 0) / 16
    result = vote_agreement(
        _pair(["yes", "yes", "no", "abstain"], ["yes", "no", "no", "yes"]), "AAA", "BBB"
    )
    p_e = 6 / 16
    assert result.n_common == 4
    assert result.agreement == 0.5
    assert result.kappa == pytest.approx((0.5 - p_e) / (1 - p_e))


def test_opposite_votes_give_negative_kappa() -> None:
    result = vote_agreement(_pair(["yes", "no"] * 5, ["no", "yes"] * 5), "AAA", "BBB")
    assert result.agreement == 0.0
    assert result.kappa == pytest.approx(-1.0)


def test_only_shared_yes_votes_leave_kappa_undefined() -> None:
    # p_e = 1: both cast "yes" on every common roll call; kappa is 0/0, reported as NaN.
    result = vote_agreement(_pair(["yes"] * 6 + ["no"], ["yes"] * 6 + [None]), "AAA", "BBB")
    assert result.n_common == 6
    assert result.agreement == 1.0
    assert math.isnan(result.kappa)
    assert math.isnan(vote_matrix(_pair(["yes"] * 6, ["yes"] * 6)).kappa[0, 1])


def test_no_common_roll_call_gives_nan() -> None:
    result = vote_agreement(_pair(["yes", None], [None, "no"]), "AAA", "BBB")
    assert result.n_common == 0
    assert math.isnan(result.agreement) and math.isnan(result.kappa)


def test_absences_are_not_votes() -> None:
    # B is absent where A votes "no": those roll calls are not compared at all.
    with_absences = vote_agreement(
        _pair(["yes", "no", "no", "abstain", "yes"], ["yes", None, None, "abstain", "no"]),
        "AAA",
        "BBB",
    )
    without = vote_agreement(
        _pair(["yes", "abstain", "yes"], ["yes", "abstain", "no"]), "AAA", "BBB"
    )
    assert with_absences == without


def test_kappa_matches_scikit_learn_on_random_votes() -> None:
    rng = random.Random(7)
    a = [rng.choice(["yes", "yes", "yes", "no", "abstain"]) for _ in range(60)]
    b = [v if rng.random() < 0.6 else rng.choice(["yes", "no", "abstain"]) for v in a]
    result = vote_agreement(_pair(list(a), list(b)), "AAA", "BBB")
    assert result.kappa == pytest.approx(cohen_kappa_score(a, b))


def test_period_filters_select_votes_by_year_session_and_dates() -> None:
    con = _con(
        [
            ("1", "AAA", "yes", date(2018, 12, 1), 73),
            ("1", "BBB", "yes", date(2018, 12, 1), 73),
            ("2", "AAA", "no", date(2019, 3, 1), 73),
            ("2", "BBB", "yes", date(2019, 3, 1), 73),
            ("3", "AAA", "no", date(2019, 11, 1), 74),
            ("3", "BBB", "no", date(2019, 11, 1), 74),
        ]
    )
    assert vote_agreement(con, "AAA", "BBB").n_common == 3
    assert vote_agreement(con, "AAA", "BBB", year=2019).n_common == 2
    assert vote_agreement(con, "AAA", "BBB", session=73).n_common == 2
    assert vote_agreement(con, "AAA", "BBB", year=2019, session=73).n_common == 1
    assert vote_agreement(con, "AAA", "BBB", since=date(2019, 3, 1)).n_common == 2
    assert vote_agreement(con, "AAA", "BBB", until=date(2019, 3, 1)).n_common == 2


def test_pairwise_kappa_agrees_with_vote_agreement_and_keeps_pairs_with_enough_votes() -> None:
    rng = random.Random(3)
    states = ["AAA", "BBB", "CCC", "DDD", "EEE"]
    ballots: list[Ballot] = [
        (str(rc), s, rng.choice(["yes", "yes", "no", "abstain"]), date(2019, 11, 1), 74)
        for rc in range(40)
        for s in states
        if not (s == "EEE" and rc >= 10) and rng.random() < 0.9
    ]
    con = _con(ballots)
    pairs = pairwise_kappa(con, year=2019, min_common=20)
    assert {(p.a, p.b) for p in pairs} == {
        (a, b) for i, a in enumerate(states[:4]) for b in states[i + 1 : 4]
    }
    for p in pairs:
        assert _same(p, vote_agreement(con, p.a, p.b, year=2019))


def test_vote_agreement_runs_on_the_store_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.con.execute(
            "INSERT INTO votes VALUES ('1', 'FRA', 'yes', DATE '2019-11-01', 74, 'f', 'i'),"
            " ('1', 'RUS', 'yes', DATE '2019-11-01', 74, 'f', 'i'),"
            " ('2', 'FRA', 'no', DATE '2019-11-02', 74, 'f', 'i'),"
            " ('2', 'RUS', 'no', DATE '2019-11-02', 74, 'f', 'i')"
        )
        result = vote_agreement(store.con, "FRA", "RUS", year=2019)
    assert (result.n_common, result.kappa) == (2, 1.0)


@pytest.fixture(scope="module")
def unga() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    load_votes_csv(con, SHARED / "unga_votes_2000_2019.csv.gz")
    return con


def _sanity_rows() -> list[dict[str, str]]:
    path = SHARED / "sanity_kappa.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.needs_shared
@pytest.mark.parametrize("row", _sanity_rows(), ids=lambda r: f"{r['period']} {r['pair']}")
def test_vote_agreement_reproduces_the_sanity_figures(
    unga: duckdb.DuckDBPyConnection, row: dict[str, str]
) -> None:
    kind, value = row["period"].split("=")
    a, b = row["pair"].split("-")
    if kind == "year":
        result = vote_agreement(unga, a, b, year=int(value))
    else:
        result = vote_agreement(unga, a, b, session=int(value))
    assert result.n_common == int(row["n_common"])
    assert round(result.agreement, 4) == float(row["agreement"])
    assert round(result.kappa, 4) == float(row["kappa"])


@pytest.mark.needs_shared
def test_sanity_table_holds_the_ten_figures() -> None:
    assert len(_sanity_rows()) == 10


@pytest.mark.needs_shared
def test_pairwise_kappa_of_a_year_matches_single_pairs(unga: duckdb.DuckDBPyConnection) -> None:
    pairs = pairwise_kappa(unga, year=2018)
    assert 14_500 <= len(pairs) <= 18_528
    for p in random.Random(11).sample(pairs, 25):
        assert _same(p, vote_agreement(unga, p.a, p.b, year=2018))
