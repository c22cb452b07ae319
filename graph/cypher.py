"""Cypher shared by every store. User values are always parameters; labels come from `schema`."""

from schema import CLAIM, ENTITY_LABEL, MODEL, NAME_KEYS
from schema.events import EVENT_LABEL, MAX_DEPTH
from schema.relations import HoldsPosition

E = ENTITY_LABEL
EVENT = EVENT_LABEL
MAX_EVENT_DEPTH = MAX_DEPTH
HOLDS, HOLDER = HoldsPosition.TYPE, HoldsPosition.FROM[0]
EVENT_TYPES = [t.type for t in MODEL.relations.values() if t.timeline_kind]
# Edge properties naming an entity that takes part in an event besides the edge's two ends.
EVENT_REFERENCES = ("place", "destination", "signatories", "witnesses")
# Edge properties listing who takes part besides the edge's two ends.
PARTICIPANT_LISTS = ("signatories", "witnesses", "proposed_by")
# (edge type, property) pairs that reads look edges up by: every store indexes them.
EDGE_LOOKUPS = [(t, p) for t in EVENT_TYPES for p in (*EVENT_REFERENCES, "event")
                if p in MODEL.relations[t].properties]
# (label, property) pairs that reads look nodes up by besides their id: an event's sub-events by `parent`.
NODE_LOOKUPS = [(EVENT, "parent")]


def _referring(rel_type: str, prop: str) -> str:
    """Return a branch matching the edges of one type whose property names one of `$entities`."""
    return f"UNWIND $entities AS entity MATCH ()-[r:{rel_type} {{{prop}: entity}}]->() RETURN r"


def _listing(rel_type: str, props: list[str]) -> str:
    """Return a branch matching the edges of one type whose lists name one of `$entities`, for entities of
    a type the lists may name only: Neo4j reads such a list of every edge of the type (no index holds
    list members), and most entities (places, institutions) can be in none."""
    specs = [MODEL.relations[rel_type].properties[p] for p in props]
    labels = " OR ".join(f"x:{label}" for label in dict.fromkeys(t for spec in specs for t in spec.targets))
    named = " OR ".join(f"entity IN r.{p}" for p in props)
    return (f"UNWIND $entities AS entity MATCH (x:{E} {{id: entity}}) WHERE {labels} "
            f"MATCH ()-[r:{rel_type}]->() WHERE {named} RETURN r")


def _naming() -> list[str]:
    """Return the branches matching edges that name one of `$entities` in a property: one per single
    reference (each through its index), one per type for its lists."""
    singles = [_referring(t, p) for t, p in EDGE_LOOKUPS if MODEL.relations[t].properties[p].kind != "ref_list"]
    lists: dict[str, list[str]] = {}
    for t, p in EDGE_LOOKUPS:
        if MODEL.relations[t].properties[p].kind == "ref_list":
            lists.setdefault(t, []).append(p)
    return singles + [_listing(t, props) for t, props in lists.items()]


def _union(branches: list[str]) -> str:
    return "\n  UNION\n  ".join(branches)

ENTITIES_BY_ID = f"""UNWIND $ids AS id
MATCH (n:{E} {{id: id}})
RETURN n {{.*}} AS props, labels(n) AS labels"""

RELATIONS_OF = f"""UNWIND $ids AS id
MATCH (n:{E} {{id: id}})
CALL {{
  WITH n
  MATCH (n)-[r]-(m:{E})
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($after_type IS NULL OR type(r) > $after_type OR (type(r) = $after_type AND r.id > $after_id))
  RETURN r, m ORDER BY type(r), r.id LIMIT $first
}}
RETURN id, type(r) AS type, startNode(r).id AS from_id, endNode(r).id AS to_id,
       properties(r) AS props, m {{.*}} AS other, labels(m) AS other_labels"""

RELATION_BY_ID = f"""UNWIND $types AS t
MATCH (a:{E})-[r]->(b:{E})
WHERE type(r) = t AND r.id = $id
RETURN type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props"""

RELATIONS_BY_ID = f"""UNWIND $types AS t
MATCH (a:{E})-[r]->(b:{E})
WHERE type(r) = t AND r.id IN $ids
RETURN type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props"""

