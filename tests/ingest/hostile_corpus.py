"""A folder of hostile inputs among a few good news documents, built by code under a given
folder (no binary file is committed).

`build_corpus(folder)` writes every case and returns the `Case`s with the outcome each must
have after `blocs ingest`: `stored` (an article is read from it; `detail` is a word its text
keeps), `refused` (a failure names it; `detail` is a phrase of the reason), or `read`
(the batch goes on; what the reader makes of it is another reader's business). Shared by
`tests/ingest/test_hostile_inputs.py` and `bench/hostile_corpus.py`, which load this file by
its path (tests are not a package).
"""

from __future__ import annotations

import gzip
import io
import json
import random
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from blocs.ingest.files import MAX_FILE_BYTES

STORED, REFUSED, READ = "stored", "refused", "read"

BOMB_BYTES = 200 * 1024 * 1024
LONG_SENTENCE_WORDS = 5_000
HTML_DEPTH = 20_000


@dataclass(frozen=True, slots=True)
class Case:
    """One input (`source`: a path relative to the corpus folder, or `path#record`)."""

    source: str
    outcome: str  # STORED, REFUSED or READ
    detail: str = ""


# Good documents: English news briefs written for this corpus.
TALKS = (
    "GENEVA - Foreign ministers of Armenia and Azerbaijan met in Geneva on Monday for talks "
    "on the disputed border, the first such meeting in six months.\n\n"
    "The two delegations agreed to set up a joint commission to mark the frontier and to "
    "exchange prisoners before the end of the year, a Swiss official said.\n\n"
    "Russia, which brokered the last ceasefire, welcomed the meeting and urged both sides "
    "to keep talking."
)
SANCTIONS = (
    "The European Union imposed new sanctions on Belarus on Thursday over the forced landing "
    "of a passenger jet in Minsk.\n\n"
    "The measures ban Belarusian airlines from European airspace and freeze the assets of "
    "seven officials. Lithuania and Poland had pressed for tougher steps.\n\n"
    "Belarus condemned the decision and said it would retaliate."
)
DRILLS = (
    "Japan and Australia held joint naval drills in the Coral Sea this week, the defence "
    "ministry in Tokyo said on Friday.\n\n"
    "Four warships and two patrol aircraft took part. China protested against the exercise "
    "and accused both governments of raising tension in the region."
)
AID = (
    "Germany pledged 200 million euros in humanitarian aid to Sudan on Wednesday, as fighting "
    "between the army and a rival force entered its third month.\n\n"
    "The money will go to food, water and medical care for displaced families, the foreign "
    "office in Berlin said."
)

FISHING = (
    "Delegations from Chile and Peru met again on Tuesday in Lima to discuss fishing rights "
    "off the coast.\n\nBoth sides agreed to meet again next month; officials in both "
    "capitals called the talks constructive."
)

RUSSIAN = (
    "Министр иностранных дел России провёл переговоры в Москве с главой МИД Турции. "
    "Стороны обсудили положение в Сирии и договорились продолжить консультации. "
    "По словам министра, встреча прошла в конструктивной атмосфере."
)
FRENCH = (
    "Le ministre français des Affaires étrangères a reçu mardi à Paris son homologue "
    "allemand. Les deux pays ont appelé à un cessez-le-feu immédiat et à la reprise des "
    "négociations. « Nous sommes prêts à aider », a déclaré le ministre."
)
GERMAN = (
    "Der deutsche Außenminister ist am Dienstag zu Gesprächen nach Warschau gereist. "
    "Beide Regierungen vereinbarten eine engere Zusammenarbeit bei der Grenzsicherung. "
    "Über die Lieferung weiterer Waffen wurde nach Angaben der Regierung nicht gesprochen."
)
CHINESE = (
    "中国外交部长周二在北京会见了巴基斯坦外长。双方就地区安全局势交换了意见，"
    "同意加强在反恐领域的合作。会谈结束后，两国签署了一项经济合作协议。"
)


def _html_page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body>'
        f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>Copyright 2021 The Example Courier</footer></body></html>"
    )


def _random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _pdf() -> bytes:
    """A small PDF: text in a compressed (binary) content stream, as real PDFs hold it."""
    stream = zlib.compress(f"BT /F1 12 Tf 72 720 Td ({SANCTIONS[:200]}) Tj ET".encode())
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        + b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", _random_bytes(4096, 7))
    return buffer.getvalue()


def _png() -> bytes:
    header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"
    return header + zlib.compress(_random_bytes(2048, 11))


