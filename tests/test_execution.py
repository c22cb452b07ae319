"""Jalin's executor answers exactly as Strawberry's own: same data, same errors at the same places.

The short path for stored scalars only skips work; these tests run the same queries through both
executors, on the seeded graph and on a small schema built to hold every value the short path
must hand back to the general one.
"""

import json
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import strawberry
from graphql import GraphQLResolveInfo
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.context import Context
from api.execution import ExecutionContext
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
    """{ missing: entity(id: "no-such-entity") { id name } }""",
    # Fields read directly and fields resolved come back in the order asked for.
    """{ entity(id: "place-palu") { id relations(first: 3) { cursor id other { name } type date } name } }""",
]


def _stock(schema: strawberry.Schema) -> strawberry.Schema:
    schema.execution_context_class = StrawberryGraphQLCoreExecutionContext
    return schema


def _answer(result: Any) -> tuple[Any, list[tuple[str, Any, Any]]]:
    """Return the data as JSON, which keeps the order of its keys, and each error with where it is."""
    errors = [(e.message, e.path, [(loc.line, loc.column) for loc in e.locations or []])
              for e in result.errors or []]
    return json.dumps(result.data), errors


@pytest.mark.parametrize("query", SEEDED_QUERIES)
async def test_seeded_graph_answers_alike(store: EmbeddedStore, data_dir: Path, query: str) -> None:
    settings = settings_for(data_dir)
    answers = []
    for schema in (build_schema(settings), _stock(build_schema(settings))):
        result = await schema.execute(query, context_value=Context(store=store, settings=settings))
        answers.append(_answer(result))
    assert answers[0] == answers[1]
    assert answers[0][0] != "null" and not answers[0][1]


@strawberry.enum
class Colour(Enum):
    RED = "red"


@strawberry.type
class Item:
    label: str
    maybe: str | None
    count: int | None
    colour: Colour | None
    tags: list[str]
    loose_tags: list[str | None] | None


class Odd:
    """Stored values that the short path must leave to the general one, and some it completes."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


ITEMS = {
    "fine": Odd(label="a", maybe=None, count=3, colour=Colour.RED, tags=["x"], loose_tags=[None, "y"]),
    "null_for_non_null": Odd(label=None, maybe="m", count=None, colour=None, tags=[], loose_tags=None),
    "refused_scalar": Odd(label="b", maybe=None, count="three", colour=None, tags=[], loose_tags=None),
    "refused_enum": Odd(label="c", maybe=None, count=None, colour="green", tags=[], loose_tags=None),
    "null_item": Odd(label="d", maybe=None, count=None, colour=None, tags=["x", None], loose_tags=None),
    "error_value": Odd(label=ValueError("stored error"), maybe=None, count=None, colour=None, tags=[],
                       loose_tags=None),
    "missing_attribute": Odd(maybe=None, count=None, colour=None, tags=[], loose_tags=None),
    "not_a_list": Odd(label="e", maybe=None, count=None, colour=None, tags="xy", loose_tags=None),
}


@strawberry.type
class ItemQuery:
    @strawberry.field
    def item(self, name: str) -> Item:
        return ITEMS[name]  # type: ignore[return-value]

    @strawberry.field
    def items(self) -> list[Item | None]:
        return list(ITEMS.values())  # type: ignore[arg-type]


ITEM_FIELDS = "__typename label maybe count colour tags looseTags"


@pytest.mark.parametrize("name", sorted(ITEMS))
async def test_odd_values_get_the_general_paths_errors(name: str) -> None:
    query = f'{{ item(name: "{name}") {{ {ITEM_FIELDS} }} }}'
    fast = await strawberry.Schema(ItemQuery, execution_context_class=ExecutionContext).execute(query)
    stock = await strawberry.Schema(ItemQuery).execute(query)
    assert _answer(fast) == _answer(stock)
    assert (fast.errors is None) == (name == "fine")


async def test_errors_in_a_list_null_only_their_item() -> None:
    query = f"{{ items {{ {ITEM_FIELDS} }} }}"
    fast = await strawberry.Schema(ItemQuery, execution_context_class=ExecutionContext).execute(query)
    stock = await strawberry.Schema(ItemQuery).execute(query)
    assert _answer(fast) == _answer(stock)
    assert fast.data is not None and fast.data["items"][0]["tags"] == ["x"]
    assert list(fast.data["items"][0]) == ["__typename", "label", "maybe", "count", "colour", "tags", "looseTags"]
    assert len(fast.errors or []) == len(ITEMS) - 1


class CountingContext(ExecutionContext):
    """Counts the fields that take the general path: each builds a ResolveInfo."""

    built: list[str] = []

    def build_resolve_info(self, *args: Any, **kwargs: Any) -> GraphQLResolveInfo[Any]:
        info = super().build_resolve_info(*args, **kwargs)
        CountingContext.built.append(info.field_name)
        return info


async def test_stored_scalars_skip_the_general_path() -> None:
    CountingContext.built = []
    schema = strawberry.Schema(ItemQuery, execution_context_class=CountingContext)
    result = await schema.execute(f'{{ item(name: "fine") {{ {ITEM_FIELDS} }} }}')
    assert result.errors is None
    assert CountingContext.built == ["item"]  # the one field with a resolver


class SeesEveryField(SchemaExtension):
    seen: list[str] = []

    def resolve(self, _next: Any, root: Any, info: GraphQLResolveInfo[Any], *args: Any, **kwargs: Any) -> Any:
        SeesEveryField.seen.append(info.field_name)
        return _next(root, info, *args, **kwargs)


async def test_an_extension_that_wraps_resolvers_sees_every_field() -> None:
    SeesEveryField.seen = []
    schema = strawberry.Schema(ItemQuery, execution_context_class=ExecutionContext, extensions=[SeesEveryField])
    result = await schema.execute('{ item(name: "fine") { label count tags } }')
    assert result.errors is None
    assert SeesEveryField.seen == ["item", "label", "count", "tags"]
