"""The peer's type definitions, derived from `schema`: Jalin's graph as stored, in the Neo4j GraphQL Library's terms.

Every node type is an object type with both of its stored labels (so that lookups by id use the
`Entity` id index), implementing an `Entity` interface of the fields all node types share. Each
edge type has a `@relationshipProperties` type of its stored properties, and a relationship field
per direction on each node type that may be its start (`<type>Out`) or its end (`<type>In`), leading
to the node type the model allows at the other end, or a union of those it allows. Search goes
through the full-text index Jalin's Neo4j store keeps (`@fulltext`); the two reads the generated API
cannot express (a shortest path, the timeline's events) are `@cypher` fields.

`python -m bench.peer_schema` writes `bench/peer/schema.graphql`; a test fails when it is stale.
"""

from collections.abc import Mapping
from pathlib import Path

from graph.neo4j import FULLTEXT_INDEX
from graph.timeline import KIND_ORDER, PARTICIPANT_LISTS, TIMELINE_TYPES
from schema import ENTITY_LABEL, MODEL, SEARCH_PROPERTY, PropertySpec
from schema.events import EVENT_LABEL
from schema.nodes import EVENT_KINDS
from schema.provenance import PROVENANCE_PROPERTIES

SCHEMA_FILE = Path(__file__).resolve().parent / "peer" / "schema.graphql"
PATH_HOPS = 3  # a variable-length pattern's bound is part of the statement's text, never a parameter
SCALARS = {"string": "String", "url": "String", "ref": "String", "period": "String", "date": "String",
           "integer": "Int", "float": "Float", "boolean": "Boolean", "string_list": "[String!]",
           "ref_list": "[String!]", "date_list": "[String!]", "figure_list": "[String!]"}
PROVENANCE_SCALARS = {"version": "Int"}


def field_name(rel_type: str, direction: str) -> str:
    """Return the relationship field of an edge type in one direction: MET, OUT -> metOut."""
    words = rel_type.lower().split("_")
    return words[0] + "".join(w.capitalize() for w in words[1:]) + direction.capitalize()


def properties_type(rel_type: str) -> str:
    """Return the name of an edge type's properties type: MET -> MetProperties."""
    return "".join(w.capitalize() for w in rel_type.split("_")) + "Properties"


def _field(spec: PropertySpec) -> str:
    kind = "ID" if spec.name == "id" else SCALARS[spec.kind]
    return f"  {spec.name}: {kind}{'!' if spec.required else ''}"


def _stored_extras() -> list[str]:
    """Return the fields Jalin writes on every node and edge beside the model's: provenance."""
    return [f"  {name}: {PROVENANCE_SCALARS.get(name, 'String')}" for name in PROVENANCE_PROPERTIES]


def shared_properties() -> list[PropertySpec]:
    """Return the properties every node type has, in the model's order: the `Entity` interface's fields."""
    first, *others = MODEL.nodes.values()
    return [spec for name, spec in first.properties.items() if all(name in o.properties for o in others)]


def relationship_fields(label: str) -> list[tuple[str, str, str]]:
    """Return (field, edge type, direction) for every relationship field of a node type."""
    fields = []
    for rel_type, spec in MODEL.relations.items():
        for direction, ends in (("OUT", spec.from_labels), ("IN", spec.to_labels)):
            if label in ends:
                fields.append((field_name(rel_type, direction), rel_type, direction))
    return fields


def target(rel_type: str, direction: str) -> str:
    """Return the type a relationship field leads to: the node type at the other end where the model
    allows one, else a union of those it allows (the library reads each member's matches apart)."""
    spec = MODEL.relations[rel_type]
    labels = sorted(spec.to_labels if direction == "OUT" else spec.from_labels)
    return labels[0] if len(labels) == 1 else "Or".join(labels)


def _unions() -> list[str]:
    found = {target(t, d): sorted(r.to_labels if d == "OUT" else r.from_labels)
             for t, r in MODEL.relations.items() for d in ("OUT", "IN")}
    return [f"union {name} = {' | '.join(labels)}" for name, labels in sorted(found.items()) if len(labels) > 1]


