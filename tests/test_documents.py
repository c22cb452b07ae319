"""Documents are limited (tokens, depth, aliases) and parsed and validated once per query text."""

from pathlib import Path

import strawberry
from graphql import parse

from api.context import Context
from api.documents import Documents
from api.schema import build_schema
from graph.embedded import EmbeddedStore
from tests.conftest import settings_for

PALU = '{ entity(id: "place-palu") { id name } }'


async def _run(schema: strawberry.Schema, store: EmbeddedStore, data_dir: Path, query: str) -> list[str]:
    result = await schema.execute(query, context_value=Context(store=store, settings=settings_for(data_dir)))
    return [e.message for e in result.errors or []]


async def test_a_query_text_is_parsed_and_validated_once(store: EmbeddedStore, data_dir: Path) -> None:
    schema = build_schema(settings_for(data_dir))
    assert await _run(schema, store, data_dir, PALU) == []
    documents = schema.extensions[0]().documents  # type: ignore[attr-defined]
    checked = documents.get(PALU)
    assert checked is not None and checked.errors == []
    assert await _run(schema, store, data_dir, PALU) == []
    assert documents.get(PALU) is checked  # the same parsed document, not a new one


async def test_validation_errors_are_kept_and_given_again(store: EmbeddedStore, data_dir: Path) -> None:
    schema = build_schema(settings_for(data_dir))
    wrong = '{ entity(id: "place-palu") { colour } }'
    first = await _run(schema, store, data_dir, wrong)
    assert first and "Cannot query field 'colour'" in first[0]
    assert await _run(schema, store, data_dir, wrong) == first


async def test_limits_hold_for_a_text_another_schema_accepted(store: EmbeddedStore, data_dir: Path) -> None:
    deep = '{ entity(id: "place-palu") { relations { other { relations { other { id } } } } } }'
    assert await _run(build_schema(settings_for(data_dir)), store, data_dir, deep) == []
    strict = build_schema(settings_for(data_dir, max_query_depth=2))
    errors = await _run(strict, store, data_dir, deep)
    assert errors and "exceeds maximum operation depth of 2" in errors[0]


async def test_too_many_tokens_are_refused_every_time(store: EmbeddedStore, data_dir: Path) -> None:
    schema = build_schema(settings_for(data_dir, max_tokens=10))
    for _ in range(2):
        errors = await _run(schema, store, data_dir, PALU)
        assert errors and "more than 10 tokens" in errors[0]
    assert await _run(schema, store, data_dir, "{ __typename }") == []


def test_the_least_recently_used_text_is_forgotten() -> None:
    documents = Documents(size=2)
    for text in ("{ a }", "{ b }"):
        documents.keep(text, parse(text))
    assert documents.get("{ a }") is not None  # now the most recently used
    documents.keep("{ c }", parse("{ c }"))
    assert [text for text in ("{ a }", "{ b }", "{ c }") if documents.get(text)] == ["{ a }", "{ c }"]
