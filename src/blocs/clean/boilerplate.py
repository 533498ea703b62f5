"""Line-level boilerplate filter for plain-text web scrapes.

In: the visible text of a page, one block per line (what "select all" in a browser or a
tool such as html-text gives). Out: `FilteredText`, the article's lines and, for every
dropped line, the reason it was dropped.

The filter judges lines by general features, never by any one site's strings:

1. every line gets a verdict: *junk* with a reason (a link, a price or call to action, a
   page-furniture phrase, a byline, a disclaimer, a caption, a date, a comment header, a
   menu bullet, a line the corpus or the page repeats), *prose* (long enough, ends like a
   sentence, not title-cased), or *short* (the rest: headings, names, menu entries);
2. the article body is the run of lines with the most prose in it: prose pays its words
   (half when no prose line stands next to it), short lines and junk cost (a maximum-sum
   segment, as in Body Text Extraction). The body cannot reach past the start of a comment
   thread. Lines before the body are the page's header, lines after it the tail;
3. inside the body, runs of short lines (menus, tag lists, related-post lists) are dropped,
   while a lone short line between paragraphs (a subheading) and a list the text
   introduces with a colon stay.

The vocabulary of page furniture is data: `blocs/knowledge/boilerplate/phrases.toml`.
`FilterRules` switches feature families off one at a time, which is how
`blocs.eval.text_benchmark` measures what each contributes.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources

TITLE = "title"


@dataclass(frozen=True, slots=True)
class FilteredText:
    text: str  # kept lines joined; paragraphs separated by "\n\n"
    kept: tuple[str, ...]  # kept lines (stripped)
    removed: tuple[tuple[str, str], ...]  # (line, reason) for every dropped non-empty line


@dataclass(frozen=True, slots=True)
class FilterRules:
    """The feature families the filter uses; all on by default."""

    vocabulary: bool = True  # furniture phrases, appeals, disclaimers, notices, captions
    patterns: bool = True  # links, prices, bylines, dates, comment headers, digit lines
    bullets: bool = True  # a bullet that is not a sentence is a menu entry
    glued: bool = True  # a furniture phrase stuck to the next line ("Leave a ReplyCould")
    body_span: bool = True  # the header before and the tail after the article body
    lone_paragraphs: bool = True  # a paragraph with no prose neighbour counts half
    article_end: bool = True  # the body ends where a comment thread begins
    short_runs: bool = True  # runs of short lines inside the body
    page_repeats: bool = True  # lines the page repeats (menus, teasers in two widgets)
    repetition: bool = True  # lines the corpus repeats (`repeated_lines`)


DEFAULT_RULES = FilterRules()

_PROSE_MIN_WORDS = 8
_TITLE_MAX_WORDS = 25
_UI_LINE_MAX_WORDS = 6
_MENU_BULLET_MAX_WORDS = 5
_BYLINE_MAX_WORDS = 15
_COMMENT_HEADER_MAX_WORDS = 12
_COPYRIGHT_MAX_WORDS = 20
_APPEAL_MAX_WORDS = 40
_CAPTION_MAX_WORDS = 40
_SHORT_RUN = 3
_JUNK_COST = 10.0
_SHORT_COST = 2.0
_LONE_PARAGRAPH_SHARE = 0.5
_ARTICLE_START_WORDS = 50

_BULLET = re.compile(r"^[•·◦▪▫●○■□►▶➤‣∙*–—-]\s+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"\w+")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_TERMINAL = ".!?…。！？:;"
_CLOSERS = "\"'”’»)]"
_SENTENCE_BREAK = re.compile(r"\w[.!?]\s+[A-Z]")
# An address's local part is at most 64 characters, a domain label 63 (RFC 5321, 1035):
# the bounds also keep a long hyphenated or dotted token from being rescanned at every word.
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w.+-]{1,64}@[\w-]+\.[\w.]+\b|(?<!\w)@\w{2,}"
    r"|\b[\w-]{1,63}\.(?:com|org|net)\b"
)
_PRICE_PER_UNIT = re.compile(r"[$€£]\s?\d+(?:[.,]\d+)?\s*(?:/|per\s)\s*\w+", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:(?:submitted|written|authored|posted|published|reported|words)\s+(?:by|on)\b|by\s+\S)",
    re.IGNORECASE,
)
_EXCERPT_END = re.compile(r"\[(?:…|\.\.\.)\]$")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b", re.IGNORECASE)
# "<name> says:", or a line holding a time that ends "says"; the time is a lookahead, so a
# line of many times is scanned once, not once per time.
_COMMENT_HEADER = re.compile(
    r"^(?:[^,:]{1,40}\s(?:says|wrote|said:|writes)"
    r"|(?=.*\d:\d\d\s*[ap]m\b).*\s(?:says|said|wrote)):?$",
    re.IGNORECASE,
)


class _Kind(Enum):
    PROSE = "prose"
    SHORT = "short"
    JUNK = "junk"


@dataclass(frozen=True, slots=True)
class _Line:
    text: str  # the stripped line, as reported in `kept` / `removed`
    body: str  # the line without its bullet marker
    words: str  # lower-cased word tokens joined by spaces, for phrase matching
    length: int  # length in words; two CJK characters count as one word
    bullet: bool


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """`phrases.toml` compiled into patterns over a line's `words`."""

    ui_line: re.Pattern[str]  # the line is a furniture word, or starts with a phrase
    ui_word: re.Pattern[str]
    appeal: re.Pattern[str]
    disclaimer: re.Pattern[str]
    site_notice: re.Pattern[str]
    caption: re.Pattern[str]
    credit_label: re.Pattern[str]  # over the line's text: "Credit:", "(Image: ...)"
    comment_opener: re.Pattern[str]
    date_words: frozenset[str]  # the words a line that is only a date may hold
    glued_before: re.Pattern[str]  # over the line's text: "Leave a ReplyCould ..."
    glued_after: re.Pattern[str]  # over the line's text: "... the end.Read more"