def _node_type(label: str) -> str:
    fulltext = (f'@fulltext(indexes: [{{indexName: "{FULLTEXT_INDEX}", queryName: "{search_field(label)}", '
                f'fields: ["{SEARCH_PROPERTY}"]}}])')
    lines = [f'type {label} implements {ENTITY_LABEL} @node(labels: ["{label}", "{ENTITY_LABEL}"]) {fulltext} {{']
    lines += [_field(spec) for spec in MODEL.nodes[label].properties.values()]
    lines += _stored_extras() + [f"  {SEARCH_PROPERTY}: String"]
    lines += [f'  {name}: [{target(rel_type, direction)}!]! @relationship(type: "{rel_type}", direction: {direction}, '
              f'properties: "{properties_type(rel_type)}")' for name, rel_type, direction in relationship_fields(label)]
    return "\n".join(lines) + "\n}"


def search_field(label: str) -> str:
    """Return the root field searching one node type through the full-text index: Person -> searchPerson."""
    return f"search{label}"


def _relationship_properties(rel_type: str) -> str:
    lines = [f"type {properties_type(rel_type)} @relationshipProperties {{"]
    lines += [_field(spec) for spec in MODEL.relations[rel_type].properties.values()] + _stored_extras()
    return "\n".join(lines) + "\n}"


def _interface() -> str:
    lines = [f"interface {ENTITY_LABEL} {{", *(_field(spec) for spec in shared_properties()), "}"]
    return "\n".join(lines)


def _map(mapping: Mapping[str, object]) -> str:
    """Return a Cypher map literal of plain keys and string or number values."""
    return "{" + ", ".join(f"{key}: {value!r}" for key, value in mapping.items()) + "}"


def _union(branches: list[str]) -> str:
    return "\n    UNION\n    ".join(branches)


def _referring_branches() -> list[str]:
    """Return the branches finding dated edges that name the entity in a property (place, signatories, event...)."""
    branches = []
    for rel_type in TIMELINE_TYPES:
        for prop in ("place", "destination", "signatories", "witnesses", "event"):
            spec = MODEL.relations[rel_type].properties.get(prop)
            if spec is None:
                continue
            test = f"x.id IN r.{prop}" if spec.kind == "ref_list" else f"r.{prop} = x.id"
            branches.append(f"WITH x MATCH ()-[r:{rel_type}]->() WHERE {test} RETURN r")
    return branches


def timeline_statement() -> str:
    """Return the peer's timeline: the entity's dated edges and those naming it, the other edges of their
    events, one entry per event or per edge of no event, in date order; an entry's fields come from
    its event, then from its edges in date order, the first that has each; an event's date from its
    first edge alone. (Events with a declared span or sub-events are left to their edges' dates: the
    benchmark's graphs have none.)"""
    types = ", ".join(f"'{t}'" for t in TIMELINE_TYPES)
    lists = " + ".join(f"coalesce(r.{p}, [])" for p in PARTICIPANT_LISTS)
    siblings = _union([f"WITH e MATCH ()-[r:{t}]->() WHERE r.event = e.id RETURN r"
                       for t in TIMELINE_TYPES if "event" in MODEL.relations[t].properties])
    return f"""WITH {_map(dict(TIMELINE_TYPES))} AS kind_of, {_map({k: i for i, k in enumerate(KIND_ORDER)})} AS rank,
     {_map(EVENT_KINDS)} AS event_kind
MATCH (x:{ENTITY_LABEL} {{id: $entityId}})
CALL {{
    WITH x MATCH (x)-[r]-() RETURN r
    UNION
    {_union(_referring_branches())}
}}
WITH kind_of, rank, event_kind, x, r WHERE type(r) IN [{types}]
WITH kind_of, rank, event_kind, x, r ORDER BY coalesce(r.date_earliest, '9999'), r.id
WITH kind_of, rank, event_kind, x, collect(r) AS found
OPTIONAL MATCH (e:{EVENT_LABEL}) WHERE e.id IN [f IN found WHERE f.event IS NOT NULL | f.event] + [x.id]
WITH kind_of, rank, event_kind, found, collect(e) AS events
CALL {{
    WITH events
    UNWIND events AS e
    CALL {{
    {siblings}
    }}
    WITH r ORDER BY coalesce(r.date_earliest, '9999'), r.id
    RETURN collect(r) AS around
}}
UNWIND found + [s IN around WHERE NOT s IN found] AS r
WITH kind_of, rank, event_kind, events, coalesce(r.event, r.id) AS key, collect(r) AS edges
WITH kind_of, rank, event_kind, key, edges, [e IN events WHERE e.id = key][0] AS event,
     [r IN edges | kind_of[type(r)]] AS kinds
WITH key, edges, event,
     CASE WHEN event IS NULL
          THEN reduce(best = kinds[0], k IN kinds | CASE WHEN rank[k] < rank[best] THEN k ELSE best END)
          ELSE event_kind[event.kind] END AS kind
WITH key, edges, event, kind,
     CASE WHEN event IS NULL THEN edges WHEN event.date_text IS NOT NULL THEN [] ELSE edges[0..1] END AS dating
WITH key, kind,
     [v IN [event.date_text] + [r IN edges | r.date_text] WHERE v IS NOT NULL][0] AS date_text,
     [v IN [event.status] + [r IN edges | r.status] WHERE v IS NOT NULL][0] AS status,
     [v IN [r IN dating | r.date] WHERE v IS NOT NULL][0] AS date,
     [v IN [CASE WHEN event.date_text IS NOT NULL THEN 'unknown' END] + [r IN dating | r.date_precision]
      WHERE v IS NOT NULL][0] AS date_precision,
     [v IN [r IN dating | r.date_earliest] WHERE v IS NOT NULL][0] AS date_earliest,
     reduce(seen = [], p IN reduce(all = [], r IN edges | all + [startNode(r).id, endNode(r).id] + {lists}) |
         CASE WHEN p IN seen THEN seen ELSE seen + p END) AS participant_ids
ORDER BY coalesce(date_earliest, '9999'), key
LIMIT $first
CALL {{
    WITH participant_ids
    UNWIND range(0, size(participant_ids) - 1) AS i
    MATCH (p:{ENTITY_LABEL} {{id: participant_ids[i]}})
    WITH p ORDER BY i
    RETURN collect({{id: p.id, name: p.name}}) AS participants
}}
RETURN {{id: key, kind: kind, date: date, date_precision: date_precision, date_text: date_text, status: status,
        participants: participants}} AS entry"""


