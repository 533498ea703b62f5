"""Word lists of the event rules, read from `blocs/knowledge/events/*.txt`.

A list file holds one lower-case word (a lemma unless its header says otherwise) a line,
after `#` comment lines that give its source; blank lines are skipped. The rules name a list
by its file stem (`word_list("light_verbs")`).
"""

from __future__ import annotations

import functools

from blocs.word_files import is_lower_case, read_words


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """The words of `knowledge/events/<name>.txt`; a line that is not one word raises
    `KnowledgeError` naming the file and line."""
    path = f"events/{name}.txt"
    return read_words(path, f"knowledge/{path}", is_lower_case, "lower-case word")
