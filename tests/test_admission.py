"""Admission: GraphQL requests beyond the running limit wait their turn in order, and past the deadline get a
503 with Retry-After and a code; other paths are not held.

The middleware wraps a small ASGI app whose requests end when the test says, so that the test
decides how long each holds its slot; the served app with it is tested by the load benchmark and
tests/test_embedded_store.py (100 simultaneous reads, all answered).
"""

import asyncio
from collections.abc import Callable

import httpx
from starlette.types import Receive, Scope, Send

from api.admission import Admission


class Held:
    """An ASGI app that notes the order requests start in and answers each once released."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.release = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.started.append(scope["query_string"].decode())
        await self.release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _client(app: Admission) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin")


async def _until(check: Callable[[], bool]) -> None:
    for _ in range(1000):
        if check():
            return
        await asyncio.sleep(0.001)
    raise AssertionError("not within a second")


async def test_requests_beyond_the_limit_wait_and_run_in_the_order_they_came() -> None:
    held = Held()
    async with _client(Admission(held, running=1, wait_s=30, retry_after_s="5")) as client:
        first = asyncio.create_task(client.post("/graphql?first"))
        await _until(lambda: held.started == ["first"])
        later = [asyncio.create_task(client.post(f"/graphql?{name}")) for name in ("second", "third")]
        await asyncio.sleep(0.05)
        assert held.started == ["first"]  # the others wait for the slot
        held.release.set()
        answers = await asyncio.gather(first, *later)
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert held.started == ["first", "second", "third"]


async def test_a_request_waiting_past_the_deadline_gets_503_with_retry_after_and_a_code() -> None:
    held = Held()
    async with _client(Admission(held, running=1, wait_s=0.1, retry_after_s="5")) as client:
        first = asyncio.create_task(client.post("/graphql?first"))
        await _until(lambda: held.started == ["first"])
        refused = await client.post("/graphql?second")
        passed = asyncio.create_task(client.get("/readyz?other"))  # not GraphQL: not held at the door
        await _until(lambda: "other" in held.started)
        held.release.set()
        await asyncio.gather(first, passed)
    assert refused.status_code == 503 and refused.headers["retry-after"] == "5"
    assert refused.json()["errors"][0]["extensions"]["code"] == "Busy"
    assert held.started == ["first", "other"]
