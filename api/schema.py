"""The Strawberry schema, with guard rails on depth, aliases and tokens, run by Jalin's executor."""

import strawberry
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter

from api.documents import DocumentLimits, Documents
from api.errors import JalinErrorExtensions
from api.execution import ExecutionContext
from api.mutation import Mutation
from api.query import Query
from api.types import NODE_TYPES
from jalin.config import Settings

DOCUMENT_CACHE_SIZE = 256  # distinct query texts whose parsed document and validation are kept


def build_schema(settings: Settings) -> strawberry.Schema:
    """Return the GraphQL schema with the limits that `settings` sets."""
    limits = (QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules
              + MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules)
    documents = Documents(DOCUMENT_CACHE_SIZE)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=list(NODE_TYPES.values()),
        execution_context_class=ExecutionContext,
        extensions=[
            lambda: DocumentLimits(documents, settings.max_tokens, limits),
            JalinErrorExtensions,
        ],
    )


def sdl() -> str:
    """Return the schema in SDL, as committed in schema.graphql."""
    return strawberry.Schema(query=Query, mutation=Mutation, types=list(NODE_TYPES.values())).as_str() + "\n"
