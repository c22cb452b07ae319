"""What only events must satisfy: a span that does not run backwards, and parents that nest
without a cycle and at most MAX_DEPTH levels deep."""

from dataclasses import dataclass

from schema.dates import first_day, last_day, precision_of
from schema.nodes import Event
from schema.records import NodeRecord

EVENT_LABEL = Event.__name__
# An event, its sub-events and theirs: as deep as one timeline statement unfolds a tree of events.
MAX_DEPTH = 3
PRECISION_ORDER = ("day", "month", "year")
# What a reference to an event must name, said when it names something else.
EVENT_REF_HINTS = {
    "event": "an edge's event is the id of the Event node it belongs to",
    "parent": "a sub-event's parent is the id of the Event it is part of",
}


@dataclass(frozen=True)
class EventProblem:
    """A fault of one event: its id, the field at fault and what to write instead."""

    event_id: str
    field: str
    message: str


def span_precision(start: str, end: str | None) -> str:
    """Return the precision of a span: its coarser end's ('day' for 2025-08-12..2025-08-14)."""
    precisions = [precision_of(start), precision_of(end or start)]
    return max(precisions, key=PRECISION_ORDER.index)


def _span_problem(node: NodeRecord) -> EventProblem | None:
    start, end = node.props.get("start"), node.props.get("end")
    if end and not start:
        return EventProblem(node.id, "end", f"end {end} without a start: give start (its first day), "
                                            "and end only when it runs longer")
    if start and end and last_day(end) < first_day(start):
        return EventProblem(node.id, "end", f"end {end} is before start {start}: an event ends on or after "
                                            "the day it starts (swap them?)")
    return None


def _chain(event_id: str, parents: dict[str, str]) -> list[str]:
    """Return the event and its ancestors in order, up to the first one seen twice (a cycle)."""
    chain = [event_id]
    while (parent := parents.get(chain[-1])) is not None and parent not in chain:
        chain.append(parent)
    return chain + [parent] if parent is not None else chain


def _nesting_problem(event_id: str, parents: dict[str, str]) -> EventProblem | None:
    chain = _chain(event_id, parents)
    if chain[-1] in chain[:-1]:
        cycle = chain[chain.index(chain[-1]):]
        if event_id != min(cycle):  # one problem per cycle
            return None
        return EventProblem(event_id, "parent", f"parent: {' -> '.join(cycle)} is a cycle; an event cannot be "
                                                "part of itself: drop the parent of one of them")
    if len(chain) == MAX_DEPTH + 1:
        return EventProblem(event_id, "parent", f"parent: '{chain[1]}' nests this event {len(chain)} levels "
                                                f"deep; events nest at most {MAX_DEPTH} (an event, its "
                                                "sub-events and theirs): give it a parent higher up")
    return None


def event_problems(nodes: list[NodeRecord]) -> list[EventProblem]:
    """Return the faults of the events among `nodes`: spans that run backwards, parent cycles, nesting too deep."""
    events = [n for n in nodes if n.label == EVENT_LABEL]
    parents = {n.id: str(n.props["parent"]) for n in events if n.props.get("parent")}
    found = [_span_problem(n) for n in events] + [_nesting_problem(n.id, parents) for n in events]
    return [p for p in found if p is not None]
