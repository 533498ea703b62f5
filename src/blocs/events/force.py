"""Armed attacks told by a weapon: "hit Ukrainian positions with artillery", "launched
drones at the base", "struck the convoy with missiles".

Verbs such as hit, launch, fire or use code nothing on their own (or something else:
"hit out at" is criticism, "launch talks" a meeting); with a weapon as their object or
instrument they are ASSAULT, with the CAMEO code of the weapon (`knowledge/events/
weapons.tsv`). The reading replaces the verb's own patterns.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files

from spacy.tokens import Token

from blocs.errors import KnowledgeError
from blocs.events.lexicon import EventLexicon, VerbPattern
from blocs.events.wordlists import word_list

_FILE = "knowledge/events/weapons.tsv"
_COLUMNS = ("noun", "mode", "cameo", "note")
# Where the target of an attack with a weapon object is named: "fired rockets at Israel".
TARGET_PREPS = ("at", "on", "against", "into", "toward", "towards")


@dataclass(frozen=True, slots=True)
class Weapon:
    noun: str
    mode: str | None
    cameo: str
    where: str  # file:line


@functools.cache
def weapons(lexicon: EventLexicon) -> dict[str, Weapon]:
    """The weapon nouns, checked against the lexicon's ASSAULT modes and CAMEO codes."""
    text = files("blocs").joinpath(*_FILE.split("/")).read_text(encoding="utf-8")
    found: dict[str, Weapon] = {}
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        where = f"{_FILE}:{number}"
        if header is None:
            header = cells
            if tuple(header) != _COLUMNS:
                raise KnowledgeError(f"{where}: header must be {' / '.join(_COLUMNS)}")
            continue
        cells += [""] * (len(_COLUMNS) - len(cells))
        noun, mode, cameo = cells[0].lower(), cells[1], cells[2]
        if mode and mode not in lexicon.plover_modes.get("ASSAULT", ()):
            raise KnowledgeError(f"{where}: {mode!r} is not an ASSAULT mode of plover.tsv")
        if cameo not in lexicon.cameo or lexicon.cameo[cameo].plover != "ASSAULT":
            raise KnowledgeError(f"{where}: CAMEO code {cameo!r} is not an ASSAULT code")
        found[noun] = Weapon(noun, mode or None, cameo, where)
    return found


def _weapon(token: Token, lexicon: EventLexicon) -> Weapon | None:
    return weapons(lexicon).get(token.lemma_.lower())


def _target_prep(holders: list[Token]) -> str | None:
    """The preposition that names where a fired weapon goes ("rockets at Israel")."""
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                return str(child.lower_)
    return None


def _instrument(verb: Token, lexicon: EventLexicon) -> Weapon | None:
    """The weapon of the verb's "with" phrase ("struck the base with rockets")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            for obj in prep.children:
                weapon = _weapon(obj, lexicon) if obj.dep_ == "pobj" else None
                if weapon is not None:
                    return weapon
    return None


def _weapon_agent(verb: Token, lexicon: EventLexicon) -> Weapon | None:
    """The weapon that does the act: "Russian missiles hit Kyiv", "Kyiv was hit by Russian
    missiles" (its owner is the source, the object or passive subject the target)."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            weapon = _weapon(child, lexicon)
            if weapon is not None:
                return weapon
        if child.dep_ == "agent":
            for obj in child.children:
                weapon = _weapon(obj, lexicon) if obj.dep_ == "pobj" else None
                if weapon is not None:
                    return weapon
    return None


def armed_pattern(verb: Token, lexicon: EventLexicon) -> VerbPattern | None:
    """The ASSAULT reading of a force verb whose object or "with" instrument is a weapon;
    None for any other verb. A weapon object leaves the target to a preposition ("fired
    rockets at X"); a weapon instrument or subject leaves it to the object ("hit X with
    artillery", "missiles hit X")."""
    lemma = verb.lemma_.lower()
    if lemma not in word_list("weapons_verbs"):
        return None
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "obj"}):
        weapon = _weapon(obj, lexicon)
        if weapon is not None:
            prep = _target_prep([verb, obj])
            target = "prep" if prep else "none"
            return VerbPattern(
                lemma,
                None,
                weapon.noun,
                prep,
                "ASSAULT",
                weapon.mode,
                weapon.cameo,
                target,
                weapon.where,
            )
    weapon = _instrument(verb, lexicon) or _weapon_agent(verb, lexicon)
    if weapon is None:
        return None
    return VerbPattern(
        lemma, None, None, None, "ASSAULT", weapon.mode, weapon.cameo, "dobj", weapon.where
    )
