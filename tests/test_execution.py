"""The seeded graph's usual reads answer through Strawberry's own executor: data, no errors, and the
fields of every object in the order the query asked for them."""

from pathlib import Path
from typing import Any

import pytest

from api.context import Context
from api.schema import build_schema
from graph.embedded import EmbeddedStore
from tests.conftest import settings_for

SEEDED_QUERIES = [
    """{ entity(id: "person-fadjroel-rachman") { __typename id name aliases type properties
         ... on Person { honorific description } sources { id name }
         relations { __typename id type direction date datePrecision status properties cursor
                     other { __typename id name aliases } sources { id } } } }""",
    """{ search(text: "astana", first: 5) { __typename id name aliases ... on Place { kind } } }""",
    """{ timeline(entityId: "place-balikpapan", first: 5) { id kind date datePrecision dateText status
         participants { __typename id name } } }""",
    """{ entities(first: 3, types: ["Institution"]) { totalCount edges { cursor node { id name
         relations(first: 2) { type direction other { id } } } } pageInfo { hasNextPage endCursor } } }""",
    """{ path(fromId: "place-palu", toId: "place-astana", maxHops: 4) { length entities { id name }
         relations { id type direction other { id } } } }""",
]


async def _execute(store: EmbeddedStore, data_dir: Path, query: str) -> Any:
    settings = settings_for(data_dir)
    return await build_schema(settings).execute(query, context_value=Context(store=store, settings=settings))


@pytest.mark.parametrize("query", SEEDED_QUERIES)
async def test_seeded_reads_answer_without_errors(store: EmbeddedStore, data_dir: Path, query: str) -> None:
    result = await _execute(store, data_dir, query)
    assert result.errors is None
    assert result.data and all(value for value in result.data.values())


async def test_a_missing_entity_is_null_not_an_error(store: EmbeddedStore, data_dir: Path) -> None:
    result = await _execute(store, data_dir, '{ missing: entity(id: "no-such-entity") { id name } }')
    assert (result.data, result.errors) == ({"missing": None}, None)


async def test_stored_and_resolved_fields_keep_the_order_asked(store: EmbeddedStore, data_dir: Path) -> None:
    query = '{ entity(id: "place-palu") { id relations(first: 3) { cursor id other { name } type date } name } }'
    result = await _execute(store, data_dir, query)
    assert result.errors is None
    entity = result.data["entity"]
    assert list(entity) == ["id", "relations", "name"]
    assert entity["relations"] and all(list(r) == ["cursor", "id", "other", "type", "date"]
                                       for r in entity["relations"])
