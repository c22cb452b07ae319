"""The embedded store's bulk load into an empty graph: same graph as the merging writer, all or nothing."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graph import bulk
from graph.embedded import STAGING_SUFFIX, EmbeddedStore
from graph.export import snapshot
from graph.writer import write_batch
from jalin.errors import BadRequest, Conflict
from schema import MODEL
from schema.records import Batch, NodeRecord, RelationRecord
from seeds.loader import read_fixtures
from tests.conftest import SEEDS

EVERY_KIND = {"id": "place-x", "name": "Ñusantara 🌏 \"kutip\" \\ miring", "kind": "city", "sources": ["source-t"],
              "aliases": [], "population": -5, "area_km2": 1.5, "capital": True, "codes": [1, 2],
              "big": 2**62, "empty": None}
SOURCE = NodeRecord("Source", {"id": "source-t", "name": "T", "language": "id", "seed_file": "t.txt"})
QUERY_NODES = "MATCH (n) RETURN n {.*} AS props, labels(n) AS labels ORDER BY n.id"


@pytest.fixture
async def loaded(tmp_path: Path) -> AsyncIterator[EmbeddedStore]:
    """An embedded store whose graph has never been written."""
    store = EmbeddedStore(tmp_path, "fresh")
    await store.open()
    yield store
    await store.close()


async def _merged(store: EmbeddedStore, batch: Batch) -> EmbeddedStore:
    other = EmbeddedStore(store.server.data_dir, "merged")
    await other.open()
    await other.install_schema(MODEL)
    await write_batch(other, batch)
    return other


async def test_bulk_load_keeps_every_kind_of_value_as_the_merging_writer_does(loaded: EmbeddedStore) -> None:
    batch = Batch([SOURCE, NodeRecord("Place", EVERY_KIND)])
    assert await loaded.load_into_empty(batch, MODEL)
    merged = await _merged(loaded, batch)
    try:
        assert await loaded.run(QUERY_NODES) == await merged.run(QUERY_NODES)
    finally:
        await merged.close()
    stored = (await loaded.run(QUERY_NODES))[0]["props"]
    assert stored["name"] == EVERY_KIND["name"] and stored["codes"] == [1, 2] and "empty" not in stored


async def test_bulk_load_in_many_calls_gives_the_same_graph(loaded: EmbeddedStore,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    batch, _ = read_fixtures(SEEDS)
    monkeypatch.setattr(bulk, "TOKEN_BYTES", 2_000)  # split the 226 records over many tokens and calls
    assert len(list(bulk.commands(batch))) > 10
    before = loaded.round_trips
    assert await loaded.load_into_empty(batch, MODEL)
    assert loaded.round_trips - before > 10
    merged = await _merged(loaded, batch)
    try:
        assert await snapshot(loaded) == await snapshot(merged)
    finally:
        await merged.close()


async def test_bulk_load_leaves_indexes_and_constraint_operational(loaded: EmbeddedStore) -> None:
    batch, _ = read_fixtures(SEEDS)
    assert await loaded.load_into_empty(batch, MODEL)
    indexes = await loaded.run("CALL db.indexes() YIELD label, status RETURN label, status")
    constraints = await loaded.run("CALL db.constraints() YIELD status RETURN status")
    assert {row["status"] for row in indexes + constraints} == {"OPERATIONAL"}
    assert {row["label"] for row in indexes} >= {"Entity", *MODEL.relations}
    plan = await loaded._connection().execute_command("GRAPH.EXPLAIN", "fresh",
                                                      "MATCH ()-[r:MET {id: 'x'}]->() RETURN r")
    assert any("Edge By Index Scan" in str(step) for step in plan), plan
    assert not await loaded._connection().exists(f"fresh{STAGING_SUFFIX}")


async def test_bulk_load_that_fails_writes_nothing(loaded: EmbeddedStore) -> None:
    # Two nodes with one id never pass the loader's checks; built by hand, they make the unique
    # constraint fail inside the store, after the data went in.
    twice = Batch([SOURCE, NodeRecord("Place", {"id": "source-t", "name": "Again"})])
    with pytest.raises(BadRequest, match=r"unique constraint on Entity\(id\)"):
        await loaded.load_into_empty(twice, MODEL)
    assert await loaded.run("MATCH (n) RETURN count(n) AS n") in ([], [{"n": 0}])
    assert not await loaded._connection().exists(f"fresh{STAGING_SUFFIX}")


async def test_bulk_load_refuses_a_graph_holding_data(loaded: EmbeddedStore) -> None:
    await loaded.run("CREATE (:Entity:Source {id: 'source-old'})", write=True)
    assert not await loaded.load_into_empty(Batch([SOURCE]), MODEL)
    rows = await loaded.run("MATCH (n) RETURN n.id AS id")
    assert rows == [{"id": "source-old"}]


async def test_bulk_load_declines_values_it_cannot_encode(loaded: EmbeddedStore) -> None:
    with pytest.raises(bulk.NotBulkLoadable, match="NUL"):
        bulk.value_bytes("a\x00b")
    with pytest.raises(bulk.NotBulkLoadable, match="64-bit"):
        bulk.value_bytes(2**64)
    huge = Batch([NodeRecord("Place", {"id": "place-x", "name": "X", "count": 2**64})])
    assert not await loaded.load_into_empty(huge, MODEL)
    assert await loaded.run("MATCH (n) RETURN count(n) AS n") in ([], [{"n": 0}])


def test_bulk_edges_name_their_ends_by_load_position() -> None:
    a = NodeRecord("Place", {"id": "place-a", "name": "A"})
    b = NodeRecord("Person", {"id": "person-b", "name": "B"})
    batch = Batch([a, b], [RelationRecord("BORN_IN", "person-b", "place-a", {"id": "r"})])
    [command] = list(bulk.commands(batch))
    # Person sorts before Place: person-b is node 0, place-a node 1.
    assert bulk.ENDS.pack(0, 1) in command.edge_tokens[0]
    assert (command.nodes, command.edges) == (2, 1)


async def test_bulk_loaded_graph_comes_back_whole_after_a_restart(tmp_path: Path) -> None:
    batch, _ = read_fixtures(SEEDS)
    store = EmbeddedStore(tmp_path / "restart")
    await store.open()
    assert await store.load_into_empty(batch, MODEL)
    before = await snapshot(store)
    await store.close()  # stops the server, which saves
    again = EmbeddedStore(tmp_path / "restart")
    await again.open()
    try:
        assert await snapshot(again) == before
        rows = await again.run(again.fulltext_statement() + " RETURN node.id AS id", {"query": "balikpap*"})
        assert "place-balikpapan" in [r["id"] for r in rows]
        with pytest.raises(Conflict):
            await again.run("CREATE (:Entity:Place {id: 'place-palu'})", write=True)
    finally:
        await again.close()
