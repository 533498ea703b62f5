"""Write a batch of cleaned documents in one transaction, collapsing duplicates.

For each document, in order:
1. the same source with the same content is already stored -> unchanged, nothing written;
2. an article with the same content hash exists -> an `exact` duplicate: only a document
   row pointing at that article;
3. an article shares an LSH band and its MinHash similarity is at least the threshold ->
   a `near` duplicate: a document row pointing at the canonical (earlier) article;
4. otherwise a new article with its sentences and LSH bands.
Either the whole batch is written or none of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from blocs import __version__
from blocs.clean.fingerprint import NEAR_DUPLICATE_SIMILARITY, band_keys, estimated_similarity
from blocs.errors import StoreError
from blocs.records import CleanedDocument, Event, RawDocument
from blocs.store.db import Store
from blocs.store.templates import forget_pending


@dataclass
class BatchCounts:
    articles_added: int = 0
    duplicates_exact: int = 0
    duplicates_near: int = 0
    unchanged: int = 0
    sentences_added: int = 0
    events_added: int = 0
    added_article_ids: list[str] = field(default_factory=list)

    def add(self, other: BatchCounts) -> None:
        self.articles_added += other.articles_added
        self.duplicates_exact += other.duplicates_exact
        self.duplicates_near += other.duplicates_near
        self.unchanged += other.unchanged
        self.sentences_added += other.sentences_added
        self.events_added += other.events_added
        self.added_article_ids.extend(other.added_article_ids)


def event_row(event: Event) -> dict[str, Any]:
    """An event as a row of the `events` table (offsets and date renamed for SQL)."""
    row = asdict(event)
    row["start_char"], row["end_char"] = row.pop("start"), row.pop("end")
    row["event_date"] = row.pop("date")
    return row


def document_id(source: str, url: str | None, content_hash: str) -> str:
    key = f"{url or source}\0{content_hash}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass
class _PendingBatch:
    """Rows decided so far in this batch, and lookups over them."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    bands: list[dict[str, Any]] = field(default_factory=list)
    by_hash: dict[str, str] = field(default_factory=dict)
    document_ids: set[str] = field(default_factory=set)
    stored_document_ids: set[str] = field(default_factory=set)
    bucket_index: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    signatures: dict[str, list[int]] = field(default_factory=dict)


