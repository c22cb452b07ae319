"""Links that open Neo4j Browser on one entity's neighbourhood."""

from urllib.parse import quote, urlencode

from schema import ENTITY_LABEL

# A text the user sees and runs in Browser, not a statement Jalin sends: Browser's `cmd=edit` link
# cannot carry parameters, so the id is written as a quoted Cypher string.
NEIGHBOURHOOD = f"MATCH (n:{ENTITY_LABEL} {{id: {{id}}}})-[r]-(m:{ENTITY_LABEL}) RETURN n, r, m"


def cypher_string(value: str) -> str:
    """Return `value` as a single-quoted Cypher string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def neighbourhood_query(entity_id: str) -> str:
    """Return the Browser query that draws an entity with its edges and neighbours."""
    return NEIGHBOURHOOD.replace("{id}", cypher_string(entity_id))


def browser_link(base_url: str | None, entity_id: str) -> str | None:
    """Return a Neo4j Browser link that opens the entity's neighbourhood, or None without a base URL."""
    if not base_url:
        return None
    return f"{base_url}?{urlencode({'cmd': 'edit', 'arg': neighbourhood_query(entity_id)}, quote_via=quote)}"
