"""Entities an article introduces by the words around their names: bodies and places by the word
that opens their name (Dinas X, Kota X, Balai X), groups by what they are and where they are from
(pengusaha Kazakhstan), buildings by what they are (Swiss-Belhotel Tarakan), places by the larger
place written after them (Tanjung Palas Timur, Bulungan), goods by the word commodity (komoditas X)
or by a known good they qualify (Beras Krayan)."""

from dataclasses import dataclass

from draft.gazetteer import Entry, Gazetteer, Match, proposed_id
from draft.lexicon import lexicon
from draft.text import Token, fold

QUALIFYING = frozenset({"kota", "kabupaten", "provinsi"})  # opening words that also qualify another name
COMMODITY_STOP = frozenset({"sebagai", "bernilai", "memiliki", "menjadi", "unggulan", "utama", "seperti",
                            "yang", "ke", "dari", "di", "dan", "lainnya", "ekspor", "daerah", "luar", "lokal",
                            "prioritas", "logistik", "strategis",
                            "tersebut", "ini", "itu", "untuk", "bagi", "dengan", "akan", "telah"})


@dataclass
class Mention:
    """An entity named at tokens first..last, how it was recognised, and how sure the reading is."""

    entry: Entry
    first: int
    last: int
    written: str
    how: str
    confidence: float


def _bodies_and_places(words: list[Token], text: str, gazetteer: Gazetteer, taken: set[int]) -> list[Mention]:
    """Propose the bodies and places whose names open with a telling word: Dinas X, Kota X, Hotel X;
    a name ends before a person's, or before another such word (Ruang X | Kantor Y)."""
    found: list[Mention] = []
    openers = (set(lexicon().bodies) | set(lexicon().places)) - QUALIFYING
    for index, token in enumerate(words):
        folded = fold(token.text)
        opening = lexicon().abbreviations.get(folded, (folded,))[0]
        label, kind = ("Institution", lexicon().bodies[opening]) if opening in lexicon().bodies else \
            ("Place", lexicon().places[opening]) if opening in lexicon().places else (None, None)
        if label is None or kind is None or not token.capitalised:
            continue
        end = index + 1
        while end < len(words) and end - index < 6 and words[end].word and end not in taken and (
                words[end].capitalised or (fold(words[end].text) == "dan" and end + 1 < len(words)
                                           and words[end + 1].capitalised)):
            if end - index >= 2 and fold(words[end].text) in openers:
                break
            end += 1
        if end - index < 2:
            continue
        name = text[token.start:words[end - 1].end]
        entry = gazetteer.by_name(name, label) or (gazetteer.by_name(name.split(None, 1)[1], label)
                                                    if opening in QUALIFYING else None) or \
            Entry(proposed_id(label, name), label, name, False, {"kind": kind})
        found.append(Mention(entry, index, end - 1, name, "opening word", 0.6))
    return found


