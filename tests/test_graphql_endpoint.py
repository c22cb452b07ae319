"""The /graphql endpoint's handling of requests: a JSON POST and a GET answer alike, and malformed
requests get a 400 that says what is wrong."""

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from graph.embedded import EmbeddedStore
from tests.conftest import settings_for

QUERY = 'query Palu($id: ID!) { entity(id: $id) { id name } }'
PALU = {"data": {"entity": {"id": "place-palu", "name": "Palu"}}}


async def test_post_and_get_answer_alike(embedded_client: httpx.AsyncClient) -> None:
    variables = {"id": "place-palu"}
    posted = await embedded_client.post("/graphql", json={"query": QUERY, "variables": variables})
    fetched = await embedded_client.get("/graphql", params={"query": QUERY, "variables": '{"id": "place-palu"}'})
    assert posted.status_code == fetched.status_code == 200
    assert posted.json() == fetched.json() == PALU


async def test_post_with_extensions_and_operation_name_is_answered(embedded_client: httpx.AsyncClient) -> None:
    body = {"query": QUERY, "variables": {"id": "place-palu"}, "operationName": "Palu", "extensions": {}}
    response = await embedded_client.post("/graphql", json=body)
    assert (response.status_code, response.json()) == (200, PALU)


@pytest.mark.parametrize(("content", "reason"), [
    (b"{not json", "Unable to parse request body as JSON"),
    (b'{"query": 5}', "`query` must be a string"),
    (b'{"query": "{ stats { totalEntities } }", "variables": [1]}', "`variables` must be an object"),
])
async def test_malformed_posts_are_refused_saying_why(embedded_client: httpx.AsyncClient, content: bytes,
                                                      reason: str) -> None:
    response = await embedded_client.post("/graphql", content=content, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert reason in response.text


async def test_an_unknown_operation_name_is_refused(embedded_client: httpx.AsyncClient) -> None:
    response = await embedded_client.post("/graphql", json={"query": QUERY, "operationName": "Other",
                                                            "variables": {"id": "place-palu"}})
    assert response.status_code == 400
    assert "Other" in response.text


async def test_a_mutation_over_get_is_refused(embedded_client: httpx.AsyncClient) -> None:
    response = await embedded_client.get("/graphql", params={"query": 'mutation { deleteEntity(id: "x") }'})
    assert response.status_code == 400
    assert "mutations are not allowed when using GET" in response.text




@pytest.mark.parametrize(("content", "reason"), [
    (b'{"query": "\xff"}', "the request body is not UTF-8 text"),
    (b"null", "the request must be a JSON object"),
    (b"42", "the request must be a JSON object"),
    (b'{"query": "{ __typename }", "variables": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
     "the request's JSON is nested too deeply"),
])
async def test_client_mistakes_in_the_body_are_400_never_500(embedded_client: httpx.AsyncClient, content: bytes,
                                                            reason: str) -> None:
    response = await embedded_client.post("/graphql", content=content, headers={"content-type": "application/json"})
    assert (response.status_code, reason in response.text) == (400, True), response.text


async def test_a_query_by_get_from_another_site_is_refused(embedded_client: httpx.AsyncClient) -> None:
    params = {"query": QUERY, "variables": '{"id": "place-palu"}'}
    refused = await embedded_client.get("/graphql", params=params, headers={"Sec-Fetch-Site": "cross-site"})
    assert refused.status_code == 403 and "POST it as JSON" in refused.text
    same_site = await embedded_client.get("/graphql", params=params, headers={"Sec-Fetch-Site": "same-origin"})
    assert same_site.json() == PALU


async def test_a_control_character_in_an_id_is_a_bad_request(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": 'query($id: ID!) { entity(id: $id) { id } }',
                                                   "variables": {"id": "place-\u0000palu"}})
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "BadRequest", "status": 400}
    assert "control character U+0000" in error["message"]


async def test_a_body_over_the_limit_is_refused_unread(embedded_client: httpx.AsyncClient) -> None:
    body = b'{"query": "{ __typename }", "variables": {"pad": "' + b"x" * (2 << 20) + b'"}}'
    response = await embedded_client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "exceeds 1048576 bytes" in response.text
    assert response.headers["x-content-type-options"] == "nosniff"

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(3):
            yield b"x" * (1 << 19)

    chunked = await embedded_client.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert chunked.status_code == 413


async def test_a_search_for_a_passage_is_refused(client: httpx.AsyncClient) -> None:
    long = await client.post("/graphql", json={"query": "query($t: String!) { search(text: $t) { id } }",
                                               "variables": {"t": "ab " * 3_000}})
    assert "a search takes at most 200" in long.json()["errors"][0]["message"]
    wordy = await client.post("/graphql", json={"query": "query($t: String!) { search(text: $t) { id } }",
                                                "variables": {"t": " ".join(["kota"] * 20)}})
    assert "20 words; a search takes at most 12" in wordy.json()["errors"][0]["message"]


async def test_a_refused_request_logs_one_line_not_a_traceback(embedded_client: httpx.AsyncClient,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    await embedded_client.post("/graphql", json={"query": "{ entity(id: \"place-palu\") { colour } }"})
    await embedded_client.post("/graphql", json={"query": '{ timeline(from: "29/8/2025") { kind } }'})
    refused = [r for r in caplog.records if r.name == "jalin.requests"]
    assert [r.getMessage().split(":")[0] for r in refused] == ["refused", "refused"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


PALU_ONLY = 'query Palu { entity(id: "place-palu") { id } }'
TWO_OPERATIONS = f'{PALU_ONLY} mutation Gone {{ deleteEntity(id: "place-palu") {{ id }} }}'
TWO_QUERIES = f"{PALU_ONLY} query Counts {{ stats {{ relationsByType {{ key }} }} }}"


async def test_two_operations_without_an_operation_name_are_refused_not_the_first_run(
        embedded_client: httpx.AsyncClient) -> None:
    for send in (lambda: embedded_client.post("/graphql", json={"query": TWO_OPERATIONS}),
                 lambda: embedded_client.get("/graphql", params={"query": TWO_QUERIES})):
        response = await send()
        assert response.status_code == 400
        body = response.json()
        assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "BadRequest"
        assert "send `operationName` to say which one to run" in body["errors"][0]["message"]
    chosen = await embedded_client.post("/graphql", json={"query": TWO_OPERATIONS, "operationName": "Palu"})
    assert chosen.json() == {"data": {"entity": {"id": "place-palu"}}}


async def test_an_answer_over_the_size_limit_is_replaced_by_an_error(store: EmbeddedStore, data_dir: Path) -> None:
    query = {"query": '{ entity(id: "person-fadjroel-rachman") { relations { id properties } } }'}
    small = create_app(settings_for(data_dir, max_response_bytes=2_000), store=store)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=small), base_url="http://jalin") as client:
        refused = await client.post("/graphql", json=query)
        fits = await client.post("/graphql", json={"query": '{ entity(id: "place-palu") { id } }'})
    assert refused.status_code == 400 and len(refused.content) < 2_000
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "ResponseTooLarge" and error["extensions"]["limit"] == 2_000
    assert error["extensions"]["size"] > 2_000 and "JALIN_MAX_RESPONSE_BYTES" in error["message"]
    assert "person-fadjroel-rachman--" not in refused.text
    assert fits.json() == {"data": {"entity": {"id": "place-palu"}}}
