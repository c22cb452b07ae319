"""The benchmark's floor does the resolvers' store work: for each of the five timed reads, the same
statements, with the same parameters, reach the store whether GraphQL answers it or the floor does."""

import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from bench.operations import BY_NAME, Args
from graph.embedded import EmbeddedStore
from graph.store import Row, Statement
from tests.conftest import settings_for

ARGS: dict[str, Args] = {
    "entity_neighbours": {"id": "place-palu"},
    "search": {"text": "balik"},
    "path_3_hops": {"fromId": "place-palu", "toId": "place-balikpapan"},
    "timeline": {"entityId": "place-balikpapan"},
    "entities_page_nested": {"after": None, "types": None},
}


class Recording:
    """The real seeded store, noting every statement sent through it."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store, self.sent = store, Counter[tuple[str, str]]()
        self.name, self.round_trips = store.name, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    async def run(self, statement: str, params: Mapping[str, Any] | None = None, *, write: bool = False) -> list[Row]:
        self.sent[statement, json.dumps(params, sort_keys=True, default=str)] += 1
        return await self.store.run(statement, params, write=write)

    async def write_all(self, statements: list[Statement]) -> None:
        self.sent.update((text, json.dumps(p, sort_keys=True, default=str)) for text, p in statements)
        await self.store.write_all(statements)


@pytest.mark.parametrize("name", sorted(ARGS))
async def test_floor_sends_the_statements_graphql_sends(name: str, store: EmbeddedStore, tmp_path: Path) -> None:
    operation, args = BY_NAME[name], ARGS[name]
    through_graphql = Recording(store)
    app = create_app(settings_for(tmp_path), store=through_graphql)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin") as client:
        answer = (await client.post("/graphql", json={"query": operation.query, "variables": args})).json()
    assert "errors" not in answer, answer
    through_floor = Recording(store)
    await operation.direct(through_floor, args)  # type: ignore[arg-type]
    assert through_floor.sent == through_graphql.sent and sum(through_floor.sent.values()) >= 1
