"""Create, update and delete single entities and relations, or write a set of fixture records at once
(an article's reviewed draft), with the loader's own checks."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph import cypher
from graph.entities import StoredEntity, StoredRelation
from graph.export import fixture_record
from graph.integrity import ABOUT, CITES, INCIDENT, delete_statement, guarded
from graph.reads import entities_by_id, relation_by_id, relations_by_id
from graph.store import Row, Store
from graph.writer import write_batch, write_statements
from jalin.errors import BadRequest, Conflict, InvalidData, NotFound, Problem
from schema import MODEL, PropertySpec
from schema.provenance import API, ORIGIN, ORIGIN_REF, UPDATED_AT, VERSION
from schema.records import Batch, RawRecord
from schema.validate import DATE_FIELDS, EXTENDS, Validator

SHOWN_REFERENCES = 10  # things a refused delete names; the count says how many more


def _mentioned_ids(data: dict[str, Any]) -> list[str]:
    """Every string in the record that could be an id: what the validator must know the type of."""
    ids: list[str] = []
    for value in data.values():
        ids += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
    return ids


async def _labels(store: Store, ids: list[str]) -> dict[str, str]:
    return {i: e.type for i, e in (await entities_by_id(store, ids)).items()}


@dataclass(frozen=True)
class Change:
    """What an API call sends: the fields to set (None clears one), who sends it, and the version
    of the stored record it was based on, if the caller wants a lost update refused."""

    fields: dict[str, Any]
    author: str
    expected_version: int | None = None


def _merged(stored: dict[str, Any] | None, change: Change, what: str) -> dict[str, Any]:
    """Return the stored facts (with their `type`) with the change applied; refuse a change based on an older
    version."""
    if stored is None:
        return {k: v for k, v in change.fields.items() if v is not None}
    version = int(stored.get(VERSION) or 1)
    if change.expected_version is not None and change.expected_version != version:
        raise Conflict(f"{what} is at version {version}, not {change.expected_version}: someone changed it "
                       "since you read it; read it again and re-apply your change")
    kept = fixture_record(stored)  # provenance left out, figures as a fixture writes them
    return {k: v for k, v in {**kept, **change.fields}.items() if v is not None}


def _stamp(props: dict[str, Any], stored: dict[str, Any] | None, author: str) -> None:
    props.update({ORIGIN: API, ORIGIN_REF: author, UPDATED_AT: datetime.now(UTC).isoformat(timespec="seconds"),
                  VERSION: int((stored or {}).get(VERSION) or 0) + 1})


async def upsert_entity(store: Store, change: Change) -> StoredEntity:
    """Create the entity, or change only the fields sent; its type cannot change."""
    node_id = change.fields.get("id")
    found = (await entities_by_id(store, [node_id])).get(node_id) if isinstance(node_id, str) else None
    if found and change.fields.get("type") not in (None, found.type):
        raise BadRequest(f"id '{node_id}' is a {found.type}; delete it first to give it another type")
    data = _merged({"type": found.type, **found.props} if found else None, change, f"entity '{node_id}'")
    known = await _labels(store, _mentioned_ids(data))
    known.pop(str(node_id), None)
    batch = Validator(MODEL, known).validate([RawRecord(data, "input")], [])
    node = batch.nodes[0]
    _stamp(node.props, found.props if found else None, change.author)
    refs = _referenced(node.props, MODEL.nodes[node.label].properties) - {node.id}
    await _write_checked(store, batch, refs, f"entity '{node.id}'")
    return (await entities_by_id(store, [node.id]))[node.id]


async def upsert_relation(store: Store, change: Change) -> StoredRelation:
    """Create the relation, or change only the fields sent (its ends too) by id."""
    rel_id, rel_type = change.fields.get("id"), change.fields.get("type")
    found = await relation_by_id(store, str(rel_id), [str(rel_type)]) \
        if isinstance(rel_id, str) and rel_type in MODEL.relations else None
    stored = {"type": found.type, "from": found.from_id, "to": found.to_id, **found.props} if found else None
    if stored and any(k in change.fields for k in DATE_FIELDS):  # a new date: its bounds are derived anew
        stored = {k: v for k, v in stored.items() if k not in DATE_FIELDS}
    data = _merged(stored, change, f"relation '{rel_id}'")
    known = await _labels(store, _mentioned_ids(data))
    batch = Validator(MODEL, known).validate([], [RawRecord(data, "input")])
    relation = batch.relations[0]
    _stamp(relation.props, found.props if found else None, change.author)
    refs = {relation.from_id, relation.to_id} | _referenced(relation.props, MODEL.relations[relation.type].properties)
    await _write_checked(store, batch, refs, f"relation '{relation.id}'")
    written = await relation_by_id(store, relation.id, [relation.type])
    if written is None:  # deleted by someone else between the write and this read
        raise Conflict(f"relation '{relation.id}' was deleted right after it was written; write it again")
    return written


def _referenced(props: dict[str, Any], spec: dict[str, PropertySpec]) -> set[str]:
    """Return the ids of other entities that a record's properties hold (sources, places, people...)."""
    ids: set[str] = set()
    for prop in MODEL.ref_properties(spec):
        value = props.get(prop.name)
        ids.update(value if isinstance(value, list) else [value] if isinstance(value, str) else [])
    return ids


