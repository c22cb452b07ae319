"""Dated events in order: events declared once, with their span and sub-events, and the dated edges
that belong to no event (meetings, visits, agreements, inaugurations and shipments)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph import cypher
from graph.entities import StoredEntity, entity_from_row
from graph.store import Store
from jalin.errors import BadRequest
from schema import MODEL
from schema.dates import first_day, last_day, parse_partial
from schema.events import EVENT_LABEL, span_precision
from schema.nodes import EVENT_KINDS

KIND_ORDER = ("agreement", "shipment", "visit", "meeting", "inauguration", "event")
TIMELINE_TYPES = {t.type: t.timeline_kind for t in MODEL.relations.values() if t.timeline_kind}
PARTICIPANT_LISTS = cypher.PARTICIPANT_LISTS  # the timeline statement reads the entities they name
# An edge's properties naming who or what takes part besides its two ends.
INVOLVING = tuple(dict.fromkeys((*PARTICIPANT_LISTS, *cypher.EVENT_REFERENCES, "event")))
# The date fields an event's own span sets: its edges' dates do not override them.
SPAN_FIELDS = ("date", "date_precision", "date_earliest", "date_latest", "start", "end")
# The fields of an event that its entry shows as its own, beside its span.
EVENT_FIELDS = ("date_text", "status", "place")
MAX_SHARED = 10


@dataclass
class TimelineEntry:
    """One event with its edges and sub-events, or one dated edge that belongs to no event."""

    id: str
    kind: str
    props: dict[str, Any]
    relation_ids: list[str] = field(default_factory=list)
    participant_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    event: StoredEntity | None = None
    sub_events: list["TimelineEntry"] = field(default_factory=list)
    involved: set[str] = field(default_factory=set)  # ids taking part: ends, places, lists, the event

    def add(self, kind: str, from_id: str, to_id: str, props: dict[str, Any]) -> None:
        """Fold one more edge of this event into the entry."""
        if self.event is None and KIND_ORDER.index(kind) < KIND_ORDER.index(self.kind):
            self.kind = kind
        self.relation_ids.append(props["id"])
        people = dict.fromkeys([from_id, to_id] + [p for key in PARTICIPANT_LISTS for p in props.get(key) or []])
        self.participant_ids += [p for p in people if p not in self.participant_ids]
        self.sources += [s for s in props.get("sources", []) if s not in self.sources]
        self.involved |= {from_id, to_id, *_ids(props, INVOLVING)}
        fixed = SPAN_FIELDS if self.event is not None and self.props.get("date_precision") else ()
        for key, value in props.items():
            if key not in fixed:
                self.props.setdefault(key, value)

    def everyone(self) -> set[str]:
        """Return the ids taking part in this entry or in any of its sub-events."""
        return self.involved.union(*(sub.everyone() for sub in self.sub_events))

    def any(self, test: Callable[["TimelineEntry"], bool]) -> bool:
        """Return whether `test` holds for this entry or for any of its sub-events."""
        return test(self) or any(sub.any(test) for sub in self.sub_events)


@dataclass(frozen=True)
class Timeline:
    """Entries in date order, and the entities they name (participants, places) read in the same round trip."""

    entries: list[TimelineEntry]
    entities: dict[str, StoredEntity]


def _ids(props: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    values = [props.get(key) for key in keys]
    return [i for v in values for i in (v if isinstance(v, list) else [v]) if isinstance(i, str)]


def span(event: dict[str, Any]) -> dict[str, Any]:
    """Return the date fields of an event: its span at its own precision, or 'unknown' for words only."""
    start, end = event.get("start"), event.get("end")
    if not start:
        return {"date_precision": "unknown"} if event.get("date_text") else {}
    return {"date": start, "date_precision": span_precision(start, end), "date_earliest": first_day(start),
            "date_latest": last_day(end or start), "start": start, "end": end or start}


def event_entry(stored: dict[str, Any]) -> TimelineEntry:
    """Return the entry of one Event node, before its edges and sub-events are added."""
    event = entity_from_row(stored, [EVENT_LABEL])
    p = event.props
    own = {key: p[key] for key in EVENT_FIELDS if p.get(key)}
    return TimelineEntry(event.id, EVENT_KINDS[p["kind"]], {**span(p), **own}, sources=list(p.get("sources", [])),
                         event=event, involved={event.id, *_ids(p, ("place",))})


def _parent(entry: TimelineEntry) -> str | None:
    parent = entry.event.props.get("parent") if entry.event else None
    return str(parent) if parent else None


def _nest(events: dict[str, TimelineEntry]) -> list[TimelineEntry]:
    """Put each event under its parent; return those with no parent here. Events in a parent cycle
    (which only an API edit can make) stay where the cycle would close."""
    roots = []
    for entry in events.values():
        parent = events.get(_parent(entry) or "")
        if parent is None or _is_above(entry.id, parent, events):
            roots.append(entry)
        else:
            parent.sub_events.append(entry)
    return roots


def _is_above(event_id: str, entry: TimelineEntry, events: dict[str, TimelineEntry]) -> bool:
    """Return whether `event_id` is `entry` or one of the events above it."""
    seen: set[str] = set()
    while entry.id not in seen:
        if entry.id == event_id:
            return True
        seen.add(entry.id)
        parent = events.get(_parent(entry) or "")
        if parent is None:
            return False
        entry = parent
    return False


def _edge_order(edge: dict[str, Any]) -> tuple[str, str]:
    return edge["props"].get("date_earliest") or "9999", edge["props"]["id"]


def _entry_order(entry: TimelineEntry) -> tuple[str, str]:
    return entry.props.get("date_earliest") or "9999", entry.id


def gather(row: dict[str, Any]) -> list[TimelineEntry]:
    """Return the entries the timeline statement's row holds: events nested under their parents, each
    with its edges, and an entry of its own for each edge of no event; sorted at every level."""
    events = {entry.id: entry for entry in map(event_entry, row["events"])}
    loose: dict[str, TimelineEntry] = {}
    edges = sorted(row["found"], key=_edge_order) + sorted(row["siblings"], key=_edge_order)
    for edge in edges:
        props, kind = edge["props"], TIMELINE_TYPES[edge["type"]]
        key = str(props.get("event") or props["id"])  # an event no longer stored keeps its edges together
        entry = events.get(key) or loose.setdefault(key, TimelineEntry(key, kind, {}))
        entry.add(kind, edge["from_id"], edge["to_id"], props)
    roots = _nest(events)
    for entry in events.values():
        entry.sub_events.sort(key=_entry_order)
    return sorted([*roots, *loose.values()], key=_entry_order)


def day_bounds(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """Turn `from`/`to` arguments into first and last days; raise BadRequest when malformed."""
    bounds: list[str | None] = []
    for name, value, edge in (("from", start, first_day), ("to", end, last_day)):
        try:
            bounds.append(edge(parse_partial(value)) if value else None)
        except ValueError as error:
            raise BadRequest(f"{name}: {error}") from None
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        raise BadRequest(f"from {start} is after to {end}")
    return bounds[0], bounds[1]


def _in_range(day_from: str | None, day_to: str | None) -> Callable[[TimelineEntry], bool]:
    """Return a test that an entry's days overlap `day_from`..`day_to`; with no range, every entry passes."""
    def overlaps(entry: TimelineEntry) -> bool:
        earliest, latest = entry.props.get("date_earliest"), entry.props.get("date_latest")
        return bool(earliest and latest and (not day_from or latest >= day_from) and (not day_to or earliest <= day_to))
    return overlaps if day_from or day_to else lambda entry: True


