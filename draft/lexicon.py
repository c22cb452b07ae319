"""The drafter's knowledge of Indonesian official writing, read once from lexicon.yaml."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")


@dataclass(frozen=True)
class Title:
    """An office title's opening words, the body it belongs to, that body's kind, its English."""

    head: tuple[str, ...]
    body: str
    kind: str
    en: str
    drop: frozenset[str]  # words of the title that are not part of the body's name


@dataclass(frozen=True)
class Lexicon:
    """Abbreviations, titles, office words, and a base gazetteer of places and commodities."""

    abbreviations: dict[str, tuple[str, ...]]
    titles: tuple[Title, ...]
    acting: frozenset[str]
    foreign_titles: frozenset[str]
    honorifics: frozenset[str]
    office_words: frozenset[str]
    bodies: dict[str, str]
    places: dict[str, str]
    base: tuple[dict[str, Any], ...]


@cache
def lexicon() -> Lexicon:
    """Return the lexicon, read once."""
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    return Lexicon(
        abbreviations={k: tuple(v) for k, v in data["abbreviations"].items()},
        titles=tuple(Title(tuple(t["head"]), t["body"], t["kind"], t["en"], frozenset(t.get("drop", ())))
                     for t in data["titles"]),
        acting=frozenset(data["acting"]),
        foreign_titles=frozenset(data["foreign_titles"]),
        honorifics=frozenset(data["honorifics"]),
        office_words=frozenset(data["office_words"]),
        bodies=dict(data["bodies"]),
        places=dict(data["places"]),
        base=tuple(_base(data)),
    )


def _base(data: dict[str, Any]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for name, code, *english in data["countries"]:
        entries.append({"type": "Place", "name": name, "kind": "country", "iso_code": code,
                        "name_en": (english or [name])[0]})
    for name, _country, *english in data["cities_abroad"]:
        entries.append({"type": "Place", "name": name, "kind": "city", "name_en": (english or [name])[0]})
    for name, code in data["provinces"]:
        entries.append({"type": "Place", "name": name, "kind": "province", "iso_code": code})
    for name, kind in data["cities"]:
        entries.append({"type": "Place", "name": name, "kind": kind})
    for name, category, english in data["commodities"]:
        entries.append({"type": "Commodity", "name": name[:1].upper() + name[1:], "category": category,
                        "name_en": english[:1].upper() + english[1:]})
    return entries