# Sorted and cut before the properties are projected: only the page's nodes are ever read out.
def _page_by_id(after: str) -> str:
    return f"""MATCH (n:{E})
WHERE ($types IS NULL OR any(l IN labels(n) WHERE l IN $types))
  AND ($source IS NULL OR $source IN n.sources)
  AND {after}
WITH n ORDER BY n.id LIMIT $limit
RETURN n {{.*}} AS props, labels(n) AS labels"""


PAGE_BY_ID = _page_by_id("n.id > $after_id")
# Where the id index gives no order (FalkorDB), the page reads the label instead: its range index
# yields the ids after a cursor several times slower than a scan of the label does (on 100k entities,
# from the first cursor, 470 ms against 50 ms), and they must be sorted either way. The id is compared
# through coalesce, which no index serves (toString would copy every id: 92 ms against 58).
PAGE_BY_ID_SCANNED = _page_by_id("coalesce(n.id, '') > $after_id")

PAGE_BY_NAME = f"""MATCH (n:{E})
WHERE ($types IS NULL OR any(l IN labels(n) WHERE l IN $types))
  AND ($source IS NULL OR $source IN n.sources)
  AND (n.name > $after_name OR (n.name = $after_name AND n.id > $after_id))
WITH n ORDER BY n.name, n.id LIMIT $limit
RETURN n {{.*}} AS props, labels(n) AS labels"""

# Bare label counts, which stores answer from their statistics instead of a scan.
COUNT_LABEL = {label: f"MATCH (n:{label}) RETURN count(n) AS total" for label in (E, *MODEL.nodes)}

COUNT_ENTITIES = f"""MATCH (n:{E})
WHERE ($types IS NULL OR any(l IN labels(n) WHERE l IN $types))
  AND ($source IS NULL OR $source IN n.sources)
RETURN count(n) AS total"""


def neighbour_ids(degree: str) -> str:
    """Return the statement that grows a path search by one level: the edges of each entity `n` in `$ids`, to
    neighbours among `$targets` only when given (the last level of a search needs no more), with the number
    of edges of `n` (the store's expression `degree`). An entity without (matching) edges still answers, with
    `other` null: so a missing id is told apart; an entity with more than `$most` edges answers that way too,
    and is not followed (null `$most`: every entity is followed)."""
    return f"""UNWIND $ids AS id
MATCH (n:{E} {{id: id}})
WITH id, n, {degree} AS degree
OPTIONAL MATCH (n)-[r]-(m:{E})
WHERE ($most IS NULL OR degree <= $most) AND ($types IS NULL OR type(r) IN $types)
  AND ($targets IS NULL OR m.id IN $targets)
RETURN id, degree, m.id AS other, r.id AS rel, type(r) AS type"""


# The edges between two sets of entities, as `neighbour_ids` gives them but without the numbers of edges,
# found pair by pair with both ends bound: the work grows with the pairs instead of with the edges of every
# entity in `$ids`, which for a widely linked entity (a province, a ministry) are thousands. An id that
# exists but has no such edge gives no row.
EDGES_BETWEEN_IDS = f"""MATCH (m:{E}) WHERE m.id IN $targets
WITH collect(m) AS ends
UNWIND $ids AS id
MATCH (n:{E} {{id: id}})
UNWIND ends AS m
MATCH (n)-[r]-(m)
WHERE $types IS NULL OR type(r) IN $types
RETURN id, m.id AS other, r.id AS rel, type(r) AS type"""


def _in_range() -> str:
    """Return the test that edge `r` falls in `$from`..`$to`; an edge of an event always passes, since
    whether the event falls in the range is decided by its span."""
    return """(r.event IS NOT NULL OR (($from IS NULL OR r.date_latest >= $from)
       AND ($to IS NULL OR r.date_earliest <= $to)))"""


def _edge_map() -> str:
    """Return edge `r` as a map of its type, ends and properties."""
    return "{type: type(r), from_id: startNode(r).id, to_id: endNode(r).id, props: properties(r)}"


# Every dated edge in the range and every event, in one row; the entities they name are left to be read
# when asked for (that could be the whole graph).
TIMELINE = f"""MATCH ()-[r]->()
WHERE type(r) IN $types AND {_in_range()}
WITH collect(r) AS found
OPTIONAL MATCH (e:{EVENT})
RETURN [r IN found | {_edge_map()}] AS found, [] AS siblings, collect(properties(e)) AS events, [] AS named"""


