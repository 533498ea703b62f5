"""Read-side queries over the store, shared by the CLI (and later the web app and API)."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from blocs.errors import StoreError

EXPORT_FORMATS = ("csv", "parquet", "jsonl")


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    outlet: str | None = None
    language: str | None = None
    genre: str | None = None
    since: date | None = None
    until: date | None = None
    contains: str | None = None
    limit: int | None = 50
    offset: int = 0
    words: tuple[str, ...] = ()  # every word in the title or text, anywhere (web search)


_LIST_COLUMNS = """a.article_id, a.published, a.outlet, a.title, a.language, a.genre,
    a.n_sentences, a.n_chars, a.url,
    (SELECT count(*) FROM documents d WHERE d.article_id = a.article_id) AS n_sources"""

_EXPORT_COLUMNS = """a.article_id, a.published, a.outlet, a.title, a.author, a.url, a.language,
    a.language_score, a.genre, a.media_type, a.n_sentences, a.n_chars,
    (SELECT list(coalesce(d.url, d.source) ORDER BY d.created_at) FROM documents d
      WHERE d.article_id = a.article_id) AS sources,
    a.text, a.run_id, a.blocs_version, a.created_at"""


def _where(filters: ArticleFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.outlet:
        clauses.append("a.outlet ILIKE ?")
        params.append(f"%{filters.outlet}%")
    if filters.language:
        clauses.append("a.language = ?")
        params.append(filters.language)
    if filters.genre:
        clauses.append("a.genre = ?")
        params.append(filters.genre)
    if filters.since:
        clauses.append("a.published >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("a.published <= ?")
        params.append(filters.until)
    if filters.contains:
        clauses.append("(a.text ILIKE ? OR a.title ILIKE ?)")
        params += [f"%{filters.contains}%"] * 2
    for word in filters.words:
        clauses.append("(a.text ILIKE ? OR a.title ILIKE ?)")
        params += [f"%{word}%"] * 2
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _select(filters: ArticleFilter, columns: str) -> tuple[str, list[Any]]:
    where, params = _where(filters)
    sql = f"SELECT {columns} FROM articles a{where} ORDER BY a.published NULLS LAST, a.article_id"
    if filters.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [filters.limit, filters.offset]
    return sql, params


def rows_as_dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def list_articles(con: duckdb.DuckDBPyConnection, filters: ArticleFilter) -> list[dict[str, Any]]:
    sql, params = _select(filters, _LIST_COLUMNS)
    return rows_as_dicts(con.execute(sql, params))


def resolve_article_id(con: duckdb.DuckDBPyConnection, id_or_prefix: str) -> str:
    """Full article id from an id or a unique prefix of at least 4 characters."""
    if len(id_or_prefix) < 4:
        raise StoreError(f"{id_or_prefix!r}: give at least 4 characters of the article id")
    rows = con.execute(
        "SELECT article_id FROM articles WHERE starts_with(article_id, ?) LIMIT 2",
        [id_or_prefix],
    ).fetchall()
    if not rows:
        raise StoreError(f"{id_or_prefix!r}: no such article; `blocs articles` lists them")
    if len(rows) > 1:
        raise StoreError(f"{id_or_prefix!r}: more than one article starts so; give more of it")
    return str(rows[0][0])


def get_article(con: duckdb.DuckDBPyConnection, id_or_prefix: str) -> dict[str, Any]:
    """One article with its text, every source it was read from and its sentences."""
    article_id = resolve_article_id(con, id_or_prefix)
    article = rows_as_dicts(
        con.execute("SELECT * EXCLUDE (minhash) FROM articles WHERE article_id = ?", [article_id])
    )[0]
    article["sources"] = rows_as_dicts(
        con.execute(
            "SELECT source, url, outlet, title, published, duplicate, similarity, run_id"
            " FROM documents WHERE article_id = ? ORDER BY created_at, source",
            [article_id],
        )
    )
    article["sentences"] = rows_as_dicts(
        con.execute(
            "SELECT sentence_index, start_char, end_char, text FROM sentences"
            " WHERE article_id = ? ORDER BY sentence_index",
            [article_id],
        )
    )
    return article


def store_stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts over the whole store."""

    def one(sql: str) -> Any:
        row = con.execute(sql).fetchone()
        return row[0] if row else None

    return {
        "articles": one("SELECT count(*) FROM articles"),
        "documents": one("SELECT count(*) FROM documents"),
        "duplicates_exact": one("SELECT count(*) FROM documents WHERE duplicate = 'exact'"),
        "duplicates_near": one("SELECT count(*) FROM documents WHERE duplicate = 'near'"),
        "sentences": one("SELECT count(*) FROM sentences"),
        "failures": one("SELECT count(*) FROM failures"),
        "runs": one("SELECT count(*) FROM runs"),
        "first_published": one("SELECT min(published) FROM articles"),
        "last_published": one("SELECT max(published) FROM articles"),
        "languages": dict(
            con.execute(
                "SELECT coalesce(language, 'unknown'), count(*) FROM articles"
                " GROUP BY 1 ORDER BY 2 DESC, 1"
            ).fetchall()
        ),
        "outlets": dict(
            con.execute(
                "SELECT coalesce(outlet, 'unknown'), count(*) FROM articles"
                " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"
            ).fetchall()
        ),
        "schema_version": one("SELECT max(version) FROM schema_migrations"),
    }


