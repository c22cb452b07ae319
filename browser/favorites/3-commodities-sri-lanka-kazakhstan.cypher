// Commodities to Sri Lanka and Kazakhstan: what is shipped or proposed, from where, in what state
// Export flows whose destination is Sri Lanka or Kazakhstan, and whether the destination is known to demand the good.
MATCH (destination:Place)
WHERE destination.id IN ['place-sri-lanka', 'place-kazakhstan']
MATCH (exporter:Entity)-[shipment:EXPORTS]->(good:Commodity)
WHERE shipment.destination = destination.id
OPTIONAL MATCH (destination)-[need:DEMANDS]->(good)
RETURN destination.name AS destination, good.name AS commodity, exporter.name AS shipped_from,
       shipment.status AS status, coalesce(shipment.date, shipment.date_text) AS date,
       shipment.first_shipment AS first_shipment, need IS NOT NULL AS demanded_there
ORDER BY destination, commodity