async def _write_checked(store: Store, batch: Batch, refs: set[str], what: str) -> None:
    """Write a checked one-record batch in one statement that first checks that every entity in `refs` still
    exists: one deleted since the record was checked makes it write nothing and raise Conflict."""
    [(statement, params)] = write_statements(batch)
    rows = await store.run(guarded(statement), {**params, "refs": sorted(refs)}, write=True)
    if rows and rows[0]["written"]:
        return
    gone = sorted(refs - set(await entities_by_id(store, sorted(refs))))
    raise Conflict(f"{what} names {', '.join(repr(i) for i in gone)}, deleted while the change was being "
                   "written: nothing was written; re-create it or leave it out")


@dataclass(frozen=True)
class Deletion:
    """What a delete removed: the entity, and with a cascade the edges and claims that went with it."""

    id: str
    relations: list[str]
    claims: list[str]


async def delete_entity(store: Store, entity_id: str, cascade: bool = False) -> Deletion:
    """Delete an entity unless an edge, an entity or a claim refers to it, in one statement that finds them;
    with `cascade`, delete its edges, the edges naming it and the claims about them along with it, but never
    what cites it as a source or an entity naming it."""
    found = (await entities_by_id(store, [entity_id])).get(entity_id)
    if found is None:
        raise NotFound(f"no entity with id '{entity_id}'")
    rows = await store.run(delete_statement(found.type), {"id": entity_id, "cascade": cascade}, write=True)
    if not rows:
        raise NotFound(f"no entity with id '{entity_id}': it was deleted meanwhile")
    if not rows[0]["deleted"]:
        raise Conflict(_referred_to(entity_id, rows[0]["refs"], rows[0]["held"] or cascade))
    edges = dict.fromkeys(ref["id"] for ref in rows[0]["refs"] if ref["kind"] in MODEL.relations)
    return Deletion(entity_id, list(edges), sorted(rows[0]["claims"]))


def _referred_to(entity_id: str, refs: list[Row], held: bool) -> str:
    """Say what refers to an entity that could not be deleted, and what to do about it."""
    shown = "; ".join(f"{ref['kind']} '{ref['id']}' ({_how(ref['via'])})" for ref in refs[:SHOWN_REFERENCES])
    more = f"; and {len(refs) - SHOWN_REFERENCES} more" if len(refs) > SHOWN_REFERENCES else ""
    advice = ("re-source or re-point those first: a citation, or an entity naming it, never goes with it"
              if held else "delete those first, or delete it with cascade: true to delete them along")
    return f"'{entity_id}' is referred to by {len(refs)} thing(s): {shown}{more}. Nothing was deleted: {advice}"


