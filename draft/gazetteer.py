"""Names the drafter can recognise: every entity of the graph under all its names, and the base
lexicon's places and commodities, found in text tolerantly of case, accents and spelling."""

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from draft.lexicon import lexicon
from draft.text import Token, fold, same_word, spelling_key, tokens

NAME_FIELDS = ("name", "aliases", "short_name", "name_en", "name_ru", "name_kk")
NAMED_LABELS = ("Person", "Place", "Institution", "Commodity")
CONNECTORS = frozenset({"dan", "of", "the", "di", "untuk", "and", "de", "bin", "binti"})
ID_PREFIX = {"Person": "person", "Place": "place", "Institution": "inst", "Commodity": "commodity"}


@dataclass(frozen=True)
class Entry:
    """An entity the drafter can name: its id (proposed, when `known` is false), label and fields."""

    id: str
    label: str
    name: str
    known: bool
    fields: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Match:
    """An entry found at tokens `first`..`last` (inclusive), as written there."""

    entry: Entry
    first: int
    last: int
    written: str
    exact: bool

    @property
    def tokens(self) -> range:
        return range(self.first, self.last + 1)


@dataclass(frozen=True)
class Office:
    """An office a known person holds: its title as written and the institution's id."""

    title: str
    institution: str
    id: str


def slug(text: str) -> str:
    """Return an id-friendly form of `text`: folded, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def proposed_id(label: str, name: str) -> str:
    """Return the id proposed for a new entity of `label` called `name`."""
    return f"{ID_PREFIX[label]}-{slug(name)}"


def word_keys(word: str) -> tuple[str, ...]:
    """Return the keys one written word compares by: an abbreviation's expansion, or its spelling key."""
    expanded = lexicon().abbreviations.get(fold(word).replace(" ", ""))
    return expanded if expanded else (spelling_key(word),)


def name_keys(name: str, label: str) -> tuple[str, ...]:
    """Return the keys of a name's words, honorifics and (for people) initials left out."""
    keys: list[str] = []
    for token in tokens(name):
        folded = fold(token.text).replace(" ", "")
        if not token.word or folded in lexicon().honorifics or (label == "Person" and len(folded) == 1):
            continue
        keys.extend(word_keys(token.text))
    return tuple(keys)


class Gazetteer:
    """Every name of every entry, indexed by the first letter of its first key."""

    def __init__(self, entries: Iterable[Entry], offices: Mapping[str, list[Office]] | None = None) -> None:
        self.entries: dict[str, Entry] = {}
        self.offices: dict[str, list[Office]] = dict(offices or {})
        self.relation_ids: set[str] = set()
        self._variants: dict[str, list[tuple[tuple[str, ...], Entry, str]]] = defaultdict(list)
        self._firsts: dict[str, set[str]] = defaultdict(set)  # first letter -> first keys
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        """Index `entry` under each of its names."""
        self.entries[entry.id] = entry
        for written in names_of(entry.fields, entry.name):
            keys = name_keys(written, entry.label)
            if keys:
                self._variants[keys[0]].append((keys, entry, written))
                self._firsts[keys[0][:1]].add(keys[0])

    def by_name(self, name: str, label: str) -> Entry | None:
        """Return the entry of `label` one of whose names is `name`, compared by keys."""
        keys = name_keys(name, label)
        for variant, entry, _ in self._variants.get(keys[0] if keys else "", []):
            if entry.label == label and variant == keys:
                return entry
        return None

    def find(self, words: list[Token], text: str) -> list[Match]:
        """Return the entries named in `words`, longest and exact names first, none overlapping."""
        stream = _stream(words)
        found: list[tuple[int, int, bool, Match]] = []
        firsts: dict[str, list[str]] = {}
        for position, (key, _) in enumerate(stream):
            if key not in firsts:
                firsts[key] = self._first_keys(key)
            for variant, entry, _written in (v for first in firsts[key] for v in self._variants[first]):
                end = _match(stream, position, variant, _edits(entry, variant))
                if end is None:
                    continue
                first, last = stream[position][1], stream[end - 1][1]
                exact = all(stream[position + i][0] == k for i, k in enumerate(variant)
                            if position + i < len(stream))
                if _well_written(words, first, last, entry.label):
                    written = text[words[first].start:words[last].end]
                    found.append((last - first, len(variant), exact and entry.known,
                                  Match(entry, first, last, written, exact)))
        return _without_overlaps(found)

    def _first_keys(self, key: str) -> list[str]:
        """Return the first keys of names that `key` may begin, as written or misspelt."""
        if not key or key in "()":
            return []
        return [first for first in self._firsts.get(key[:1], ()) if _same(key, first, 2)]


