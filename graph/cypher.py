"""Cypher shared by every store. User values are always parameters; labels come from `schema`."""

from schema import ENTITY_LABEL

E = ENTITY_LABEL

ENTITIES_BY_ID = f"""UNWIND $ids AS id
MATCH (n:{E} {{id: id}})
RETURN n {{.*}} AS props, labels(n) AS labels"""

RELATIONS_OF = f"""UNWIND $ids AS id
MATCH (n:{E} {{id: id}})
CALL {{
  WITH n
  MATCH (n)-[r]-(m:{E})
  WHERE $types IS NULL OR type(r) IN $types
  RETURN r, m ORDER BY type(r), r.id LIMIT $first
}}
RETURN id, type(r) AS type, startNode(r).id AS from_id, endNode(r).id AS to_id,
       properties(r) AS props, m {{.*}} AS other, labels(m) AS other_labels"""

RELATION_BY_ID = f"""UNWIND $types AS t
MATCH (a:{E})-[r]->(b:{E})
WHERE type(r) = t AND r.id = $id
RETURN type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props"""

PAGE_BY_ID = f"""MATCH (n:{E})
WHERE ($types IS NULL OR any(l IN labels(n) WHERE l IN $types))
  AND ($source IS NULL OR $source IN n.sources)
  AND n.id > $after_id
RETURN n {{.*}} AS props, labels(n) AS labels
ORDER BY n.id LIMIT $limit"""

PAGE_BY_NAME = f"""MATCH (n:{E})
WHERE ($types IS NULL OR any(l IN labels(n) WHERE l IN $types))
  AND ($source IS NULL OR $source IN n.sources)
  AND (n.name > $after_name OR (n.name = $after_name AND n.id > $after_id))
RETURN n {{.*}} AS props, labels(n) AS labels
ORDER BY n.name, n.id LIMIT $limit"""

COUNT_ENTITIES = f"""MATCH (n:{E})
WHERE ($types IS NULL OR any(l IN labels(n) WHERE l IN $types))
  AND ($source IS NULL OR $source IN n.sources)
RETURN count(n) AS total"""

NEIGHBOUR_IDS = f"""UNWIND $ids AS id
MATCH (n:{E} {{id: id}})-[r]-(m:{E})
WHERE $types IS NULL OR type(r) IN $types
RETURN id, m.id AS other, r.id AS rel"""

TIMELINE = f"""MATCH (a:{E})-[r]->(b:{E})
WHERE type(r) IN $types
  AND ($entity IS NULL OR a.id = $entity OR b.id = $entity OR r.place = $entity
       OR r.destination = $entity OR $entity IN coalesce(r.signatories, [])
       OR $entity IN coalesce(r.witnesses, []))
  AND ($from IS NULL OR r.date_latest >= $from)
  AND ($to IS NULL OR r.date_earliest <= $to)
RETURN type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props
ORDER BY coalesce(r.date_earliest, '9999'), r.id"""

POSITIONS = f"""MATCH (p:Person)-[r:HOLDS_POSITION]->(i:{E})
WHERE $institution IS NULL OR i.id = $institution
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

DELETE_ENTITY = f"""MATCH (n:{E} {{id: $id}})
DETACH DELETE n
RETURN count(*) AS deleted"""

REFERRERS = f"""MATCH (n:{E})
WHERE $id IN n.sources
RETURN n.id AS id LIMIT 5"""

LABELS_OF = f"""UNWIND $ids AS id
MATCH (n:{E} {{id: id}})
RETURN n.id AS id, labels(n) AS labels"""

RELATIONS_BETWEEN = f"""UNWIND $links AS link
MATCH (a:{E} {{id: link.a}})-[r]-(b:{E} {{id: link.b}})
WHERE r.id = link.rel
RETURN link.i AS i, link.a AS seen_from, type(r) AS type, startNode(r).id AS from_id,
       endNode(r).id AS to_id, properties(r) AS props"""

DELETE_RELATION = f"""UNWIND $types AS t
MATCH (:{E})-[r]->(:{E})
WHERE type(r) = t AND r.id = $id
DELETE r
RETURN count(*) AS deleted"""

EVENT_EDGES = f"""MATCH (a:{E})-[r]->(b:{E})
WHERE type(r) IN $types AND r.event IN $events
RETURN type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props
ORDER BY coalesce(r.date_earliest, '9999'), r.id"""
