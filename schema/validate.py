"""Check nodes and relations against the model before anything is written; collect every problem."""

import re
import sys
from collections.abc import Callable, Mapping
from typing import Any

from jalin.errors import InvalidData, Problem
from schema.dates import common_prefix, first_day, last_day, precision_of
from schema.events import EVENT_LABEL, EVENT_REF_HINTS, event_problems
from schema.model import LIST_KINDS, Model, PropertySpec, RelationType
from schema.provenance import PROVENANCE_PROPERTIES
from schema.records import RESERVED_RELATION_KEYS, Batch, NodeRecord, RawRecord, RelationRecord
from schema.suggest import suggest as _suggest
from schema.terms import TERM_KEYS, term_problems
from schema.validate_claims import ClaimChecker
from schema.values import convert

NODE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RELATION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
DATE_FIELDS = ("date", "date_earliest", "date_latest", "date_precision")
# A record with this key adds to the node or relation with that id, defined in another record.
EXTENDS = "extends"
REVIEW = "review"  # a drafted record an analyst has still to check


def _declare(ref: str, targets: tuple[str, ...]) -> str:
    """Say how to declare an event that a record names but nobody declared."""
    return f"; declare it once, as a node of type {EVENT_LABEL} with id {ref}" if targets == (EVENT_LABEL,) else ""


