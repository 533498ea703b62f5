"""Entries of the actor knowledge base, as loaded from the files in `blocs/knowledge/actors/`
or from a user's PETRARCH/TABARI dictionary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

KINDS = ("state", "igo", "group", "person", "agent")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One thing the text can name.

    `code` is the actor code written into events (`FRA`, `FRAGOV`, `NATO`, `LBYGOV`, or a
    user dictionary's own code such as `USAGOV`); `country` is the state-level code used
    to score and aggregate (ISO 3166-1 alpha-3, or the IGO's code for organisations).
    `patterns` are the surface forms that name it; `adjectives` and `combining` (states
    only) are the forms that modify another word ("French President", "Franco-Russian").
    """

    entry_id: str
    kind: str
    name: str
    code: str
    country: str | None
    sector: str | None = None
    role: str | None = None
    patterns: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    combining: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    source: str = ""

    def valid_on(self, day: date | None) -> bool:
        """True when `day` is unknown or inside the entry's validity."""
        if day is None:
            return True
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)


@dataclass(frozen=True, slots=True)
class AgentWord:
    """A role word that, next to a state, makes an agent: "foreign minister" -> GOV."""

    phrase: str
    sector: str
    role: str | None = None
    # PETRARCH's `NGO~`: the agent code goes in front of the country (NGOZRB), not after.
    # A sector written with a trailing `~` sets it.
    prefix: bool = False

    def __post_init__(self) -> None:
        if self.sector.endswith("~"):
            object.__setattr__(self, "sector", self.sector[:-1])
            object.__setattr__(self, "prefix", True)
