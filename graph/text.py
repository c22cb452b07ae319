"""Text folded for matching: case, accents and apostrophes do not matter."""

import re
import unicodedata

NON_WORD = re.compile(r"[\W_]+")  # a word is letters and digits of any script: Казахстан, Қазақстан
APOSTROPHES = re.compile(r"['’‘`´]")
NAMES_SEPARATOR = "|"
NAME_FIELDS = ("name", "aliases", "name_en", "name_kk", "name_ru", "short_name")


def fold(text: str) -> str:
    """Return `text` lowercased, without accents or apostrophes, words separated by one space."""
    bare = APOSTROPHES.sub("", text)
    if not bare.isascii():  # most names are plain ASCII, which has no accents to take off
        decomposed = unicodedata.normalize("NFKD", bare)
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return NON_WORD.sub(" ", bare.lower()).strip()


def tokens(text: str) -> list[str]:
    """Return the folded words of `text`."""
    return fold(text).split()


def names_of(props: dict[str, object]) -> list[str]:
    """Return every name an entity is known by: its name, aliases and names in other languages."""
    names: list[str] = []
    for field in NAME_FIELDS:
        value = props.get(field)
        names.extend(value if isinstance(value, list) else [value] if isinstance(value, str) else [])
    return names


def search_fields(props: dict[str, object]) -> tuple[str, str, list[str]]:
    """Return what search needs of an entity's names, each name folded once.

    First the folded words of all names, once each, for the full-text index; then every name
    folded, once each, the main name first, which search ranks its matches by, as one string joined
    by NAMES_SEPARATOR, which no folded name holds (the store's client reads one string much faster
    than a list); then the same names as a list, which the store indexes whole for exact names."""
    names = list(dict.fromkeys(fold(name) for name in names_of(props)))
    words = dict.fromkeys(word for name in names for word in name.split())
    return " ".join(words), NAMES_SEPARATOR.join(names), names