def _commodities(words: list[Token], text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Propose the goods an article calls a commodity (komoditas X) that no gazetteer names."""
    found: list[Mention] = []
    for index, token in enumerate(words):
        if fold(token.text) not in ("komoditas", "komoditi"):
            continue
        first = index + 1
        while first < len(words) and fold(words[first].text) in ("unggulan", "utama", "ekspor", "seperti"):
            first += 1
        end = first
        while end < len(words) and end - first < 2 and words[end].word and fold(words[end].text) not in COMMODITY_STOP:
            end += 1
        after = words[end] if end < len(words) else None
        if end == first or (after is not None and after.word and fold(after.text) not in COMMODITY_STOP):
            continue
        name = text[words[first].start:words[end - 1].end]
        name = name[:1].upper() + name[1:]
        entry = gazetteer.by_name(name, "Commodity") or Entry(proposed_id("Commodity", name), "Commodity", name,
                                                              False, {"category": "other"})
        found.append(Mention(entry, first, end - 1, name, "commodity word", 0.5))
    return found




GROUP_NOUNS = (("pelaku", "usaha"), ("pengusaha",), ("investor",), ("influencer",), ("eksportir",),
               ("importir",), ("delegasi",), ("perusahaan",), ("pebisnis",))
GROUP_LINKS = frozenset({"asal", "dari", "negara", "republik"})
BUILDING_WORDS = ("hotel", "resort", "hall", "center", "centre", "convention", "plaza", "mall", "bandara",
                  "pelabuhan", "terminal", "stadion", "masjid", "kampus", "universitas", "gedung", "port")
PLACE_BEFORE = frozenset({"di", "ke", "dari"})
# Words that introduce who speaks: kata Andi Sulaiman, menurut Budi Santoso.
SPEECH = frozenset({"kata", "ujar", "ungkap", "jelas", "tegas", "tutur", "imbuh", "tambah", "sebut", "menurut",
                    "ucap", "terang", "papar"})


def proposed(words: list[Token], text: str, gazetteer: Gazetteer, matches: list[Match],
             taken: set[int]) -> list[Mention]:
    """Return every entity the words around names introduce, new or known."""
    named = taken | {i for m in matches for i in m.tokens}
    return (_bodies_and_places(words, text, gazetteer, taken) + _commodities(words, text, gazetteer)
            + _groups(words, text, matches) + _buildings(words, text, named)
            + _places_within(words, text, matches, named) + _qualified_goods(words, text, matches, named)
            + _speakers(words, text, named))


def _groups(words: list[Token], text: str, matches: list[Match]) -> list[Mention]:
    """People named by what they do and where they come from: pengusaha Kazakhstan, pelaku usaha dari
    Republik Kazakhstan. One group per kind and place; its other wordings become aliases."""
    places = {m.first: m for m in matches if m.entry.label == "Place"}
    found: dict[tuple[str, str], Mention] = {}
    aliases: dict[tuple[str, str], list[str]] = {}
    folded = [fold(w.text) for w in words]
    for index in range(len(words)):
        noun = next((n for n in GROUP_NOUNS if tuple(folded[index:index + len(n)]) == n), None)
        if noun is None:
            continue
        at = index + len(noun)
        while at < len(words) and fold(words[at].text) in GROUP_LINKS and at not in places:
            at += 1
        place = places.get(at)
        if place is None or place.entry.fields.get("kind") not in ("country", "city", "province"):
            continue
        written = text[words[index].start:words[place.last].end]
        key = (" ".join(noun), place.entry.id)
        if key in found:
            if written.casefold() not in {a.casefold() for a in [found[key].written, *aliases[key]]}:
                aliases[key].append(written)
            continue
        name = written[:1].upper() + written[1:]
        aliases[key] = []
        entry = Entry(proposed_id("Institution", f"{key[0]} {place.entry.name}"), "Institution", name, False,
                      {"kind": "business_group", "aliases": aliases[key]})
        found[key] = Mention(entry, index, place.last, written, "group", 0.5)
    return list(found.values())


def _buildings(words: list[Token], text: str, named: set[int]) -> list[Mention]:
    """A capitalised name after "di" with a word for a building in it: di Swiss-Belhotel Tarakan."""
    found = []
    for index, token in enumerate(words[:-1]):
        if fold(token.text) != "di" or index + 1 in named or not words[index + 1].capitalised:
            continue
        end = index + 1
        while end < len(words) and end - index <= 5 and words[end].word and words[end].capitalised:
            end += 1
        if any(b in fold(w.text).replace(" ", "") for w in words[index + 1:end] for b in BUILDING_WORDS):
            name = text[words[index + 1].start:words[end - 1].end]
            entry = Entry(proposed_id("Place", name), "Place", name, False, {"kind": "facility"})
            found.append(Mention(entry, index + 1, end - 1, name, "building word", 0.5))
    return found


def _places_within(words: list[Token], text: str, matches: list[Match], named: set[int]) -> list[Mention]:
    """An unknown capitalised name after di / ke / dari followed by a comma and a known place is a
    place within it: di Tanjung Palas Timur, Bulungan."""
    places = {m.first for m in matches if m.entry.label == "Place"}
    found = []
    for index, token in enumerate(words[:-1]):
        if fold(token.text) not in PLACE_BEFORE:
            continue
        end = index + 1
        while end < len(words) and end - index <= 3 and words[end].word and words[end].capitalised \
                and end not in named:
            end += 1
        if end > index + 1 and end + 1 < len(words) and words[end].text == "," and end + 1 in places:
            name = text[words[index + 1].start:words[end - 1].end]
            entry = Entry(proposed_id("Place", name), "Place", name, False, {"kind": "district"})
            found.append(Mention(entry, index + 1, end - 1, name, "place within", 0.5))
    return found


def _qualified_goods(words: list[Token], text: str, matches: list[Match], named: set[int]) -> list[Mention]:
    """A good of the base lexicon followed by a capitalised name is a good of its own: Beras Krayan."""
    found = []
    for match in matches:
        after = match.last + 1
        if match.entry.label != "Commodity" or match.entry.known or after >= len(words) \
                or after in named or not (words[after].word and words[after].capitalised):
            continue
        name = text[words[match.first].start:words[after].end]
        name = name[:1].upper() + name[1:]
        entry = Entry(proposed_id("Commodity", name), "Commodity", name, False,
                      {"category": match.entry.fields.get("category", "other")})
        found.append(Mention(entry, match.first, after, name, "qualified good", 0.55))
    return found


def _speakers(words: list[Token], text: str, named: set[int]) -> list[Mention]:
    """Two to four capitalised words after a word of speech, none of them an office's or a body's
    word, are a person's name: kata Andi Sulaiman."""
    stop = lexicon().office_words | set(lexicon().bodies) | set(lexicon().places) | set(lexicon().abbreviations)
    found = []
    for index, token in enumerate(words[:-2]):
        if fold(token.text) not in SPEECH:
            continue
        end = index + 1
        while end < len(words) and end - index <= 4 and words[end].word and words[end].capitalised \
                and end not in named and fold(words[end].text) not in stop:
            end += 1
        if end - index - 1 >= 2 and not (end < len(words) and words[end].word and words[end].capitalised):
            name = text[words[index + 1].start:words[end - 1].end]
            entry = Entry(proposed_id("Person", name), "Person", name, False)
            found.append(Mention(entry, index + 1, end - 1, name, "speaker", 0.5))
    return found
