"""Mutations: bearer token required, the loader's checks applied, nothing half-written."""

import httpx

from tests.conftest import TOKEN, data, gql

SOURCE = """mutation { upsertEntity(input: {id: "source-x", type: "Source", name: "Test article",
    sources: ["source-x"], properties: {language: "id", seedFile: "x.txt", seed_file: "x.txt"}}) { id } }"""
CREATE_SOURCE = """mutation { upsertEntity(input: {id: "source-x", type: "Source", name: "Test article",
    sources: ["source-x"], properties: {language: "id", seed_file: "x.txt"}}) { id } }"""
CREATE_CITY = """mutation($name: String!) { upsertEntity(input: {id: "place-samarinda", type: "Place",
    name: $name, sources: ["source-x"], properties: {kind: "city"}}) { id name ... on Place { kind } } }"""


async def test_mutation_without_token_is_refused(writer: httpx.AsyncClient) -> None:
    body = await gql(writer, CREATE_SOURCE)
    assert body["errors"][0]["extensions"]["code"] == "Unauthorized"
    assert "Authorization: Bearer" in body["errors"][0]["message"]
    body = await gql(writer, CREATE_SOURCE, token="wrong")
    assert body["errors"][0]["extensions"]["status"] == 401


async def test_upsert_entity_creates_then_updates(writer: httpx.AsyncClient) -> None:
    assert "errors" not in await gql(writer, CREATE_SOURCE, token=TOKEN)
    created = await gql(writer, CREATE_CITY, token=TOKEN, name="Samarinda")
    assert created["data"]["upsertEntity"]["kind"] == "city"
    await gql(writer, CREATE_CITY, token=TOKEN, name="Kota Samarinda")
    result = await data(writer, '{ entity(id: "place-samarinda") { name } search(text: "samar") { id } }')
    assert result["entity"]["name"] == "Kota Samarinda"
    assert [e["id"] for e in result["search"]] == ["place-samarinda"]


async def test_upsert_entity_applies_the_loader_checks(writer: httpx.AsyncClient) -> None:
    body = await gql(writer, SOURCE, token=TOKEN)
    assert "unknown property 'seedFile'" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["problems"][0]["where"] == "input"
    body = await gql(writer, CREATE_CITY, token=TOKEN, name="Samarinda")
    assert "'source-x' is not the id of any entity" in body["errors"][0]["message"]
    assert (await data(writer, '{ entity(id: "place-samarinda") { id } }'))["entity"] is None


async def test_upsert_and_delete_relation(writer: httpx.AsyncClient) -> None:
    await gql(writer, CREATE_SOURCE, token=TOKEN)
    await gql(writer, CREATE_CITY, token=TOKEN, name="Samarinda")
    await gql(writer, CREATE_CITY.replace("place-samarinda", "place-kaltim").replace('"city"', '"province"'),
              token=TOKEN, name="Kalimantan Timur")
    link = """mutation { upsertRelation(input: {type: "PART_OF", fromId: "place-samarinda",
        toId: "place-kaltim", sources: ["source-x"]}) { id type direction other { id } } }"""
    created = (await gql(writer, link, token=TOKEN))["data"]["upsertRelation"]
    assert created == {"id": "place-samarinda--PART_OF--place-kaltim", "type": "PART_OF",
                       "direction": "OUT", "other": {"id": "place-kaltim"}}
    deleted = await gql(writer, f'mutation {{ deleteRelation(id: "{created["id"]}") }}', token=TOKEN)
    assert deleted["data"]["deleteRelation"] is True
    again = await gql(writer, f'mutation {{ deleteRelation(id: "{created["id"]}") }}', token=TOKEN)
    assert "no relation with id" in again["errors"][0]["message"]


async def test_delete_source_still_cited_is_refused(writer: httpx.AsyncClient) -> None:
    await gql(writer, CREATE_SOURCE, token=TOKEN)
    await gql(writer, CREATE_CITY, token=TOKEN, name="Samarinda")
    body = await gql(writer, 'mutation { deleteEntity(id: "source-x") { id } }', token=TOKEN)
    assert "Place 'place-samarinda' (cites it as a source)" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "Conflict" and body["errors"][0]["extensions"]["status"] == 409
    deleted = await gql(writer, 'mutation { deleteEntity(id: "place-samarinda") { id relationIds } }', token=TOKEN)
    assert deleted["data"]["deleteEntity"] == {"id": "place-samarinda", "relationIds": []}
    assert (await data(writer, '{ entity(id: "place-samarinda") { id } }'))["entity"] is None


async def test_entity_type_cannot_change_by_upsert(writer: httpx.AsyncClient) -> None:
    await gql(writer, CREATE_SOURCE, token=TOKEN)
    await gql(writer, CREATE_CITY, token=TOKEN, name="Samarinda")
    person = """mutation { upsertEntity(input: {id: "place-samarinda", type: "Person", name: "X",
        sources: ["source-x"]}) { id } }"""
    body = await gql(writer, person, token=TOKEN)
    assert "is a Place; delete it first" in body["errors"][0]["message"]


async def test_upsert_keeps_the_figures_of_an_entity_it_changes(writer: httpx.AsyncClient) -> None:
    figures = """mutation { upsertEntity(input: {id: "source-x", type: "Source", name: "Test article",
        sources: ["source-x"], properties: {language: "id", figures: [{counts: "cities helped", value: 5}]}}) {
        id } }"""
    assert "errors" not in await gql(writer, figures, token=TOKEN)
    renamed = await gql(writer, 'mutation { upsertEntity(input: {id: "source-x", name: "Renamed"}) { name figures '
                                '{ counts value } } }', token=TOKEN)
    assert renamed["data"]["upsertEntity"] == {"name": "Renamed", "figures": [{"counts": "cities helped", "value": 5}]}