class Validator:
    """Turn raw records into a Batch, or raise InvalidData naming every problem and where it is."""

    def __init__(self, model: Model, known: Mapping[str, str] | None = None) -> None:
        self.model = model
        self.labels: dict[str, str] = dict(known or {})  # id -> label, of stored and new nodes
        # id -> the one string object of the id: every reference to a node shares it (a large load holds
        # millions of references; each a string of its own took a fifth of the checked records' memory).
        self.ids: dict[str, str] = {i: i for i in self.labels}
        self.problems: list[Problem] = []
        # The record each id was first seen in, to say where in a message about a duplicate.
        self.node_where: dict[str, RawRecord] = {}
        self.relation_where: dict[str, RawRecord] = {}
        # The record each claim came from; for a replaced value kept as a claim, its subject's.
        self.claim_where: dict[str, RawRecord] = {}

    def validate(self, nodes: list[RawRecord], relations: list[RawRecord],
                 claims: list[RawRecord] | None = None) -> Batch:
        """Check everything, merge each extension into what it extends, rank the claims; raise InvalidData
        when anything is wrong. A record's data are let go once it is checked (`RawRecord.release`)."""
        batch = Batch()
        node_records, node_extensions = _split(nodes)
        relation_records, relation_extensions = _split(relations)
        checked_nodes = [(raw, self._node(raw)) for raw in node_records]
        for raw, node in checked_nodes:
            raw.release()
            if node is not None:
                self.check_refs(raw, node.label, self.model.nodes[node.label].properties, node.props)
                batch.nodes.append(node)
        for raw in relation_records:
            relation = self._relation(raw)
            raw.release()
            if relation is not None:
                batch.relations.append(relation)
        merger = Merger(self)
        merger.extend_nodes({n.id: n for n in batch.nodes}, node_extensions)
        merger.extend_relations({r.id: r for r in batch.relations}, relation_extensions)
        for fault in event_problems(batch.nodes):
            self.problem(self.node_where[fault.event_id].at(fault.field), fault.message)
        batch.claims = ClaimChecker(self, batch).check(claims or [])
        self._check_terms(batch.relations, merger)
        if self.problems:
            raise InvalidData(self.problems)
        return batch

    def problem(self, where: str, message: str) -> None:
        """Record a problem; validation goes on to find the others."""
        self.problems.append(Problem(where, message))

    def properties(self, raw: RawRecord, specs: dict[str, PropertySpec],
                   data: dict[str, Any], what: str, skip: tuple[str, ...] = ()) -> dict[str, Any]:
        """Return `data` checked and converted by `specs`; record a problem per bad value. `skip` names keys
        that are no property (a relation's type and ends), left out."""
        props: dict[str, Any] = {}
        for key, value in data.items():
            spec = specs.get(key)
            if spec is None:
                if key in skip:
                    continue
                if key in PROVENANCE_PROPERTIES:
                    self.problem(raw.at(key), f"'{key}' is set by Jalin on every write (where a fact came from); "
                                              "drop it")
                else:
                    self.problem(raw.at(key), f"unknown property '{key}' for {what}{_suggest(key, specs)}")
            elif value is not None:
                try:
                    props[key] = convert(spec, value)
                except ValueError as error:
                    self.problem(raw.at(key), f"{key}: {error}")
        return props

    def _check_terms(self, relations: list[RelationRecord], merger: "Merger") -> None:
        """Record a problem per contradiction between the dates of a term, once extensions are merged in."""
        terms = {t for t, spec in self.model.relations.items() if TERM_KEYS <= spec.properties.keys()}
        for relation in (r for r in relations if r.type in terms):
            for key, message in term_problems(relation.props):
                self.problem(merger.written_at(relation.id, key), message)

    def _missing(self, raw: RawRecord, specs: dict[str, PropertySpec], props: dict[str, Any]) -> None:
        for name in _required(specs):
            if props.get(name) in (None, []) and raw.data.get(name) in (None, []):  # given but invalid: said
                self.problem(raw.where, f"missing required field '{name}'")

    def _type(self, raw: RawRecord, options: Mapping[str, Any], what: str) -> str | None:
        name = raw.data.get("type")
        if name is None:
            self.problem(raw.where, f"missing field 'type' of the {what}")
            return None
        if not isinstance(name, str):
            self.problem(raw.at("type"), f"type must be text, got {name!r}")
            return None
        if name not in options:
            self.problem(raw.at("type"), f"unknown {what} type '{name}'{_suggest(str(name), options)}; "
                                          f"known: {', '.join(options)}")
            return None
        return sys.intern(name)  # one string for every record of the type

    def _node(self, raw: RawRecord) -> NodeRecord | None:
        label = self._type(raw, self.model.nodes, "node")
        if label is None:
            return None
        data = {k: v for k, v in raw.data.items() if k != "type"}
        if label == "Source" and "sources" not in data and isinstance(data.get("id"), str):
            data["sources"] = [data["id"]]  # an article is its own source
        specs = self.model.nodes[label].properties
        props = self.properties(raw, specs, data, label)
        self._missing(raw, specs, props)
        node_id = props.get("id")
        if not isinstance(node_id, str):
            if "id" not in props and "id" in data:
                return None
            self.problem(raw.where, "missing required field 'id'")
            return None
        if not NODE_ID.match(node_id):
            self.problem(raw.at("id"), f"id '{node_id}' must be lowercase letters, digits and hyphens")
        if first := self.node_where.get(node_id):
            self.problem(raw.at("id"), f"duplicate id '{node_id}', first defined at {first.at('id')}")
            return None
        self.node_where[node_id] = raw
        self.labels[node_id] = label
        self.ids[node_id] = node_id
        return NodeRecord(label, props)

    def check_refs(self, raw: RawRecord, owner: str, specs: dict[str, PropertySpec],
                   props: dict[str, Any]) -> None:
        """Record a problem per reference to an unknown or wrongly typed entity, and a missing source."""
        for spec in _refs(specs):
            if values := props.get(spec.name):
                for ref in values if isinstance(values, list) else (values,):
                    self._check_ref(raw, spec.name, spec.name, ref, spec.targets)
                if isinstance(values, list):
                    values[:] = map(self.ids.get, values, values)
                else:
                    props[spec.name] = self.ids.get(values, values)
        if "sources" in specs and not props.get("sources"):
            self.problem(raw.where, f"{owner} has no source: every fact needs at least one")

    def _check_ref(self, raw: RawRecord, key: str, field: str, ref: str, targets: tuple[str, ...]) -> bool:
        """Tell whether `ref` is the id of an entity of one of the `targets` types; record a problem at the
        field `key` of `raw` when not (its place is worked out only then)."""
        label = self.labels.get(ref)
        if label in targets:
            return True
        where = raw.at(key)
        if label is None:
            hint = _suggest(ref, (i for i, lb in self.labels.items() if lb in targets)) or _declare(ref, targets)
            self.problem(where, f"{field}: '{ref}' is not the id of any entity{hint}")
            return False
        if label not in targets:
            hint = f": {EVENT_REF_HINTS[field]}" if targets == (EVENT_LABEL,) and field in EVENT_REF_HINTS else ""
            self.problem(where, f"{field}: '{ref}' is a {label}, expected {' or '.join(targets)}{hint}")
        return False

    def _relation(self, raw: RawRecord) -> RelationRecord | None:
        rel_type = self._type(raw, self.model.relations, "relation")
        if rel_type is None:
            return None
        spec = self.model.relations[rel_type]
        ends = self._ends(raw, spec)
        props = self.properties(raw, spec.properties, raw.data, rel_type, skip=RESERVED_RELATION_KEYS)
        self._missing(raw, spec.properties, props)
        self.check_refs(raw, rel_type, spec.properties, props)
        if "date_precision" in spec.properties:
            self._derive_dates(raw, props)
        if ends is None:
            return None
        from_id, to_id = ends
        props["id"] = props.get("id") or self._relation_id(rel_type, from_id, to_id, props)
        if not RELATION_ID.match(props["id"]):
            self.problem(raw.at("id"), f"relation id '{props['id']}' may hold only letters, digits, '-', '_'")
        if not self._unique_relation(raw, spec, props["id"]):
            return None
        return RelationRecord(rel_type, from_id, to_id, props)

    def _ends(self, raw: RawRecord, spec: RelationType) -> tuple[str, str] | None:
        ends = []
        for key, allowed in (("from", spec.from_labels), ("to", spec.to_labels)):
            value = raw.data.get(key)
            if not isinstance(value, str):
                self.problem(raw.where, f"missing field '{key}' of the {spec.type} relation")
            elif self._check_ref(raw, key, key, value, allowed):
                ends.append(self.ids[value])
        if len(ends) < 2:
            return None
        from_id, to_id = ends
        if from_id == to_id:
            self.problem(raw.where, f"{spec.type} joins '{from_id}' to itself")
            return None
        # Symmetric links have one stored direction, so A-B and B-A are the same fact.
        return (min(ends), max(ends)) if spec.symmetric else (from_id, to_id)

    @staticmethod
    def _relation_id(rel_type: str, from_id: str, to_id: str, props: dict[str, Any]) -> str:
        event = f"--{props['event']}" if props.get("event") else ""
        return f"{from_id}--{rel_type}--{to_id}{event}"

    def _unique_relation(self, raw: RawRecord, spec: RelationType, rel_id: str) -> bool:
        first = self.relation_where.get(rel_id)
        if first is None:
            self.relation_where[rel_id] = raw
            return True
        if spec.symmetric:
            self.problem(raw.where, f"symmetric {spec.type} link '{rel_id}' is recorded twice "
                                     f"(also at {first.where}); record it once, in either direction")
        else:
            self.problem(raw.where, f"duplicate relation id '{rel_id}', first at {first.where}; "
                                     "give one of them an explicit 'id' or an 'event'")
        return False

    def _derive_dates(self, raw: RawRecord, props: dict[str, Any]) -> None:
        given = props.get("date_precision")
        date, earliest, latest = props.get("date"), props.get("date_earliest"), props.get("date_latest")
        if date and earliest == first_day(date) and latest == last_day(date):
            earliest = latest = None  # the bounds a plain date is stored with (an export): derived again
        if earliest or latest:
            if not (earliest and latest and len(earliest) == len(latest) == 10):
                self.problem(raw.where, "an approximate date needs both date_earliest and date_latest as days")
                return
            if earliest > latest:
                self.problem(raw.at("date_latest"), f"date_latest {latest} is before date_earliest {earliest}")
                return
            date = date or common_prefix(earliest, latest) or None
            if date and not (first_day(date) <= earliest and latest <= last_day(date)):
                self.problem(raw.at("date"), f"date {date} does not cover {earliest}..{latest}")
            precision = "approximate"
        elif date:
            earliest, latest, precision = first_day(date), last_day(date), precision_of(date)
        else:
            precision = "unknown" if props.get("date_text") else ""
        if given and given != precision:
            self.problem(raw.at("date_precision"), f"date_precision '{given}' contradicts the date given; "
                                                    f"it is '{precision}' (leave it out to derive it)")
        derived = {"date": date, "date_earliest": earliest, "date_latest": latest, "date_precision": precision}
        props.update({k: v for k, v in derived.items() if v})

    def redate(self, raw: RawRecord, props: dict[str, Any], date: str) -> None:
        """Give a relation another date (a preferred claim's), its bounds and precision derived anew."""
        for key in DATE_FIELDS:
            props.pop(key, None)
        props["date"] = date
        self._derive_dates(raw, props)


