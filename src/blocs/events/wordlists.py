"""Word lists of the event rules, read from `blocs/knowledge/events/*.txt`.

A list file holds one lower-case word (a lemma unless its header says otherwise) a line,
after `#` comment lines that give its source; blank lines are skipped. The rules name a list
by its file stem (`word_list("light_verbs")`).
"""

from __future__ import annotations

import functools
from importlib.resources import files

from blocs.errors import KnowledgeError

_PACKAGE_DIR = ("knowledge", "events")


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """The words of `knowledge/events/<name>.txt`; a line that is not one word raises
    `KnowledgeError` naming the file and line."""
    path = files("blocs").joinpath(*_PACKAGE_DIR, f"{name}.txt")
    words: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if len(word.split()) != 1 or word != word.lower():
            raise KnowledgeError(
                f"{'/'.join(_PACKAGE_DIR)}/{name}.txt:{number}: {word!r} is not one lower-case word"
            )
        words.add(word)
    return frozenset(words)
