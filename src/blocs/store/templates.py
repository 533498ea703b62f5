"""Site template lines and the text scrapes waiting for them, in the store.

An ingest stages every new text scrape (`stage_scrapes`: its raw text in `pending_scrapes`,
its distinct lines in `site_lines`) while it reads the stream, and cleans the staged scrapes
only after the whole stream is read (`pending_batch`, `site_templates`), so that every scrape
is cleaned against the template of everything read, whatever the batch size. Staging is
idempotent, and what a killed run staged is cleaned by the next run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from blocs.clean.templates import MIN_DOCUMENTS, MIN_SHARE, line_keys, site_of
from blocs.records import RawDocument

_PENDING_COLUMNS = (
    "source, raw_hash, site, content, url, title, published, external_id, outlet, author,"
    " fetched_at, run_id"
)


def _insert_ignoring_present(
    con: duckdb.DuckDBPyConnection, table: str, columns: str, rows: list[dict[str, Any]]
) -> None:
    if not rows:
        return
    con.register("staged_rows", pa.Table.from_pylist(rows))
    try:
        con.execute(f"INSERT OR IGNORE INTO {table} ({columns}) SELECT {columns} FROM staged_rows")
    finally:
        con.unregister("staged_rows")


def stage_scrapes(con: duckdb.DuckDBPyConnection, run_id: str, docs: Sequence[RawDocument]) -> None:
    """Remember the scrapes and count their lines for their sites, in one transaction."""
    if not docs:
        return
    pending = [
        {
            "source": d.source,
            "raw_hash": d.raw_hash,
            "site": site_of(d),
            "content": d.content,
            "url": d.url,
            "title": d.title,
            "published": d.published,
            "external_id": d.external_id,
            "outlet": d.outlet,
            "author": d.author,
            "fetched_at": d.fetched_at,
            "run_id": run_id,
        }
        for d in docs
    ]
    lines = [
        {"site": row["site"], "line_key": key, "raw_hash": row["raw_hash"]}
        for row, doc in zip(pending, docs, strict=True)
        for key in sorted(line_keys(doc.content))
    ]
    con.execute("BEGIN TRANSACTION")
    try:
        _insert_ignoring_present(con, "pending_scrapes", _PENDING_COLUMNS, pending)
        _insert_ignoring_present(con, "site_lines", "site, line_key, raw_hash", lines)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def pending_batch(con: duckdb.DuckDBPyConnection, size: int) -> list[tuple[str, RawDocument]]:
    """Up to `size` staged scrapes with their site, in a fixed order."""
    rows = con.execute(
        f"SELECT {_PENDING_COLUMNS} FROM pending_scrapes ORDER BY source, raw_hash LIMIT ?",
        [size],
    ).fetchall()
    return [
        (
            str(site),
            RawDocument(
                source=str(source),
                content=str(content),
                media_type="text/plain",
                url=url,
                title=title,
                published=published,
                external_id=external_id,
                outlet=outlet,
                author=author,
                fetched_at=fetched_at,
            ),
        )
        for (
            source,
            _,
            site,
            content,
            url,
            title,
            published,
            external_id,
            outlet,
            author,
            fetched_at,
            _,
        ) in rows
    ]


def forget_pending(con: duckdb.DuckDBPyConnection, docs: Iterable[RawDocument]) -> None:
    """Drop staged scrapes once they are written or failed (inside the caller's transaction)."""
    keys = [{"source": d.source, "raw_hash": d.raw_hash} for d in docs]
    if not keys:
        return
    con.register("done_keys", pa.Table.from_pylist(keys))
    try:
        con.execute(
            "DELETE FROM pending_scrapes p USING done_keys k"
            " WHERE p.source = k.source AND p.raw_hash = k.raw_hash"
        )
    finally:
        con.unregister("done_keys")


def site_templates(
    con: duckdb.DuckDBPyConnection, sites: Iterable[str]
) -> dict[str, frozenset[str]]:
    """The template lines (normalised keys) of each site, from every document it staged."""
    wanted = sorted(set(sites))
    if not wanted:
        return {}
    rows = con.execute(
        "WITH lines AS (SELECT site, line_key, raw_hash FROM site_lines"
        "  WHERE site IN (SELECT unnest(?::VARCHAR[]))),"
        " sizes AS (SELECT site, count(DISTINCT raw_hash) AS documents FROM lines GROUP BY site)"
        " SELECT l.site, l.line_key FROM lines l JOIN sizes s USING (site)"
        " GROUP BY l.site, l.line_key, s.documents"
        " HAVING count(*) >= greatest(?, ? * s.documents)",
        [wanted, MIN_DOCUMENTS, MIN_SHARE],
    ).fetchall()
    found: dict[str, set[str]] = {site: set() for site in wanted}
    for site, key in rows:
        found[str(site)].add(str(key))
    return {site: frozenset(keys) for site, keys in found.items()}
