"""Find entities by any of their names: case, accents and aliases do not matter; prefixes match."""

from functools import cache

from graph.cypher import SET_NAME_KEYS, UNKEYED_ENTITIES
from graph.entities import StoredEntity, entity_from_row
from graph.store import Store
from graph.text import NAMES_SEPARATOR, fold, search_fields, tokens
from jalin.errors import BadRequest
from schema import SEARCH_NAMES

CANDIDATES = 5  # candidates taken, by full-text score, per result wanted, so that ranking has room
OF_TYPES = "$types IS NULL OR any(l IN labels(node) WHERE l IN $types)"
UNKEYED_SLICE = 5_000  # entities keyed in one write by key_names

@cache  # one text per store, built on its first search instead of on every one
def search_statement(exact_name: str, fulltext: str) -> str:
    """Return the search statement around a store's exact-name lookup and full-text call.

    The entities named exactly as searched, found by an index, join the best-scored full-text
    candidates: a prefix scores alike in every name it starts, so among many names sharing the
    words the exact one could be left out. All are then ranked by how their folded names meet the
    folded text: exact name, exact other name, name prefix, other name prefix, then word prefixes;
    shorter names first. Ranking in the statement sends back only the results, and properties are
    read for them alone, not for every match of a common word. An exact name holds every word
    searched, so the full-text call finds it too: no match there is no match at all."""
    return f"""CALL {{
{exact_name}
WITH node WHERE {OF_TYPES}
WITH node LIMIT $candidates
RETURN collect(node) AS exact
}}
{fulltext}
WITH exact, node, score WHERE {OF_TYPES}
WITH exact, node, score ORDER BY score DESC LIMIT $candidates
WITH exact, collect(node) AS found
UNWIND exact + [other IN found WHERE NOT other IN exact] AS node
WITH node, split(coalesce(node.{SEARCH_NAMES}, ''), '{NAMES_SEPARATOR}') AS names
WITH node, names[0] AS main, CASE
    WHEN names[0] = $name THEN 0
    WHEN $name IN names THEN 1
    WHEN names[0] STARTS WITH $name THEN 2
    WHEN any(name IN names WHERE name STARTS WITH $name) THEN 3
    ELSE 4 END AS tier
WITH node, tier, size(main) AS length, main
ORDER BY tier, length, main, node.id LIMIT $first
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
    name = fold(text)
    params = {"query": store.fulltext_query(words), "key": store.exact_name_key(name), "name": name,
              "types": types, "candidates": first * CANDIDATES, "first": first}
    rows = await store.run(search_statement(store.exact_name_statement(), store.fulltext_statement()), params)
    return [entity_from_row(row["props"], row["labels"]) for row in rows]


async def key_names(store: Store) -> int:
    """Give each entity stored without its names indexed whole (by an earlier Jalin) that list, a slice
    at a time, each slice all or nothing; return how many entities got it."""
    keyed: set[str] = set()
    while rows := await store.run(UNKEYED_ENTITIES, {"slice": UNKEYED_SLICE}):
        keys = [{"id": row["props"]["id"], "keys": search_fields(row["props"])[2]} for row in rows]
        if keyed.issuperset(row["id"] for row in keys):
            break  # what was written is found again: stop rather than loop
        await store.write_all([(SET_NAME_KEYS, {"rows": keys})])
        keyed.update(row["id"] for row in keys)
    return len(keyed)