def list_failures(
    con: duckdb.DuckDBPyConnection, run_id: str | None = None
) -> list[dict[str, Any]]:
    sql = "SELECT run_id, source, stage, message, created_at FROM failures"
    params: list[Any] = []
    if run_id:
        sql += " WHERE run_id = ?"
        params.append(run_id)
    return rows_as_dicts(con.execute(sql + " ORDER BY created_at, source", params))


def export_articles(
    con: duckdb.DuckDBPyConnection, fmt: str, out: Path | None, filters: ArticleFilter
) -> int:
    """Write articles as CSV, Parquet or JSONL to `out` (stdout when None, not for
    Parquet); return the number of articles written."""
    sql, params = _select(filters, _EXPORT_COLUMNS)
    return write_query(con, sql, params, fmt, out)


# How each format is written by COPY. `tsv` is tab-separated without header or quoting
# (the GDELT layout): its rows must hold no tab or line break.
_COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "parquet": "FORMAT parquet",
    "jsonl": "FORMAT json",
    "tsv": "FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE ''",
}
_BATCH_ROWS = 10_000


def write_query(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], fmt: str, out: Path | None
) -> int:
    """Write a query's rows as CSV, Parquet, JSONL or headerless TSV to `out` (stdout when
    None, not for Parquet); return the number of rows written.

    Neither path holds the result: a file is written by DuckDB's COPY; stdout gets the rows
    in record batches of `_BATCH_ROWS`."""
    if fmt not in _COPY_OPTIONS:
        raise StoreError(f"{fmt!r}: unknown export format; use one of {', '.join(EXPORT_FORMATS)}")
    if out is None:
        if fmt == "parquet":
            raise StoreError("parquet is binary: give a file with --out")
        reader = con.sql(sql, params=params).to_arrow_reader(_BATCH_ROWS)
        try:
            return _write_batches(reader, fmt)
        finally:
            reader.close()
    target = str(out).replace("'", "''")
    try:
        written = con.execute(
            f"COPY ({sql}) TO '{target}' ({_COPY_OPTIONS[fmt]})", params
        ).fetchone()
    except duckdb.IOException as exc:
        raise StoreError(f"{out}: cannot be written ({exc})") from exc
    return int(written[0]) if written else 0


def _write_batches(reader: pa.RecordBatchReader, fmt: str) -> int:
    count = 0
    writer = csv.writer(sys.stdout, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    if fmt == "csv":
        writer.writerow(reader.schema.names)
    for batch in reader:
        rows = batch.to_pylist()
        count += len(rows)
        for row in rows:
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            elif fmt == "tsv":
                sys.stdout.write("\t".join("" if v is None else str(v) for v in row.values()))
                sys.stdout.write("\n")
            else:
                writer.writerow(row.values())
    return count
