"""The Strawberry schema, with guard rails on tokens, depth, aliases and cost (linear in the query text), a
time budget, and parsing and validation cached within a number of bytes."""

import logging
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError, OperationDefinitionNode
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, SchemaExtension
from strawberry.types import ExecutionContext

from api.answers import AnswerCache, CachedAnswers
from api.documents import CachedDocuments, DocumentCache
from api.errors import JalinErrorExtensions
from api.limits import query_limits
from api.mutation import Mutation
from api.query import Query
from api.types import NODE_TYPES
from graph.budget import time_budget
from jalin.config import Settings
from jalin.errors import BadRequest, JalinError

REQUESTS = logging.getLogger("jalin.requests")


class TimeBudget(SchemaExtension):
    """Give the store statements of each operation `seconds` in all (graph.budget)."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def on_operation(self) -> Iterator[None]:
        with time_budget(self.seconds):
            yield


class OneOperation(SchemaExtension):
    """Refuse a document of several operations sent without `operationName`, as the GraphQL spec does
    ("GetOperation"): Strawberry would run the first. Rejected before execution, the way Strawberry's guide
    on extensions rejects an operation (setting the result in `on_execute`)."""

    async def on_execute(self) -> AsyncIterator[None]:
        document = self.execution_context.graphql_document
        names = [d.name.value if d.name else "(anonymous)" for d in document.definitions
                 if isinstance(d, OperationDefinitionNode)] if document else []
        if len(names) > 1 and not await operation_name_sent(self.execution_context.context):
            error = BadRequest(f"the document holds {len(names)} operations ({', '.join(names)}): send "
                               "`operationName` to say which one to run")
            self.execution_context.result = GraphQLExecutionResult(
                data=None, errors=[GraphQLError(error.detail, original_error=error)])
        yield


async def operation_name_sent(context: Any) -> bool:
    """Tell whether the HTTP request carried an `operationName`; True without a request (a call in process
    names its operation itself). Read only for documents of several operations, which are rare."""
    request = getattr(context, "request", None)
    if request is None:
        return True
    if request.method == "GET":
        return bool(request.query_params.get("operationName"))
    body = await request.json()  # Starlette keeps the body the view read
    return isinstance(body, dict) and bool(body.get("operationName"))


def schema_extensions(settings: Settings, documents: DocumentCache | None = None,
                      answers: AnswerCache | None = None) -> list[Callable[[], SchemaExtension]]:
    """Return the extensions every request runs: the limits that `settings` sets, the documents' and the
    answers' caches (`documents` and `answers`, else ones of the sizes the settings give), error codes."""
    # Built once, as the cache: the documents validated by one schema's rules are kept for that schema only.
    limits: list[type[ASTValidationRule]] = [
        query_limits(settings.max_query_depth, settings.max_aliases, settings.max_query_cost)]
    cache = documents or DocumentCache(settings.document_cache_bytes)
    kept = answers or AnswerCache(settings.response_cache_bytes)
    return [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: AddValidationRules(limits),
        lambda: CachedDocuments(cache),
        OneOperation,
        lambda: TimeBudget(settings.request_timeout),
        lambda: CachedAnswers(kept),  # after OneOperation, whose refusal it leaves alone
        JalinErrorExtensions,
    ]


class JalinSchema(strawberry.Schema):
    """Strawberry's schema, logging a client's mistake in one line and keeping tracebacks for faults; it
    keeps its parsed and validated documents in `documents`, its answers in `answers`."""

    documents: DocumentCache
    answers: AnswerCache

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Log each error: one line for a refused request, the traceback for a fault of ours or the store's."""
        faults = []
        for error in errors:
            original = error.original_error
            if original is None or isinstance(original, StrawberryInputCoercionError) or (
                    isinstance(original, JalinError) and original.status < 500):
                REQUESTS.info("refused: %s", error.message)
            else:
                faults.append(error)
        super().process_errors(faults, execution_context)


def build_schema(settings: Settings) -> strawberry.Schema:
    """Return the GraphQL schema with the limits that `settings` sets."""
    documents, answers = DocumentCache(settings.document_cache_bytes), AnswerCache(settings.response_cache_bytes)
    schema = JalinSchema(query=Query, mutation=Mutation, types=list(NODE_TYPES.values()),
                         extensions=schema_extensions(settings, documents, answers))
    schema.documents, schema.answers = documents, answers
    return schema


def sdl() -> str:
    """Return the schema in SDL, as committed in schema.graphql."""
    return strawberry.Schema(query=Query, mutation=Mutation, types=list(NODE_TYPES.values())).as_str() + "\n"
