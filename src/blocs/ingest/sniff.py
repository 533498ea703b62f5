"""Is this input text? Binary data is refused before it is decoded into mojibake.

Input: the bytes of a file, a fetched body or an archived response. Output: `None` when the
bytes may be text, else a plain reason ("a PDF document", "binary data (11% control
bytes)") for the caller to put in a failure record. Three looks, cheapest first:

1. the magic number of a common binary format (PDF, ZIP and Office files, gzip, images, ...);
2. control bytes (NUL and the C0 controls other than tab, newlines, form feed and escape):
   text in any 8-bit charset or in UTF-8 has next to none, random or compressed data about
   one in ten. UTF-16 and UTF-32 are full of NUL bytes, so they are recognised first (by
   their byte-order mark, or without one by NULs on one side of each code unit only);
3. after decoding, the share of U+FFFD and non-printable characters: bytes that no charset
   turns into text come out as those.
"""

from __future__ import annotations

import re

_SAMPLE_BYTES = 16 * 1024
_SAMPLE_CHARS = 8 * 1024
_UTF16_SAMPLE_BYTES = 8 * 1024
MAX_CONTROL_SHARE = 0.01  # text in any charset stays far below; random data is near 0.11
MAX_GARBLED_SHARE = 0.05

_MAGIC: tuple[tuple[re.Pattern[bytes], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), what)
    for pattern, what in (
        (rb"%PDF-", "a PDF document"),
        (rb"PK\x03\x04|PK\x05\x06", "a ZIP archive (or an Office or EPUB document)"),
        (rb"\x1f\x8b", "gzip-compressed data"),
        (rb"BZh[1-9]1AY&SY", "bzip2-compressed data"),
        (rb"\xfd7zXZ\x00", "xz-compressed data"),
        (rb"\x28\xb5\x2f\xfd", "zstd-compressed data"),
        (rb"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (rb"Rar!\x1a\x07", "a RAR archive"),
        (rb"\x89PNG\r\n\x1a\n", "a PNG image"),
        (rb"\xff\xd8\xff", "a JPEG image"),
        (rb"GIF8[79]a", "a GIF image"),
        (rb"RIFF.{4}WEBP", "a WebP image"),
        (rb"RIFF.{4}(?:WAVE|AVI )", "a WAV or AVI media file"),
        (rb"\x00\x00\x00.ftyp", "an MP4 or QuickTime video"),
        (rb"OggS\x00", "an Ogg audio or video file"),
        (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
        (rb"SQLite format 3\x00", "an SQLite database"),
        (rb"\x7fELF", "an executable"),
    )
)
# Byte-order marks and the codecs that read (and drop) them.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")
_CONTROL_BYTES = bytes(b for b in (*range(0x20), 0x7F) if b not in _TEXT_CONTROLS)
# U+FFFD, C0 and C1 controls (but tab, newlines, form feed and escape), surrogates, private use.
_GARBLED = re.compile("[\ufffd\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")
# UTF-16 without a byte-order mark: at least this share of one side's bytes are NUL (spaces
# and Latin letters), while the other side has almost none.
_MIN_UTF16_NUL_SIDE = 0.1
_MAX_UTF16_NUL_OTHER = 0.01


def unicode_encoding(data: bytes) -> str | None:
    """The codec for bytes that start with a byte-order mark, or for UTF-16 recognised by
    its NUL bytes (Latin-script text; other scripts need the mark); None otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[:_UTF16_SAMPLE_BYTES]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even_nul, odd_nul = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd_nul >= _MIN_UTF16_NUL_SIDE and even_nul <= _MAX_UTF16_NUL_OTHER:
        return "utf-16-le"
    if even_nul >= _MIN_UTF16_NUL_SIDE and odd_nul <= _MAX_UTF16_NUL_OTHER:
        return "utf-16-be"
    return None


def binary_format(data: bytes) -> str | None:
    """The binary format a magic number names ("a PDF document"), or None."""
    for magic, what in _MAGIC:
        if magic.match(data):
            return what
    return None


def binary_reason(data: bytes) -> str | None:
    """Why bytes are not text (a binary format, or control bytes), or None when they may be.

    UTF-16 and UTF-32 bytes (see `unicode_encoding`) are judged after decoding instead.
    """
    known = binary_format(data)
    if known is not None:
        return known
    if (unicode_encoding(data) or "").startswith(("utf-16", "utf-32")):
        return None
    sample = data[:_SAMPLE_BYTES]
    if not sample:
        return None
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    share = controls / len(sample)
    if share > MAX_CONTROL_SHARE:
        return f"binary data ({share:.0%} control bytes)"
    return None


def garbled_reason(text: str) -> str | None:
    """Why decoded text is not text (undecodable or non-printable characters), or None."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return None
    share = (len(sample) - len(_GARBLED.sub("", sample))) / len(sample)
    if share > MAX_GARBLED_SHARE:
        return f"binary data ({share:.0%} of the characters undecodable or non-printable)"
    return None
