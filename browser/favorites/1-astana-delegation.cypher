// Delegation from Astana: city officials who came with the ambassador
// Members of the ambassador's delegation who hold a post in Astana's city administration (akimat) or city council (maslikhat).
MATCH (astana:Place {id: 'place-astana'})
MATCH (member:Person)-[trip:MEMBER_OF_DELEGATION]->(leader:Person)
MATCH (member)-[post:HOLDS_POSITION]->(office:Institution)-[:PART_OF*0..1]->(body:Institution)-[:LOCATED_IN]->(astana)
RETURN member.name AS official, post.title_en AS post, body.name AS city_body,
       leader.name AS delegation_of, trip.date_text AS day
ORDER BY city_body, official
