// Timeline of Balikpapan: meetings, visits, agreements, openings and shipments in date order
// Dated events that involve the city or a place or body located in it, or that happen there; undated ones last.
MATCH (city:Place {id: 'place-balikpapan'})
OPTIONAL MATCH (local:Entity)-[:LOCATED_IN]->(city)
WITH city, collect(local.id) AS locals
WITH locals + [city.id] AS here
MATCH (actor:Entity)-[fact:MET|VISITED|AGREEMENT|SISTER_CITY|INAUGURATED|EXPORTS]->(other:Entity)
WHERE actor.id IN here OR other.id IN here OR fact.place IN here OR fact.destination IN here
RETURN fact.date AS date, fact.date_precision AS precision, fact.date_text AS as_written,
       type(fact) AS kind, actor.name AS actor, other.name AS other, fact.status AS status,
       fact.venue AS venue, fact.date_earliest AS earliest
ORDER BY coalesce(earliest, '9999'), kind, actor
