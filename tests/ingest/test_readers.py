"""Each input format becomes raw documents; a bad item becomes a failure naming it."""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from blocs.ingest.feeds import read_feed
from blocs.ingest.sources import iter_inputs
from blocs.records import InputFailure, RawDocument

BODY = (
    "Foreign ministers of France and Germany met in Berlin on Tuesday to discuss the "
    "ceasefire in Libya. They agreed to press for a withdrawal of foreign fighters."
)


def _docs(items: list[RawDocument | InputFailure]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def _failures(items: list[RawDocument | InputFailure]) -> list[InputFailure]:
    return [i for i in items if isinstance(i, InputFailure)]


def test_text_and_html_files_are_read_with_their_media_type(tmp_path: Path) -> None:
    (tmp_path / "brief.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "page.html").write_text(f"<html><body><p>{BODY}</p></body></html>")
    docs = _docs(list(iter_inputs([str(tmp_path)])))
    kinds = {Path(d.source).name: d.media_type for d in docs}
    assert kinds == {"brief.txt": "text/plain", "page.html": "text/html"}


def test_latin1_text_file_is_decoded(tmp_path: Path) -> None:
    text = "Le président a rencontré le ministre à Moscou pour discuter de la sécurité."
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    (doc,) = _docs(list(iter_inputs([str(tmp_path / "fr.txt")])))
    assert "président" in doc.content and "Moscou" in doc.content


def test_folder_is_walked_recursively_skipping_hidden_and_unknown_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text(BODY)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "secret.txt").write_text(BODY)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    docs = _docs(list(iter_inputs([str(tmp_path)])))
    assert [Path(d.source).name for d in docs] == ["deep.txt"]


def test_jsonl_lines_become_documents_and_bad_lines_become_named_failures(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [
        json.dumps(
            {
                "id": "w1",
                "text": BODY,
                "date": "2020-06-27",
                "url": "https://x.example/1",
                "title": "Ministers meet",
            }
        ),
        "{not json",
        json.dumps({"id": "w3", "text": ""}),
        json.dumps(["a list"]),
        json.dumps(
            {
                "id": "w5",
                "text": "Russia and Turkey agreed a ceasefire in Idlib.",
                "date": "2020-03-05T18:00:00Z",
            }
        ),
    ]
    path.write_text("\n".join(lines) + "\n\n")
    items = list(iter_inputs([str(path)]))
    docs, failures = _docs(items), _failures(items)
    assert [d.external_id for d in docs] == ["w1", "w5"]
    assert docs[0].title == "Ministers meet" and docs[0].url == "https://x.example/1"
    assert str(docs[0].published) == "2020-06-27" and str(docs[1].published) == "2020-03-05"
    assert all(d.prepared for d in docs)
    assert [f.source.rsplit("#", 1)[1] for f in failures] == ["line-2", "line-3", "line-4"]
    assert "not valid JSON" in failures[0].message


RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Security Digest</title><link>https://digest.example/</link>
<item><title>Ceasefire holds</title><link>https://digest.example/ceasefire</link>
<pubDate>Tue, 10 Nov 2020 08:00:00 GMT</pubDate><author>desk@digest.example (Ana Ruiz)</author>
<content:encoded><![CDATA[<p>Armenia and Azerbaijan signed a ceasefire brokered by Russia.</p>
<p>Russian peacekeepers will deploy along the line of contact.</p>]]></content:encoded></item>
<item><title>Headline only</title><link>https://digest.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Talks in Vienna</title><link href="https://atom.example/vienna"/>
<id>urn:x:1</id><updated>2021-04-06T10:00:00Z</updated>
<summary>Iran and the remaining parties to the nuclear deal resumed talks in Vienna.</summary>
</entry></feed>"""


def test_rss_items_carry_title_link_date_author_and_outlet(tmp_path: Path) -> None:
    (tmp_path / "digest.xml").write_text(RSS)
    items = list(iter_inputs([str(tmp_path / "digest.xml")]))
    (doc,) = _docs(items)
    assert doc.title == "Ceasefire holds"
    assert doc.url == "https://digest.example/ceasefire"
    assert str(doc.published) == "2020-11-10"
    assert doc.outlet == "Security Digest"
    assert doc.author == "Ana Ruiz"
    assert "peacekeepers" in doc.content and doc.media_type == "text/html"
    (failure,) = _failures(items)
    assert failure.source.endswith("#item-2")
    assert failure.message == "feed entry has no text (no content or summary)"


def test_an_entry_cut_off_by_broken_xml_fails_saying_the_xml_is_broken(tmp_path: Path) -> None:
    (tmp_path / "cut.rss").write_text(RSS.split("</item>")[0] + "</item><item><title>Cut <de")
    items = list(iter_inputs([str(tmp_path / "cut.rss")]))
    assert [d.title for d in _docs(items)] == ["Ceasefire holds"]
    assert _failures(items) == [
        InputFailure(
            f"{tmp_path / 'cut.rss'}#item-2",
            "ingest",
            "feed entry has no text: the feed's XML is broken (unclosed token)",
        )
    ]


def test_a_feed_of_broken_xml_says_so() -> None:
    (failure,) = read_feed(b"<rss version='2.0'>\n<channel>\x00\x01</rss>", "wire.xml")
    assert failure == InputFailure(
        "wire.xml",
        "ingest",
        "not a readable RSS/Atom feed (broken XML: not well-formed (invalid token))",
    )


def test_atom_feed_with_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "desk.feed"
    path.write_text(ATOM)
    (doc,) = _docs(list(iter_inputs([str(path)])))
    assert doc.title == "Talks in Vienna" and str(doc.published) == "2021-04-06"


def _warc_bytes() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)

    def response(url: str, status: str, ctype: str, body: bytes) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)

    response(
        "https://w.example/a",
        "200 OK",
        "text/html; charset=utf-8",
        f"<html><body><p>{BODY}</p></body></html>".encode(),
    )
    response("https://w.example/missing", "404 Not Found", "text/html", b"<p>gone</p>")
    response("https://w.example/logo.png", "200 OK", "image/png", b"\x89PNG")
    return buffer.getvalue()


def test_warc_yields_only_successful_html_responses(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc_bytes())
    (doc,) = _docs(list(iter_inputs([str(path)])))
    assert doc.url == "https://w.example/a"
    assert doc.fetched_at is not None and "Libya" in doc.content


def test_broken_warc_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not a web archive at all\n" * 10)
    (failure,) = _failures(list(iter_inputs([str(path)])))
    assert failure.source == str(path) and "WARC" in failure.message


def test_missing_input_and_empty_file_are_failures(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    items = list(iter_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "empty.txt")]))
    messages = {Path(f.source).name: f.message for f in _failures(items)}
    assert messages == {"nope.txt": "no such file, folder or URL", "empty.txt": "the file is empty"}