def _named_entities() -> str:
    """Return a subquery turning the edges `found` and `siblings` and the `events` into `named`: the
    entities they name as end, participant or place, each once, read through the id index."""
    lists = " + ".join(f"coalesce(r.{p}, [])" for p in PARTICIPANT_LISTS)
    return f"""WITH found, events, siblings, reduce(ids = [e IN events | e.place], r IN found + siblings |
     ids + [startNode(r).id, endNode(r).id, r.place] + {lists}) AS ids
CALL {{
  WITH ids
  UNWIND ids AS id
  WITH DISTINCT id
  MATCH (n:{E} {{id: id}})
  RETURN collect({{props: properties(n), labels: labels(n)}}) AS named
}}"""


def _event_tree() -> str:
    """Return a subquery turning the ids in `seeds` into `events`: the whole tree of each seed that is an
    event, found from its root (up to MAX_DEPTH - 1 parents up) through the `parent` index. Each id
    to look up is named by a WITH first: FalkorDB cannot look up by a property of an optional match."""
    levels = range(1, MAX_EVENT_DEPTH)
    up = "".join(f"\n  WITH {', '.join(f'u{j}' for j in range(i))}, u{i - 1}.parent AS up{i}"
                 f"\n  OPTIONAL MATCH (u{i}:{E} {{id: up{i}}})" for i in levels)
    down = "".join(f"\n  WITH {', '.join(f'd{j}' for j in range(i))}, d{i - 1}.id AS down{i}"
                   f"\n  OPTIONAL MATCH (d{i}:{EVENT} {{parent: down{i}}})" for i in levels)
    root = ", ".join(f"u{i}" for i in reversed(range(MAX_EVENT_DEPTH)))
    found = " + ".join(f"collect(DISTINCT d{i})" for i in range(MAX_EVENT_DEPTH))
    return f"""CALL {{
  WITH seeds
  UNWIND seeds AS seed
  OPTIONAL MATCH (u0:{E} {{id: seed}}) WHERE u0:{EVENT}{up}
  WITH coalesce({root}) AS d0{down}
  RETURN {found} AS events
}}"""


# The events of some entities, found through indexes only: their own edges, edges naming one of them
# as place, destination, signatory, witness or event; the whole tree of every event those belong to
# (and of the entities that are events); then every other edge of those events, and the entities all
# these edges name, so that showing who took part costs no second round trip.
TIMELINE_OF = f"""CALL {{
  {_union(["UNWIND $entities AS entity MATCH (:" + E + " {id: entity})-[r]-() RETURN r",
           *_naming()])}
}}
WITH r WHERE type(r) IN $types AND {_in_range()}
WITH collect(r) AS found
WITH found, [x IN found WHERE x.event IS NOT NULL | x.event] + $entities AS seeds
{_event_tree()}
WITH found, events, [e IN events | e.id] AS event_ids
CALL {{
  WITH event_ids RETURN null AS r
  UNION
  {_union([f"WITH event_ids UNWIND event_ids AS e MATCH ()-[r:{t} {{event: e}}]->() RETURN r"
           for t, p in EDGE_LOOKUPS if p == "event"])}
}}
WITH found, events, [s IN collect(r) WHERE type(s) IN $types AND NOT s IN found] AS siblings
{_named_entities()}
RETURN [r IN found | {_edge_map()}] AS found, [r IN siblings | {_edge_map()}] AS siblings,
       [e IN events | properties(e)] AS events, named"""

POSITIONS = f"""MATCH (p:{HOLDER})-[r:{HOLDS}]->(i:{E})
WHERE $institution IS NULL OR i.id = $institution
RETURN p.id AS person, i.id AS institution, properties(r) AS props"""

# Every position at the institutions where these persons held office: their offices, and everyone
# else's in the same institutions, which tell who came before and after them.
POSITIONS_BESIDE = f"""UNWIND $persons AS person
MATCH (:{E} {{id: person}})-[:{HOLDS}]->(i:{E})
WITH DISTINCT i
MATCH (p:{HOLDER})-[r:{HOLDS}]->(i)
RETURN p.id AS person, i.id AS institution, properties(r) AS props"""

COUNT_BY_LABEL = f"""MATCH (n:{E})
UNWIND labels(n) AS label
WITH label WHERE label <> '{E}'
RETURN label AS key, count(*) AS count ORDER BY key"""

