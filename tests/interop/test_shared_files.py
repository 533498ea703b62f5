"""The real files in ../shared/eval: every row read, codes and names as written, provenance
on every row, a second import adds nothing, and the UNGA votes give the sanity figures of
shared/eval/alignment/README.md."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from blocs.interop.report import ImportReport, UngaReport
from blocs.interop.store_import import import_events
from blocs.interop.unga import import_unga
from blocs.store.db import Store

from .conftest import ALIGNMENT, EVENTS, count

pytestmark = pytest.mark.needs_shared

FILES = {
    "gdelt2": ("gdelt2_20191024143000.export.CSV.gz", "gdelt", 2111),
    "gdelt1": ("gdelt1_sample_events.tsv.gz", "gdelt", 710),
    "icews": ("icews_events.2018.sample.tab.gz", "icews", 4993),
    "phoenix": ("phoenix_samplePhox.csv.gz", "phoenix", 5000),
}


@pytest.fixture(scope="module")
def imported(
    tmp_path_factory: pytest.TempPathFactory, shared_dir: Path
) -> Iterator[tuple[Store, dict[str, ImportReport], UngaReport]]:
    db = tmp_path_factory.mktemp("shared") / "store.duckdb"
    with Store(db) as store:
        reports = {
            origin: import_events(store, shared_dir / EVENTS / name, fmt)
            for origin, (name, fmt, _) in FILES.items()
        }
        unga = import_unga(
            store,
            shared_dir / ALIGNMENT / "unga_votes_2000_2019.csv.gz",
            shared_dir / ALIGNMENT / "unga_roll_calls_2000_2019.csv",
        )
        yield store, reports, unga


@pytest.mark.parametrize("origin", list(FILES))
def test_every_row_of_each_event_file_is_stored(
    imported: tuple[Store, dict[str, ImportReport], UngaReport], origin: str
) -> None:
    store, reports, _ = imported
    rows = FILES[origin][2]
    report = reports[origin]
    assert (report.origin, report.rows_read, report.rows_added, report.skipped) == (
        origin,
        rows,
        rows,
        {},
    )
    assert count(store, f"SELECT count(*) FROM coded_events WHERE origin = '{origin}'") == rows
    assert count(store, f"SELECT count(*) FROM evidence_events WHERE origin = '{origin}'") == rows


def test_every_row_keeps_its_provenance(
    imported: tuple[Store, dict[str, ImportReport], UngaReport], shared_dir: Path
) -> None:
    store, _, _ = imported
    missing = count(
        store,
        "SELECT count(*) FROM coded_events WHERE source_file IS NULL OR row_id IS NULL"
        " OR row_number < 1 OR import_id IS NULL OR blocs_version IS NULL"
        " OR event_id <> origin || ':' || row_id",
    )
    assert missing == 0
    files = {r[0] for r in store.con.execute("SELECT source_file FROM coded_events").fetchall()}
    assert files == {str((shared_dir / EVENTS / name).resolve()) for name, _, _ in FILES.values()}
    with_url = dict(
        store.con.execute("SELECT origin, count(url) FROM coded_events GROUP BY origin").fetchall()
    )
    assert with_url == {"gdelt2": 2111, "gdelt1": 509, "icews": 0, "phoenix": 5000}


def test_line_numbers_point_at_the_rows(
    imported: tuple[Store, dict[str, ImportReport], UngaReport],
) -> None:
    store, _, _ = imported
    first = store.con.execute(
        "SELECT origin, min(row_number), max(row_number) FROM coded_events GROUP BY origin"
    ).fetchall()
    assert sorted(first) == [
        ("gdelt1", 1, 710),
        ("gdelt2", 1, 2111),
        ("icews", 2, 4994),
        ("phoenix", 2, 5001),
    ]


def test_codes_stay_strings_with_their_leading_zeros(
    imported: tuple[Store, dict[str, ImportReport], UngaReport],
) -> None:
    store, _, _ = imported
    row = store.con.execute(
        "SELECT cameo, cameo_root FROM coded_events WHERE event_id = 'gdelt2:881990833'"
    ).fetchone()
    assert row == ("040", "04")
    roots = dict(
        store.con.execute(
            "SELECT cameo_root, count(*) FROM coded_events WHERE origin = 'gdelt2' GROUP BY 1"
        ).fetchall()
    )
    assert roots["04"] == 460 and roots["01"] == 297
    assert set(roots) >= {f"{n:02d}" for n in range(1, 20)}  # every root 01-19 occurs
    for origin, code in (("icews", "010"), ("phoenix", "010"), ("gdelt1", "0874")):
        assert (
            count(
                store,
                f"SELECT count(*) FROM coded_events WHERE origin = '{origin}' AND cameo = '{code}'",
            )
            > 0
        )
    assert (
        count(store, "SELECT count(*) FROM coded_events WHERE cameo_root <> substr(cameo, 1, 2)")
        == 0
    )


def test_na_and_empty_are_null_and_names_keep_their_letters(
    imported: tuple[Store, dict[str, ImportReport], UngaReport],
) -> None:
    store, _, _ = imported
    assert (
        count(store, "SELECT count(*) FROM coded_events WHERE source_name = 'Recep Tayyip Erdoğan'")
        > 0
    )
    for column in (
        "source_name",
        "target_name",
        "source",
        "target",
        "cameo",
        "url",
        "label",
        "outlet",
        "issue",
    ):
        assert count(store, f"SELECT count(*) FROM coded_events WHERE {column} IN ('NA', '')") == 0
    nulls = store.con.execute(
        "SELECT count(*) FILTER (goldstein IS NULL), count(*) FILTER (cameo IS NULL)"
        " FROM coded_events WHERE origin = 'phoenix'"
    ).fetchone()
    assert nulls == (2, 2)  # the two Phoenix rows with CAMEO ' ' and Goldstein NA


def test_countries_are_iso3_or_an_organisation(
    imported: tuple[Store, dict[str, ImportReport], UngaReport],
) -> None:
    store, reports, _ = imported
    codes = {
        r[0]
        for r in store.con.execute(
            "SELECT source_country FROM coded_events UNION SELECT target_country FROM coded_events"
            " UNION SELECT issue FROM coded_events"
        ).fetchall()
        if r[0] is not None
    }
    organisations = {c for c in codes if len(c) != 3}
    assert {"EU", "UN", "NATO"} <= organisations
    icews_turkey = count(
        store,
        "SELECT count(*) FROM coded_events WHERE origin = 'icews' AND source_country = 'TUR'"
        " AND source_name = 'Turkey'",
    )
    assert icews_turkey > 0
    assert reports["icews"].notes == {}  # every ICEWS country name maps
    both = count(
        store,
        "SELECT count(*) FROM coded_events WHERE origin = 'gdelt2'"
        " AND source_country IS NOT NULL AND target_country IS NOT NULL",
    )
    # 590 rows give both actor country codes; in 47 one is a region (AFR, EUR, SAF, SEA),
    # left unmapped unless the actor is an organisation blocs knows (20 rows: EU, UN, ...).
    assert both == 590 - 47 + 20
    assert reports["gdelt2"].notes == {
        "country code AFR": 45,
        "country code EUR": 19,
        "country code SAF": 4,
        "place code OS": 1,
    }


def test_a_second_import_of_every_file_adds_nothing(
    imported: tuple[Store, dict[str, ImportReport], UngaReport], shared_dir: Path
) -> None:
    store, _, _ = imported
    before = count(store, "SELECT count(*) FROM coded_events")
    for name, fmt, rows in FILES.values():
        again = import_events(store, shared_dir / EVENTS / name, fmt)
        assert (again.rows_added, again.skipped) == (0, {"already stored": rows})
    unga = import_unga(store, shared_dir / ALIGNMENT / "unga_votes_2000_2019.csv.gz")
    assert (unga.votes.rows_added, unga.votes.rows_skipped) == (0, 321_308)
    assert count(store, "SELECT count(*) FROM coded_events") == before


def test_unga_votes_roll_calls_and_states(
    imported: tuple[Store, dict[str, ImportReport], UngaReport],
) -> None:
    store, _, unga = imported
    assert (unga.votes.rows_read, unga.votes.rows_added, unga.votes.skipped) == (
        321_308,
        321_308,
        {},
    )
    assert unga.roll_calls is not None and unga.roll_calls.rows_added == 1_860
    assert count(store, "SELECT count(DISTINCT country) FROM votes") == 193
    by_vote = dict(store.con.execute("SELECT vote, count(*) FROM votes GROUP BY vote").fetchall())
    assert by_vote == {"yes": 259_996, "abstain": 37_552, "no": 23_760}
    with_issue = count(store, "SELECT count(*) FROM roll_calls WHERE len(issues) > 0")
    assert with_issue == 1_414


def test_unga_reproduces_the_fra_rus_roll_calls_of_2019(
    imported: tuple[Store, dict[str, ImportReport], UngaReport], shared_dir: Path
) -> None:
    store, _, _ = imported
    with (shared_dir / ALIGNMENT / "sanity_kappa.csv").open(encoding="utf-8") as sanity:
        expected = next(
            int(r["n_common"])
            for r in csv.DictReader(sanity)
            if r["period"] == "year=2019" and r["pair"] == "FRA-RUS"
        )
    both = count(
        store,
        "SELECT count(DISTINCT a.rcid) FROM votes a JOIN votes b ON a.rcid = b.rcid"
        " WHERE a.country = 'FRA' AND b.country = 'RUS' AND year(a.vote_date) = 2019",
    )
    assert both == expected == 86


def test_imported_rows_give_no_sentence_but_their_label_and_outlet(
    imported: tuple[Store, dict[str, ImportReport], UngaReport],
) -> None:
    store, _, _ = imported
    by_origin = {
        r[0]: r[1:]
        for r in store.con.execute(
            "SELECT origin, count(sentence), count(label), count(outlet)"
            " FROM evidence_events GROUP BY origin"
        ).fetchall()
    }
    # No system publishes its sentences; only ICEWS names its events; GDELT gives no
    # outlet; 90 Phoenix rows have an empty sourcetxt.
    assert by_origin == {
        "gdelt1": (0, 0, 0),
        "gdelt2": (0, 0, 0),
        "icews": (0, 4993, 4993),
        "phoenix": (0, 0, 4910),
    }
    first = store.con.execute(
        "SELECT label, outlet FROM evidence_events WHERE event_id = 'icews:32889836'"
    ).fetchone()
    assert first == ("Consult", "Vietnam News Agency Bulletin")
    keys = count(
        store,
        "SELECT count(*) FROM evidence_events WHERE origin = 'phoenix'"
        " AND regexp_full_match(outlet, '[a-z0-9_]+(;[a-z0-9_]+)*')",
    )
    assert keys == 4910  # sourcetxt holds Phoenix's source keys (wn_world), not text
