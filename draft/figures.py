"""Figures an article gives: amounts of money with their unit ("Rp98 juta per kilogram") and counts
of what they count ("15 pengusaha", "33 negara")."""

import re
from dataclasses import dataclass
from typing import Any

SCALES = {"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12}
UNITS = {"kilogram": "kg", "kg": "kg", "ton": "t", "liter": "l", "gram": "g", "unit": "unit", "bulan": "month",
         "tahun": "year", "orang": "person"}
MONEY = re.compile(r"\b(?P<currency>Rp|US\$|USD)\s?(?P<number>\d{1,3}(?:[.,]\d{3})*(?:,\d+)?|\d+(?:,\d+)?)\s*"
                   r"(?P<scale>ribu|rb|juta|jt|miliar|milyar|triliun)?(?:\s+per\s+(?P<per>\w+))?", re.IGNORECASE)
COUNT = re.compile(r"\b(?:(?P<about>sekitar|lebih dari|hampir|kurang lebih)\s+)?(?P<number>\d{1,3}(?:\.\d{3})*|\d+)"
                   r"\s+(?P<what>[a-z]+(?:\s+(?:dagang|usaha|asing|lokal|daerah))?)\b", re.IGNORECASE)
NOT_COUNTED = frozenset({"persen", "tahun", "bulan", "hari", "pekan", "minggu", "jam", "menit", "kali", "januari",
                         "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
                         "november", "desember", "ribu", "juta", "miliar", "triliun", "kilogram", "kg", "ton"})


@dataclass(frozen=True)
class FigureRead:
    """A figure found in text, where, and as a fixture writes it."""

    start: int
    end: int
    figure: dict[str, Any]


def _number(raw: str) -> float:
    whole, _, fraction = raw.replace(".", "").partition(",")
    return float(f"{whole}.{fraction}" if fraction else whole)


def find_figures(text: str) -> list[FigureRead]:
    """Return the money amounts and counts of `text`, in order."""
    found: list[FigureRead] = []
    taken: set[int] = set()
    for match in MONEY.finditer(text):
        value = _number(match.group("number")) * SCALES.get((match.group("scale") or "").lower(), 1)
        currency = "IDR" if match.group("currency").lower() == "rp" else "USD"
        per = match.group("per")
        unit = f"{currency}/{UNITS.get(per.lower(), per)}" if per else currency
        found.append(FigureRead(match.start(), match.end(), {"counts": "price" if per else "amount",
                                                             "value": _whole(value), "unit": unit}))
        taken |= set(range(match.start(), match.end()))
    for match in COUNT.finditer(text):
        what = match.group("what").lower()
        if match.start() in taken or what.split()[0] in NOT_COUNTED or text[max(0, match.start() - 1)] in "/.,:":
            continue
        figure: dict[str, Any] = {"counts": what, "value": _whole(_number(match.group("number")))}
        if match.group("about"):
            figure["approximate"] = True
        found.append(FigureRead(match.start(), match.end(), figure))
    return sorted(found, key=lambda f: f.start)


def _whole(value: float) -> int | float:
    return int(value) if value == int(value) else value
