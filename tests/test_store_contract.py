"""The store contract, written once and run against every store that can run here."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graph.embedded import STAGING_SUFFIX, EmbeddedStore
from graph.export import snapshot
from graph.search import key_names, search
from graph.stats import count_entities
from graph.store import Store
from graph.writer import chunks, load, write_batch, write_statements
from jalin.errors import Conflict
from schema import DERIVED_PROPERTIES, MODEL, NAME_KEYS
from schema.records import Batch, NodeRecord, RelationRecord
from seeds.loader import read_fixtures
from tests.conftest import SEEDS

SOURCE = NodeRecord("Source", {"id": "source-t", "name": "T", "language": "id", "seed_file": "t.txt",
                               "sources": ["source-t"]})
PALU = NodeRecord("Place", {"id": "place-palu", "name": "Palu", "kind": "city", "sources": ["source-t"]})
BPN = NodeRecord("Place", {"id": "place-bpn", "name": "Balikpapan", "kind": "city", "sources": ["source-t"]})
SUPPLY = RelationRecord("SUPPLIES", "place-palu", "place-bpn",
                        {"id": "s1", "sources": ["source-t"], "commodities": []})


@pytest.fixture
async def embedded_store(tmp_path: Path) -> AsyncIterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path)
    await store.open()
    await store.install_schema(MODEL)
    yield store
    await store.close()


@pytest.fixture(params=["embedded", "neo4j"])
def any_store(request: pytest.FixtureRequest) -> Store:
    """An empty store of each kind that can run here."""
    found: Store = request.getfixturevalue("embedded_store" if request.param == "embedded" else "neo4j_scratch")
    return found


async def test_store_runs_statements_with_parameters(any_store: Store) -> None:
    rows = await any_store.run("RETURN $value AS value", {"value": "Mas'ud"})
    assert rows == [{"value": "Mas'ud"}]


async def test_store_reads_nothing_from_an_empty_graph(any_store: Store) -> None:
    assert await any_store.run("MATCH (n:Entity) RETURN n.id AS id") == []


async def test_store_writes_batch_idempotently(any_store: Store) -> None:
    batch = Batch([SOURCE, PALU, BPN], [SUPPLY])
    await write_batch(any_store, batch)
    await write_batch(any_store, batch)
    rows = await any_store.run("MATCH (n:Entity) RETURN count(n) AS n")
    edges = await any_store.run("MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n")
    assert (rows[0]["n"], edges[0]["n"]) == (3, 1)


async def test_store_moves_an_edge_whose_ends_change(any_store: Store) -> None:
    await write_batch(any_store, Batch([SOURCE, PALU, BPN], [SUPPLY]))
    moved = RelationRecord("SUPPLIES", "place-bpn", "place-palu", SUPPLY.props)
    await write_batch(any_store, Batch([], [moved]))
    rows = await any_store.run("MATCH (a)-[r:SUPPLIES]->(b) RETURN a.id AS a, b.id AS b")
    assert rows == [{"a": "place-bpn", "b": "place-palu"}]


async def test_store_keeps_ids_unique(any_store: Store) -> None:
    await write_batch(any_store, Batch([SOURCE, PALU], []))
    with pytest.raises(Conflict):
        await any_store.run("CREATE (:Entity:Person {id: 'place-palu'})", write=True)


async def test_store_fulltext_finds_prefixes(any_store: Store) -> None:
    await write_batch(any_store, Batch([SOURCE, PALU, BPN], []))
    rows = await any_store.run(any_store.fulltext_statement() + " RETURN node.id AS id", {"query": "balik*"})
    assert [r["id"] for r in rows] == ["place-bpn"]


def _place(key: str, name: str, *aliases: str) -> NodeRecord:
    return NodeRecord("Place", {"id": f"place-{key}", "name": name, "aliases": list(aliases), "kind": "city",
                                "sources": ["source-t"]})


async def test_store_search_ranks_names_before_other_names_and_prefixes(any_store: Store) -> None:
    places = [_place("bay", "Teluk Palu"), _place("donggala", "Donggala", "Palu Utara"),
              _place("raya", "Paluan Raya"), _place("baru", "Pàlu Baru"), _place("palupi", "Palupi"),
              _place("kota", "Kota Palu", "PALU"), _place("palu", "Palu")]
    await write_batch(any_store, Batch([SOURCE, *places], []))
    found = [e.props["id"] for e in await search(any_store, "palu", None, 10)]
    # Exact name, exact other name, name prefixes (shortest first, accents folded), prefix of
    # another name, then a word of the name.
    assert found == ["place-palu", "place-kota", "place-palupi", "place-baru", "place-raya", "place-donggala",
                     "place-bay"]
    assert [e.props["id"] for e in await search(any_store, "palu", None, 2)] == found[:2]
    best = await search(any_store, "palu", None, 1)
    assert [e.props["id"] for e in best] == ["place-palu"]
    assert not best[0].props.keys() & set(DERIVED_PROPERTIES)  # what search ranks by stays in the store


async def test_store_search_finds_an_exact_name_among_many_sharing_its_words(any_store: Store) -> None:
    # Thirty names match "palu" as a prefix or a word, all alike to the full-text index, ahead of
    # the place named Palu; and a province known as Kaltim beside thirty offices named "... Kaltim".
    crowd = [_place(f"p{i}", f"Palu{chr(97 + i) * 2}") for i in range(15)]
    crowd += [_place(f"j{i}", f"Jalan Palu Nomor {i}") for i in range(15)]
    crowd += [_place(f"k{i}", f"Kantor {i} Kaltim") for i in range(30)]
    exact = [_place("palu", "Palu"), _place("kaltim", "Kalimantan Timur", "Kaltim")]
    for batch in (Batch([SOURCE, *crowd, *exact], []), Batch([SOURCE, *exact, *crowd], [])):
        await any_store.clear()
        await load(any_store, batch, MODEL)  # into the empty graph, the store's own way
        assert [e.props["id"] for e in await search(any_store, "Palu", None, 1)] == ["place-palu"]
        assert [e.props["id"] for e in await search(any_store, "kaltim", ["Place"], 1)] == ["place-kaltim"]
        assert await search(any_store, "kaltim", ["Person"], 1) == []
    await write_batch(any_store, Batch([_place("palu", "Palu Lama", "Palu")], []))  # merged: keys follow names
    assert [e.props["id"] for e in await search(any_store, "palu lama", None, 1)] == ["place-palu"]
    assert [e.props["id"] for e in await search(any_store, "palu", None, 1)] == ["place-palu"]


async def test_store_keys_the_names_of_entities_stored_without_them(any_store: Store) -> None:
    places = [_place(f"j{i}", f"Jalan Palu Nomor {i}") for i in range(30)] + [_place("palu", "Palu", "Kota Palu")]
    await write_batch(any_store, Batch([SOURCE, *places], []))
    await any_store.run(f"MATCH (n:Entity) REMOVE n.{NAME_KEYS}", write=True)  # as an earlier Jalin stored them
    assert await key_names(any_store) == len(places) + 1  # and the source
    assert await key_names(any_store) == 0
    rows = await any_store.run(f"MATCH (n:Entity {{id: 'place-palu'}}) RETURN n.{NAME_KEYS} AS keys")
    assert rows == [{"keys": ["palu", "kota palu"]}]
    assert [e.props["id"] for e in await search(any_store, "kota palu", None, 1)] == ["place-palu"]


async def test_store_install_schema_is_repeatable(any_store: Store) -> None:
    await any_store.install_schema(MODEL)
    await any_store.ping()


async def test_store_load_into_empty_gives_the_merged_graph(any_store: Store, scratch: EmbeddedStore) -> None:
    batch, _ = read_fixtures(SEEDS)
    await write_batch(scratch, batch)  # the merging writer, on the embedded store
    await load(any_store, batch, MODEL)  # the store's own way into an empty graph, where it has one
    assert await snapshot(any_store) == await snapshot(scratch)


async def test_store_load_into_a_graph_holding_data_merges(any_store: Store) -> None:
    await write_batch(any_store, Batch([SOURCE, PALU], []))
    assert not await any_store.load_into_empty(Batch([SOURCE, PALU, BPN], [SUPPLY]), MODEL)
    await load(any_store, Batch([SOURCE, PALU, BPN], [SUPPLY]), MODEL)
    rows = await any_store.run("MATCH (a)-[r:SUPPLIES]->(b) RETURN a.id AS a, b.id AS b, r.id AS id")
    assert rows == [{"a": "place-palu", "b": "place-bpn", "id": "s1"}]
    assert (await any_store.run("MATCH (n:Entity) RETURN count(n) AS n"))[0]["n"] == 3


async def test_store_loaded_graph_keeps_ids_unique_and_searchable(any_store: Store) -> None:
    await any_store.clear()
    await load(any_store, Batch([SOURCE, PALU, BPN], [SUPPLY]), MODEL)
    rows = await any_store.run(any_store.fulltext_statement() + " RETURN node.id AS id", {"query": "balik*"})
    assert [r["id"] for r in rows] == ["place-bpn"]
    with pytest.raises(Conflict):
        await any_store.run("CREATE (:Entity:Person {id: 'place-palu'})", write=True)


async def test_store_staged_write_gives_the_merged_graph_keeping_ids_unique_and_searchable(
        any_store: Store, scratch: EmbeddedStore) -> None:
    batch, _ = read_fixtures(SEEDS)
    await write_batch(scratch, batch)  # the merging writer, in one chunk
    await write_batch(any_store, Batch(batch.nodes[:10], []))  # a graph holding data
    await any_store.write_staged([write_statements(part) for part in chunks(batch, 400)])
    assert await snapshot(any_store) == await snapshot(scratch)
    rows = await any_store.run(any_store.fulltext_statement() + " RETURN node.id AS id", {"query": "pajrul*"})
    assert [r["id"] for r in rows] == ["person-fadjroel-rachman"]
    with pytest.raises(Conflict):
        await any_store.run("CREATE (:Entity:Person {id: 'place-palu'})", write=True)


async def test_embedded_staged_write_refuses_to_lose_a_write_made_meanwhile(
        embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    await write_batch(embedded_store, Batch([SOURCE], []))
    parts = [write_statements(Batch([_place(f"p{i}", f"Place {i}")], [])) for i in range(300)]
    staged = asyncio.create_task(embedded_store.write_staged(parts))
    staging = EmbeddedStore(tmp_path, f"jalin{STAGING_SUFFIX}")
    await staging.open()
    try:
        while not await count_entities(staging):  # the copy is made: the graph is watched from now on
            await asyncio.sleep(0.001)
    finally:
        await staging.close()
    await write_batch(embedded_store, Batch([PALU], []))
    with pytest.raises(Conflict, match="written to while this write was staged: nothing was written"):
        await staged
    rows = await embedded_store.run("MATCH (n:Entity) RETURN n.id AS id ORDER BY id")
    assert [row["id"] for row in rows] == ["place-palu", "source-t"]


async def test_store_generation_moves_with_every_write_and_never_with_a_read(any_store: Store) -> None:
    seen = [await any_store.generation()]
    writes = [lambda: any_store.run("CREATE (:Entity:Place {id: 'place-g'})", write=True),
              lambda: write_batch(any_store, Batch([SOURCE], [])),  # write_all
              lambda: any_store.write_staged([write_statements(Batch([PALU], []))]),
              any_store.clear,
              lambda: load(any_store, Batch([SOURCE, PALU, BPN], [SUPPLY]), MODEL)]  # load_into_empty
    for write in writes:
        await any_store.run("MATCH (n:Entity) RETURN count(n) AS n")
        assert await any_store.generation() == seen[-1]
        await write()
        seen.append(await any_store.generation())
    assert seen == sorted(set(seen))


async def test_store_generation_is_no_entity_and_survives_clear(any_store: Store) -> None:
    await write_batch(any_store, Batch([SOURCE, PALU], []))
    await any_store.clear()
    moved = await any_store.generation()
    assert moved > 0 and await any_store.load_into_empty(Batch([SOURCE, PALU, BPN], [SUPPLY]), MODEL)
    assert await count_entities(any_store) == 3 and await any_store.generation() > moved
    assert "Generation" not in repr(await snapshot(any_store))


async def test_store_generation_moved_by_one_client_is_read_by_another(empty_store: Store,
                                                                       other_client: Store) -> None:
    before = await empty_store.generation()
    assert await other_client.generation() == before
    await write_batch(other_client, Batch([SOURCE], []))
    assert await empty_store.generation() > before
