"""Who held an office on a given day, by what the sources attest; who came before and after; a person's
latest office.

How the dates of a tenure (a HOLDS_POSITION edge) combine:

- Every date stands for all the days it can mean: `end: 2025` is some day of 2025, so the term
  ended some time in 2025. The first day in office lies in the start's window (`start`, or
  `start_earliest` to `start_latest` instead), the last day in the end's window (`end`, or
  `end_earliest` to `end_latest`); an earliest bound counts from the first day it can mean, a
  latest one to the last (`end_latest: 2024-09` reaches 30 September 2024).
- Each `as_of` date shows the office held on some day it covers: the term began by the last of
  those days and ended no earlier than the first.
- HELD on a day: every reading of the dates puts the day in the term, i.e. it falls between the
  latest the term can have begun and the earliest it can have ended.
- UNCERTAIN on a day: some reading does but not every one: the day falls between the earliest
  the term can have begun and the latest it can have ended, outside the HELD days.
- A side no date bounds stays closed at what the sources show: without a start (or its window)
  nothing is claimed before the first `as_of` date, without an end nothing after the last. A
  tenure with a side that neither a date nor an attestation bounds (no dates at all, or a start
  alone) is answered on no day.
- `former` says the term was over by its source's date, not when: it adds and removes no day. A
  former tenure without dates is answered on no day; one with an end or `as_of` is answered by them.

Who came before and after: the tenures of one office (the same title, folded, at the same
institution) in order of the days each is surely held (or, when none is sure, may be). One came
before another when it began earlier and is surely held on no day after the other surely begins;
holders surely in office together are neither's predecessor. Undated tenures have neither.

A person's latest office is their tenure that can have lasted latest (on a tie, the one whose first
possible day is later), a former one only when they have no other (it was over by its source's
date, which the others may not be); an undated tenure counts as older than any dated one.
"""

from collections import defaultdict
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any

from graph import cypher
from graph.store import Row, Store
from graph.text import fold
from schema.dates import first_day, last_day
from schema.terms import window

Span = tuple[str, str]  # a first and a last day, YYYY-MM-DD


class Certainty(Enum):
    """How sure the sources are that a tenure was held on a day."""

    HELD = "HELD"
    UNCERTAIN = "UNCERTAIN"


@dataclass(frozen=True)
class Days:
    """The days a tenure is in office: possibly, and for certain (None when no day is certain)."""

    possible: Span
    held: Span | None

    @property
    def core(self) -> Span:
        """Return the days surely held, or, when none is, the days possibly held."""
        return self.held or self.possible


def _present(*days: str | None) -> list[str]:
    return [day for day in days if day]


def days_of(props: dict[str, Any]) -> Days | None:
    """Return the days a tenure is held, possibly and surely, by its dates; None when a side is unbounded."""
    start, end = window(props, "start"), window(props, "end")
    seen = props.get("as_of") or []
    firsts, lasts = [first_day(d) for d in seen], [last_day(d) for d in seen]
    began_by = min(_present(*lasts, start.last), default=None)  # the latest it can have begun
    ended_after = max(_present(*firsts, end.first), default=None)  # the earliest it can have ended
    may_from = start.first or min(_present(*firsts, began_by), default=None)
    may_until = end.last or max(_present(*lasts, ended_after), default=None)
    if may_from is None or may_until is None:
        return None
    held = (began_by, ended_after) if began_by and ended_after and began_by <= ended_after else None
    return Days((may_from, may_until), held)


@dataclass(frozen=True)
class Tenure:
    """A person's office in an institution, as the sources know it."""

    person_id: str
    institution_id: str
    props: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.props["id"])

    @property
    def office(self) -> tuple[str, str]:
        """Return what names the office: the institution and the title, folded."""
        return self.institution_id, fold(self.props.get("title") or "")

    @cached_property
    def days(self) -> Days | None:
        """Return the days it is held, possibly and surely; None when its dates bound no term."""
        return days_of(self.props)


def _core(tenure: Tenure) -> Span:
    """Return the days `tenure` is surely held, or possibly when none is sure; ("", "") when undated."""
    return tenure.days.core if tenure.days else ("", "")


