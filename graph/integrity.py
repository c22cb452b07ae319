"""Integrity the store enforces in the statement that writes: what refers to an entity, found with its
delete; what a write refers to, checked with the write. One statement is one transaction on every store,
so no other write can come between the check and the change.

Neo4j reads what others committed (read committed), so each of these statements first takes the write
lock of every entity it checks, the way Neo4j's manual does it ("Lost updates": set a property, then
remove it; the lock is held to the end of the transaction): a delete and a write citing the same entity
then run one after the other, and the second sees what the first did. FalkorDB runs one write at a
time, which makes the lock a no-op there.
"""

from functools import cache

from schema import CLAIM, ENTITY_LABEL, MODEL

E = ENTITY_LABEL
LOCK = "_LOCK_"  # a property set and cleared, to take Neo4j's write lock of a node
CITES = "sources"  # the property by which a fact cites its sources: a citation is never deleted with them
ABOUT = "about"  # the property by which a claim names what it is about
INCIDENT = "edge"  # how an edge refers to its own ends


def _null_branch(variable: str) -> str:
    """Return a union branch yielding one empty row: a subquery that finds nothing keeps its outer row."""
    return f"WITH x RETURN null AS {variable}, null AS via"


def _edge_branches(label: str) -> list[str]:
    """Return the union branches yielding `r, via` for the edges that name an entity `x` of `label`: its own
    edges, and every edge whose property (a place, a port, a signatory, a source) may hold its id."""
    branches = [f"WITH x MATCH (x)-[r]-() RETURN r, '{INCIDENT}' AS via"]
    for rel in MODEL.relations.values():
        for prop in MODEL.ref_properties(rel.properties):
            if label not in prop.targets:
                continue
            if prop.kind == "ref_list":
                branches.append(f"WITH x MATCH ()-[r:{rel.type}]->() WHERE x.id IN r.{prop.name} "
                                f"RETURN r, '{prop.name}' AS via")
            else:
                branches.append(f"WITH x MATCH ()-[r:{rel.type} {{{prop.name}: x.id}}]->() "
                                f"RETURN r, '{prop.name}' AS via")
    return [*branches, _null_branch("r")]


def _node_branches(label: str) -> list[str]:
    """Return the union branches yielding `n, via` for the entities and claims holding the id of an entity `x`
    of `label` in a property (a source, a place, a parent event)."""
    branches = []
    holders = [(node.label, node.properties) for node in MODEL.nodes.values()] + [(CLAIM.label, CLAIM.properties)]
    for holder, properties in holders:
        for prop in MODEL.ref_properties(properties):
            if label not in prop.targets:
                continue
            if prop.kind == "ref_list":
                branches.append(f"WITH x MATCH (n:{holder}) WHERE x.id IN n.{prop.name} AND n <> x "
                                f"RETURN n, '{prop.name}' AS via")
            else:
                branches.append(f"WITH x MATCH (n:{holder} {{{prop.name}: x.id}}) WHERE n <> x "
                                f"RETURN n, '{prop.name}' AS via")
    return [*branches, _null_branch("n")]


def _union(branches: list[str]) -> str:
    return "\n  UNION\n  ".join(branches)


@cache
def delete_statement(label: str) -> str:
    """Return the statement deleting entity `$id` of `label` unless something refers to it, all in one step.

    It answers one row: `deleted`; `refs`, each thing that refers to the entity ({kind, id, via}); `held`,
    whether one of them is never deleted with it; and `claims`, the ids of the claims deleted.
    Nothing refers to it: it is deleted. With `$cascade`, its edges, the edges naming it in a property,
    the claims about it and about those edges go with it, unless a fact cites it as a source or an
    entity or claim names it (a citation or a node is never deleted for another one): then nothing is.
    """
    return f"""MATCH (x:{E} {{id: $id}})
SET x.{LOCK} = true
SET x.{LOCK} = null
WITH x
CALL {{
  {_union(_edge_branches(label))}
}}
WITH x, collect(DISTINCT r) AS edges,
     collect(CASE WHEN r IS NOT NULL THEN {{kind: type(r), id: r.id, via: via}} END) AS edge_refs
CALL {{
  {_union(_node_branches(label))}
}}
WITH x, edges, edge_refs,
     collect(CASE WHEN n IS NOT NULL THEN {{kind: [l IN labels(n) WHERE l <> '{E}'][0], id: n.id, via: via}} END)
       AS node_refs
UNWIND [x.id] + [r IN edges | r.id] AS subject
OPTIONAL MATCH (c:{CLAIM.label} {{{ABOUT}: subject}})
WITH x, edges, edge_refs, node_refs, collect(DISTINCT c) AS claims,
     collect(CASE WHEN c.{ABOUT} = x.id THEN {{kind: '{CLAIM.label}', id: c.id, via: '{ABOUT}'}} END) AS claim_refs
WITH x, edges, claims, edge_refs + node_refs + claim_refs AS refs,
     size(node_refs) > 0 OR any(e IN edge_refs WHERE e.via = '{CITES}') AS held
WITH x, edges, claims, refs, held, size(refs) = 0 OR ($cascade AND NOT held) AS go
FOREACH (_ IN CASE WHEN go THEN [1] ELSE [] END |
  FOREACH (c IN claims | DELETE c)
  FOREACH (r IN edges | DELETE r)
  DELETE x)
RETURN go AS deleted, held, refs, [c IN claims | c.id] AS claims"""


# Put in front of a write: takes the lock of every entity of `$refs`, then looks them up again, and lets the
# write run only when each of them is there. The second look matters on Neo4j: setting a property of a node
# that another transaction deleted while this one waited for its lock is no error there, and only a read
# made after the lock sees that it is gone. Neo4j holds a lock to the end of the transaction, so the
# property that took it is cleared at once.
GUARD = f"""UNWIND $refs AS ref
OPTIONAL MATCH (seen:{E} {{id: ref}})
WITH collect(seen) AS seen
FOREACH (s IN seen | SET s.{LOCK} = true SET s.{LOCK} = null)
WITH seen
UNWIND $refs AS ref
OPTIONAL MATCH (found:{E} {{id: ref}})
WITH collect(found) AS found
WHERE size(found) = size($refs)"""


def guarded(write: str) -> str:
    """Return `write` (a statement starting with UNWIND) run only when every entity of `$refs` exists, in the
    same statement; it answers `written`, the rows written: none when an entity of `$refs` is missing."""
    return f"{GUARD}\n{write}\nRETURN count(*) AS written"