def _gzip_stream(out: BinaryIO, head: bytes, filler: bytes, size: int, tail: bytes = b"") -> None:
    """gzip `head`, then `filler` repeated up to `size` bytes in all, then `tail`, into `out`
    (1 MB at a time)."""
    chunk = filler * (1024 * 1024 // len(filler))
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packed:
        packed.write(head)
        written = len(head)
        while written < size:
            piece = chunk[: size - written]
            packed.write(piece)
            written += len(piece)
        packed.write(tail)


def _gzip_file(path: Path, head: bytes, filler: bytes, size: int, tail: bytes = b"") -> None:
    with path.open("wb") as out:
        _gzip_stream(out, head, filler, size, tail)


def _warc_record(writer: WARCWriter, uri: str, body: bytes, headers: list[tuple[str, str]]) -> None:
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
    writer.write_record(record)


def _warc_bytes(pages: list[tuple[str, str]], compress: bool) -> list[bytes]:
    """One serialised record per (uri, html) page (each its own gzip member if compressed)."""
    records = []
    for uri, html in pages:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=compress)
        _warc_record(writer, uri, html.encode(), [("Content-Type", "text/html")])
        records.append(buffer.getvalue())
    return records


def _warc_without_uri(body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2021-05-27T10:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n"
    )


def _warc_bomb_record(path: Path) -> None:
    """A well-formed WARC response whose HTML payload is 200 MB of spaces."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"
    size = len(http) + BOMB_BYTES
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n"
        b"WARC-Date: 2021-05-27T10:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000002>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n" % size + http
    )
    _gzip_file(path, head, b" ", len(head) + BOMB_BYTES, b"\r\n\r\n")


def _warc_encoded_bomb(path: Path) -> None:
    """A response sent with `Content-Encoding: gzip` whose body unpacks to 200 MB of zeros."""
    body = io.BytesIO()
    _gzip_stream(body, b"", b"\0", BOMB_BYTES)
    headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
    with path.open("wb") as out:
        _warc_record(
            WARCWriter(out, gzip=True), "https://bomb.example/encoded", body.getvalue(), headers
        )


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _good(folder: Path) -> list[Case]:
    _write(folder, "good/talks.txt", f"Armenia and Azerbaijan hold border talks\n\n{TALKS}\n")
    _write(folder, "good/sanctions.html", _html_page("EU widens Belarus sanctions", SANCTIONS))
    return [Case("good/talks.txt", STORED, "commission"), Case("good/sanctions.html", STORED)]


def _encodings(folder: Path) -> list[Case]:
    _write(folder, "encodings/russian-cp1251.txt", RUSSIAN.encode("cp1251"))
    _write(folder, "encodings/french-latin1.txt", FRENCH.encode("latin-1"))
    _write(folder, "encodings/german-latin1.txt", GERMAN.encode("latin-1"))
    _write(folder, "encodings/english-utf16-bom.txt", DRILLS.encode("utf-16"))
    _write(folder, "encodings/english-utf16le.txt", AID.encode("utf-16-le"))
    _write(folder, "encodings/german-utf16be-bom.txt", b"\xfe\xff" + GERMAN.encode("utf-16-be"))
    _write(folder, "encodings/chinese-utf8.txt", CHINESE)
    invalid = SANCTIONS.encode().replace(b"Minsk", b"Minsk \xc3\x28\xff\xa0")
    _write(folder, "encodings/invalid-utf8.txt", invalid)
    return [
        Case("encodings/russian-cp1251.txt", STORED, "переговоры"),
        Case("encodings/french-latin1.txt", STORED, "étrangères"),
        Case("encodings/german-latin1.txt", STORED, "Außenminister"),
        Case("encodings/english-utf16-bom.txt", STORED, "warships"),
        Case("encodings/english-utf16le.txt", STORED, "humanitarian"),
        Case("encodings/german-utf16be-bom.txt", STORED, "Grenzsicherung"),
        Case("encodings/chinese-utf8.txt", STORED, "巴基斯坦"),
        Case("encodings/invalid-utf8.txt", STORED, "Lithuania"),
    ]


def _not_text(folder: Path) -> list[Case]:
    _write(folder, "binary/empty.txt", b"")
    _write(folder, "binary/blank.html", " \n\t\r\n   \n")
    _write(folder, "binary/random.txt", _random_bytes(50 * 1024, 1))
    _write(folder, "binary/random.html", _random_bytes(50 * 1024, 2))
    _write(folder, "binary/report.txt", _pdf())
    _write(folder, "binary/document.html", _zip())
    _write(folder, "binary/picture.txt", _png())
    return [
        Case("binary/empty.txt", REFUSED, "empty"),
        Case("binary/blank.html", REFUSED, "empty"),
        Case("binary/random.txt", REFUSED, "not text"),
        Case("binary/random.html", REFUSED, "not text"),
        Case("binary/report.txt", REFUSED, "PDF"),
        Case("binary/document.html", REFUSED, "ZIP"),
        Case("binary/picture.txt", REFUSED, "PNG"),
    ]


def _page_of_size(size: int) -> str:
    """A one-line page of `size` bytes: a short article and a huge inline script, as news
    sites ship their state."""
    head = _html_page("Fishing talks", FISHING).replace("</body>", '<script>var state = "')
    tail = '";</script></body></html>'
    return head.removesuffix("</html>") + "A" * (size - len(head) - len(tail) + 7) + tail


def _sizes(folder: Path) -> list[Case]:
    for name, size in (("under-cap", MAX_FILE_BYTES - 1), ("over-cap", MAX_FILE_BYTES + 1)):
        page = _page_of_size(size)
        assert len(page) == size and "\n" not in page
        _write(folder, f"sizes/{name}.html", page)
    words = " ".join(("talks", "on", "trade", "and", "security", "continued,") * 834)
    sentence = (
        "France accused Russia on Monday of breaking the ceasefire, and the talks that "
        f"followed, in the words of one diplomat, {words} until late at night."
    )
    assert len(sentence.split()) > LONG_SENTENCE_WORDS
    _write(folder, "sizes/long-sentence.txt", f"A long day of talks\n\n{sentence}\n")
    return [
        Case("sizes/under-cap.html", STORED, "fishing"),
        Case("sizes/over-cap.html", REFUSED, "limit"),
        Case("sizes/long-sentence.txt", STORED, "diplomat"),
    ]


def _html(folder: Path) -> list[Case]:
    opening, closing = "<div>" * HTML_DEPTH, "</div>" * HTML_DEPTH
    deep = f"<html><body>{opening}<p>{DRILLS}</p>{closing}</body></html>"
    _write(folder, "html/deep.html", deep)
    scripts = "".join(f"<script>var x{i} = {i} * 2; track('{i}');</script>" for i in range(400))
    _write(folder, "html/scripts.html", f"<html><head></head><body>{scripts}</body></html>")
    return [
        Case("html/deep.html", REFUSED, "255 deep"),
        Case("html/scripts.html", REFUSED, "no main text"),
    ]


_LOGO = "https://images.example/logo"


def _crawl(site: str) -> list[tuple[str, str]]:
    """Three (uri, html) pages of one site: each archive has its own, so that the store keeps
    a document per archive (it collapses the same URL with the same text)."""
    return [
        (f"https://{site}.example/aid", _html_page("Germany pledges aid to Sudan", AID)),
        (f"https://{site}.example/drills", _html_page("Joint drills in the Coral Sea", DRILLS)),
        (f"https://{site}.example/talks", _html_page("Border talks in Geneva", TALKS)),
    ]


def _warcs(folder: Path) -> list[Case]:
    first, second, third = _warc_bytes(_crawl("truncated"), compress=True)
    _write(folder, "warc/truncated.warc.gz", first + second + third[: len(third) // 2])
    plain = _warc_bytes(_crawl("cut"), compress=False)
    _write(folder, "warc/cut-in-header.warc", plain[0] + plain[1][:60])
    plain = _warc_bytes(_crawl("garbage"), compress=False)
    _write(folder, "warc/garbage-after.warc", plain[0] + _random_bytes(8192, 3))
    _write(folder, "warc/no-uri.warc", _warc_without_uri(_html_page("Aid", AID).encode()))
    _write(folder, "warc/not-gzip.warc.gz", _random_bytes(4096, 4))
    _write(folder, "warc/uncompressed.warc.gz", _warc_bytes(_crawl("plain"), compress=False)[2])
    _gzip_file(folder / "warc/bomb.warc.gz", b"", b"\0", BOMB_BYTES)
    _gzip_file(folder / "warc/line-bomb.warc.gz", b"WARC/1.0\r\nWARC-Type: ", b"A", BOMB_BYTES)
    _warc_bomb_record(folder / "warc/bomb-record.warc.gz")
    _warc_encoded_bomb(folder / "warc/encoded-bomb.warc.gz")
    with (folder / "warc/image-as-html.warc.gz").open("wb") as out:
        _warc_record(WARCWriter(out, gzip=True), _LOGO, _png(), [("Content-Type", "text/html")])
    return [
        Case("warc/truncated.warc.gz#https://truncated.example/aid", STORED, "Sudan"),
        Case("warc/truncated.warc.gz#https://truncated.example/drills", STORED, "warships"),
        Case("warc/truncated.warc.gz#https://truncated.example/talks", REFUSED, "truncated"),
        Case("warc/cut-in-header.warc#https://cut.example/aid", STORED, "Sudan"),
        Case("warc/cut-in-header.warc#record-2", REFUSED, "truncated"),
        Case("warc/garbage-after.warc#https://garbage.example/aid", STORED, "Sudan"),
        Case("warc/garbage-after.warc", REFUSED, "not a WARC record after record 1"),
        Case("warc/no-uri.warc#record-1", REFUSED, "without WARC-Target-URI"),
        Case("warc/not-gzip.warc.gz", REFUSED, "not a WARC"),
        Case("warc/uncompressed.warc.gz#https://plain.example/talks", STORED, "commission"),
        Case("warc/bomb.warc.gz", REFUSED, "not a WARC"),
        Case("warc/line-bomb.warc.gz", REFUSED, "header line over 1 MiB"),
        Case("warc/bomb-record.warc.gz#https://bomb.example/", REFUSED, "over the 20 MB limit"),
        Case("warc/encoded-bomb.warc.gz#https://bomb.example/encoded", REFUSED, "20 MB limit"),
        Case(f"warc/image-as-html.warc.gz#{_LOGO}", REFUSED, "not text: a PNG image"),
    ]


def _feeds_and_jsonl(folder: Path) -> list[Case]:
    items = "".join(
        f"<item><title>{title}</title><link>https://feed.example/{n}</link>"
        f"<description><![CDATA[{body}]]></description></item>"
        for n, (title, body) in enumerate((("Aid for Sudan", AID), ("Drills", DRILLS)))
    )
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}'
    _write(folder, "feeds/broken.rss", rss + "<item><title>Cut off <desc")
    _write(folder, "feeds/garbage.xml", b"<rss version='2.0'>\x00\x01" + _random_bytes(2048, 5))
    _write(folder, "feeds/broken.atom", '<feed xmlns="http://www.w3.org/2005/Atom"><entry><ti')
    lines = [
        json.dumps({"id": "ok-1", "text": TALKS, "date": "2021-06-01"}),
        "{not json at all",
        json.dumps({"id": "num", "text": 12345}),
        json.dumps({"id": "list", "text": ["a", "b"]}),
        json.dumps({"id": "bad-date", "text": DRILLS, "date": "2020-31-02"}),
        json.dumps({"id": "zero-date", "text": AID, "date": "0000-00-00"}),
        json.dumps([1, 2, 3]),
        '{"id": "cut", "text": "The ministers',
    ]
    _write(folder, "jsonl/mixed.jsonl", "\n".join(lines) + "\n")
    return [
        Case("feeds/broken.rss#item-1", STORED, "humanitarian"),
        Case("feeds/broken.rss#item-2", STORED, "warships"),
        Case("feeds/garbage.xml", READ),
        Case("feeds/broken.atom", READ),
        Case("jsonl/mixed.jsonl#ok-1", STORED, "commission"),
        Case("jsonl/mixed.jsonl#bad-date", STORED, "warships"),
        Case("jsonl/mixed.jsonl#zero-date", STORED, "humanitarian"),
        Case("jsonl/mixed.jsonl", READ),
    ]


def _links(folder: Path) -> list[Case]:
    links = folder / "links"
    links.mkdir()
    (links / "loop-a.txt").symlink_to("loop-b.txt")
    (links / "loop-b.txt").symlink_to("loop-a.txt")
    (links / "parent").symlink_to("..", target_is_directory=True)
    (links / "dangling.txt").symlink_to("nowhere.txt")
    locked = _write(folder, "links/locked.txt", f"Locked brief\n\n{SANCTIONS}\n")
    locked.chmod(0)
    return [
        Case("links/loop-a.txt", REFUSED, "symbolic link"),
        Case("links/loop-b.txt", REFUSED, "symbolic link"),
        Case("links/dangling.txt", REFUSED, "symbolic link"),
        Case("links/locked.txt", REFUSED, "permission"),
    ]


BUILDERS: tuple[Callable[[Path], list[Case]], ...] = (
    _good,
    _encodings,
    _not_text,
    _sizes,
    _html,
    _warcs,
    _feeds_and_jsonl,
    _links,
)


def build_corpus(folder: Path) -> list[Case]:
    """Write every case under `folder` (which must not exist yet) and return the cases."""
    folder.mkdir(parents=True)
    return [case for build in BUILDERS for case in build(folder)]


def build_gzip_text_bomb(path: Path) -> Case:
    """200 MB of zeros as `.txt.gz`: a folder walk skips `.gz` texts, so it is named on the
    command line, where an unknown suffix is sniffed."""
    _gzip_file(path, b"", b"\0", BOMB_BYTES)
    return Case(path.name, REFUSED, "gzip")


def can_read(path: Path) -> bool:
    """False when this process cannot open `path` (chmod 000 does not stop root)."""
    try:
        with path.open("rb"):
            return True
    except OSError:
        return False
