"""Documents are limited (tokens, depth, aliases) and parsed and validated once per query text, in a cache
bounded in bytes."""

from pathlib import Path

import strawberry

from api.context import Context
from api.documents import NODE_BYTES
from api.schema import JalinSchema, build_schema
from graph.embedded import EmbeddedStore
from tests.conftest import settings_for

PALU = '{ entity(id: "place-palu") { id name } }'


async def _run(schema: strawberry.Schema, store: EmbeddedStore, data_dir: Path, query: str) -> list[str]:
    result = await schema.execute(query, context_value=Context(store=store, settings=settings_for(data_dir)))
    return [e.message for e in result.errors or []]


async def test_a_query_text_is_parsed_and_validated_once(store: EmbeddedStore, data_dir: Path) -> None:
    schema = build_schema(settings_for(data_dir))
    assert await _run(schema, store, data_dir, PALU) == []
    entry = schema.documents.entries[PALU]
    assert await _run(schema, store, data_dir, PALU) == []
    assert schema.documents.hits == 1 and schema.documents.entries[PALU] is entry and entry.errors == []


async def test_distinct_texts_of_20_megabytes_hold_no_more_than_the_cache_bytes(store: EmbeddedStore,
                                                                                 data_dir: Path) -> None:
    # A comment is no token: each text of half a megabyte parses under every limit. Strawberry's caches,
    # counting 256 entries, kept every one of these 40 (a 20 MB text took 60 MB there).
    schema = build_schema(settings_for(data_dir, document_cache_bytes=4 << 20))
    assert isinstance(schema, JalinSchema)
    for i in range(40):
        text = f"# {i:02d} " + "x" * (500 << 10) + "\n{ __typename }"
        assert await _run(schema, store, data_dir, text) == []
        assert schema.documents.bytes <= 4 << 20
    kept = schema.documents.entries
    assert 1 <= len(kept) <= 4  # each counted for twice its text and its nodes
    assert schema.documents.bytes == sum(2 * len(t) + NODE_BYTES * 5 for t in kept)  # five nodes each
    assert all(t.startswith("# 39") or t > "# 3" for t in kept)  # the most recent ones


async def test_a_text_larger_than_the_whole_cache_is_parsed_each_time_not_kept(store: EmbeddedStore,
                                                                               data_dir: Path) -> None:
    schema = build_schema(settings_for(data_dir, document_cache_bytes=1 << 20))
    await _run(schema, store, data_dir, PALU)
    huge = "#" + "x" * (1 << 20) + "\n{ __typename }"
    assert await _run(schema, store, data_dir, huge) == []
    assert list(schema.documents.entries) == [PALU]


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
    assert errors and "nests fields 5 levels below its root fields, over the limit of 2" in errors[0]


async def test_too_many_aliases_are_refused(store: EmbeddedStore, data_dir: Path) -> None:
    aliased = "{ " + " ".join(f'a{i}: entity(id: "place-palu") {{ id }}' for i in range(4)) + " }"
    assert await _run(build_schema(settings_for(data_dir)), store, data_dir, aliased) == []
    errors = await _run(build_schema(settings_for(data_dir, max_aliases=3)), store, data_dir, aliased)
    assert errors and "runs 4 aliased fields" in errors[0] and "limit of 3 (JALIN_MAX_ALIASES)" in errors[0]


def doubling_fragments(levels: int, leaf: str) -> str:
    """A query whose fragment F0 spreads F1 twice, F1 spreads F2 twice, ...: 2**levels copies of `leaf`."""
    chain = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels))
    return f"query Doubling {{ ...F0 }} {chain} fragment F{levels} on Query {{ {leaf} }}"


async def test_limits_measure_each_fragment_once(store: EmbeddedStore, data_dir: Path) -> None:
    # Measured once per fragment, a 30-level chain is checked at once; walked at every spread, as
    # the limiters of Strawberry do, it would take 2**30 steps and block the server.
    schema = build_schema(settings_for(data_dir, max_query_cost=2 ** 62))  # the cost, measured alike, aside
    assert await _run(schema, store, data_dir, doubling_fragments(30, "__typename")) == []
    errors = await _run(schema, store, data_dir, doubling_fragments(30, "a: __typename"))
    assert errors and f"'Doubling' runs {2 ** 30} aliased fields" in errors[0]
    nested = "relations { other { " * 5 + "id" + " } }" * 5
    deep = doubling_fragments(30, f'entity(id: "place-palu") {{ {nested} }}')
    errors = await _run(schema, store, data_dir, deep)
    assert errors and "nests fields 11 levels below its root fields" in errors[0]


async def test_too_many_tokens_are_refused_every_time(store: EmbeddedStore, data_dir: Path) -> None:
    schema = build_schema(settings_for(data_dir, max_tokens=10))
    for _ in range(2):
        errors = await _run(schema, store, data_dir, PALU)
        assert errors and "more than 10 tokens" in errors[0]
    assert await _run(schema, store, data_dir, "{ __typename }") == []
