"""What an import did: one `ImportReport` per file read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ImportReport:
    """One file's import. `skipped` counts the rows not stored, by reason ("already
    stored" on a re-import); `notes` counts what stored rows carry that a user should
    know (a country the row gives that could not be mapped, an id made unique)."""

    import_id: str
    origin: str
    table: str
    source_file: str
    file_sha256: str
    rows_read: int
    rows_added: int
    skipped: dict[str, int] = field(default_factory=dict)
    notes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows_skipped(self) -> int:
        return sum(self.skipped.values())


@dataclass(frozen=True, slots=True)
class UngaReport:
    """A UN General Assembly import: the votes file and, when given, the roll-calls file."""

    votes: ImportReport
    roll_calls: ImportReport | None


def ranked(counts: Counter[str]) -> dict[str, int]:
    """Counts as a plain dict, most frequent first (then by name: stable output)."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