def _wanted(entry: TimelineEntry, entity_ids: list[str], kinds: list[str] | None,
            bounds: tuple[str | None, str | None]) -> bool:
    """Whether an entry, or one of its sub-events, is of a kind asked for and in the range, and every
    entity asked about takes part in it."""
    return (entry.any(_in_range(*bounds)) and (not kinds or entry.any(lambda e: e.kind in kinds))
            and set(entity_ids) <= entry.everyone())


async def timeline(store: Store, entity_ids: list[str], start: str | None, end: str | None,
                   kinds: list[str] | None, first: int) -> Timeline:
    """Return up to `first` entries in date order, undated ones last and only with no range: every
    event and dated edge, or those in which all of `entity_ids` take part; with `entity_ids`, also
    the entities the entries name."""
    bounds = day_bounds(start, end)
    if len(entity_ids) > MAX_SHARED:
        raise BadRequest(f"entityIds: {len(entity_ids)} ids; give at most {MAX_SHARED}")
    params = {"types": list(TIMELINE_TYPES), "entities": list(dict.fromkeys(entity_ids)),
              "from": bounds[0], "to": bounds[1]}
    # With entities, their events' trees and those events' other edges come in the same statement.
    rows = await store.run(cypher.TIMELINE_OF if entity_ids else cypher.TIMELINE, params)
    row = rows[0] if rows else {"found": [], "siblings": [], "events": [], "named": []}  # a graph never written to
    entities = (entity_from_row(e["props"], e["labels"]) for e in row["named"])
    return Timeline([e for e in gather(row) if _wanted(e, entity_ids, kinds, bounds)][:first],
                    {entity.id: entity for entity in entities})
