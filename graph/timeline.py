"""Dated events in order: meetings, visits, agreements, inaugurations and shipments."""

from dataclasses import dataclass, field
from typing import Any

from graph import cypher
from graph.store import Store
from jalin.errors import BadRequest
from schema import MODEL
from schema.dates import first_day, last_day, parse_partial

KIND_ORDER = ("agreement", "shipment", "visit", "meeting", "inauguration")
# A visit and the meetings held during it are one entry; an agreement or shipment proposed at the
# same event stays an entry of its own, so that each keeps its own date and status.
ENCOUNTER = ("visit", "meeting")
TIMELINE_TYPES = {t.type: t.timeline_kind for t in MODEL.relations.values() if t.timeline_kind}
PARTICIPANT_LISTS = ("signatories", "witnesses", "proposed_by")


@dataclass
class TimelineEntry:
    """One event, gathered from the edges that share its `event` key (or one edge)."""

    id: str
    kind: str
    props: dict[str, Any]
    relation_ids: list[str] = field(default_factory=list)
    participant_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add(self, kind: str, from_id: str, to_id: str, props: dict[str, Any]) -> None:
        """Fold one more edge of this event into the entry."""
        if KIND_ORDER.index(kind) < KIND_ORDER.index(self.kind):
            self.kind = kind
        self.relation_ids.append(props["id"])
        people = [from_id, to_id] + [p for key in PARTICIPANT_LISTS for p in props.get(key) or []]
        self.participant_ids += [p for p in people if p not in self.participant_ids]
        self.sources += [s for s in props.get("sources", []) if s not in self.sources]
        for key, value in props.items():
            self.props.setdefault(key, value)


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


async def timeline(store: Store, entity_id: str | None, start: str | None, end: str | None,
                   kinds: list[str] | None, first: int) -> list[TimelineEntry]:
    """Return up to `first` events in date order; undated ones last, and only with no range."""
    day_from, day_to = day_bounds(start, end)
    types = [t for t, kind in TIMELINE_TYPES.items() if not kinds or kind in kinds]
    params = {"types": types, "entity": entity_id, "from": day_from, "to": day_to}
    # With an entity, the other participants' edges of its events come in the same statement.
    rows = await store.run(cypher.TIMELINE_OF if entity_id else cypher.TIMELINE, params)
    rows.sort(key=lambda row: (not row.get("own", True), row["props"].get("date_earliest") or "9999",
                               row["props"]["id"]))
    entries: dict[str, TimelineEntry] = {}
    for row in rows:
        props = row["props"]
        kind = TIMELINE_TYPES[row["type"]]
        key = props.get("event") or props["id"]
        if props.get("event") and kind not in ENCOUNTER:
            key = f"{key}--{kind}"
        entry = entries.setdefault(key, TimelineEntry(key, kind, {}))
        entry.add(kind, row["from_id"], row["to_id"], props)
    ordered = sorted(entries.values(), key=lambda e: (e.props.get("date_earliest") or "9999", e.id))
    return ordered[:first]