# What a type's specs say about every record of the type, worked out once per type rather than once per
# record: its required properties, its references. Kept with the specs, so that an id is never reused.
_OF_TYPE: dict[tuple[str, int], tuple[dict[str, PropertySpec], Any]] = {}


def _of_type[T](what: str, specs: dict[str, PropertySpec], work_out: Callable[[dict[str, PropertySpec]], T]) -> T:
    kept = _OF_TYPE.get((what, id(specs)))
    if kept is None or kept[0] is not specs:
        if len(_OF_TYPE) > 1_000:  # the specs of an extension or a claim are made for it: forget them
            _OF_TYPE.clear()
        kept = _OF_TYPE[(what, id(specs))] = (specs, work_out(specs))
    found: T = kept[1]
    return found


def _required(specs: dict[str, PropertySpec]) -> tuple[str, ...]:
    """Return the names of the required properties but the id (checked, or derived, on its own)."""
    return _of_type("required", specs, lambda s: tuple(p.name for p in s.values() if p.required and p.name != "id"))


def _refs(specs: dict[str, PropertySpec]) -> tuple[PropertySpec, ...]:
    """Return the properties that hold ids of other entities."""
    return _of_type("refs", specs, lambda s: tuple(p for p in s.values() if p.targets))


def _split(records: list[RawRecord]) -> tuple[list[RawRecord], list[RawRecord]]:
    """Return the records that define something and those that extend a record defined elsewhere."""
    extensions = [raw for raw in records if EXTENDS in raw.data]
    return [raw for raw in records if EXTENDS not in raw.data], extensions


