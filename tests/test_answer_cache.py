"""Answers to queries are kept until the graph's write generation moves, whoever writes; mutations and answers
with errors are never kept, and the kept answers hold no more than their bytes. Proved by the store's round
trips: an answer kept sends no statement."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from api.answers import BYTES_PER_JSON_BYTE
from api.app import create_app
from api.context import Context
from api.generations import SharedGeneration
from api.replies import ReplyCache
from api.schema import JalinSchema, build_schema
from graph.store import Store
from graph.writer import write_batch
from schema.records import Batch, NodeRecord
from tests.conftest import TOKEN, data, gql, settings_for
from tests.test_store_contract import PALU, SOURCE

NAME = '{ entity(id: "place-palu") { name } }'
RENAME = """mutation($name: String!) { upsertEntity(input: {id: "place-palu", type: "Place", name: $name,
    sources: ["source-t"], properties: {kind: "city"}}) { name } }"""


@pytest.fixture
async def palu(empty_store: Store) -> Store:
    """An empty graph of each store holding Palu and its source."""
    await write_batch(empty_store, Batch([SOURCE, PALU], []))
    return empty_store


@pytest.fixture
def app(palu: Store, data_dir: Path) -> FastAPI:
    return create_app(settings_for(data_dir), store=palu)


@pytest.fixture
async def reader(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with _client_of(app) as c:
        yield c


def _client(store: Store, data_dir: Path, **settings: int) -> httpx.AsyncClient:
    return _client_of(create_app(settings_for(data_dir, **settings), store=store))


def _client_of(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin")


async def _trips(store: Store, client: httpx.AsyncClient, query: str, token: str | None = None,
                 **variables: str) -> tuple[int, object]:
    """Send `query`; return the statements it cost the store and its body."""
    before = store.round_trips
    body = await gql(client, query, token, **variables)
    return store.round_trips - before, body


async def test_a_read_sent_again_is_answered_without_the_store(palu: Store, reader: httpx.AsyncClient) -> None:
    first = await _trips(palu, reader, NAME)
    assert first[0] >= 1 and await _trips(palu, reader, NAME) == (0, first[1])
    assert (await _trips(palu, reader, NAME, None))[0] == 0
    other_variables = await _trips(palu, reader, 'query($id: ID!) { entity(id: $id) { name } }', id="place-palu")
    assert other_variables[0] >= 1  # another text is another answer


async def test_the_same_read_sent_at_once_by_many_runs_once(palu: Store, reader: httpx.AsyncClient) -> None:
    before = palu.round_trips
    bodies = await asyncio.gather(*(data(reader, NAME) for _ in range(8)))
    assert palu.round_trips - before == 1 and bodies == [{"entity": {"name": "Palu"}}] * 8


async def test_a_write_through_the_api_is_read_at_once(palu: Store, reader: httpx.AsyncClient) -> None:
    assert (await data(reader, NAME))["entity"]["name"] == "Palu"
    await data(reader, RENAME, token=TOKEN, name="Kota Palu")
    trips, body = await _trips(palu, reader, NAME)
    assert trips >= 1 and body == {"data": {"entity": {"name": "Kota Palu"}}}


async def test_a_write_through_another_app_and_client_is_read_at_once(palu: Store, other_client: Store,
                                                                      reader: httpx.AsyncClient,
                                                                      data_dir: Path) -> None:
    assert (await data(reader, NAME))["entity"]["name"] == "Palu"
    async with _client(other_client, data_dir) as other_app:  # another process: its own app and store client
        await data(other_app, RENAME, token=TOKEN, name="Kota Palu")
    assert (await data(reader, NAME))["entity"]["name"] == "Kota Palu"
    await write_batch(other_client, Batch([NodeRecord("Place", {**PALU.props, "name": "Palu Lagi"})], []))
    assert (await data(reader, NAME))["entity"]["name"] == "Palu Lagi"


async def test_a_mutation_is_never_answered_from_the_cache(palu: Store, reader: httpx.AsyncClient) -> None:
    for _ in range(2):
        trips, body = await _trips(palu, reader, RENAME, TOKEN, name="Kota Palu")
        assert trips >= 1 and body == {"data": {"upsertEntity": {"name": "Kota Palu"}}}


async def test_an_answer_with_errors_is_never_kept(palu: Store, reader: httpx.AsyncClient) -> None:
    partly = '{ stats { entitiesByType { key } } entity(id: "place-\\u0000") { id } }'  # a NUL no id holds: an error
    for _ in range(2):
        trips, body = await _trips(palu, reader, partly)
        assert trips >= 1 and body["errors"][0]["extensions"]["code"] == "BadRequest"  # type: ignore[index]


async def test_no_answer_is_kept_when_the_cache_has_no_bytes(palu: Store, data_dir: Path) -> None:
    async with _client(palu, data_dir, response_cache_bytes=0) as uncached:
        assert [(await _trips(palu, uncached, NAME))[0] for _ in range(2)] == [1, 1]


async def test_kept_answers_hold_no_more_than_the_cache_bytes(palu: Store, data_dir: Path) -> None:
    one = BYTES_PER_JSON_BYTE * len('{"entity": {"id": "place-palu", "name": "Palu"}}')
    schema = build_schema(settings_for(data_dir, response_cache_bytes=one + 10))
    assert isinstance(schema, JalinSchema)
    def context() -> Context:  # one per request: its DataLoaders remember what they loaded
        return Context(store=palu, settings=settings_for(data_dir))
    texts = [f'query Q{i} {{ entity(id: "place-palu") {{ id name }} }}' for i in range(3)]
    for text in texts:
        assert (await schema.execute(text, context_value=context())).errors is None
        assert schema.answers.bytes <= one + 10
    assert [key[1] for key in schema.answers.entries] == texts[-1:]  # type: ignore[index]
    before = palu.round_trips
    await schema.execute(texts[-1], context_value=context())
    await schema.execute(texts[0], context_value=context())
    assert palu.round_trips - before == 1  # the last is kept, the first was let go


async def test_a_read_posted_again_is_sent_from_the_kept_reply(palu: Store, app: FastAPI,
                                                              reader: httpx.AsyncClient) -> None:
    replies = _replies(app)
    first = await _trips(palu, reader, NAME)
    hits = replies.hits
    assert await _trips(palu, reader, NAME) == (0, first[1]) and replies.hits == hits + 1
    await _trips(palu, reader, NAME, TOKEN)  # another caller's token: another reply, the answer kept
    assert replies.hits == hits + 1 and len(replies.entries) == 2


async def test_a_mutation_or_an_error_is_never_a_kept_reply(palu: Store, app: FastAPI,
                                                           reader: httpx.AsyncClient) -> None:
    partly = '{ stats { entitiesByType { key } } entity(id: "place-\\u0000") { id } }'
    for _ in range(2):
        await _trips(palu, reader, RENAME, TOKEN, name="Kota Palu")
        await _trips(palu, reader, partly)
    assert _replies(app).hits == 0 and not _replies(app).entries


async def test_a_write_from_another_process_moves_the_kept_replies_on(palu: Store, other_client: Store, app: FastAPI,
                                                                      reader: httpx.AsyncClient) -> None:
    for _ in range(2):
        assert (await data(reader, NAME))["entity"]["name"] == "Palu"
    assert _replies(app).hits == 1
    await write_batch(other_client, Batch([NodeRecord("Place", {**PALU.props, "name": "Palu Lagi"})], []))
    trips, body = await _trips(palu, reader, NAME)
    assert trips >= 1 and body == {"data": {"entity": {"name": "Palu Lagi"}}}


async def test_requests_at_once_share_a_read_of_the_generation(palu: Store, other_client: Store) -> None:
    shared = SharedGeneration(palu)
    read = await asyncio.gather(*(shared.read() for _ in range(20)))
    assert len(set(read)) == 1 and shared.reads == 1
    waiting = [asyncio.create_task(shared.read()) for _ in range(5)]  # a read on its way while the write is done
    await write_batch(other_client, Batch([NodeRecord("Place", {**PALU.props, "name": "Palu Lagi"})], []))
    assert await shared.read() > read[0]  # asked after the write was acknowledged: sees it
    assert all(r >= read[0] for r in await asyncio.gather(*waiting)) and shared.reads <= 4


def _replies(app: FastAPI) -> ReplyCache:
    replies: ReplyCache = app.state.replies
    return replies