@cache
def _vocabulary() -> _Vocabulary:
    path = resources.files("blocs") / "knowledge" / "boilerplate" / "phrases.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def alternatives(key: str, *, words: range = range(1, 100)) -> str:
        """The phrases under `key` with a number of words in `words`, as words, longest
        first (so "share this" is tried before "share")."""
        phrases = {" ".join(_WORD.findall(p.casefold())) for p in data[key]}
        chosen = sorted((p for p in phrases if len(p.split()) in words), key=len, reverse=True)
        return "|".join(re.escape(p) for p in chosen)

    labels = alternatives("credit_labels")
    ui_phrases, ui_words = (
        alternatives("ui_lines", words=range(2, 100)),
        alternatives("ui_lines", words=range(1, 2)),
    )
    # Only phrases of several words are split off: a single word glued to a capital is
    # more often a brand ("HomePod", "NextEra") than furniture.
    glueable = sorted((p for p in data["ui_lines"] if " " in p), key=len, reverse=True)
    raw_ui = "|".join(re.escape(p) for p in glueable)
    return _Vocabulary(
        ui_line=re.compile(rf"^(?:{ui_phrases})(?: |$)|^(?:{ui_words})$"),
        ui_word=re.compile(rf"\b(?:{alternatives('ui_words')})\b"),
        appeal=re.compile(rf"\b(?:{alternatives('appeals')})\b"),
        disclaimer=re.compile(rf"\b(?:{alternatives('disclaimers')})\b"),
        site_notice=re.compile(rf"\b(?:{alternatives('site_notices')})\b"),
        caption=re.compile(rf"\b(?:{alternatives('captions')})\b"),
        credit_label=re.compile(rf"\b(?:{labels})\s*(?::|\.\.\.|…)", re.IGNORECASE),
        comment_opener=re.compile(rf"^(?:\d+ )?(?:{alternatives('comment_openers')})(?: |$)"),
        date_words=frozenset(data["date_words"]),
        glued_before=re.compile(rf"^((?i:{raw_ui}))(?=[^\W\d_])"),
        glued_after=re.compile(rf"(?<=[.!?…])((?i:{raw_ui}))$"),
    )


def normalise_line(line: str) -> str:
    """The key of a line in `repeated_lines`: case, digits, punctuation and spacing folded.

    Digits become `0`, so "© 2019 Site" and "© 2020 Site", or "12 comments" and
    "3 comments", share one key.
    """
    text = _BULLET.sub("", unicodedata.normalize("NFKC", line).strip()).casefold()
    return " ".join(_WORD.findall(re.sub(r"\d+", "0", text)))