def names_of(fields: Mapping[str, Any], name: str) -> list[str]:
    """Return every name an entity goes by, its main name first."""
    names = [name]
    for key in NAME_FIELDS[1:]:
        value = fields.get(key)
        names.extend(value if isinstance(value, list) else [value] if value else [])
    return list(dict.fromkeys(n for n in names if isinstance(n, str) and n.strip()))


def _stream(words: list[Token]) -> list[tuple[str, int]]:
    """Return each word's keys with the index of the token they come from; marks give ''."""
    stream: list[tuple[str, int]] = []
    for index, token in enumerate(words):
        if token.word or token.text[:1].isdigit():
            stream.extend((key, index) for key in word_keys(token.text))
        else:
            stream.append(("(" if token.text == "(" else ")" if token.text == ")" else "", index))
    return stream


def _edits(entry: Entry, variant: tuple[str, ...]) -> int:
    """How far a written name may stray from `variant`: a known entity's or person's name two edits
    a word, a good of the lexicon one; a one-word name of a person not at all (Faisal is not Faizal)."""
    if entry.label == "Person":
        return 2 if len(variant) > 1 else 0
    return 2 if entry.known else 1 if entry.label == "Commodity" else 0


def _match(stream: list[tuple[str, int]], position: int, variant: tuple[str, ...], edits: int) -> int | None:
    """Return the stream position after `variant` matched from `position`, skipping a short
    bracketed aside inside the name, e.g. Pemerintah Kota (Pemkot) Balikpapan; or None."""
    at = position
    for index, key in enumerate(variant):
        if index and at < len(stream) and stream[at][0] == "(":
            close = next((j for j in range(at + 1, min(at + 5, len(stream))) if stream[j][0] == ")"), None)
            if close is not None:
                at = close + 1
        if at >= len(stream) or not stream[at][0] or not _same(stream[at][0], key, edits):
            return None
        at += 1
    return at


def _same(written: str, known: str, edits: int) -> bool:
    """Two keys are one word when equal, or (where spelling may vary) close enough and long enough."""
    return written == known or (edits > 0 and len(known) > 4 and same_word(written, known, edits))


def _well_written(words: list[Token], first: int, last: int, label: str) -> bool:
    """A person's, place's or body's name starts and ends capitalised; a commodity's need not."""
    if label == "Commodity":
        return True
    ends = (words[first], words[last])
    return all(t.capitalised or t.text[:1].isdigit() for t in ends) and all(
        t.capitalised or fold(t.text) in CONNECTORS or not t.word for t in words[first:last + 1])


def _without_overlaps(found: list[tuple[int, int, bool, Match]]) -> list[Match]:
    taken: set[int] = set()
    kept: list[Match] = []
    for _, _, _, match in sorted(found, key=lambda f: (-f[0], -f[1], not f[2], not f[3].exact, f[3].first)):
        span = set(range(match.first, match.last + 1))
        if not span & taken:
            taken |= span
            kept.append(match)
    return sorted(kept, key=lambda m: m.first)


def from_graph(nodes: Iterable[Mapping[str, Any]], relations: Iterable[Mapping[str, Any]]) -> Gazetteer:
    """Build the gazetteer from a graph's nodes and relations as plain records (`type`, `id`, fields),
    adding the base lexicon's places and commodities the graph does not have."""
    entries = [Entry(str(n["id"]), str(n["type"]), str(n["name"]), True, dict(n))
               for n in nodes if n.get("type") in NAMED_LABELS and n.get("name")]
    offices: dict[str, list[Office]] = defaultdict(list)
    ids = set()
    for relation in relations:
        ids.add(str(relation.get("id")))
        if relation.get("type") == "HOLDS_POSITION" and relation.get("title"):
            offices[str(relation["from"])].append(Office(str(relation["title"]), str(relation["to"]),
                                                         str(relation.get("id"))))
    gazetteer = Gazetteer(entries, offices)
    gazetteer.relation_ids = ids
    for base in lexicon().base:
        if gazetteer.by_name(base["name"], base["type"]) is None:
            fields = {k: v for k, v in base.items() if k != "type"}
            gazetteer.add(Entry(proposed_id(base["type"], base["name"]), base["type"], base["name"], False, fields))
    return gazetteer
