"""Dates as Indonesian news writes them, read against the publication date at honest precision:
"Kamis (29/8/2025)", "(7/8)", "30 Mei 2025", "Minggu", "pekan lalu", "akhir tahun ini"."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name: number for number, names in enumerate((
    (), ("januari", "jan"), ("februari", "pebruari", "feb"), ("maret", "mar"), ("april", "apr"),
    ("mei",), ("juni", "jun"), ("juli", "jul"), ("agustus", "agu", "agt", "ags"),
    ("september", "sep", "sept"), ("oktober", "okt"), ("november", "nopember", "nov"),
    ("desember", "des")), 0) for name in names}
DAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6,
        "ahad": 6}
_DAY = r"(?P<day_name>senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
PATTERNS = (
    ("numeric", re.compile(rf"(?:{_DAY}\s*,?\s*)?\(?\s*(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{2,4}}))?\s*\)",
                           re.IGNORECASE)),
    ("written", re.compile(rf"(?:{_DAY}\s*,?\s*(?:\(\s*)?)?(?:tanggal\s+)?(?P<d>\d{{1,2}})\s+(?P<month>{_MONTH})\.?"
                           rf"(?:\s+(?P<y>\d{{4}}))?\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:bulan\s+)?(?P<month>{_MONTH})\s+(?P<y>\d{{4}})\b", re.IGNORECASE)),
    ("relative", re.compile(r"\b(?P<rel>kemarin|hari ini|besok|lusa|pekan lalu|minggu lalu|pekan depan|"
                            r"minggu depan|bulan lalu|bulan depan|tahun lalu|tahun depan|"
                            r"(?:awal|akhir|pertengahan) (?:tahun|bulan) (?:ini|depan|lalu)|"
                            r"(?:akhir|awal) pekan ini)\b", re.IGNORECASE)),
    ("month_ahead", re.compile(rf"\b(?:pada\s+|bulan\s+)?(?P<month>{_MONTH})\s+(?P<when>nanti|mendatang|"
                               rf"depan|lalu|kemarin|ini)\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"(?<![\w/]){_DAY}\b(?!\s*,?\s*\(?\s*\d)", re.IGNORECASE)),
    ("year", re.compile(r"\btahun\s+(?P<y>20\d{2})\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class DateRead:
    """A date found in text: its span, the words, and the value at the precision they allow.

    `value` is ISO 8601 at that precision (2025-08-29, 2025-08, 2025), or None when only a window
    is known; `earliest`/`latest` bound a window; `note` says what a reader should check."""

    start: int
    end: int
    text: str
    value: str | None
    earliest: str | None = None
    latest: str | None = None
    note: str | None = None

    @property
    def precision(self) -> str:
        if self.value:
            return {10: "day", 7: "month", 4: "year"}[len(self.value)]
        return "approximate" if self.earliest else "unknown"


def find_dates(text: str, published: date | None) -> list[DateRead]:
    """Return every date expression of `text`, earliest first, none overlapping."""
    found: list[DateRead] = []
    taken: set[int] = set()
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            span = set(range(match.start(), match.end()))
            if span & taken:
                continue
            read = READERS[kind](match, published)
            if read is not None:
                found.append(read)
                taken |= span
    return sorted(found, key=lambda d: d.start)


def _year(raw: str | None, month: int, published: date | None) -> int | None:
    if raw:
        return int(raw) + (2000 if len(raw) == 2 else 0)
    if published is None:
        return None
    # A day and month with no year: the publication's year, or the one before for a month still ahead.
    return published.year - 1 if month > published.month + 1 else published.year


def _day_read(match: re.Match[str], day: int, month: int, published: date | None) -> DateRead | None:
    year = _year(match.group("y"), month, published)
    words = _balanced(match.group().strip(" ,"))
    if year is None:
        return DateRead(match.start(), match.end(), words, None,
                        note="no year written and no publication date to read it from")
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    note = _weekday_note(match.group("day_name"), value)
    return DateRead(match.start(), match.end(), words, value.isoformat(), note=note)


def _balanced(words: str) -> str:
    """The words of a date without a bracket that has no pair: "(7/8)" is 7/8, "Rabu (5/11/2025)" stays."""
    if words.startswith("(") and words.endswith(")"):
        words = words[1:-1]
    if words.count("(") < words.count(")"):
        words = words.rstrip(")")
    return words.lstrip("(") if words.count("(") > words.count(")") else words


def _weekday_note(day_name: str | None, value: date) -> str | None:
    if not day_name:
        return None
    written = DAYS[day_name.lower().replace("'", "")]
    if written == value.weekday():
        return None
    return (f"the text names the day {day_name}, but {value.isoformat()} was a "
            f"{calendar.day_name[value.weekday()]}: check which the source means")


def _numeric(match: re.Match[str], published: date | None) -> DateRead | None:
    day, month = int(match.group("d")), int(match.group("m"))
    return _day_read(match, day, month, published) if 1 <= month <= 12 else None


def _written(match: re.Match[str], published: date | None) -> DateRead | None:
    return _day_read(match, int(match.group("d")), MONTHS[match.group("month").lower()], published)


def _month(match: re.Match[str], published: date | None) -> DateRead:
    month = MONTHS[match.group("month").lower()]
    return DateRead(match.start(), match.end(), match.group(), f"{match.group('y')}-{month:02d}")


def _month_ahead(match: re.Match[str], published: date | None) -> DateRead | None:
    if published is None:
        return DateRead(match.start(), match.end(), match.group(), None, note="no publication date to read it from")
    month = MONTHS[match.group("month").lower()]
    when = match.group("when").lower()
    year = published.year
    if when in ("nanti", "mendatang", "depan") and month < published.month:
        year += 1
    elif when in ("lalu", "kemarin") and month > published.month:
        year -= 1
    return DateRead(match.start(), match.end(), match.group(), f"{year}-{month:02d}")


def _weekday(match: re.Match[str], published: date | None) -> DateRead | None:
    written = DAYS[match.group("day_name").lower().replace("'", "")]
    if published is None:
        return DateRead(match.start(), match.end(), match.group(), None,
                        note="a day of the week with no publication date to read it from")
    back = (published.weekday() - written) % 7
    value = published - timedelta(days=back)
    return DateRead(match.start(), match.end(), match.group(), value.isoformat(),
                    note=f"read as the {match.group()} on or before publication ({published.isoformat()})")


def _year_only(match: re.Match[str], published: date | None) -> DateRead:
    return DateRead(match.start(), match.end(), match.group(), match.group("y"))


def _relative(match: re.Match[str], published: date | None) -> DateRead:
    words = match.group()
    if published is None:
        return DateRead(match.start(), match.end(), words, None, note="no publication date to read it from")
    value, earliest, latest = relative_window(words.lower(), published)
    return DateRead(match.start(), match.end(), words, value, earliest, latest,
                    note=f"read against publication on {published.isoformat()}")


def relative_window(words: str, published: date) -> tuple[str | None, str | None, str | None]:
    """Return (value, earliest, latest) for a relative expression read on `published`."""
    single = {"kemarin": -1, "hari ini": 0, "besok": 1, "lusa": 2}
    if words in single:
        return (published + timedelta(days=single[words])).isoformat(), None, None
    monday = published - timedelta(days=published.weekday())
    # "Last week" is loosely written for any day since the Monday of the week before; "next week"
    # for any day until the Sunday of the week after.
    if words in ("pekan lalu", "minggu lalu"):
        return None, (monday - timedelta(weeks=1)).isoformat(), (published - timedelta(days=1)).isoformat()
    if words in ("pekan depan", "minggu depan"):
        return None, (published + timedelta(days=1)).isoformat(), (monday + timedelta(days=13)).isoformat()
    if words.endswith("pekan ini"):
        start = monday + timedelta(days=0 if words.startswith("awal") else 4)
        return None, start.isoformat(), (start + timedelta(days=2)).isoformat()
    if words in ("bulan lalu", "bulan depan"):
        shifted = _shift_month(published, -1 if words == "bulan lalu" else 1)
        return f"{shifted.year}-{shifted.month:02d}", None, None
    if words in ("tahun lalu", "tahun depan"):
        return str(published.year + (-1 if words == "tahun lalu" else 1)), None, None
    part, unit, which = words.split()
    return _part_window(part, unit, which, published)


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _part_window(part: str, unit: str, which: str, published: date) -> tuple[None, str, str]:
    """Awal / pertengahan / akhir of this, next or last year or month, as a window of days."""
    shift = {"ini": 0, "depan": 1, "lalu": -1}[which]
    if unit == "tahun":
        year = published.year + shift
        months = {"awal": (1, 3), "pertengahan": (5, 8), "akhir": (10, 12)}[part]
        first, last = date(year, months[0], 1), date(year, months[1], calendar.monthrange(year, months[1])[1])
    else:
        month = _shift_month(published, shift)
        end = calendar.monthrange(month.year, month.month)[1]
        days = {"awal": (1, 10), "pertengahan": (11, 20), "akhir": (21, end)}[part]
        first, last = month.replace(day=days[0]), month.replace(day=days[1])
    return None, first.isoformat(), last.isoformat()


READERS = {"numeric": _numeric, "written": _written, "month": _month, "relative": _relative,
           "month_ahead": _month_ahead, "weekday": _weekday, "year": _year_only}
