"""Read a knowledge word file: one word a line, `#` comment lines, blank lines skipped.

The event rules' lists, the civilian nouns and the institution head words share this reader;
each says what a valid word is, and a line that is not one raises `KnowledgeError` naming
the file (as `shown`) and the line.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

from blocs.errors import KnowledgeError


def read_words(
    relative: str, shown: str, accepted: Callable[[str], bool], kind: str
) -> frozenset[str]:
    """The words of `blocs/knowledge/<relative>`; a line that is not one word `accepted`
    raises "`shown`:<line>: '<word>' is not one `kind`"."""
    text = files("blocs.knowledge").joinpath(relative).read_text(encoding="utf-8")
    words: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if len(word.split()) != 1 or not accepted(word):
            raise KnowledgeError(f"{shown}:{number}: {word!r} is not one {kind}")
        words.add(word)
    return frozenset(words)


def is_lower_case(word: str) -> bool:
    return word == word.lower()