class Merger:
    """Merge extensions into the records they extend: lists gain new items, single values must agree."""

    def __init__(self, validator: Validator) -> None:
        self.validator = validator
        self.where: dict[tuple[str, str], str] = {}  # (id, property) -> where its value was last given

    def extend_nodes(self, nodes: dict[str, NodeRecord], extensions: list[RawRecord]) -> None:
        """Merge each node extension into its node."""
        v = self.validator
        for raw in extensions:
            target = self._target(raw, nodes, "node")
            if target is None:
                continue
            self._apply(raw, target.label, v.model.nodes[target.label].properties, self._data(raw),
                        target.props, v.node_where[target.id])

    def extend_relations(self, relations: dict[str, RelationRecord], extensions: list[RawRecord]) -> None:
        """Merge each relation extension into its relation; its dates are given where it is defined."""
        v = self.validator
        for raw in extensions:
            target = self._target(raw, relations, "relation")
            if target is None:
                continue
            specs = v.model.relations[target.type].properties
            data = self._data(raw)
            for key in (k for k in DATE_FIELDS if k in data and k not in target.props):
                v.problem(raw.at(key), f"{key}: a relation's date is given where it is defined "
                                        f"({v.relation_where[target.id].where}); add it there")
                data.pop(key)
            self._apply(raw, target.type, specs, data, target.props, v.relation_where[target.id])

    def _apply(self, raw: RawRecord, kind: str, specs: dict[str, PropertySpec], data: dict[str, Any],
               into: dict[str, Any], defined_at: RawRecord) -> None:
        """Check an extension's fields as its target's type has them, then merge them into the target."""
        v = self.validator
        props = v.properties(raw, specs, data, kind)
        v.check_refs(raw, kind, {k: s for k, s in specs.items() if k in props}, props)
        self._merge(raw, str(into["id"]), specs, into, props, defined_at)

    def written_at(self, relation_id: str, key: str) -> str:
        """Return where a relation's `key` was given: in the extension that added it, or where it is defined."""
        return self.where.get((relation_id, key)) or self.validator.relation_where[relation_id].at(key)

    def _data(self, raw: RawRecord) -> dict[str, Any]:
        data = {k: val for k, val in raw.data.items() if k != EXTENDS}
        for key in ("type", "id", *RESERVED_RELATION_KEYS):
            if data.pop(key, None) is not None:
                self.validator.problem(raw.at(key), f"an extension names what it extends with "
                                                     f"'{EXTENDS}' only; drop '{key}'")
        return data

    def _target[T: (NodeRecord, RelationRecord)](self, raw: RawRecord, records: dict[str, T],
                                                  what: str) -> T | None:
        ref = raw.data[EXTENDS]
        if not isinstance(ref, str) or ref not in records:
            self.validator.problem(raw.at(EXTENDS), f"{EXTENDS}: {ref!r} is not the id of any {what} "
                                                     f"defined in the fixtures{_suggest(str(ref), records)}")
            return None
        return records[ref]

    def _merge(self, raw: RawRecord, owner: str, specs: dict[str, PropertySpec], into: dict[str, Any],
               added: dict[str, Any], defined_at: RawRecord) -> None:
        for key, value in added.items():
            earlier = self.where.get((owner, key)) or defined_at.at(key)
            if specs[key].kind in LIST_KINDS:
                into[key] = list(dict.fromkeys([*(into.get(key) or []), *value]))
            elif key not in into:
                into[key] = value
            elif into[key] != value:
                hint = " (another spelling goes in 'aliases')" if key == "name" else ""
                self.validator.problem(raw.at(key), f"{key}: {value!r} here, but {into[key]!r} at {earlier}; "
                                                     f"an entity has one {key}: keep one of them{hint}")
                continue
            self.where.setdefault((owner, key), raw.at(key))
