"""The PETRARCH/TABARI dictionary reader reads any file: it returns the entries it can use,
with a warning for every irregular line, or raises `KnowledgeError` naming the file."""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from blocs.actors.petrarch import PetrarchDictionary, read_petrarch_dictionary
from blocs.errors import KnowledgeError

FUZZ = settings(max_examples=200, deadline=None, database=None)
CODE = re.compile(r"[^\s\[\]{}~]+~?")  # one code as written: no space, bracket or brace

# Pieces of actors and agents files, regular and irregular (see ../shared/dicts/README.md).
TOKENS = (
    "UNITED_STATES_",
    "FRANCE",
    "KINAKUTA_",
    "JOHN_F._KENNEDY_",
    "D'IVOIRE",
    "PEOPLE'S",
    "(NATO)",
    "U.S.",
    "İSTANBUL",
    "+",
    "+_",
    "_+",
    "_",
    "[USA]",
    "[USAGOV]",
    "[IGOWSTNAT]",
    "[USA/FRA]",
    "[USA/]",
    "[/]",
    "[ZRBREB]",
    "[KNTGOV]",
    "[---]",
    "[usa ",
    "[USAGOV <920427]",
    "[USAGOV >20010101]",
    "[YUGSRB 920428-060605]",
    "[SCG 060605-920428]",
    "[FRA 1234567]",
    "[FRA 123456789]",
    "[FRA 9912311234]",
    "[FRA 12345]",
    "[FRA 991340]",
    "[FRA < 000101]",
    "[FRA 20200101-]",
    "[FRA\t>900101]",
    "[~GOV]",
    "[~MIL",
    "[GOV~]",
    "[MIL}",
    "[~]",
    "[]",
    "[",
    "]",
    "{MINISTERS}",
    "{",
    "}",
    "!MINIST! = MINISTER, SECRETARY",
    "!MINIST!",
    "!EMPTY! =",
    "!",
    "FOREIGN_!MINIST!_",
    "#",
    "# comment",
    "<!--",
    "-->",
    "\t",
    " ",
    "   ",
    "\n",
    "\r\n",
    "\x00",
    "\x1f",
    "\ufeff",
    "\ufffd",
    "Ã©",
    "Â",
    "0",
    "-",
    "<",
    ">",
    "~",
    "=",
    ",",
)
# Lines shaped like dictionary lines: an indent, then pieces of a name, codes or an agent.
lines = st.tuples(
    st.sampled_from(["", "", "\t", "  ", "+", "\t+"]),
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=4).map("".join),
).map("".join)
agent_lines = st.tuples(
    st.sampled_from(["MINISTER_", "FOREIGN_!MINIST!_", "!MINIST!", "POLICE", "", "_", "\x07"]),
    st.sampled_from(["", " {MINISTERS}", " {", " {}", "{X}"]),
    st.sampled_from([" [~GOV]", " [~MIL", " [GOV~]", " [MIL}", " [~]", " [~G0V] x", "[~gov]"]),
).map("".join)
files = st.one_of(
    st.lists(st.one_of(agent_lines, st.sampled_from(TOKENS[-30:]), lines), max_size=30).map(
        lambda ls: "\n".join(ls).encode("utf-8")
    ),
    st.lists(lines, max_size=30).map(lambda ls: "\n".join(ls).encode("utf-8")),
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    st.lists(st.sampled_from(TOKENS), max_size=80).map(lambda ts: "".join(ts).encode()),
    st.lists(
        st.one_of(
            st.sampled_from(TOKENS), st.binary(max_size=3).map(lambda b: b.decode("latin-1"))
        ),
        max_size=60,
    ).map(lambda ts: "".join(ts).encode("utf-8")),
    st.lists(
        st.one_of(st.sampled_from(TOKENS).map(str.encode), st.binary(max_size=4)), max_size=60
    ).map(b"".join),
)


def _assert_consistent(result: PetrarchDictionary, path: Path, line_count: int) -> None:
    assert result.path == path
    assert result.entries or result.agents
    assert all(w.startswith(f"{path.name}:") for w in result.warnings)
    for entry in result.entries:
        file_name, line = entry.source.rsplit(":", 1)
        assert file_name == path.name and 1 <= int(line) <= line_count
        assert entry.patterns and entry.name == entry.patterns[0] and all(entry.patterns)
        assert CODE.fullmatch(entry.code)
        if entry.valid_from and entry.valid_to:
            assert entry.valid_from <= entry.valid_to
    for agent in result.agents:
        assert agent.phrase and agent.phrase == agent.phrase.strip()
        assert CODE.fullmatch(agent.sector)


@FUZZ
@given(files, st.sampled_from(["user.actors.txt", "agents.txt", "x"]))
def test_any_file_reads_or_fails_with_a_knowledge_error_naming_it(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            result = read_petrarch_dictionary(path)
        except KnowledgeError as error:
            assert str(path) in str(error)
            return
        _assert_consistent(result, path, data.count(b"\n") + 1)


@functools.cache
def _real_lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True))


@FUZZ
@given(st.data())
def test_damaged_slices_of_the_phoenix_dictionaries_read_or_fail_naming_the_file(
    shared_dir: Path, data: st.DataObject
) -> None:
    source = data.draw(st.sampled_from(sorted((shared_dir / "dicts").glob("*.txt"))))
    lines = _real_lines(source)
    start = data.draw(st.integers(0, len(lines) - 1))
    text = "".join(lines[start : start + data.draw(st.integers(1, 60))])
    for _ in range(data.draw(st.integers(0, 6))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 4))
        text = text[:at] + data.draw(st.sampled_from(("", *TOKENS))) + text[at + cut :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / source.name
        path.write_text(text, encoding="utf-8")
        try:
            result = read_petrarch_dictionary(path)
        except KnowledgeError as error:
            assert str(path) in str(error)
            return
        _assert_consistent(result, path, text.count("\n") + 1)


def _read(text: str, name: str = "user.agents.txt") -> PetrarchDictionary:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        return read_petrarch_dictionary(path)


def test_a_codeless_name_next_to_a_dropped_name_is_skipped_with_a_warning() -> None:
    # Raised IndexError: the name with a control character left an entry with no name.
    result = _read("FRANCE_\n\x00BAD_\nPARIS_ [FRA]\n", "user.actors.txt")
    assert [(e.name, e.code) for e in result.entries] == [("Paris", "FRA")]
    assert any("control character U+0000" in w for w in result.warnings)
    assert any("'FRANCE_' has no code" in w for w in result.warnings)


def test_a_substitution_set_that_names_itself_does_not_loop() -> None:
    # Raised RecursionError: the set's item was expanded again, forever.
    result = _read("!MINIST! = MINISTER, !MINIST!\nFOREIGN_!MINIST!_ [~GOV]\n")
    assert [(a.phrase, a.sector) for a in result.agents] == [("foreign minister", "GOV")]
    assert result.warnings == (
        "user.agents.txt:1: substitution set !MINIST! names a set (sets do not nest); "
        "items holding '!' dropped",
    )


def test_a_phrase_standing_for_too_many_phrases_is_skipped_with_a_warning() -> None:
    sets = "!A! = B, C, D, E, F\n"
    result = _read(f"{sets}{'!A!_' * 5}[~GOV]\n!A!_!A!_ [~MIL]\nPOLICE [~COP]\n")
    assert len([a for a in result.agents if a.sector == "MIL"]) == 25
    assert [a.phrase for a in result.agents if a.sector != "MIL"] == ["police"]
    assert any("stands for over 1000 phrases; line skipped" in w for w in result.warnings)
