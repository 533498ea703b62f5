"""Hostile inputs among good documents, through the real `blocs ingest`: the batch finishes,
the good documents land, every bad input is a failure that names it and says why (on stderr
and in `blocs failures`), no traceback reaches the user, and a re-run adds nothing.

The corpus (`hostile_corpus.py`, built under tmp_path) is ingested twice, once per module;
the tests below each check one promise on those two runs.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import pytest

from blocs.ingest import sources
from blocs.ingest.decode import decode_text
from blocs.ingest.fetch import FetchedResource
from blocs.ingest.sniff import binary_reason, unicode_encoding
from blocs.ingest.sources import iter_inputs
from blocs.ingest.warc import MAX_RECORD_BYTES, read_warc
from blocs.records import InputFailure, RawDocument

BLOCS = Path(sys.executable).with_name("blocs")


def _load_corpus_module() -> ModuleType:
    """tests/ is not a package: load the shared generator by its path."""
    path = Path(__file__).with_name("hostile_corpus.py")
    spec = importlib.util.spec_from_file_location("hostile_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


corpus_module = _load_corpus_module()
Case = corpus_module.Case
STORED, REFUSED = corpus_module.STORED, corpus_module.REFUSED


@dataclass(frozen=True)
class Run:
    returncode: int
    summary: dict[str, Any]
    stderr: str
    failures: list[dict[str, Any]]  # `blocs failures --json` of this run
    counts: dict[str, int]


@dataclass(frozen=True)
class Hostile:
    folder: Path
    cases: list[Any]  # hostile_corpus.Case
    extra: Path  # the .txt.gz bomb, named on the command line
    db: Path
    first: Run
    second: Run

    def path(self, case: Any) -> str:
        """The source a case's documents or failures carry (not a Path: `#https://` stays)."""
        return f"{self.folder}/{case.source}"


def _blocs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BLOCS), *args], capture_output=True, text=True, timeout=600, check=False
    )


def _counts(db: Path) -> dict[str, int]:
    counts = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table in ("articles", "documents", "sentences", "events"):
            row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(row[0]) if row else 0
    return counts


def _ingest(inputs: list[str], db: Path) -> Run:
    done = _blocs("ingest", *inputs, "--db", str(db), "--no-progress", "--json")
    summary = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
    listed = _blocs("failures", "--db", str(db), "--json")
    failures = [
        row for row in json.loads(listed.stdout or "[]") if row["run_id"] == summary.get("run_id")
    ]
    return Run(done.returncode, summary, done.stderr, failures, _counts(db))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "corpus"
    cases = corpus_module.build_corpus(folder)
    extra = root / "bomb.txt.gz"
    corpus_module.build_gzip_text_bomb(extra)
    db = root / "x.duckdb"
    inputs = [str(folder), str(extra)]
    first = _ingest(inputs, db)
    second = _ingest(inputs, db)
    return Hostile(folder, cases, extra, db, first, second)