def find_repeated_lines(
    texts: Iterable[str], min_documents: int = 3, min_share: float = 0.2
) -> frozenset[str]:
    """Lines (normalised) that occur in many documents of a corpus: a site's template.

    A line counts once per document; it is repeated when it occurs in at least
    `min_documents` documents and in at least `min_share` of them. The texts are read
    once, as a stream; only the counts of distinct lines are held.
    """
    counts: Counter[str] = Counter()
    documents = 0
    for text in texts:
        documents += 1
        counts.update({key for line in text.splitlines() if (key := normalise_line(line))})
    needed = max(min_documents, min_share * documents)
    return frozenset(key for key, n in counts.items() if n >= needed)


def remove_boilerplate(
    text: str,
    repeated_lines: frozenset[str] = frozenset(),
    *,
    drop_title: bool = True,
    rules: FilterRules = DEFAULT_RULES,
) -> FilteredText:
    """Keep the article's lines of a plain-text scrape; drop the page's furniture.

    Title contract: with `drop_title` (the default) the line that `find_title_line`
    returns is removed with reason `"title"`, so `text` is the body alone and the title is
    metadata (`extract_text_metadata` returns that line, less a trailing " - Outlet", as
    `title`). With `drop_title=False` that line is judged like any other.

    `repeated_lines` holds `normalise_line` keys of the corpus's template lines (see
    `find_repeated_lines`); every line with such a key is dropped. `rules` switches
    feature families off, for ablation.
    """
    lines = _split_lines(text, glued=rules.glued)
    reasons = [_junk_reason(line, repeated_lines, rules) for line in lines]
    if rules.page_repeats:
        _mark_page_repeats(lines, reasons)
    kinds = [_kind(line, reason) for line, reason in zip(lines, reasons, strict=True)]
    if drop_title and lines and _is_title(lines[0]):
        reasons[0], kinds[0] = TITLE, _Kind.JUNK
    if rules.body_span:
        _drop_outside_body(lines, kinds, reasons, rules)
    if rules.short_runs:
        _drop_short_runs(lines, kinds, reasons)
    pairs = list(zip(lines, reasons, strict=True))
    kept = tuple(line.text for line, reason in pairs if reason is None)
    removed = tuple((line.text, reason) for line, reason in pairs if reason is not None)
    return FilteredText(text="\n\n".join(kept), kept=kept, removed=removed)


def find_title_line(text: str) -> str | None:
    """The title of a plain-text scrape: its first line, when that line is shaped like one.

    A title has at most 25 words, does not end with a period, is not a bullet and is not
    page furniture. Returns the stripped line, or None.
    """
    lines = _split_lines(text, glued=True)
    return lines[0].text if lines and _is_title(lines[0]) else None


def _is_title(line: _Line) -> bool:
    """Judged on the line alone (no corpus, no page context, default rules), so that
    `find_title_line` and `remove_boilerplate` always agree on the title."""
    return (
        not line.bullet
        and 0 < line.length <= _TITLE_MAX_WORDS
        and not line.text.endswith(".")
        and _junk_reason(line, frozenset(), DEFAULT_RULES) is None
    )


def _split_lines(text: str, *, glued: bool) -> list[_Line]:
    lines: list[_Line] = []
    for raw in text.splitlines():
        pieces = _unglue(raw.strip()) if glued else [raw.strip()]
        lines.extend(_make_line(piece) for piece in pieces if piece)
    return lines


def _unglue(line: str) -> list[str]:
    """Split a furniture phrase off the text it is stuck to without a space.

    Scrapes lose the break between blocks: "Leave a ReplyCould Russia ..." is a comment
    form's heading glued to the next article's title. A split happens only where a known
    phrase meets a capital letter (or follows a sentence's end), so words are never cut.
    """
    vocabulary = _vocabulary()
    match = vocabulary.glued_before.match(line)
    if match and line[match.end()].isupper():
        return [match.group(1), *_unglue(line[match.end() :])]
    if match := vocabulary.glued_after.search(line):
        return [line[: match.start()], match.group(1)]
    return [line]