class BatchWriter:
    """Decides and writes one batch at a time into an open store."""

    def __init__(self, store: Store, run_id: str) -> None:
        self.store = store
        self.run_id = run_id

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The store's current connection (an ingest lets go of the file between batches)."""
        return self.store.con

    def unseen(self, docs: Sequence[RawDocument]) -> list[RawDocument]:
        """The documents whose source and raw content are not stored yet: a re-run skips
        the rest before paying for cleaning them."""
        if not docs:
            return []
        keys = pa.Table.from_pylist([{"source": d.source, "raw_hash": d.raw_hash} for d in docs])
        self.con.register("incoming_keys", keys)
        try:
            stored = set(
                self.con.execute(
                    "SELECT DISTINCT k.source, k.raw_hash FROM incoming_keys k"
                    " JOIN documents d ON d.source = k.source AND d.raw_hash = k.raw_hash"
                ).fetchall()
            )
        finally:
            self.con.unregister("incoming_keys")
        return [d for d in docs if (d.source, d.raw_hash) not in stored]

    def _query_with(self, name: str, rows: list[dict[str, Any]], sql: str) -> list[Any]:
        """Run `sql` with `rows` visible as table `name` (one scan of the store per batch
        instead of one query per document)."""
        if not rows:
            return []
        self.con.register(name, pa.Table.from_pylist(rows))
        try:
            return self.con.execute(sql).fetchall()
        finally:
            self.con.unregister(name)

    def _prefetch(self, items: Sequence[CleanedDocument], pending: _PendingBatch) -> None:
        """Load what the store already holds that this batch could collide with: document
        ids, articles with the same content hash, and near-duplicate candidates (articles
        sharing an LSH band with an item)."""
        doc_keys = [
            {
                "document_id": document_id(i.article.source, i.article.url, i.content_hash),
                "content_hash": i.content_hash,
            }
            for i in items
        ]
        pending.stored_document_ids.update(
            str(row[0])
            for row in self._query_with(
                "batch_docs",
                doc_keys,
                "SELECT d.document_id FROM batch_docs k JOIN documents d USING (document_id)",
            )
        )
        for content_hash, article_id in self._query_with(
            "batch_hashes",
            doc_keys,
            "SELECT a.content_hash, a.article_id FROM batch_hashes k"
            " JOIN articles a USING (content_hash)",
        ):
            pending.by_hash[str(content_hash)] = str(article_id)
        band_rows = [
            {"band": band, "bucket": bucket}
            for item in items
            for band, bucket in enumerate(band_keys(list(item.minhash)))
        ]
        for band, bucket, article_id, minhash in self._query_with(
            "batch_bands",
            band_rows,
            "SELECT DISTINCT b.band, b.bucket, a.article_id, a.minhash FROM batch_bands k"
            " JOIN article_bands b ON b.band = k.band AND b.bucket = k.bucket"
            " JOIN articles a ON a.article_id = b.article_id",
        ):
            pending.bucket_index.setdefault((int(band), int(bucket)), []).append(str(article_id))
            pending.signatures[str(article_id)] = [int(v) for v in minhash]

    @staticmethod
    def _nearest(
        keys: list[int], signature: list[int], pending: _PendingBatch
    ) -> tuple[str, float] | None:
        candidates: set[str] = set()
        for band, bucket in enumerate(keys):
            candidates.update(pending.bucket_index.get((band, bucket), []))
        best: tuple[str, float] | None = None
        for candidate in sorted(candidates):
            similarity = estimated_similarity(signature, pending.signatures[candidate])
            if similarity >= NEAR_DUPLICATE_SIMILARITY and (best is None or similarity > best[1]):
                best = (candidate, similarity)
        return best

    def _document_row(
        self,
        item: CleanedDocument,
        doc_id: str,
        article_id: str,
        duplicate: str,
        similarity: float | None,
        now: datetime,
    ) -> dict[str, Any]:
        a = item.article
        return {
            "document_id": doc_id,
            "article_id": article_id,
            "source": a.source,
            "url": a.url,
            "external_id": a.external_id,
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published,
            "content_hash": item.content_hash,
            "raw_hash": item.raw_hash,
            "duplicate": duplicate,
            "similarity": similarity,
            "fetched_at": item.fetched_at,
            "run_id": self.run_id,
            "blocs_version": __version__,
            "created_at": now,
        }

    def _add_article(
        self, item: CleanedDocument, keys: list[int], pending: _PendingBatch, now: datetime
    ) -> None:
        a = item.article
        pending.articles.append(
            {
                "article_id": a.article_id,
                "content_hash": item.content_hash,
                "title": a.title,
                "author": a.author,
                "outlet": a.outlet,
                "url": a.url,
                "published": a.published,
                "language": a.language,
                "language_score": a.language_score,
                "genre": a.genre,
                "media_type": a.media_type,
                "text": a.text,
                "n_chars": len(a.text),
                "n_sentences": len(item.sentences),
                "minhash": list(item.minhash),
                "run_id": self.run_id,
                "blocs_version": __version__,
                "created_at": now,
            }
        )
        pending.sentences.extend(
            {
                "article_id": s.article_id,
                "sentence_index": s.index,
                "start_char": s.start,
                "end_char": s.end,
                "text": s.text,
                "run_id": self.run_id,
                "blocs_version": __version__,
            }
            for s in item.sentences
        )
        provenance = {"run_id": self.run_id, "blocs_version": __version__}
        pending.mentions.extend(
            {
                "article_id": m.article_id,
                "sentence_index": m.sentence_index,
                "start_char": m.start,
                "end_char": m.end,
                "text": m.text,
                "code": m.code,
                "country": m.country,
                "sector": m.sector,
                "kind": m.kind,
                "entry_id": m.entry_id,
                "method": m.method,
                **provenance,
            }
            for m in item.mentions
        )
        pending.events.extend(event_row(e) | provenance for e in item.events)
        for band, bucket in enumerate(keys):
            pending.bands.append({"band": band, "bucket": bucket, "article_id": a.article_id})
            pending.bucket_index.setdefault((band, bucket), []).append(a.article_id)
        pending.by_hash[item.content_hash] = a.article_id
        pending.signatures[a.article_id] = list(item.minhash)

    def _decide(self, items: Sequence[CleanedDocument]) -> tuple[_PendingBatch, BatchCounts]:
        pending, counts, now = _PendingBatch(), BatchCounts(), datetime.now(UTC)
        self._prefetch(items, pending)
        for item in items:
            a = item.article
            doc_id = document_id(a.source, a.url, item.content_hash)
            if doc_id in pending.document_ids or doc_id in pending.stored_document_ids:
                counts.unchanged += 1
                continue
            pending.document_ids.add(doc_id)
            existing = pending.by_hash.get(item.content_hash)
            if existing is not None:
                pending.documents.append(
                    self._document_row(item, doc_id, existing, "exact", 1.0, now)
                )
                counts.duplicates_exact += 1
                continue
            keys = band_keys(list(item.minhash))
            nearest = self._nearest(keys, list(item.minhash), pending)
            if nearest is not None:
                pending.documents.append(
                    self._document_row(item, doc_id, nearest[0], "near", nearest[1], now)
                )
                counts.duplicates_near += 1
                continue
            self._add_article(item, keys, pending, now)
            pending.documents.append(
                self._document_row(item, doc_id, a.article_id, "original", None, now)
            )
            counts.articles_added += 1
            counts.sentences_added += len(item.sentences)
            counts.events_added += len(item.events)
            counts.added_article_ids.append(a.article_id)
        return pending, counts

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = ", ".join(rows[0])
        self.con.register("pending_rows", pa.Table.from_pylist(rows))
        try:
            self.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM pending_rows")
        finally:
            self.con.unregister("pending_rows")

    def write(
        self,
        items: Sequence[CleanedDocument],
        skipped: int = 0,
        staged: Sequence[RawDocument] = (),
    ) -> BatchCounts:
        """Write the batch atomically; on any error nothing of it stays in the store.

        `skipped` counts documents of the batch found already stored before cleaning;
        `staged` are the staged text scrapes this batch settles (written or failed), dropped
        from `pending_scrapes` in the same transaction.
        """
        self.con.execute("BEGIN TRANSACTION")
        try:
            forget_pending(self.con, staged)
            pending, counts = self._decide(items)
            counts.unchanged += skipped
            self._insert("articles", pending.articles)
            self._insert("sentences", pending.sentences)
            self._insert("article_bands", pending.bands)
            self._insert("mentions", pending.mentions)
            self._insert("events", pending.events)
            self._insert("documents", pending.documents)
            self.con.execute(
                "UPDATE runs SET articles_added = articles_added + ?,"
                " duplicates_exact = duplicates_exact + ?,"
                " duplicates_near = duplicates_near + ?, unchanged = unchanged + ?,"
                " events_added = events_added + ?"
                " WHERE run_id = ?",
                [
                    counts.articles_added,
                    counts.duplicates_exact,
                    counts.duplicates_near,
                    counts.unchanged,
                    counts.events_added,
                    self.run_id,
                ],
            )
            self.con.execute("COMMIT")
        except (duckdb.Error, pa.ArrowException) as exc:
            self.con.execute("ROLLBACK")
            first = items[0].article.source if items else "?"
            raise StoreError(
                f"batch of {len(items)} documents from {first} not written ({exc})"
            ) from exc
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return counts
