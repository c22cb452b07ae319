// Who signed what with whom: agreements and sister-city links, their status and date
// Every cooperation agreement, MoU and sister-city link, with the people who signed it where the sources name them.
MATCH (party:Entity)-[link:AGREEMENT|SISTER_CITY]->(counterpart:Entity)
OPTIONAL MATCH (signer:Person) WHERE signer.id IN coalesce(link.signatories, [])
WITH party, link, counterpart, collect(signer.name) AS signed_by
RETURN party.name AS party, counterpart.name AS counterpart, type(link) AS link_type,
       link.kind AS kind, link.status AS status, coalesce(link.date, link.date_text) AS date,
       signed_by, link.date_earliest AS earliest
ORDER BY coalesce(earliest, '9999'), party