def _precedes(earlier: Tenure, later: Tenure) -> bool:
    """Tell whether `earlier` began first and is surely held on no day after `later` surely begins."""
    a, b = _core(earlier), _core(later)
    return bool(a[0] and b[0]) and a[0] < b[0] and a[1] <= b[0]


class Succession:
    """The tenures one read found, by office: who held each office before and after whom."""

    def __init__(self, tenures: list[Tenure]) -> None:
        self.offices: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
        for tenure in tenures:
            self.offices[tenure.office].append(tenure)

    def predecessor(self, tenure: Tenure) -> Tenure | None:
        """Return the tenure of the same office that ended last before `tenure` began, if any."""
        earlier = [t for t in self.offices[tenure.office] if _precedes(t, tenure)]
        return max(earlier, key=lambda t: (_core(t)[1], _core(t)[0], t.id), default=None)

    def successor(self, tenure: Tenure) -> Tenure | None:
        """Return the tenure of the same office that began first after `tenure` ended, if any."""
        later = [t for t in self.offices[tenure.office] if _precedes(tenure, t)]
        return min(later, key=lambda t: (*_core(t), t.id), default=None)


@dataclass(frozen=True)
class Holding:
    """A tenure as an answer: how sure it is on the day asked (None when no day was), and its office's succession."""

    tenure: Tenure
    certainty: Certainty | None
    succession: Succession

    def predecessor(self) -> "Holding | None":
        """Return the holding of the same office just before this one, if the sources show one."""
        found = self.succession.predecessor(self.tenure)
        return Holding(found, None, self.succession) if found else None

    def successor(self) -> "Holding | None":
        """Return the holding of the same office just after this one, if the sources show one."""
        found = self.succession.successor(self.tenure)
        return Holding(found, None, self.succession) if found else None


def certainty_on(tenure: Tenure, day: str) -> Certainty | None:
    """Return how sure the sources are that `tenure` was held on `day` (a YYYY-MM-DD); None: not held."""
    days = tenure.days
    if days is None or not days.possible[0] <= day <= days.possible[1]:
        return None
    held = days.held
    return Certainty.HELD if held and held[0] <= day <= held[1] else Certainty.UNCERTAIN


def title_matches(props: dict[str, Any], title: str | None) -> bool:
    """Tell whether `title` is the whole title, as written or in English, ignoring case and accents.

    Never a part of it: "Wakil Wali Kota Balikpapan" (the deputy) is not "Wali Kota Balikpapan"."""
    if not title:
        return True
    wanted = fold(title)
    return any(wanted == fold(props.get(key) or "") for key in ("title", "title_en"))


def _tenures(rows: list[Row]) -> list[Tenure]:
    return [Tenure(row["person"], row["institution"], row["props"]) for row in rows]


async def holders(store: Store, title: str | None, institution: str | None, day: str) -> list[Holding]:
    """Return the tenures matching `title` and/or `institution` held, surely or possibly, on `day`:
    the sure ones first, each group in order of the days its tenures are known to be held."""
    tenures = _tenures(await store.run(cypher.POSITIONS, {"institution": institution}))
    succession = Succession(tenures)
    found = [Holding(t, certainty, succession) for t in tenures
             if title_matches(t.props, title) and (certainty := certainty_on(t, day))]
    return sorted(found, key=lambda h: (h.certainty != Certainty.HELD, _core(h.tenure), h.tenure.id))


def _recency(tenure: Tenure) -> tuple[bool, str, str, str]:
    """Return what ranks a person's tenures, latest highest: not former, last then first possible day."""
    first, last = tenure.days.possible if tenure.days else ("", "")
    return (not tenure.props.get("former"), last, first, tenure.id)


async def latest_offices(store: Store, persons: list[str]) -> dict[str, Holding]:
    """Return each person's latest office, in one round trip; persons without one are left out."""
    wanted = set(persons)
    if not wanted:
        return {}
    tenures = _tenures(await store.run(cypher.POSITIONS_BESIDE, {"persons": sorted(wanted)}))
    latest: dict[str, Tenure] = {}
    for tenure in (t for t in tenures if t.person_id in wanted):
        best = latest.get(tenure.person_id)
        if best is None or _recency(tenure) > _recency(best):
            latest[tenure.person_id] = tenure
    succession = Succession(tenures)
    return {person: Holding(tenure, None, succession) for person, tenure in latest.items()}
