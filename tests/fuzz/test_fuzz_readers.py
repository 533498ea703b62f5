"""The feed and JSONL readers take any bytes without raising: every item is a raw document
or a failure naming the input (and the line or entry in it), and the batch goes on."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from blocs.ingest.feeds import read_feed
from blocs.ingest.jsonl import read_jsonl
from blocs.records import InputFailure, RawDocument

FUZZ = settings(max_examples=200, deadline=None, database=None)

# JSON values of every type, with the numbers and strings that break readers.
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(
        ["2020-31-02", "0000-00-00", "2020-02-29", "2021-02-29", "9999-12-31T23:59:59Z", "Z"]
    ),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
FIELDS = ("id", "text", "date", "url", "title", "outlet", "author")
records = st.dictionaries(
    st.sampled_from(FIELDS),
    st.one_of(json_values, st.just("Troops crossed the border on Tuesday.")),
)
# Raw pieces of lines: JSON that json.loads rejects, or accepts but must not be trusted.
ODD_LINES = (
    b"",
    b"   ",
    b"{",
    b"null",
    b"[]",
    b'"text"',
    b"NaN",
    b"-Infinity",
    b'{"text": 1e999}',
    b'{"text": "\\ud800 lone surrogate"}',
    b'{"text": "pair \\ud83d\\ude00 ok", "title": "\\udfff"}',
    b'{"text": "ok", "id": ' + b"9" * 5000 + b"}",
    b"[" * 50_000,
    b'{"text": "caf\xe9 in latin-1"}',
    b'\xef\xbb\xbf{"text": "after a BOM"}',
    b'{"text": "nul \\u0000 inside"}',
    b'{"text": "ok"}\r',
    b"\xff\xfe\x00",
    b'{"text": "ok", "text": 5}',
)
jsonl_lines = st.one_of(
    records.map(lambda r: json.dumps(r).encode()),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.sampled_from(ODD_LINES),
    st.binary(max_size=40),
)
jsonl_files = st.lists(jsonl_lines, max_size=12).map(b"\n".join)


def _assert_items_name_their_input(
    items: list[RawDocument | InputFailure], name: str, count: int
) -> None:
    for item in items:
        assert isinstance(item, RawDocument | InputFailure)
        assert item.source.startswith(name)
        if isinstance(item, InputFailure):
            assert item.stage == "ingest" and item.message
        else:
            assert item.content.strip()
            for value in (item.content, item.title, item.url, item.outlet, item.author):
                assert value is None or isinstance(value, str)
                if value is not None:
                    value.encode("utf-8")  # text the store can write
    assert len(items) <= count


@FUZZ
@given(jsonl_files)
def test_jsonl_reader_yields_a_document_or_a_failure_per_line(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.jsonl"
        path.write_bytes(data)
        items = list(read_jsonl(path))
    _assert_items_name_their_input(items, str(path), data.count(b"\n") + 1)
    failures = [i.source for i in items if isinstance(i, InputFailure)]
    assert len(failures) == len(set(failures))
    assert all(s.removeprefix(f"{path}#line-").isdigit() for s in failures)


ENTRY_PARTS = (
    "<title>Talks in Vienna</title>",
    "<title></title>",
    "<link>https://example.com/a</link>",
    "<link>javascript:alert(1)</link>",
    "<guid>42</guid>",
    "<id>urn:x</id>",
    "<description>Troops crossed the border.</description>",
    "<description></description>",
    "<summary>Short &amp; sweet</summary>",
    '<content type="html">&lt;p&gt;Full text&lt;/p&gt;</content>',
    "<content:encoded><![CDATA[<p>Full text</p>]]></content:encoded>",
    "<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>",
    "<pubDate>Mon, 01 Jan 0000 00:00:00 GMT</pubDate>",
    "<pubDate>Thu, 31 Feb 2020 25:61:61 +9999</pubDate>",
    "<updated>2020-31-02T00:00:00Z</updated>",
    "<published>0000-00-00</published>",
    "<published>99999-01-01T00:00:00Z</published>",
    "<dc:date>1-1-1</dc:date>",
    "<author>jane@example.com (Jane Doe)</author>",
    "<author><name>Jane</name></author>",
    "<author></author>",
    "&#xD800;",
    "&#0;",
    "&#x110000;",
    "&unknown;",
    "\x00",
    "\ud7ff",
    "<",
    "]]>",
    "<![CDATA[",
    "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
)
entries = st.lists(st.sampled_from(ENTRY_PARTS), max_size=8).map("".join)


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    items = draw(st.lists(entries, max_size=5))
    if draw(st.booleans()):
        body = "".join(f"<item>{e}</item>" for e in items)
        text = f'<rss version="2.0"><channel><title>Outlet</title>{body}</channel></rss>'
    else:
        body = "".join(f"<entry>{e}</entry>" for e in items)
        text = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Outlet</title>{body}</feed>'
    cut = draw(st.integers(0, len(text)))
    text = text if draw(st.booleans()) else text[:cut]  # a feed cut off mid-way
    return text.encode("utf-8", errors="surrogatepass")


@FUZZ
@given(st.one_of(feeds(), st.binary(max_size=200)))
def test_feed_reader_yields_a_document_or_a_failure_per_entry(data: bytes) -> None:
    items = list(read_feed(data, "https://example.com/feed.xml"))
    assert items
    _assert_items_name_their_input(items, "https://example.com/feed.xml", max(1, data.count(b"<")))


GOOD = "Troops crossed the border on Tuesday, officials said."


def test_jsonl_bad_lines_fail_alone_and_good_lines_still_load() -> None:
    lines = [
        json.dumps({"id": "ok-1", "text": GOOD, "date": "2021-06-01"}).encode(),
        b'{"id": "deep", "text": ' + b"[" * 50_000 + b"}",  # RecursionError
        b'{"id": "big", "text": "x", "title": ' + b"9" * 5_000 + b"}",  # ValueError
        b'{"id": "lone", "text": "\\ud800 half a pair"}',  # a str no store can write
        b'{"id": "bytes", "text": "caf\xe9 au lait"}',  # latin-1, silently replaced before
        json.dumps({"id": ["a", "list"], "text": GOOD}).encode(),  # became id "['a', 'list']"
        json.dumps({"id": "obj", "text": GOOD, "title": {"en": "x"}}).encode(),
        json.dumps({"id": "flag", "text": GOOD, "author": True}).encode(),
        json.dumps({"id": 42, "text": GOOD, "date": "2020-31-02"}).encode(),
        json.dumps({"id": "zero", "text": GOOD, "date": "0000-00-00", "url": None}).encode(),
        json.dumps({"id": "num-date", "text": GOOD, "date": 20200101}).encode(),
        b"null",
        b'"a string"',
        b"[1, 2, 3]",
        b"\xef\xbb\xbf" + json.dumps({"id": "bom", "text": GOOD}).encode(),
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wire.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        items = list(read_jsonl(path))
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = {
        i.source.removeprefix(f"{path}#"): i.message for i in items if isinstance(i, InputFailure)
    }
    assert [(d.external_id, d.published) for d in docs] == [
        ("ok-1", date(2021, 6, 1)),
        ("42", None),
        ("zero", None),
        ("num-date", None),
        ("bom", None),
    ]
    assert failures == {
        "line-2": "not readable JSON (arrays or objects nested too deeply)",
        "line-3": "not readable JSON (a number of over 4300 digits)",
        "line-4": '"text" holds an unpaired surrogate escape (\\ud800)',
        "line-5": "not valid UTF-8 (byte 0xe9 at column 29)",
        "line-6": '"id" must be a string or an integer, not an array',
        "line-7": '"title" must be a string or an integer, not an object',
        "line-8": '"author" must be a string or an integer, not true or false',
        "line-12": 'expected an object with a string "text" field',
        "line-13": 'expected an object with a string "text" field',
        "line-14": 'expected an object with a string "text" field',
    }


def test_jsonl_line_over_the_limit_is_refused_and_the_next_line_read() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wire.jsonl"
        long_line = json.dumps({"text": "x" * 1_000})
        path.write_text(f"{long_line}\n{json.dumps({'text': GOOD})}\n{long_line}")
        items = list(read_jsonl(path, line_limit=200))
    assert [(i.source.rsplit("#", 1)[1], type(i).__name__) for i in items] == [
        ("line-1", "InputFailure"),
        ("line-2", "RawDocument"),
        ("line-3", "InputFailure"),
    ]
    assert "over the 200-byte limit" in str(items[0])


def _rss(*items: str, encoding: str = "utf-8") -> bytes:
    body = "".join(f"<item><title>T{n}</title>{item}</item>" for n, item in enumerate(items))
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    return f"{declaration}<rss><channel><title>Wire</title>{body}</channel></rss>".encode(encoding)


def test_feed_bytes_that_spell_a_path_are_parsed_not_opened() -> None:
    # feedparser opens bytes that name a file: a body "/etc/..." read a local file.
    with tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / "local.xml"
        local.write_bytes(_rss(f"<description>{GOOD}</description>"))
        items = list(read_feed(str(local).encode(), "https://example.com/feed"))
    assert [type(i) for i in items] == [InputFailure]
    assert items[0].source == "https://example.com/feed"


def test_feed_reference_to_no_character_reads_as_a_replacement_character() -> None:
    # feedparser raised ValueError, UnicodeEncodeError or OverflowError on these.
    refs = ("&#xD800;", "&#x110000;", "&#99999999999;", "&#x" + "f" * 30 + ";", "&#0;")
    data = _rss(*(f"<description>Troops {ref} crossed.</description>" for ref in refs))
    items = list(read_feed(data, "wire.xml"))
    assert [i.content for i in items if isinstance(i, RawDocument)] == [
        "Troops \ufffd crossed."
    ] * len(refs)


def test_feed_that_feedparser_cannot_read_fails_naming_the_feed() -> None:
    data = _rss("<description>Troops &#xD800; crossed.</description>", encoding="utf-16")
    (failure,) = read_feed(data, "wire.xml")
    assert isinstance(failure, InputFailure) and failure.source == "wire.xml"
    assert failure.message.startswith("not a readable RSS/Atom feed")
