"""GDELT, ICEWS and Phoenix files written here: codes stay strings, missing is NULL, every
row keeps its provenance, a second import adds nothing, a file of another format is
refused whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from blocs.errors import InteropError
from blocs.interop.phoenix import HEADER as PHOENIX_HEADER
from blocs.interop.store_import import import_events
from blocs.store.db import Store

from .conftest import count, gdelt_row, icews_file, icews_row, write

GDELT2_ROW = dict(
    GLOBALEVENTID="881990833",
    SQLDATE="20181024",
    Actor1Code="IGOEUREEC",
    Actor1Name="THE EU",
    Actor1CountryCode="EUR",
    Actor2Code="RUSGOV",
    Actor2Name="RUSSIA",
    Actor2CountryCode="RUS",
    EventCode="040",
    EventBaseCode="040",
    EventRootCode="04",
    QuadClass="1",
    GoldsteinScale="1.0",
    ActionGeo_CountryCode="BO",
    SOURCEURL="https://news.example/minsk?a=1&b=é",
)


def _stored(store: Store, event_id: str) -> dict[str, object]:
    cursor = store.con.execute("SELECT * FROM coded_events WHERE event_id = ?", [event_id])
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    assert row is not None, f"{event_id} not stored"
    return dict(zip(names, row, strict=True))


def test_a_gdelt2_row_keeps_its_codes_as_strings_and_maps_the_eu_and_the_place(
    tmp_path: Path, store: Store
) -> None:
    path = write(tmp_path / "export.CSV", gdelt_row(2, **GDELT2_ROW))
    report = import_events(store, path, "gdelt")
    assert (report.origin, report.rows_read, report.rows_added) == ("gdelt2", 1, 1)
    row = _stored(store, "gdelt2:881990833")
    assert row["cameo"] == "040" and row["cameo_root"] == "04"
    assert (row["source"], row["source_country"]) == ("IGOEUREEC", "EU")
    assert (row["target"], row["target_country"], row["target_name"]) == ("RUSGOV", "RUS", "RUSSIA")
    assert row["event_date"] == date(2018, 10, 24)
    assert (row["quad_class"], row["goldstein"], row["plover"]) == (1, 1.0, "CONSULT")
    assert row["issue"] == "BLR"  # FIPS BO
    assert row["url"] == "https://news.example/minsk?a=1&b=é"
    assert row["row_number"] == 1 and row["row_id"] == "881990833"
    assert row["source_file"] == str(path.resolve())


def test_gdelt1_rows_of_57_and_58_columns_mix_in_one_file(tmp_path: Path, store: Store) -> None:
    back_file = gdelt_row(
        1,
        57,
        GLOBALEVENTID="1",
        SQLDATE="19820101",
        EventCode="0874",
        EventRootCode="08",
        Actor1CountryCode="AFR",
    )
    daily = gdelt_row(
        1,
        GLOBALEVENTID="2",
        SQLDATE="20160728",
        EventCode="190",
        EventRootCode="19",
        SOURCEURL="http://a.example/x",
    )
    path = write(
        tmp_path / "events.tsv.gz",
        back_file + daily + back_file.replace("1\t", "3\t", 1),
        compress=True,
    )
    report = import_events(store, path, "gdelt")
    assert (report.origin, report.rows_added) == ("gdelt1", 3)
    assert report.notes == {"country code AFR": 2}
    first, second = _stored(store, "gdelt1:1"), _stored(store, "gdelt1:2")
    assert (first["cameo"], first["cameo_root"], first["plover"]) == ("0874", "08", "RETREAT")
    assert first["url"] is None and first["source_country"] is None
    assert second["url"] == "http://a.example/x" and second["row_number"] == 2


def test_empty_gdelt_fields_are_null(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path / "e.csv", gdelt_row(2, GLOBALEVENTID="7", SQLDATE="20191024"))
    import_events(store, path, "gdelt2")
    row = _stored(store, "gdelt2:7")
    for column in ("source", "source_name", "target", "cameo", "quad_class", "goldstein", "url"):
        assert row[column] is None, column


def test_importing_a_file_again_adds_nothing_and_is_logged(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path / "e.csv", gdelt_row(2, **GDELT2_ROW))
    import_events(store, path, "gdelt")
    again = import_events(store, path, "gdelt")
    assert (again.rows_read, again.rows_added, again.skipped) == (1, 0, {"already stored": 1})
    assert count(store, "SELECT count(*) FROM coded_events") == 1
    logged = store.con.execute(
        "SELECT rows_read, rows_added, rows_skipped, file_sha256 FROM imports ORDER BY imported_at"
    ).fetchall()
    assert [r[:3] for r in logged] == [(1, 1, 0), (1, 0, 1)]
    assert logged[0][3] == logged[1][3] and len(logged[0][3]) == 64


def test_a_repeated_id_is_made_unique_with_its_line_number(tmp_path: Path, store: Store) -> None:
    line = gdelt_row(2, GLOBALEVENTID="5", SQLDATE="20191024", EventCode="010")
    path = write(tmp_path / "e.csv", line + line)
    report = import_events(store, path, "gdelt")
    assert report.rows_added == 2
    assert report.notes == {"id repeated in the file (made unique with its line number)": 1}
    ids = [
        r[0] for r in store.con.execute("SELECT event_id FROM coded_events ORDER BY 1").fetchall()
    ]
    assert ids == ["gdelt2:5", "gdelt2:5#2"]


def test_a_row_without_id_or_with_a_bad_date_is_skipped_with_its_reason(
    tmp_path: Path, store: Store
) -> None:
    good = gdelt_row(2, GLOBALEVENTID="1", SQLDATE="20191024")
    no_id = gdelt_row(2, SQLDATE="20191024")
    bad_date = gdelt_row(2, GLOBALEVENTID="3", SQLDATE="2019-13-45")
    report = import_events(store, write(tmp_path / "e.csv", good + no_id + bad_date), "gdelt")
    assert report.rows_read == 3 and report.rows_added == 1
    assert report.skipped == {"SQLDATE is not a date": 1, "no event id": 1}


@pytest.mark.parametrize(
    ("content", "origin", "message"),
    [
        ("a\tb\tc\n", "gdelt", "line 1 has 3 tab-separated columns"),
        (gdelt_row(2, GLOBALEVENTID="1") + "x\ty\n", "gdelt", "line 2 has 2 columns"),
        (gdelt_row(2, GLOBALEVENTID="1"), "gdelt1", "GDELT 1.0 file rows have 57 or 58"),
        (gdelt_row(1, GLOBALEVENTID="1") + gdelt_row(2, GLOBALEVENTID="2"), "gdelt", "line 2"),
        ("", "gdelt", "empty"),
        (gdelt_row(2, GLOBALEVENTID="1"), "icews", "not the header of an ICEWS events file"),
        ("Event ID\tEvent Date\n1\t2018-06-01\n", "phoenix", "not the header of a Phoenix"),
        (gdelt_row(2, SQLDATE="x") * 2, "gdelt", "none of its 2 rows could be read"),
    ],
    ids=[
        "garbage",
        "short row",
        "wrong version",
        "mixed versions",
        "empty",
        "gdelt as icews",
        "icews as phoenix",
        "no readable row",
    ],
)
def test_a_file_not_of_the_format_is_refused_whole(
    tmp_path: Path, store: Store, content: str, origin: str, message: str
) -> None:
    path = write(tmp_path / "input.txt", content)
    with pytest.raises(InteropError, match=message) as caught:
        import_events(store, path, origin)
    assert str(path.resolve()) in str(caught.value)
    assert count(store, "SELECT count(*) FROM coded_events") == 0
    assert count(store, "SELECT count(*) FROM imports") == 0


def test_a_missing_binary_or_broken_gzip_file_is_refused_with_its_name(
    tmp_path: Path, store: Store
) -> None:
    with pytest.raises(InteropError, match=r"nothere\.csv: no such file"):
        import_events(store, tmp_path / "nothere.csv", "gdelt")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InteropError, match=r"blob\.bin: not UTF-8 text"):
        import_events(store, binary, "icews")
    broken = tmp_path / "cut.gz"
    broken.write_bytes(b"\x1f\x8b" + b"\x00" * 20)
    with pytest.raises(InteropError, match=r"cut\.gz: cannot be read"):
        import_events(store, broken, "phoenix")
    assert count(store, "SELECT count(*) FROM imports") == 0


def test_icews_names_become_iso3_and_na_is_null(tmp_path: Path, store: Store) -> None:
    path = icews_file(
        tmp_path / "icews.tab",
        icews_row(
            Event_ID="32889836",
            Event_Date="2018-06-01",
            Source_Name="Recep Tayyip Erdoğan",
            Source_Country="Turkey",
            Event_Text="Consult",
            CAMEO_Code="040",
            Intensity="1",
            Target_Name="European Union",
            Country="Russian Federation",
        ),
        icews_row(
            Event_ID="32889837",
            Event_Date="2018-06-02",
            Source_Name="Africa",
            Source_Country="Atlantis",
            CAMEO_Code="173",
            Intensity="-5",
        ),
    )
    report = import_events(store, path, "icews")
    assert (report.rows_added, report.notes) == (2, {"country name Atlantis": 1})
    row = _stored(store, "icews:32889836")
    assert (row["source_name"], row["source_country"]) == ("Recep Tayyip Erdoğan", "TUR")
    assert (row["target_name"], row["target_country"]) == ("European Union", "EU")
    assert (row["cameo"], row["cameo_root"], row["quad_class"], row["goldstein"]) == (
        "040",
        "04",
        1,
        1.0,
    )
    assert (row["issue"], row["label"], row["source"], row["url"]) == ("RUS", "Consult", None, None)
    other = _stored(store, "icews:32889837")
    assert other["source_country"] is None and other["target_name"] is None
    assert (other["plover"], other["quad_class"]) == ("COERCE", 4)


def test_na_is_not_namibia(tmp_path: Path, store: Store) -> None:
    path = icews_file(tmp_path / "i.tab", icews_row(Event_ID="1", Event_Date="2018-06-01"))
    import_events(store, path, "icews")
    row = _stored(store, "icews:1")
    assert (row["source_country"], row["target_country"], row["issue"]) == (None, None, None)


def _phoenix(*rows: list[str]) -> str:
    def line(cells: list[str] | tuple[str, ...]) -> str:
        return ",".join('"' + c.replace('"', '""') + '"' if c != "NA" else c for c in cells)

    return "\n".join([line(PHOENIX_HEADER), *(line(r) for r in rows)]) + "\n\n"


def _phoenix_row(**values: str) -> list[str]:
    return [values.get(name or "rowname", "") for name in PHOENIX_HEADER]


def test_phoenix_codes_lists_and_quoting_survive(tmp_path: Path, store: Store) -> None:
    text = _phoenix(
        _phoenix_row(
            rowname="1",
            X="1",
            GID="1276450_v0.2.0",
            Date="20150801",
            Source="GBRGOV",
            Target="IGOWSTNATMIL",
            CAMEO="012",
            RootCode="1",
            QuadClass="0",
            Goldstein="-0.4",
            Lat="NA",
            AdminInfo="FRA",
            URL="http://a.example/1;http://b.example/2",
            sourcetxt="wn_world;wn_asia",
        ),
        _phoenix_row(
            rowname="2",
            X="2",
            GID="729490",
            Date="20140627",
            Source="ISRMED",
            Target="ISR",
            CAMEO=" ",
            RootCode="NA",
            QuadClass="NA",
            Goldstein="NA",
            AdminInfo="Republic of France",
            sourcetxt='a "quoted",\nname',
        ),
    )
    report = import_events(store, write(tmp_path / "p.csv.gz", text, compress=True), "phoenix")
    assert (report.rows_read, report.rows_added) == (2, 2)
    first = _stored(store, "phoenix:1276450_v0.2.0")
    assert (first["source_country"], first["target_country"]) == ("GBR", "NATO")
    assert (first["cameo"], first["cameo_root"], first["quad_class"]) == ("012", "01", 1)
    assert first["goldstein"] == -0.4 and first["issue"] == "FRA"
    assert first["url"] == "http://a.example/1;http://b.example/2"
    second = _stored(store, "phoenix:729490")
    assert second["cameo"] is None and second["quad_class"] is None
    assert second["goldstein"] is None and second["issue"] == "FRA"
    assert second["outlet"] == 'a "quoted",\nname' and second["row_number"] == 3


def test_imported_events_reach_the_evidence_view_with_their_origin(
    tmp_path: Path, store: Store
) -> None:
    import_events(store, write(tmp_path / "e.csv", gdelt_row(2, **GDELT2_ROW)), "gdelt")
    row = store.con.execute(
        "SELECT origin, source_country, target_country, cameo_root, done, url"
        " FROM evidence_events WHERE event_id = 'gdelt2:881990833'"
    ).fetchone()
    assert row == ("gdelt2", "EU", "RUS", "04", True, GDELT2_ROW["SOURCEURL"])


def test_an_unknown_format_is_refused(tmp_path: Path, store: Store) -> None:
    with pytest.raises(InteropError, match="unknown event format 'polecat'"):
        import_events(store, write(tmp_path / "e.csv", "x"), "polecat")


def test_rows_written_in_several_chunks_with_windows_line_ends_count_once(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("blocs.interop.store_import.CHUNK", 2)
    lines = [gdelt_row(2, GLOBALEVENTID=str(n % 4), SQLDATE="20191024") for n in range(5)]
    path = write(tmp_path / "e.csv", "".join(line.replace("\n", "\r\n") for line in lines))
    report = import_events(store, path, "gdelt")
    assert (report.rows_read, report.rows_added) == (5, 5)
    ids = {r[0] for r in store.con.execute("SELECT event_id FROM coded_events").fetchall()}
    assert ids == {"gdelt2:0", "gdelt2:1", "gdelt2:2", "gdelt2:3", "gdelt2:0#5"}
    assert store.con.execute("SELECT url FROM coded_events LIMIT 1").fetchone() == (None,)
    again = import_events(store, path, "gdelt")
    assert again.skipped == {"already stored": 5}


def test_the_evidence_view_gives_labels_and_outlets_not_sentences(
    tmp_path: Path, store: Store
) -> None:
    icews = icews_file(
        tmp_path / "i.tab",
        icews_row(
            Event_ID="7",
            Event_Date="2018-06-01",
            Source_Country="France",
            Event_Text="Express intent to cooperate",
            CAMEO_Code="030",
            Intensity="4",
            Target_Country="Germany",
            Story_ID="47400351",
            Sentence_Number="2",
            Publisher="Agence France-Presse",
        ),
    )
    import_events(store, icews, "icews")
    phoenix = _phoenix(
        _phoenix_row(
            rowname="1",
            GID="9_v0.2.0",
            Date="20150801",
            Source="FRAGOV",
            Target="DEU",
            CAMEO="030",
            URL="http://article.wn.com/view/2015/08/01/France_and_Germany_agree/",
            sourcetxt="wn_europe",
        )
    )
    import_events(store, write(tmp_path / "p.csv", phoenix), "phoenix")
    rows = store.con.execute(
        "SELECT event_id, sentence, label, outlet, url FROM evidence_events ORDER BY event_id"
    ).fetchall()
    assert rows == [
        ("icews:7", None, "Express intent to cooperate", "Agence France-Presse", None),
        (
            "phoenix:9_v0.2.0",
            None,
            None,
            "wn_europe",
            "http://article.wn.com/view/2015/08/01/France_and_Germany_agree/",
        ),
    ]
