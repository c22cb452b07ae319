"""Who held an office on a given day, by what the sources attest."""

from dataclasses import dataclass
from typing import Any

from graph import cypher
from graph.store import Store
from graph.text import fold
from schema.dates import first_day, last_day


@dataclass(frozen=True)
class Tenure:
    """A person's office in an institution, as the sources know it."""

    person_id: str
    institution_id: str
    props: dict[str, Any]


def known_span(props: dict[str, Any]) -> tuple[str | None, str | None]:
    """Return the first and last day the office is known to be held: from start/end or attestations."""
    seen = sorted(props.get("as_of") or [])
    start = props.get("start") or (seen[0] if seen else None)
    end = props.get("end") or (seen[-1] if seen else None)
    return (first_day(start) if start else None, last_day(end) if end else None)


def held_on(props: dict[str, Any], day: str) -> bool:
    """Tell whether the sources show the office held on `day` (a YYYY-MM-DD)."""
    start, end = known_span(props)
    if props.get("former") and not props.get("end"):
        return False
    return start is not None and end is not None and start <= day <= end


def title_matches(props: dict[str, Any], title: str | None) -> bool:
    """Tell whether `title` is the whole title, as written or in English, ignoring case and accents.

    Never a part of it: "Wakil Wali Kota Balikpapan" (the deputy) is not "Wali Kota Balikpapan"."""
    if not title:
        return True
    wanted = fold(title)
    return any(wanted == fold(props.get(key) or "") for key in ("title", "title_en"))


async def holders(store: Store, title: str | None, institution: str | None, day: str) -> list[Tenure]:
    """Return the tenures matching `title` and/or `institution` that were held on `day`."""
    rows = await store.run(cypher.POSITIONS, {"institution": institution})
    return [Tenure(row["person"], row["institution"], row["props"]) for row in rows
            if title_matches(row["props"], title) and held_on(row["props"], day)]