def _stored(db: Path) -> dict[str, tuple[str, str | None]]:
    """source -> (article text, language) of every stored document."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT d.source, a.text, a.language"
            " FROM documents d JOIN articles a USING (article_id)"
        ).fetchall()
    return {source: (text, language) for source, text, language in rows}


def test_the_batch_finishes_and_exits_0_without_a_traceback(hostile: Hostile) -> None:
    for run in (hostile.first, hostile.second):
        assert "Traceback" not in run.stderr, run.stderr[-3000:]
        assert run.returncode == 0, run.stderr[-3000:]
        assert run.summary["documents_read"] > 0


def test_good_documents_and_readable_encodings_are_stored_with_their_text(
    hostile: Hostile,
) -> None:
    stored = _stored(hostile.db)
    missing = [
        case.source
        for case in hostile.cases
        if case.outcome == STORED
        and case.detail.casefold() not in stored.get(hostile.path(case), ("", None))[0].casefold()
    ]
    assert missing == [], f"not stored, or stored without its text: {missing}"


def test_encoded_documents_are_stored_with_their_language(hostile: Hostile) -> None:
    stored = _stored(hostile.db)
    languages = {
        name: stored[str(hostile.folder / "encodings" / name)][1]
        for name in (
            "russian-cp1251.txt",
            "french-latin1.txt",
            "german-latin1.txt",
            "english-utf16-bom.txt",
            "english-utf16le.txt",
            "german-utf16be-bom.txt",
            "chinese-utf8.txt",
        )
    }
    assert languages == {
        "russian-cp1251.txt": "ru",
        "french-latin1.txt": "fr",
        "german-latin1.txt": "de",
        "english-utf16-bom.txt": "en",
        "english-utf16le.txt": "en",
        "german-utf16be-bom.txt": "de",
        "chinese-utf8.txt": "zh",
    }


def test_jsonl_lines_with_impossible_dates_are_stored_without_a_date(hostile: Hostile) -> None:
    with duckdb.connect(str(hostile.db), read_only=True) as con:
        rows = con.execute(
            "SELECT d.source, a.published FROM documents d JOIN articles a USING (article_id)"
            " WHERE d.source LIKE '%mixed.jsonl#%'"
        ).fetchall()
    dates = {source.rsplit("#", 1)[1]: published for source, published in rows}
    assert dates == {"ok-1": date(2021, 6, 1), "bad-date": None, "zero-date": None}


def _refused(hostile: Hostile) -> list[Any]:
    locked = hostile.folder / "links" / "locked.txt"
    return [
        case
        for case in hostile.cases
        if case.outcome == REFUSED
        and not (hostile.folder / case.source == locked and corpus_module.can_read(locked))
    ]


def test_every_refused_input_is_a_failure_naming_it_and_saying_why(hostile: Hostile) -> None:
    failures = {f["source"]: f["message"] for f in hostile.first.failures}
    wrong = {
        case.source: failures.get(hostile.path(case))
        for case in _refused(hostile)
        if case.detail.casefold() not in (failures.get(hostile.path(case)) or "").casefold()
    }
    assert wrong == {}, "expected a failure whose message says " + str(
        {c.source: c.detail for c in _refused(hostile) if c.source in wrong}
    )


def test_every_failure_is_printed_on_stderr_with_its_input(hostile: Hostile) -> None:
    for failure in hostile.first.failures:
        assert f"skipped {failure['source']}: {failure['message']}" in hostile.first.stderr


def test_a_gzip_text_named_on_the_command_line_is_refused_as_compressed(
    hostile: Hostile,
) -> None:
    (failure,) = [f for f in hostile.first.failures if f["source"] == str(hostile.extra)]
    assert failure["message"] == "not text: gzip-compressed data"


def test_every_input_file_ends_as_documents_or_failures_named_after_it(
    hostile: Hostile,
) -> None:
    named = {f["source"] for f in hostile.first.failures} | set(_stored(hostile.db))
    files = [
        p
        for p in hostile.folder.rglob("*")
        if sources.input_kind(p) is not None and (p.is_file() or p.is_symlink())
    ]
    unaccounted = [
        str(p.relative_to(hostile.folder))
        for p in files
        if not any(n == str(p) or n.startswith(f"{p}#") for n in named)
    ]
    assert unaccounted == []


def test_an_unreadable_file_is_a_failure_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads a chmod-000 file, so the refusal the OS gives others is simulated."""
    locked, good = tmp_path / "locked.txt", tmp_path / "good.txt"
    locked.write_text("Chile and Peru held talks on fishing rights in Lima.", encoding="utf-8")
    good.write_text("Kenya and Somalia agreed to reopen their border.", encoding="utf-8")
    opening = Path.open

    def refusing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return opening(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    items = list(iter_inputs([str(tmp_path)]))
    failures = {i.source: i.message for i in items if isinstance(i, InputFailure)}
    assert "Permission denied" in failures[str(locked)]
    assert [i.source for i in items if isinstance(i, RawDocument)] == [str(good)]


def test_a_rerun_adds_nothing_and_records_its_own_failures(hostile: Hostile) -> None:
    first, second = hostile.first, hostile.second
    assert second.counts == first.counts
    added = ("articles_added", "sentences_added", "events_added")
    assert [second.summary[key] for key in added] == [0, 0, 0]
    assert second.summary["run_id"] != first.summary["run_id"]
    assert {f["source"] for f in second.failures} == {f["source"] for f in first.failures}


def test_nothing_readable_exits_1_with_the_reasons(tmp_path: Path, hostile: Hostile) -> None:
    inputs = [
        str(hostile.folder / "binary" / "report.txt"),
        str(hostile.folder / "warc" / "bomb.warc.gz"),
        str(tmp_path / "missing.txt"),
    ]
    run = _ingest(inputs, tmp_path / "nothing.duckdb")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert {f["source"] for f in run.failures} == set(inputs)


def test_a_file_name_with_brackets_is_printed_as_it_is(tmp_path: Path) -> None:
    for name in ("notes [red].txt", "old[/b]/scan.txt"):
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(range(256)) * 8)
    done = _blocs("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "x.duckdb"))
    assert "Traceback" not in done.stderr
    assert f"skipped {tmp_path / 'in' / 'notes [red].txt'}: not text" in done.stderr


def test_a_reader_that_raises_keeps_what_it_read_and_names_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text("{}\n")

    def breaking_reader(source: Path) -> Iterator[RawDocument | InputFailure]:
        yield RawDocument(f"{source}#line-1", "Text one.", "text/plain")
        raise AttributeError("'NoneType' object has no attribute 'strip'")

    monkeypatch.setattr(sources, "read_jsonl", breaking_reader)
    first, failure, after = iter_inputs([str(path), str(path.with_name("next.txt"))])
    assert isinstance(first, RawDocument)
    assert failure == InputFailure(
        str(path),
        "ingest",
        "unexpected AttributeError while reading (after #line-1): "
        "'NoneType' object has no attribute 'strip'",
    )
    assert isinstance(after, InputFailure) and after.source.endswith("next.txt")


def test_a_folder_that_cannot_be_listed_is_a_failure_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a/brief.txt", "sealed/inside.txt", "z/brief.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"A brief about talks in Geneva, filed as {name}.")
    scandir = os.scandir

    def refusing_scandir(path: Path) -> Any:  # chmod 000 stops no root process: refuse here
        if Path(path).name == "sealed":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(sources.os, "scandir", refusing_scandir)
    items = list(iter_inputs([str(tmp_path)]))
    assert [(type(i).__name__, Path(i.source).relative_to(tmp_path).as_posix()) for i in items] == [
        ("RawDocument", "a/brief.txt"),
        ("InputFailure", "sealed"),
        ("RawDocument", "z/brief.txt"),
    ]
    assert items[1] == InputFailure(
        str(tmp_path / "sealed"), "ingest", "cannot list the folder (Permission denied)"
    )


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Министр иностранных дел России провёл переговоры в Москве.", "cp1251"),
        ("Le président a reçu à l'Élysée son homologue allemand.", "latin-1"),
        ("Der Außenminister reiste zu Gesprächen nach Warschau.", "cp1252"),
        ("中国外交部长周二在北京会见了巴基斯坦外长。", "utf-8"),
        ("中国外交部长周二在北京会见了巴基斯坦外长。", "gb18030"),
        ("東京で日米の外相が会談し、協力の強化で一致した。", "shift_jis"),
        ("Υπουργοί Εξωτερικών συναντήθηκαν στην Αθήνα.", "iso-8859-7"),
        ("وزراء الخارجية اجتمعوا في القاهرة يوم الثلاثاء.", "utf-8"),
        ("Foreign ministers met in Geneva on Tuesday.", "utf-16"),
        ("Foreign ministers met in Geneva on Tuesday.", "utf-16-be"),
        ("Министры иностранных дел встретились в Женеве.", "utf-16-le"),
        ("Foreign ministers met in Geneva on Tuesday.", "utf-32"),
    ],
)
def test_text_in_any_script_and_charset_is_not_taken_for_binary(text: str, encoding: str) -> None:
    data = (text + "\n") * 40
    decoded = decode_text(data.encode(encoding), None, "brief.txt")
    assert text in decoded


