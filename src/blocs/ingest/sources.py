"""Turn the user's inputs (files, folders, URLs) into a stream of raw documents.

Every reader yields `RawDocument`s, or `InputFailure`s for what it could not read, so that
the caller sees each problem with the input it came from and the batch goes on. Each
reader's iteration is also guarded here (`guarded`): any error it raises, expected or not,
ends that input with a failure naming it, and the documents it yielded before stay yielded.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from blocs.errors import IngestError
from blocs.ingest.decode import decode_text
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


def _listing(folder: Path) -> Iterator[os.DirEntry[str] | InputFailure]:
    """A folder's entries, sorted by name, hidden ones left out; a failure when it cannot be
    listed."""
    try:
        with os.scandir(folder) as entries:
            visible = sorted(
                (e for e in entries if not e.name.startswith(".")), key=lambda e: e.name
            )
    except OSError as exc:
        yield InputFailure(str(folder), "ingest", f"cannot list the folder ({exc.strerror or exc})")
        return
    yield from visible


def _entry_kind(entry: os.DirEntry[str]) -> str:
    """What a folder entry is to a walk: a "folder" to walk into, a "linked folder" (not
    followed, so that no link loop can make a walk endless), or a "file" (anything else:
    reading it says what is wrong with it)."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        return "linked folder" if entry.is_dir() else "file"
    except OSError:  # a link loop, say
        return "file"


def not_a_file_reason(path: Path) -> str:
    """Why a path that is not a regular file cannot be read."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself)"
        if path.is_symlink():
            return "broken symbolic link (its target does not exist)"
        if isinstance(exc, FileNotFoundError):
            return "no such file, folder or URL"
        return f"cannot read ({exc.strerror or exc})"
    return "not a regular file (a device, a FIFO or a socket)"


def iter_folder(folder: Path) -> Iterator[Path | InputFailure]:
    """Files under `folder` whose name asks for a reader, recursively, in sorted order,
    hidden ones skipped; a folder that cannot be listed, and a file-named entry that is not a
    readable file (a broken or looping link, a FIFO), is a failure naming it."""
    levels = [_listing(folder)]
    while levels:
        entry = next(levels[-1], None)
        if entry is None:
            levels.pop()
        elif isinstance(entry, InputFailure):
            yield entry
        elif (kind := _entry_kind(entry)) == "folder":
            levels.append(_listing(Path(entry.path)))
        elif kind == "file" and input_kind(Path(entry.path)) is not None:
            path = Path(entry.path)
            is_file = path.is_file()
            yield path if is_file else InputFailure(str(path), "ingest", not_a_file_reason(path))


def guarded(items: Iterable[Item], source: str) -> Iterator[Item]:
    """Every item a reader yields; an error raised while it reads becomes a failure naming
    `source`, and the items yielded before it stay yielded."""
    last = source
    try:
        for item in items:
            last = item.source
            yield item
    except IngestError as exc:
        yield InputFailure(source, "ingest", str(exc).removeprefix(f"{source}: "))
    except Exception as exc:  # a reader's or a library's bug on one input must not stop a batch
        fragment = last.removeprefix(source)
        after = f" (after {fragment})" if fragment else ""
        message = f"unexpected {type(exc).__name__} while reading{after}: {exc}"
        yield InputFailure(source, "ingest", message)


def read_path(path: Path) -> Iterator[Item]:
    """One file, by its kind; a file named on the command line with an unknown suffix is
    sniffed (feed, HTML or text)."""
    kind = input_kind(path)
    if kind == "warc":
        yield from read_warc(path)
    elif kind == "jsonl":
        yield from read_jsonl(path)
    elif kind == "feed" or (kind is None and looks_like_feed(read_bytes(path)[:2048])):
        yield from read_feed(read_bytes(path), str(path))
    else:
        yield read_text_or_html(path)


def documents_from_resource(resource: FetchedResource) -> Iterator[Item]:
    """A fetched URL: a feed yields its entries, anything else one document (binary content
    is refused)."""
    content_type = resource.content_type.lower()
    if "rss" in content_type or "atom" in content_type or looks_like_feed(resource.content):
        yield from read_feed(resource.content, resource.url)
        return
    charset = None
    if "charset=" in content_type:
        charset = content_type.split("charset=", 1)[1].split(";")[0].strip("\"' ")
    try:
        text = decode_text(resource.content, charset, resource.url)
    except IngestError as exc:
        yield InputFailure(resource.url, "ingest", str(exc).removeprefix(f"{resource.url}: "))
        return
    yield RawDocument(
        source=resource.url,
        content=text,
        media_type="text/plain" if content_type.startswith("text/plain") else "text/html",
        url=resource.url,
        fetched_at=resource.fetched_at,
    )


def read_url(url: str, policy: FetchPolicy) -> Iterator[Item]:
    yield from documents_from_resource(fetch_url(url, policy))


def _read_folder(folder: Path) -> Iterator[Item]:
    for child in iter_folder(folder):
        if isinstance(child, InputFailure):
            yield child
        else:
            yield from guarded(read_path(child), str(child))


def iter_inputs(inputs: Iterable[str], policy: FetchPolicy | None = None) -> Iterator[Item]:
    """Raw documents from every input: URL, file, or folder (walked recursively). Whatever
    goes wrong while one input is read is a failure naming it, and the next input is read."""
    policy = policy or FetchPolicy()
    for value in inputs:
        path = Path(value)
        if is_url(value):
            yield from guarded(read_url(value, policy), value)
        elif path.is_dir():
            yield from guarded(_read_folder(path), value)
        elif path.is_file():
            yield from guarded(read_path(path), value)
        else:
            yield InputFailure(value, "ingest", not_a_file_reason(path))
