"""UNGA votes and roll calls written here: yes/abstain/no only, one vote per state and roll
call, flags and issue lists read as the files mean them, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocs.errors import InteropError
from blocs.interop.unga import import_unga
from blocs.store.db import Store

from .conftest import count, write

VOTES_HEADER = "rcid,session,date,iso3,cow_code,vote\n"
ROLL_CALLS_HEADER = "rcid,session,date,unres,importantvote,amend,para,issues,short,descr\n"


def _votes(tmp_path: Path, *rows: str, compress: bool = False) -> Path:
    name = "votes.csv.gz" if compress else "votes.csv"
    return write(tmp_path / name, VOTES_HEADER + "".join(f"{r}\n" for r in rows), compress)


def test_votes_other_than_yes_abstain_no_are_refused_and_counted(
    tmp_path: Path, store: Store
) -> None:
    path = _votes(
        tmp_path,
        "1,74,2019-11-07,FRA,220,yes",
        "1,74,2019-11-07,RUS,365,no",
        "1,74,2019-11-07,USA,2,absent",
        "1,74,2019-11-07,CHN,710,",
        "1,74,2019-11-07,,0,yes",
        ",74,2019-11-07,DEU,255,yes",
        "2,74,2019-13-40,FRA,220,yes",
        compress=True,
    )
    report = import_unga(store, path).votes
    assert (report.rows_read, report.rows_added, report.rows_skipped) == (7, 2, 5)
    assert report.skipped == {
        "vote not yes, abstain or no": 2,
        "date not YYYY-MM-DD": 1,
        "no roll call id": 1,
        "state not an ISO3 code": 1,
    }
    rows = store.con.execute("SELECT * FROM votes ORDER BY country").fetchall()
    assert [r[:5] for r in rows] == [
        ("1", "FRA", "yes", rows[0][3], 74),
        ("1", "RUS", "no", rows[1][3], 74),
    ]
    assert str(rows[0][3]) == "2019-11-07" and rows[0][5] == str(path.resolve())


def test_copies_count_once_and_copies_that_disagree_are_refused(
    tmp_path: Path, store: Store
) -> None:
    path = _votes(
        tmp_path,
        "1,74,2019-11-07,FRA,220,yes",
        "1,74,2019-11-07,FRA,220,yes",
        "1,74,2019-11-07,RUS,365,no",
        "1,74,2019-11-07,RUS,365,yes",
    )
    report = import_unga(store, path).votes
    assert report.rows_added == 1
    assert report.skipped == {"copies that disagree in the file": 2, "repeated in the file": 1}


def test_a_second_import_adds_nothing(tmp_path: Path, store: Store) -> None:
    path = _votes(tmp_path, "1,74,2019-11-07,FRA,220,yes")
    import_unga(store, path)
    again = import_unga(store, path).votes
    assert (again.rows_added, again.skipped) == (0, {"already stored": 1})
    assert count(store, "SELECT count(*) FROM votes") == 1
    assert count(store, "SELECT count(*) FROM imports WHERE origin = 'unga_votes'") == 2


def test_roll_calls_read_flags_and_issues(tmp_path: Path, store: Store) -> None:
    votes = _votes(tmp_path, "4239,55,2000-10-03,FRA,220,yes")
    roll_calls = write(
        tmp_path / "roll_calls.csv",
        ROLL_CALLS_HEADER
        + '4239,55,2000-10-03,R/55/7,0,,,,LAW OF THE SEA,"Calls upon all States, ""all"""\n'
        + "4240,55,2000-10-03,R/55/8,,1,,di;nu,DRIFT-NET FISHING,Drift-net fishing\n"
        + "4241,55,2000-10-04,R/55/9,yes,,,,X,bad flag\n",
    )
    report = import_unga(store, votes, roll_calls)
    assert report.roll_calls is not None
    assert report.roll_calls.skipped == {"importantvote not 0 or 1": 1}
    rows = store.con.execute(
        "SELECT rcid, resolution, important, amendment, paragraph, issues, description"
        " FROM roll_calls ORDER BY rcid"
    ).fetchall()
    assert rows == [
        ("4239", "R/55/7", False, False, False, [], 'Calls upon all States, "all"'),
        ("4240", "R/55/8", None, True, False, ["di", "nu"], "Drift-net fishing"),
    ]


@pytest.mark.parametrize(
    ("votes_text", "message"),
    [
        ("rcid,iso3,vote\n1,FRA,yes\n", "not a UNGA votes file: its header must be"),
        (VOTES_HEADER + "1,74,2019-11-07,FRA,220,yes,extra\n", "not a UNGA votes file"),
        ("", "not a UNGA votes file"),
    ],
    ids=["wrong header", "wrong width", "empty"],
)
def test_a_file_not_of_the_layout_is_refused_and_nothing_is_written(
    tmp_path: Path, store: Store, votes_text: str, message: str
) -> None:
    path = write(tmp_path / "votes.csv", votes_text)
    with pytest.raises(InteropError, match=message) as caught:
        import_unga(store, path)
    assert str(path.resolve()) in str(caught.value)
    assert count(store, "SELECT count(*) FROM votes") == 0
    assert count(store, "SELECT count(*) FROM imports") == 0


def test_a_bad_roll_calls_file_leaves_the_votes_unwritten_too(tmp_path: Path, store: Store) -> None:
    votes = _votes(tmp_path, "1,74,2019-11-07,FRA,220,yes")
    roll_calls = write(tmp_path / "rc.csv", ROLL_CALLS_HEADER + '1,74,"open quote\n')
    with pytest.raises(InteropError, match=r"rc\.csv: not a UNGA roll-calls file"):
        import_unga(store, votes, roll_calls)
    assert count(store, "SELECT count(*) FROM votes") == 0
    assert count(store, "SELECT count(*) FROM imports") == 0
