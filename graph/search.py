"""Find entities by any of their names: case, accents and aliases do not matter; prefixes match."""

from graph.entities import Entity, entity_from_row
from graph.store import Store
from graph.text import fold, names_of, tokens
from jalin.errors import BadRequest

CANDIDATES = 5  # candidates fetched per result wanted, so that re-ranking has room


# Appended to the store's full-text call: filter by type, best scores first. The properties are
# read out after the cut, for the candidates only, not for every match of a common word.
SEARCH_TAIL = """
WITH node, score WHERE $types IS NULL OR any(l IN labels(node) WHERE l IN $types)
WITH node, score ORDER BY score DESC LIMIT $limit
RETURN node {.*} AS props, labels(node) AS labels, score"""


def rank(entity: Entity, query: str) -> tuple[int, int, str]:
    """Sort key: exact name, exact alias, name prefix, alias prefix, word prefixes; shorter first."""
    names = [fold(n) for n in names_of(entity.props)]
    main = names[0] if names else ""
    if main == query:
        tier = 0
    elif query in names:
        tier = 1
    elif main.startswith(query):
        tier = 2
    elif any(n.startswith(query) for n in names):
        tier = 3
    else:
        tier = 4
    return tier, len(main), main


async def search(store: Store, text: str, types: list[str] | None, first: int) -> list[Entity]:
    """Return up to `first` entities whose names match `text`, best match first."""
    words = [w for w in tokens(text) if len(w) >= 2]
    if not words:
        raise BadRequest(f"text: '{text}' needs at least one word of two or more letters or digits")
    params = {"query": store.fulltext_query(words), "types": types, "limit": first * CANDIDATES}
    rows = await store.run(store.fulltext_statement() + SEARCH_TAIL, params)
    found = [entity_from_row(row["props"], row["labels"]) for row in rows]
    query = " ".join(words)
    return sorted(found, key=lambda e: rank(e, query))[:first]