def _make_line(text: str) -> _Line:
    body = _BULLET.sub("", text)
    return _Line(
        text=text,
        body=body,
        words=" ".join(_WORD.findall(body.casefold())),
        length=len(body.split()) + len(_CJK.findall(body)) // 2,
        bullet=body != text,
    )


def _kind(line: _Line, reason: str | None) -> _Kind:
    if reason is not None:
        return _Kind.JUNK
    return _Kind.PROSE if _is_prose(line) else _Kind.SHORT


def _is_prose(line: _Line) -> bool:
    """A line that reads as running text: long enough, sentence-final, not title-cased.

    A line of several sentences is prose even when most of its words are capitalised
    (names and scores: "Tolivert 25 points. Davis 17 points.").
    """
    body = line.body.rstrip(_CLOSERS)
    if line.length < _PROSE_MIN_WORDS or not body or body[-1] not in _TERMINAL:
        return False
    return _SENTENCE_BREAK.search(body) is not None or _capitalised_share(body) < 0.5


def _capitalised_share(text: str) -> float:
    words = [w for w in text.split() if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def _junk_reason(line: _Line, repeated: frozenset[str], rules: FilterRules) -> str | None:
    if rules.repetition and repeated and normalise_line(line.text) in repeated:
        return "repeated template line"
    if rules.patterns and (reason := _pattern_reason(line)):
        return reason
    if rules.vocabulary and (reason := _vocabulary_reason(line)):
        return reason
    if (
        rules.bullets
        and line.bullet
        and line.length <= _MENU_BULLET_MAX_WORDS
        and not _is_prose(line)
    ):
        return "menu bullet"
    return None


def _pattern_reason(line: _Line) -> str | None:
    """Junk recognised by the line's shape: digits, links, prices, dates, bylines."""
    body = line.body
    if _is_dateline(line.words):
        return "date or time"
    letters = _letters(body)
    if letters < 0.5 * len(body.replace(" ", "")):
        return "digits and symbols"
    if _letters(_LINK.sub("", body)) < 0.5 * letters:
        return "link, e-mail or handle"
    if _PRICE_PER_UNIT.search(body) and line.length <= _UI_LINE_MAX_WORDS:
        return "price or call to action"
    if _EXCERPT_END.search(body):
        return "excerpt of another post"
    if _COMMENT_HEADER.match(body) and line.length <= _COMMENT_HEADER_MAX_WORDS:
        return "comment header"
    if _COPYRIGHT.search(body) and line.length <= _COPYRIGHT_MAX_WORDS:
        return "copyright notice"
    if looks_like_byline(body):
        return "byline"
    return None


def looks_like_byline(line: str) -> bool:
    """A short line opening with "By ...", "Submitted by ...", "Posted on ...", and so on."""
    return (
        _BYLINE.match(line) is not None
        and len(line.split()) <= _BYLINE_MAX_WORDS
        and not line.endswith(".")
    )


def _letters(text: str) -> int:
    return len(_NOT_LETTER.sub("", text))


def _is_dateline(words: str) -> bool:
    """A line that is only a date or a time: "November 19, 2019 at 6:44 am", "2 days ago"."""
    tokens = words.split()
    date_words = _vocabulary().date_words
    return (
        len(tokens) <= 10
        and any(t.isdigit() for t in tokens)
        and all(t.isdigit() or t in date_words for t in tokens)
    )


def _vocabulary_reason(line: _Line) -> str | None:
    """Junk recognised by the generic vocabulary of page furniture (`phrases.toml`)."""
    vocabulary = _vocabulary()
    words = line.words
    if vocabulary.disclaimer.search(words):
        return "disclaimer"
    if vocabulary.site_notice.search(words):
        return "site notice"
    if line.length <= _CAPTION_MAX_WORDS and (
        vocabulary.caption.search(words) or vocabulary.credit_label.search(line.body)
    ):
        return "image caption or credit"
    if line.length <= _APPEAL_MAX_WORDS and vocabulary.appeal.search(words):
        return "appeal for money or sign-ups"
    if (
        line.length <= _UI_LINE_MAX_WORDS
        and not _is_prose(line)
        and (vocabulary.ui_line.match(words) or vocabulary.ui_word.search(words))
    ):
        return "page furniture"
    return None


def _mark_page_repeats(lines: Sequence[_Line], reasons: list[str | None]) -> None:
    """Drop every copy of a line the page repeats: a menu shown twice, a teaser in two
    widgets. An article does not repeat its own paragraphs."""
    keys = [normalise_line(line.text) for line in lines]
    counts = Counter(keys)
    for i, key in enumerate(keys):
        if key and counts[key] > 1 and reasons[i] is None:
            reasons[i] = "repeated within the page"


def _drop_outside_body(
    lines: Sequence[_Line], kinds: list[_Kind], reasons: list[str | None], rules: FilterRules
) -> None:
    """Drop the header and the tail: everything outside the best-scoring run of lines.

    A scrape without prose (a one-line brief, a list) has no body to anchor on; its lines
    are then judged one by one.
    """
    scores = _line_scores(lines, kinds, lone_share=_lone_share(rules))
    end_of_article = _comment_thread_start(lines, kinds) if rules.article_end else len(lines)
    start, end = _best_segment(scores[:end_of_article])
    if start == end:
        return
    for i, reason in enumerate(reasons):
        if reason is None and not start <= i < end:
            reasons[i] = "before the article body" if i < start else "after the article body"
            kinds[i] = _Kind.JUNK


def _lone_share(rules: FilterRules) -> float:
    return _LONE_PARAGRAPH_SHARE if rules.lone_paragraphs else 1.0


def _line_scores(
    lines: Sequence[_Line], kinds: Sequence[_Kind], *, lone_share: float
) -> list[float]:
    """What each line adds to a body that holds it: prose pays its words, the rest costs.

    A prose line with no prose neighbour pays `lone_share` of its words: an article runs
    paragraph after paragraph, while teaser lists set each blurb between a headline and a
    date.
    """
    scores: list[float] = []
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind is _Kind.PROSE:
            neighbours = (*kinds[max(i - 1, 0) : i], *kinds[i + 1 : i + 2])
            share = 1.0 if _Kind.PROSE in neighbours else lone_share
            scores.append(line.length * share)
        else:
            scores.append(-_JUNK_COST if kind is _Kind.JUNK else -_SHORT_COST)
    return scores


def _comment_thread_start(lines: Sequence[_Line], kinds: Sequence[_Kind]) -> int:
    """Index of the first comment heading or comment header once the article has begun.

    The article has begun after `_ARTICLE_START_WORDS` words of prose, so that a
    "Leave a comment" link in a post's header does not end it. Comments are prose too,
    often more of it than the article: without this cut they would win the body.
    """
    opener = _vocabulary().comment_opener
    prose_words = 0
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        starts_comments = (line.length <= _UI_LINE_MAX_WORDS and opener.match(line.words)) or (
            line.length <= _COMMENT_HEADER_MAX_WORDS and _COMMENT_HEADER.match(line.body)
        )
        if prose_words >= _ARTICLE_START_WORDS and starts_comments:
            return i
        if kind is _Kind.PROSE:
            prose_words += line.length
    return len(lines)


def _best_segment(scores: Sequence[float]) -> tuple[int, int]:
    """[start, end) of the contiguous run with the largest sum (Kadane); (0, 0) if none > 0."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _drop_short_runs(lines: Sequence[_Line], kinds: list[_Kind], reasons: list[str | None]) -> None:
    """Drop runs of `_SHORT_RUN` or more short lines: menus, tag lists, related posts.

    A list the text introduces with a colon ("Ingredients:", "Here is what changed:") is
    content: a run stops at the first line that follows such an introduction.
    """
    for start, end in _short_runs(kinds, reasons):
        first = start - 1 if start > 0 and reasons[start - 1] is None else start
        introduced = next((i + 1 for i in range(first, end) if lines[i].body.endswith(":")), end)
        if introduced - start >= _SHORT_RUN:
            for i in range(start, introduced):
                reasons[i] = "run of short lines"


def _short_runs(kinds: Sequence[_Kind], reasons: Sequence[str | None]) -> list[tuple[int, int]]:
    """[start, end) of every maximal run of short lines that are still kept."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i in range(len(kinds) + 1):
        in_run = i < len(kinds) and kinds[i] is _Kind.SHORT and reasons[i] is None
        if in_run and start is None:
            start = i
        elif not in_run and start is not None:
            runs.append((start, i))
            start = None
    return runs