def path_statement() -> str:
    """Return the peer's shortest path of at most PATH_HOPS edges in either direction, with Neo4j's own
    shortestPath: the entities in order and each edge seen from the entity before it."""
    return f"""MATCH (a:{ENTITY_LABEL} {{id: $fromId}}), (b:{ENTITY_LABEL} {{id: $toId}})
MATCH p = shortestPath((a)-[*..{PATH_HOPS}]-(b))
WITH nodes(p) AS ns, relationships(p) AS rs
RETURN {{length: size(rs), entities: [n IN ns | {{id: n.id, name: n.name}}],
        relations: [i IN range(0, size(rs) - 1) | {{id: rs[i].id, type: type(rs[i]),
            direction: CASE WHEN startNode(rs[i]) = ns[i] THEN 'OUT' ELSE 'IN' END, other: {{id: ns[i + 1].id}}}}]}}
       AS path"""


def _cypher_field(signature: str, statement: str, column: str) -> str:
    text = statement.replace("\\", "\\\\").replace('"""', '\\"""')
    return f'  {signature}\n    @cypher(statement: """\n{text}\n""", columnName: "{column}")'


def _query_extensions() -> str:
    return "\n".join([
        "type PathEntity {\n  id: ID!\n  name: String!\n}",
        "type PathRelation {\n  id: ID!\n  type: String!\n  direction: String!\n  other: PathEntity!\n}",
        "type EntityPath {\n  length: Int!\n  entities: [PathEntity!]!\n  relations: [PathRelation!]!\n}",
        "type TimelineEntry {\n  id: ID!\n  kind: String!\n  date: String\n  date_precision: String\n"
        "  date_text: String\n  status: String\n  participants: [PathEntity!]!\n}",
        "type Query {",
        _cypher_field("shortestPath(fromId: ID!, toId: ID!): EntityPath", path_statement(), "path"),
        _cypher_field("timeline(entityId: ID!, first: Int! = 100): [TimelineEntry!]!", timeline_statement(),
                      "entry"),
        "}",
    ])


def type_definitions() -> str:
    """Return the peer's whole type definitions."""
    parts = ["# Generated by `python -m bench.peer_schema` from Jalin's schema/: do not edit.", _interface()]
    parts += [_node_type(label) for label in MODEL.nodes]
    parts += [_relationship_properties(rel_type) for rel_type in MODEL.relations] + _unions()
    parts.append(_query_extensions())
    return "\n\n".join(parts) + "\n"


def main() -> None:
    """Write the peer's type definitions."""
    SCHEMA_FILE.write_text(type_definitions(), encoding="utf-8")


if __name__ == "__main__":
    main()
