"""Partial ISO 8601 dates: as precise as the source, with the first and last day they can mean."""

import calendar
import datetime as dt
import re
from typing import Any

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial(value: Any) -> str:
    """Return `value` as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', or raise ValueError saying why."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"{value!r} has a time of day; give a date")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date like 2025-08-29, 2025-08 or 2025, got {value!r}")
    match = PARTIAL_DATE.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date like 2025-08-29, 2025-08 or 2025")
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} has no month {month}")
    if day:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"{value!r} is not a day of the calendar") from None
    return value.strip()


def precision_of(value: str) -> str:
    """Return 'day', 'month' or 'year' for a partial date."""
    return {4: "year", 7: "month", 10: "day"}[len(value)]


def first_day(value: str) -> str:
    """Return the first day a partial date can mean."""
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def last_day(value: str) -> str:
    """Return the last day a partial date can mean."""
    if len(value) == 10:
        return value
    year = int(value[:4])
    month = int(value[5:7]) if len(value) == 7 else 12
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def common_prefix(earliest: str, latest: str) -> str:
    """Return the most precise partial date that covers both days, e.g. 2025 for 07-28..08-06."""
    if earliest == latest:
        return earliest
    if earliest[:7] == latest[:7]:
        return earliest[:7]
    return earliest[:4] if earliest[:4] == latest[:4] else ""


def parse_period(value: Any) -> str:
    """Return a period 'START..END' of partial dates (either side may be open: '..2027' is "by 2027"),
    or raise ValueError saying how to write one."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or ".." not in value:
        raise ValueError(f"{value!r} is not a period; write START..END with partial dates, "
                         "e.g. 2027..2028, 2025-09..2025-12, or ..2027 for 'by 2027'")
    start, end = (part.strip() for part in value.split("..", 1))
    if not start and not end:
        raise ValueError("a period needs a start, an end or both, e.g. 2027..2028")
    start, end = (parse_partial(part) if part else "" for part in (start, end))
    if start and end and first_day(start) > last_day(end):
        raise ValueError(f"{value!r} ends before it starts")
    return f"{start}..{end}"
