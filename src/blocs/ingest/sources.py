"""Turn the user's inputs (files, folders, URLs) into a stream of raw documents.

Every reader yields `RawDocument`s, or `InputFailure`s for what it could not read, so that
the caller sees each problem with the input it came from and the batch goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from blocs.errors import IngestError
from blocs.ingest.decode import decode_bytes
from blocs.ingest.feeds import looks_like_feed, read_feed
from blocs.ingest.fetch import FetchedResource, FetchPolicy, fetch_url
from blocs.ingest.files import read_bytes, read_text_or_html
from blocs.ingest.jsonl import read_jsonl
from blocs.ingest.warc import read_warc
from blocs.records import InputFailure, RawDocument

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")

Item = RawDocument | InputFailure


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(value: str) -> bool:
    """Anything with a scheme is a URL (and the fetcher refuses what is not http or https)."""
    return _URL.match(value) is not None


def input_kind(path: Path) -> str | None:
    """The reader a file's name asks for; None for files a folder walk skips."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in HTML_SUFFIXES or suffix in TEXT_SUFFIXES:
        return "file"
    return None


def iter_folder(folder: Path) -> Iterator[Path]:
    """Readable files under `folder`, recursively, sorted, hidden ones skipped."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and input_kind(path) is not None:
            yield path


def read_path(path: Path) -> Iterator[Item]:
    """One file, by its kind; a file named on the command line with an unknown suffix is
    sniffed (feed, HTML or text)."""
    try:
        kind = input_kind(path)
        if kind == "warc":
            yield from read_warc(path)
        elif kind == "jsonl":
            yield from read_jsonl(path)
        elif kind == "feed" or (kind is None and looks_like_feed(read_bytes(path)[:2048])):
            yield from read_feed(read_bytes(path), str(path))
        else:
            yield read_text_or_html(path)
    except IngestError as exc:
        yield InputFailure(str(path), "ingest", str(exc).removeprefix(f"{path}: "))


def documents_from_resource(resource: FetchedResource) -> Iterator[Item]:
    """A fetched URL: a feed yields its entries, anything else one document."""
    content_type = resource.content_type.lower()
    if "rss" in content_type or "atom" in content_type or looks_like_feed(resource.content):
        yield from read_feed(resource.content, resource.url)
        return
    charset = None
    if "charset=" in content_type:
        charset = content_type.split("charset=", 1)[1].split(";")[0].strip("\"' ")
    text = decode_bytes(resource.content, charset)
    yield RawDocument(
        source=resource.url,
        content=text,
        media_type="text/plain" if content_type.startswith("text/plain") else "text/html",
        url=resource.url,
        fetched_at=resource.fetched_at,
    )


def read_url(url: str, policy: FetchPolicy) -> Iterator[Item]:
    try:
        resource = fetch_url(url, policy)
    except IngestError as exc:
        yield InputFailure(url, "ingest", str(exc).removeprefix(f"{url}: "))
        return
    yield from documents_from_resource(resource)


def iter_inputs(inputs: Iterable[str], policy: FetchPolicy | None = None) -> Iterator[Item]:
    """Raw documents from every input: URL, file, or folder (walked recursively)."""
    policy = policy or FetchPolicy()
    for value in inputs:
        if is_url(value):
            yield from read_url(value, policy)
            continue
        path = Path(value)
        if path.is_dir():
            for child in iter_folder(path):
                yield from read_path(child)
        elif path.exists():
            yield from read_path(path)
        else:
            yield InputFailure(value, "ingest", "no such file, folder or URL")
