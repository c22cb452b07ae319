"""Inputs for the timed reads, drawn from the generated graph: a different entity or term each time."""

import bisect
import random
from collections import defaultdict
from dataclasses import dataclass

from bench.operations import Args
from graph.entities import StoredEntity
from graph.reads import encode_cursor
from graph.text import tokens
from graph.timeline import TIMELINE_TYPES
from schema.records import Batch

PATH_HOPS = 3


@dataclass
class Samples:
    """Per operation, one argument set per repetition."""

    args: dict[str, list[Args]]


def _adjacency(batch: Batch) -> dict[str, list[str]]:
    neighbours: dict[str, list[str]] = defaultdict(list)
    for relation in batch.relations:
        neighbours[relation.from_id].append(relation.to_id)
        neighbours[relation.to_id].append(relation.from_id)
    return neighbours


def _walk(rng: random.Random, neighbours: dict[str, list[str]], start: str) -> str | None:
    """Return the end of a random walk of PATH_HOPS steps that never revisits, or None if stuck."""
    seen = [start]
    for _ in range(PATH_HOPS):
        options = [n for n in neighbours.get(seen[-1], []) if n not in seen]
        if not options:
            return None
        seen.append(rng.choice(options))
    return seen[-1]


def _path_pairs(rng: random.Random, ids: list[str], neighbours: dict[str, list[str]], count: int) -> list[Args]:
    pairs: list[Args] = []
    while len(pairs) < count:
        start = rng.choice(ids)
        end = _walk(rng, neighbours, start)
        if end is not None:
            pairs.append({"fromId": start, "toId": end})
    return pairs


def _search_terms(rng: random.Random, batch: Batch, count: int) -> list[Args]:
    """Return whole words and prefixes of three or more letters of random entities' names."""
    terms: list[Args] = []
    for node in rng.sample(batch.nodes, count):
        word = rng.choice(tokens(node.props["name"]))
        terms.append({"text": word if rng.random() < 0.5 else word[:max(3, len(word) - 2)]})
    return terms


def _pages(rng: random.Random, batch: Batch, count: int) -> list[Args]:
    """Return cursors after random entities, half of them also filtered by the type of another; with each,
    the `offset` of the page in id order, for an API that pages by offset (Jalin's ignores it)."""
    labels = sorted({n.label for n in batch.nodes})
    ids = {label: sorted(n.id for n in batch.nodes if n.label == label) for label in labels}
    ids[""] = sorted(n.id for n in batch.nodes)
    pages: list[Args] = []
    for node in rng.sample(batch.nodes, count):
        cursor = encode_cursor(StoredEntity(node.label, node.props), "ID")
        types = [rng.choice(labels)] if rng.random() < 0.5 else None
        offset = bisect.bisect_right(ids[types[0] if types else ""], node.id)
        pages.append({"after": cursor, "types": types, "offset": offset})
    return pages


def draw(batch: Batch, count: int, seed: int) -> Samples:
    """Draw `count` argument sets for every operation, the same ones for a given seed."""
    rng = random.Random(seed)
    ids = [n.id for n in batch.nodes]
    dated = sorted({end for r in batch.relations if r.type in TIMELINE_TYPES for end in (r.from_id, r.to_id)})
    return Samples({
        "entity_neighbours": [{"id": i} for i in rng.sample(ids, count)],
        "search": _search_terms(rng, batch, count),
        "path_3_hops": _path_pairs(rng, ids, _adjacency(batch), count),
        "timeline": [{"entityId": i} for i in rng.sample(dated, min(count, len(dated)))],
        "entities_page_nested": _pages(rng, batch, count),
    })
