"""Integrity the store enforces in one statement, on both stores: nothing is deleted while an edge, an entity or
a claim refers to it (or, asked for, the edges and claims go with it), and a write naming an entity deleted at
the same moment writes nothing and says so; no race leaves a reference to nothing."""

import asyncio
from typing import Any

import httpx

from tests.conftest import TOKEN, gql

SOURCE = """mutation($id: ID!) { upsertEntity(input: {id: $id, type: "Source", name: "Test article",
    sources: [$id], properties: {language: "id", seed_file: "x.txt"}}) { id } }"""
PLACE = """mutation($id: ID!, $source: ID!) { upsertEntity(input: {id: $id, type: "Place", name: "A place",
    sources: [$source], properties: {kind: "city"}}) { id } }"""
COMMODITY = """mutation($id: ID!) { upsertEntity(input: {id: $id, type: "Commodity", name: "Coal",
    sources: ["source-x"], properties: {category: "mining"}}) { id } }"""
EXPORT = """mutation { upsertRelation(input: {type: "EXPORTS", fromId: "place-samarinda", toId: "commodity-coal",
    sources: ["source-x"], properties: {destination: "place-astana", port: "place-kkt"}}) { id } }"""
LOCATED = """mutation($from: ID!, $to: ID!) { upsertRelation(input: {type: "LOCATED_IN", fromId: $from, toId: $to,
    sources: ["source-x"]}) { id } }"""
DELETE = "mutation($id: ID!, $cascade: Boolean) { deleteEntity(id: $id, cascade: $cascade) { id relationIds } }"
DANGLING = """{ entities(first: 100) { edges { node { id sources { id }
    relations { type other { id } properties } } } } }"""


async def _write(client: httpx.AsyncClient, query: str, **variables: Any) -> Any:
    return await gql(client, query, token=TOKEN, **variables)


async def _export_through_kkt(writer: httpx.AsyncClient) -> None:
    await _write(writer, SOURCE, id="source-x")
    for place in ("place-samarinda", "place-astana", "place-kkt"):
        await _write(writer, PLACE, id=place, source="source-x")
    assert "errors" not in await _write(writer, COMMODITY, id="commodity-coal")
    assert "errors" not in await _write(writer, EXPORT)


async def test_a_place_named_as_an_exports_port_is_not_deleted(writer: httpx.AsyncClient) -> None:
    await _export_through_kkt(writer)
    body = await _write(writer, DELETE, id="place-kkt")
    error = body["errors"][0]
    assert error["extensions"] == {"code": "Conflict", "status": 409}
    assert "EXPORTS 'place-samarinda--EXPORTS--commodity-coal' (names it as its port)" in error["message"]
    assert "cascade: true" in error["message"]
    exports = await gql(writer, '{ entity(id: "place-samarinda") { relations { properties } } }')
    assert exports["data"]["entity"]["relations"][0]["properties"]["port"] == "place-kkt"
    assert (await gql(writer, '{ entity(id: "place-kkt") { id } }'))["data"]["entity"] == {"id": "place-kkt"}


async def test_a_cascade_deletes_the_edges_naming_it_and_lists_them(writer: httpx.AsyncClient) -> None:
    await _export_through_kkt(writer)
    await _write(writer, LOCATED, **{"from": "place-kkt", "to": "place-samarinda"})
    body = await _write(writer, DELETE, id="place-kkt", cascade=True)
    assert sorted(body["data"]["deleteEntity"]["relationIds"]) == [
        "place-kkt--LOCATED_IN--place-samarinda", "place-samarinda--EXPORTS--commodity-coal"]
    left = await gql(writer, '{ entity(id: "place-samarinda") { relations { id } } }')
    assert left["data"]["entity"]["relations"] == []


async def test_an_entity_with_edges_is_not_deleted_without_cascade(writer: httpx.AsyncClient) -> None:
    await _write(writer, SOURCE, id="source-x")
    for place in ("place-samarinda", "place-kaltim"):
        await _write(writer, PLACE, id=place, source="source-x")
    await _write(writer, LOCATED, **{"from": "place-samarinda", "to": "place-kaltim"})
    body = await _write(writer, DELETE, id="place-kaltim")
    assert "LOCATED_IN 'place-samarinda--LOCATED_IN--place-kaltim' (one of its ends)" in body["errors"][0]["message"]


async def test_a_cited_source_is_not_deleted_even_with_cascade(writer: httpx.AsyncClient) -> None:
    await _export_through_kkt(writer)
    body = await _write(writer, DELETE, id="source-x", cascade=True)
    message = body["errors"][0]["message"]
    assert "EXPORTS 'place-samarinda--EXPORTS--commodity-coal' (cites it as a source)" in message
    assert "a citation, or an entity naming it, never goes with it" in message
    assert (await gql(writer, '{ entity(id: "source-x") { id } }'))["data"]["entity"] == {"id": "source-x"}


async def _dangling(writer: httpx.AsyncClient) -> list[str]:
    """Every id that an entity or an edge cites or names and that is not an entity."""
    nodes = [e["node"] for e in (await gql(writer, DANGLING))["data"]["entities"]["edges"]]
    ids = {n["id"] for n in nodes}
    named = {s["id"] for n in nodes for s in n["sources"]}
    named |= {r["other"]["id"] for n in nodes for r in n["relations"]}
    named |= {s for n in nodes for r in n["relations"] for s in r["properties"]["sources"]}
    return sorted(named - ids)


async def test_citing_a_source_while_it_is_deleted_never_leaves_both_done(writer: httpx.AsyncClient) -> None:
    await _write(writer, SOURCE, id="source-x")
    outcomes = []
    for round_ in range(20):
        source, place = f"source-r{round_}", f"place-r{round_}"
        await _write(writer, SOURCE, id=source)
        cite, delete = await asyncio.gather(_write(writer, PLACE, id=place, source=source),
                                            _write(writer, DELETE, id=source))
        outcomes.append(("errors" not in cite, "errors" not in delete))
        for body in (cite, delete):
            for error in body.get("errors", []):  # the loser is told why, with a code
                assert error["extensions"]["code"] in ("Conflict", "InvalidData"), error
    assert (True, True) not in outcomes
    assert await _dangling(writer) == []


async def test_an_edge_written_while_its_end_is_deleted_gets_a_coded_error(writer: httpx.AsyncClient) -> None:
    await _write(writer, SOURCE, id="source-x")
    await _write(writer, PLACE, id="place-kaltim", source="source-x")
    outcomes = []
    for round_ in range(20):
        place = f"place-r{round_}"
        await _write(writer, PLACE, id=place, source="source-x")
        link, delete = await asyncio.gather(_write(writer, LOCATED, **{"from": place, "to": "place-kaltim"}),
                                            _write(writer, DELETE, id=place))
        outcomes.append(("errors" not in link, "errors" not in delete))
        for body in (link, delete):
            for error in body.get("errors", []):
                assert error["extensions"]["code"] in ("Conflict", "InvalidData"), error
    assert (True, True) not in outcomes
    assert await _dangling(writer) == []