def test_a_fetched_binary_body_is_refused_naming_its_url() -> None:
    pdf = FetchedResource(
        "https://files.example/report", b"%PDF-1.7\n%\xe2\xe3", "text/html", datetime.now(UTC)
    )
    assert list(sources.documents_from_resource(pdf)) == [
        InputFailure("https://files.example/report", "ingest", "not text: a PDF document")
    ]


def test_utf16_without_a_byte_order_mark_is_recognised_by_its_nul_bytes() -> None:
    text = "Talks resumed in Vienna on Monday. " * 10
    assert unicode_encoding(text.encode("utf-16-le")) == "utf-16-le"
    assert unicode_encoding(text.encode("utf-16-be")) == "utf-16-be"
    assert unicode_encoding(text.encode("utf-8")) is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "a ZIP archive (or an Office or EPUB document)"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (bytes(range(256)) * 4, "binary data (11% control bytes)"),
    ],
)
def test_binary_data_is_refused_with_what_it_is(data: bytes, reason: str) -> None:
    assert binary_reason(data) == reason


def test_text_that_merely_starts_like_a_magic_number_is_text() -> None:
    for text in ("Why the WEBP format matters.", "BZh is not a word.", "GIF89 was a year."):
        assert binary_reason(text.encode()) is None


def test_decompression_bombs_in_warc_files_are_read_in_bounded_memory(hostile: Hostile) -> None:
    """A record is read MAX_RECORD_BYTES + 1 bytes at most: with the readers' buffers and a
    copy or two that makes a few times 20 MB, never the 200 MB each bomb unpacks to."""
    for name in ("bomb-record.warc.gz", "encoded-bomb.warc.gz", "line-bomb.warc.gz"):
        tracemalloc.start()
        try:
            (failure,) = list(read_warc(hostile.folder / "warc" / name))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert isinstance(failure, InputFailure)
        assert peak < 5 * MAX_RECORD_BYTES < corpus_module.BOMB_BYTES, f"{name}: {peak} bytes"
