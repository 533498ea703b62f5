"""Rule-based sentence splitting with character offsets.

A statistical splitter needs the tagger's vectors and costs ten times the tokenizer, so
sentences are split by rules: a paragraph break always ends a sentence; `.`, `!` or `?`
(with any closing quotes or brackets) followed by space and a capital, digit or opening
quote ends one, unless the word before the period is a known abbreviation or an initial.
A run-on without stops (a scraped table, a list of links) is cut into pieces of at most
`MAX_SENTENCE_WORDS` words: what reads a sentence costs more than linear time in its length
(10,000 words took 16 s), and no event sentence is that long.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blocs.records import Sentence

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov pres
    amb sec min dep st ste mt ft jr sr rev hon no nos vol fig approx est inc ltd corp co
    bros dept univ assn jan feb mar apr jun jul aug sep sept oct nov dec vs etc al
    u.s u.k u.n e.u u.s.a e.g i.e a.m p.m""".split()
)
# Abbreviations that end a sentence when a capitalised word follows them.
_SENTENCE_FINAL_ABBREVIATIONS = frozenset(
    {"etc", "u.s", "u.k", "u.n", "e.u", "u.s.a", "a.m", "p.m"}
)
_COMMON_SENTENCE_STARTERS = frozenset(
    """the a an it this that these those he she they we i in on at but and as after
    before when while however meanwhile also its his her their there then yet so if""".split()
)

# Tried only where a run of stops begins, and never given back: a line of dots is one try.
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]++["'”’)\]]*+(?=\s+["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([\w.’']+)\.$")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[•\-*·▪●] )")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?([A-Za-z]+)")
MAX_SENTENCE_WORDS = 200
_WORD_RUN = re.compile(r"\S+")
_CLAUSE_END = ";,:)"


def _is_abbreviation_stop(text: str, end: int) -> bool:
    """True when the period ending at `end` belongs to an abbreviation or an initial."""
    if text[end - 1] != ".":
        return False
    match = _WORD_BEFORE.search(text, max(0, end - 20), end)
    if match is None:
        return False
    word = match.group(1).lower()
    if len(word) == 1 and word.isalpha() and not text[match.start() - 1 : match.start()].isalnum():
        return True  # an initial: "John F. Kennedy"
    if word not in ABBREVIATIONS:
        return False
    if word in _SENTENCE_FINAL_ABBREVIATIONS:
        following = _NEXT_WORD.match(text, end)
        return not (following and following.group(1).lower() in _COMMON_SENTENCE_STARTERS)
    return True


def _split_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.end()
        if _is_abbreviation_stop(text, match.start() + len(match.group(0).rstrip("\"'”’)]"))):
            continue
        yield cursor, stop
        cursor = stop
    yield cursor, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A span of at most `MAX_SENTENCE_WORDS` words as it is; a longer one cut after the
    last clause punctuation of each window of that many words (its second half), else
    after the window's last word."""
    words = [(m.start(), m.end()) for m in _WORD_RUN.finditer(text, start, end)]
    while len(words) > MAX_SENTENCE_WORDS:
        window = words[:MAX_SENTENCE_WORDS]
        cut = next(
            (
                n
                for n in range(len(window), len(window) // 2, -1)
                if text[window[n - 1][1] - 1] in _CLAUSE_END
            ),
            len(window),
        )
        yield words[0][0], words[cut - 1][1]
        words = words[cut:]
    if words:
        yield words[0][0], words[-1][1]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    block_start = 0
    boundaries = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    for block_end, next_start in [*boundaries, (len(text), len(text))]:
        for start, end in _split_block(text, block_start, block_end):
            span = _trimmed(text, start, end)
            if span is not None:
                spans.extend(_pieces(text, *span))
        block_start = next_start
    return spans


def split_sentences(article_id: str, text: str) -> list[Sentence]:
    """The article's sentences as records with offsets into `text`."""
    return [
        Sentence(article_id, index, start, end, text[start:end])
        for index, (start, end) in enumerate(sentence_spans(text))
    ]