def _how(via: str) -> str:
    """Say how a thing refers to the entity: as one of its ends, or by a property."""
    return {INCIDENT: "one of its ends", CITES: "cites it as a source", ABOUT: "a claim about it"}.get(
        via, f"names it as its {via}")


async def delete_relation(store: Store, relation_id: str) -> None:
    """Delete the relation with this id."""
    rows = await store.run(cypher.DELETE_RELATION, {"id": relation_id, "types": list(MODEL.relations)},
                           write=True)
    if not rows or not sum(row["deleted"] for row in rows):
        raise NotFound(f"no relation with id '{relation_id}'")


@dataclass(frozen=True)
class Checked:
    """Records checked against the stored graph: the batch to write (new records, and the stored ones
    they extend with theirs merged in) and the stored properties of those extended, by id."""

    batch: Batch
    stored_nodes: dict[str, dict[str, Any]]
    stored_relations: dict[str, dict[str, Any]]


def _extended(records: list[RawRecord]) -> list[str]:
    return [str(raw.data[EXTENDS]) for raw in records if isinstance(raw.data.get(EXTENDS), str)]


def _as_defined(item: dict[str, Any]) -> RawRecord:
    """Return a stored node or relation as the record that defines it, for extensions to merge into."""
    return RawRecord(fixture_record(item), f"stored {item['type']} {item['id']}")


def _taken_node_ids(nodes: list[RawRecord], known: dict[str, str], extended: set[str]) -> list[Problem]:
    taken = [raw for raw in nodes if EXTENDS not in raw.data and raw.data.get("id") in known
             and raw.data["id"] not in extended]
    return [Problem(raw.at("id"), f"id '{raw.data['id']}' is already a {known[raw.data['id']]} in the graph: "
                                  f"add to it with `{EXTENDS}: {raw.data['id']}`, or choose another id")
            for raw in taken]


async def _taken_relation_ids(store: Store, validator: Validator, batch: Batch, extended: set[str]) -> list[Problem]:
    new = [r.id for r in batch.relations if r.id not in extended]
    taken = await relations_by_id(store, new, list(MODEL.relations))
    return [Problem(validator.relation_where[i].where, f"relation '{i}' is already in the graph: add to it with "
                                                       f"`{EXTENDS}: {i}`, or tell the two apart with an `event`")
            for i in taken]


async def check_records(store: Store, nodes: list[RawRecord], relations: list[RawRecord]) -> Checked:
    """Check fixture records against the stored graph as the loader checks a file: a new record's id must
    be free, an extension (`extends`) names a stored node or relation or one sent with it; raise
    InvalidData naming every record at fault."""
    extended_nodes = await entities_by_id(store, _extended(nodes))
    extended_relations = await relations_by_id(store, _extended(relations), list(MODEL.relations))
    defined_nodes = [_as_defined({"type": e.type, **e.props}) for e in extended_nodes.values()]
    defined_relations = [_as_defined({"type": r.type, "from": r.from_id, "to": r.to_id, **r.props})
                         for r in extended_relations.values()]
    everything = [*defined_nodes, *nodes, *defined_relations, *relations]
    known = await _labels(store, [i for raw in everything for i in _mentioned_ids(raw.data)])
    problems = _taken_node_ids(nodes, known, set(extended_nodes))
    validator = Validator(MODEL, known)
    try:
        batch = validator.validate([*defined_nodes, *nodes], [*defined_relations, *relations])
    except InvalidData as error:
        raise InvalidData(problems + error.problems) from None
    problems += await _taken_relation_ids(store, validator, batch, set(extended_relations))
    if problems:
        raise InvalidData(problems)
    return Checked(batch, {i: e.props for i, e in extended_nodes.items()},
                   {i: r.props for i, r in extended_relations.items()})


async def write_records(store: Store, checked: Checked, author: str) -> None:
    """Write checked records all or nothing, each stamped with its author and version as an upsert is."""
    for node in checked.batch.nodes:
        _stamp(node.props, checked.stored_nodes.get(node.id), author)
    for relation in checked.batch.relations:
        _stamp(relation.props, checked.stored_relations.get(relation.id), author)
    await write_batch(store, checked.batch)
