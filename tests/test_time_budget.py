"""Each request has a time budget that the store enforces (FalkorDB's query timeout, Neo4j's transaction
timeout): a read running past it is stopped and answered with a coded 504, not a generic error."""

from pathlib import Path

import httpx
import pytest

from api.app import create_app
from graph.budget import time_budget
from graph.embedded import EmbeddedStore
from graph.store import Store
from jalin.errors import TimeBudgetExceeded
from tests.conftest import settings_for

# A read of a hundred million rows: many seconds on either store, a few bytes of memory.
EXPENSIVE = "UNWIND range(1, 10000) AS a UNWIND range(1, 10000) AS b RETURN count(*) AS n"


async def test_the_store_stops_a_read_at_the_end_of_the_budget(empty_store: Store) -> None:
    with time_budget(0.5), pytest.raises(TimeBudgetExceeded) as raised:
        await empty_store.run(EXPENSIVE)
    assert raised.value.status == 504 and "time budget of 0.5 s" in raised.value.public
    assert (await empty_store.run("RETURN 1 AS one")) == [{"one": 1}]  # the store serves on


async def test_a_request_out_of_time_answers_504_with_a_code(store: EmbeddedStore, data_dir: Path) -> None:
    app = create_app(settings_for(data_dir, request_timeout=1e-9), store=store)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin") as client:
        response = await client.post("/graphql", json={"query": '{ entity(id: "place-palu") { id } }'})
    assert response.status_code == 504
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "TimeBudgetExceeded", "status": 504}
    assert "JALIN_REQUEST_TIMEOUT" in error["message"]
