"""Article-level context for actors a sentence names only by a role word.

In: the actors of an article's sentences, in order. Out: the bare role-word actors of a
sentence (`kind` "agent", no country: "the coalition", "civilians", "regime forces") given a
country from what the article said before:
- "the coalition" is the last coalition the article named ("the Saudi-led coalition" ...
  "the coalition said") and takes its code;
- any other bare role word takes the country of the one place its sentence names ("civilians
  in Aleppo", a town or region), else the article's main country (the state its earlier
  sentences name most), with the role word's sector: "regime forces" in an article about
  Syria are SYRMIL, "protesters" SYROPP.

The extractor keeps one `ArticleContext` per article: `complete` each sentence's actors (with
its place actors), then `observe` them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from blocs.actors.mentions import ActorSpan

_COALITION = "coalition"


@dataclass
class ArticleContext:
    """What earlier sentences of one article named."""

    countries: Counter[str] = field(default_factory=Counter)
    coalition: ActorSpan | None = None

    @property
    def main_country(self) -> str | None:
        """The state the article has named most so far (the first of equals)."""
        return self.countries.most_common(1)[0][0] if self.countries else None

    def observe(self, actors: Sequence[ActorSpan]) -> None:
        for actor in actors:
            if actor.country is None:
                continue
            if actor.kind in {"state", "place"} and len(actor.country) == 3:
                self.countries[actor.country] += 1
            if actor.text.lower().endswith(_COALITION):
                self.coalition = actor

    def complete(
        self, actors: Sequence[ActorSpan], places: Sequence[ActorSpan] = ()
    ) -> list[ActorSpan]:
        """The actors with each bare role word placed; the others unchanged."""
        where = {p.country for p in places if p.country is not None}
        return [self._placed(a, where) for a in actors]

    def _placed(self, actor: ActorSpan, where: set[str]) -> ActorSpan:
        if actor.kind != "agent" or actor.country is not None:
            return actor
        if actor.text.lower() == _COALITION and self.coalition is not None:
            chosen = self.coalition
            return replace(
                actor, code=chosen.code, country=chosen.country, sector=chosen.sector,
                entry_id=chosen.entry_id, method="context",
            )  # fmt: skip
        country = next(iter(where)) if len(where) == 1 else self.main_country
        if country is None or actor.sector is None:
            return actor
        return replace(actor, code=f"{country}{actor.sector}", country=country, method="context")
