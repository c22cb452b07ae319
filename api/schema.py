"""The Strawberry schema, with guard rails on depth, aliases and tokens."""

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

from api.errors import JalinErrorExtensions
from api.mutation import Mutation
from api.query import Query
from api.types import NODE_TYPES
from jalin.config import Settings

# Distinct query texts whose parse and validation are kept. Clients send a few fixed texts with
# variables, so both steps, which cost more than most reads, run once per text, not per request.
DOCUMENT_CACHE_SIZE = 256


def build_schema(settings: Settings) -> strawberry.Schema:
    """Return the GraphQL schema with the limits that `settings` sets."""
    # The limit rules are built once: a cached validation is found again only for the same rules.
    limits = (QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules
              + MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=list(NODE_TYPES.values()),
        extensions=[
            lambda: AddValidationRules(limits),
            lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
            lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
            lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
            JalinErrorExtensions,
        ],
    )


def sdl() -> str:
    """Return the schema in SDL, as committed in schema.graphql."""
    return strawberry.Schema(query=Query, mutation=Mutation, types=list(NODE_TYPES.values())).as_str() + "\n"
