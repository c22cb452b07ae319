"""The Strawberry schema, with guard rails on depth, aliases and tokens."""

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter

from api.errors import JalinErrorExtensions
from api.mutation import Mutation
from api.query import Query
from api.types import NODE_TYPES
from jalin.config import Settings


def build_schema(settings: Settings) -> strawberry.Schema:
    """Return the GraphQL schema with the limits that `settings` sets."""
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=list(NODE_TYPES.values()),
        extensions=[
            lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
            lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
            lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
            JalinErrorExtensions,
        ],
    )


def sdl() -> str:
    """Return the schema in SDL, as committed in schema.graphql."""
    return strawberry.Schema(query=Query, mutation=Mutation, types=list(NODE_TYPES.values())).as_str() + "\n"
