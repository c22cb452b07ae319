"""Find entities by any of their names: case, accents and aliases do not matter; prefixes match."""

from graph.entities import StoredEntity, entity_from_row
from graph.store import Store
from graph.text import NAMES_SEPARATOR, tokens
from jalin.errors import BadRequest
from schema import SEARCH_NAMES

CANDIDATES = 5  # candidates taken, by full-text score, per result wanted, so that ranking has room

# Appended to the store's full-text call. The best-scored candidates of the wanted types are
# ranked by how their folded names meet the folded text: exact name, exact other name, name
# prefix, other name prefix, then word prefixes; shorter names first. Ranking in the statement
# sends back only the results, and properties are read for them alone, not for every match of a
# common word.
SEARCH_TAIL = f"""
WITH node, score WHERE $types IS NULL OR any(l IN labels(node) WHERE l IN $types)
WITH node, score ORDER BY score DESC LIMIT $candidates
WITH node, score, split(coalesce(node.{SEARCH_NAMES}, ''), '{NAMES_SEPARATOR}') AS names
WITH node, score, names[0] AS main, CASE
    WHEN names[0] = $text THEN 0
    WHEN $text IN names THEN 1
    WHEN names[0] STARTS WITH $text THEN 2
    WHEN any(name IN names WHERE name STARTS WITH $text) THEN 3
    ELSE 4 END AS tier
WITH node, score, tier, size(main) AS length, main
ORDER BY tier, length, main, score DESC, node.id LIMIT $first
RETURN node {{.*}} AS props, labels(node) AS labels"""


# A name is a few words: a 6 MB search once grew the store's memory by gigabytes.
MAX_TEXT = 200
MAX_WORDS = 12


async def search(store: Store, text: str, types: list[str] | None, first: int) -> list[StoredEntity]:
    """Return up to `first` entities whose names match `text`, best match first."""
    if len(text) > MAX_TEXT:
        raise BadRequest(f"text: {len(text)} characters; a search takes at most {MAX_TEXT}: "
                         "search for the name, not a passage")
    words = [w for w in tokens(text) if len(w) >= 2]
    if len(words) > MAX_WORDS:
        raise BadRequest(f"text: {len(words)} words; a search takes at most {MAX_WORDS}")
    if not words:
        raise BadRequest(f"text: '{text}' needs at least one word of two or more letters or digits")
    params = {"query": store.fulltext_query(words), "text": " ".join(words), "types": types,
              "candidates": first * CANDIDATES, "first": first}
    rows = await store.run(store.fulltext_statement() + SEARCH_TAIL, params)
    return [entity_from_row(row["props"], row["labels"]) for row in rows]
