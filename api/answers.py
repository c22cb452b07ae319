"""Answers to queries kept by what was asked and the store's write generation, within a number of bytes: a
read sent again before anything was written is answered without running it again."""

import asyncio
import json
from collections.abc import AsyncIterator, Hashable
from dataclasses import dataclass
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from api.lru import SizedLRU
from api.replies import GENERATION, KEPT_AT
from graph.store import Store
from jalin.errors import JalinError

# Bytes an answer's data holds in memory per byte of its JSON, measured with tracemalloc on the load
# benchmark's reads (1.9 to 5.2, medians 2.3 to 4.7 by read: each small dict, string and list is an object
# of its own), rounded up.
BYTES_PER_JSON_BYTE = 6


@dataclass(frozen=True)
class Answer:
    """The data of an answer given without errors, and the bytes it is counted for."""

    data: dict[str, Any]
    size: int


class AnswerCache(SizedLRU[Answer]):
    """Answers by (generation, query text, operation name, variables), and those being computed: a read sent
    again while its first answer is still being computed waits for that answer instead of running too (at
    start, and after each write, many clients ask for the same few answers at once)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(max_bytes)
        self.computing: dict[Hashable, asyncio.Future[Answer | None]] = {}


class CachedAnswers(SchemaExtension):
    """Answer a query from `cache` when the same text, operation and variables were answered at the store's
    current write generation. Mutations, answers with errors and operations refused before they ran are
    never kept. No query reads the caller's token, so an answer is the same for every caller."""

    def __init__(self, cache: AnswerCache) -> None:
        super().__init__()
        self.cache = cache

    async def on_execute(self) -> AsyncIterator[None]:
        key = await self._key()
        answer = self.cache.get(key) if key is not None else None
        if key is not None and answer is None and (computing := self.cache.computing.get(key)) is not None:
            answer = await asyncio.shield(computing)  # None if that one failed: then this one runs
        if key is None or answer is not None:
            if key is not None and answer is not None:
                self.execution_context.result = GraphQLExecutionResult(data=answer.data)
                self._tell_kept(key)
            yield
            return
        computing = self.cache.computing[key] = asyncio.get_running_loop().create_future()
        try:
            yield
            answer = self._keep(key)
        finally:
            if self.cache.computing.get(key) is computing:
                del self.cache.computing[key]
            computing.set_result(answer)
        if answer is not None:
            self._tell_kept(key)

    def _keep(self, key: tuple[Hashable, ...]) -> Answer | None:
        """Keep the answer just computed unless it holds errors; return it, or None."""
        result = self.execution_context.result
        if not isinstance(result, GraphQLExecutionResult) or result.data is None or result.errors:
            return None
        answer = Answer(result.data, BYTES_PER_JSON_BYTE * len(json.dumps(result.data)))
        self.cache.put(key, answer)
        return answer

    def _tell_kept(self, key: tuple[Hashable, ...]) -> None:
        """Tell the layer keeping replies (api/replies.py) at which generation this request's answer is kept."""
        request = getattr(self.execution_context.context, "request", None)
        if request is not None:
            setattr(request.state, KEPT_AT, key[0])

    async def _generation(self, store: Store) -> int:
        """Return the generation the layer keeping replies read for this request, else read it."""
        request = getattr(self.execution_context.context, "request", None)
        read: int | None = getattr(request.state, GENERATION, None) if request is not None else None
        return read if read is not None else await store.generation()

    async def _key(self) -> tuple[Hashable, ...] | None:
        """Return what the answer is kept under, or None when it is not to be kept."""
        context = self.execution_context
        store = getattr(context.context, "store", None)
        if self.cache.max_bytes <= 0 or store is None or context.result is not None \
                or context.operation_type is not OperationType.QUERY:
            return None
        try:
            generation = await self._generation(store)
        except JalinError:
            return None  # the read itself will meet the store's trouble and say what it is
        variables = json.dumps(context.variables, sort_keys=True, default=str)
        return generation, context.query, context.operation_name, variables