COUNT_BY_TYPE = """MATCH ()-[r]->()
RETURN type(r) AS key, count(*) AS count ORDER BY key"""

COUNT_BY_STATUS = """MATCH ()-[r]->()
WHERE r.status IS NOT NULL AND type(r) IN $types
RETURN r.status AS key, count(*) AS count ORDER BY key"""

COUNT_BY_SECTOR = """MATCH ()-[r]->()
WHERE r.sectors IS NOT NULL
UNWIND r.sectors AS sector
RETURN sector AS key, count(*) AS count ORDER BY count DESC, key"""

COUNT_BY_COUNTRY = f"""MATCH (n:{E})-[:PART_OF|LOCATED_IN*1..6]->(c:Place {{kind: 'country'}})
RETURN c.name AS key, count(DISTINCT n) AS count ORDER BY count DESC, key"""

ALL_NODES = f"""MATCH (n:{E})
RETURN n {{.*}} AS props, labels(n) AS labels ORDER BY n.id"""

ALL_EDGES = f"""MATCH (a:{E})-[r]->(b:{E})
RETURN type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props ORDER BY r.id"""

LABELS_OF = f"""UNWIND $ids AS id
MATCH (n:{E} {{id: id}})
RETURN n.id AS id, labels(n) AS labels"""

# Each edge through the id index of its type (a match between its two ends would walk every
# edge of a hub); the one-row list makes a branch run only for links of its type.
RELATIONS_BETWEEN = f"""UNWIND $links AS link
CALL {{
  {_union([f"WITH link UNWIND [x IN [link] WHERE x.type = '{t}'] AS l "
           f"MATCH (a)-[r:{t} {{id: l.rel}}]->(b) RETURN r, a, b" for t in MODEL.relations])}
}}
RETURN link.i AS i, link.a AS seen_from, type(r) AS type, a.id AS from_id, b.id AS to_id,
       properties(r) AS props, a {{.*}} AS from_props, labels(a) AS from_labels,
       b {{.*}} AS to_props, labels(b) AS to_labels"""

DELETE_RELATION = f"""UNWIND $types AS t
MATCH (:{E})-[r]->(:{E})
WHERE type(r) = t AND r.id = $id
DELETE r
RETURN count(*) AS deleted"""

# Claims, nodes of their own label that name the entity or relation they are about by id.
ALL_CLAIMS = f"""MATCH (c:{CLAIM.label})
RETURN c {{.*}} AS props ORDER BY c.id"""

CLAIMS_ABOUT = f"""UNWIND $ids AS id
MATCH (c:{CLAIM.label} {{about: id}})
RETURN id, c {{.*}} AS props ORDER BY c.id"""

# What claims are about, entity or relation, each through an id index; the kind is the node's
# label or the edge's type.
SUBJECTS_BY_ID = f"""UNWIND $ids AS id
CALL {{
  {_union([f"WITH id MATCH (n:{E} {{id: id}}) "
           f"RETURN [l IN labels(n) WHERE l <> '{E}'][0] AS kind, properties(n) AS props",
           *(f"WITH id MATCH ()-[r:{t} {{id: id}}]->() RETURN '{t}' AS kind, properties(r) AS props"
             for t in MODEL.relations)])}
}}
RETURN id, kind, props"""

# What one source supports: the entities and the edges whose `sources` name it.
CITING_ENTITIES = f"""MATCH (n:{E})
WHERE $source IN n.sources AND n.id <> $source
RETURN n {{.*}} AS props, labels(n) AS labels ORDER BY n.id LIMIT $first"""

CITING_RELATIONS = f"""MATCH (a:{E})-[r]->(b:{E})
WHERE $source IN r.sources
RETURN type(r) AS type, a {{.*}} AS from_props, labels(a) AS from_labels, b {{.*}} AS to_props,
       labels(b) AS to_labels, properties(r) AS props ORDER BY r.id LIMIT $first"""

# Entities stored by an earlier Jalin, without their names indexed whole, a slice at a time (`search.key_names`).
UNKEYED_ENTITIES = f"MATCH (n:{E}) WHERE n.{NAME_KEYS} IS NULL RETURN n {{.*}} AS props LIMIT $slice"
SET_NAME_KEYS = f"UNWIND $rows AS row MATCH (n:{E} {{id: row.id}}) SET n.{NAME_KEYS} = row.keys"
