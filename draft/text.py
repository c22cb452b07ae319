"""Indonesian text as the drafter reads it: sentences and tokens with their offsets, names folded
for comparison, and a spelling key that forgives the variants news writing shows."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

APOSTROPHES = "'’‘`´ʼ"
# Abbreviations after which a full stop ends no sentence (honorifics, degrees, initials, "Rp.").
ABBREVIATIONS = frozenset({
    "dr", "ir", "h", "hj", "drs", "dra", "prof", "st", "se", "mm", "mt", "msi", "si", "sh", "mh",
    "kh", "no", "rp", "jl", "tgl", "dll", "dsb", "dkk", "bpk", "ibu", "sdr", "m", "a", "b", "c",
})
TOKEN = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"\-][^\W_]+)*|\d+(?:[.,/]\d+)*|[^\s\w]", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])|\n\s*\n|\n")


@dataclass(frozen=True)
class Token:
    """One word, number or mark, where it stands in the text and in which sentence."""

    text: str
    start: int
    end: int
    sentence: int  # 1-based

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.text[:1].isalpha()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Return `text` for comparison: case, accents and apostrophes dropped, hyphens as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in APOSTROPHES)
    return " ".join(re.sub(r"[-‐‑–—_/]", " ", kept).split())


# Old and new Indonesian spellings, Russian transliterations and habits of speech that give one
# name several forms: Fadjroel / Pajrul / Fadiroel, Rachman / Rahman, Syirajudin / Syrajudin.
_SPELLING = (("dj", "j"), ("tj", "c"), ("oe", "u"), ("kh", "h"), ("ch", "h"), ("sy", "s"), ("sh", "s"),
             ("ph", "f"), ("p", "f"), ("v", "f"), ("q", "k"), ("x", "ks"), ("ij", "i"))


@lru_cache(maxsize=1 << 16)
def spelling_key(word: str) -> str:
    """Return a key under which the usual spelling variants of a name's word coincide."""
    key = fold(word).replace(" ", "")
    for old, new in _SPELLING:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


def distance(a: str, b: str, limit: int) -> int:
    """Return the edit distance (adjacent swaps count one), or `limit + 1` once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowance(key: str) -> int:
    """Return how many edits a word of this length may differ by and still be the same name."""
    return 0 if len(key) <= 4 else 1 if len(key) <= 6 else 2


def same_word(a: str, b: str, max_edits: int = 2) -> bool:
    """Tell whether two spelling keys are one name's word written two ways (at most `max_edits` apart)."""
    if a == b:
        return True
    if a[:1] != b[:1] and not {a[:1], b[:1]} <= {"f", "p"}:
        return False
    limit = min(allowance(max(a, b, key=len)), max_edits)
    return limit > 0 and distance(a, b, limit) <= limit


def sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of each sentence of `text`."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _abbreviation_before(text, match.start()):
            continue
        _add_span(text, start, match.end(), spans)
        start = match.end()
    _add_span(text, start, len(text), spans)
    return spans


def _abbreviation_before(text: str, at: int) -> bool:
    word = re.search(r"([^\W\d_]+)$", text[max(0, at - 12):at])
    return word is not None and fold(word.group(1)) in ABBREVIATIONS


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


def tokens(text: str) -> list[Token]:
    """Return every token of `text`, numbered by sentence."""
    found: list[Token] = []
    for number, (start, end) in enumerate(sentences(text), 1):
        for match in TOKEN.finditer(text, start, end):
            found.append(Token(match.group(), match.start(), match.end(), number))
    return found
