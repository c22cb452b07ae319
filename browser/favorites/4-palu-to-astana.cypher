// How Palu connects to Astana: the shortest chains of facts, at most four steps
// Chains of relations in either direction from the city of Palu to the city of Astana, shortest first.
MATCH chain = (palu:Place {id: 'place-palu'})-[*1..4]-(astana:Place {id: 'place-astana'})
RETURN [step IN nodes(chain) | step.name] AS route,
       [link IN relationships(chain) | type(link)] AS via,
       length(chain) AS steps, chain
ORDER BY steps
LIMIT 5
