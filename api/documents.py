"""Parsed documents and their validation, kept by query text within a number of bytes, not of entries:
Strawberry's ParserCache and ValidationCache count entries, and a few hundred distinct texts of a
megabyte each (a long comment, a long string) would hold gigabytes."""

from collections.abc import Iterator
from dataclasses import dataclass

from graphql import DocumentNode, GraphQLError, Visitor, visit
from strawberry.extensions import SchemaExtension

from api.lru import SizedLRU

# Bytes a parsed document holds per node of its syntax tree, measured with tracemalloc (375 to 430 for
# queries of fields and arguments), rounded up; its text is counted twice: once as the key and the source
# the document points at, once for the values (strings) copied out of it.
NODE_BYTES = 512


class _Counter(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.nodes = 0

    def enter(self, *_: object) -> None:
        self.nodes += 1


def weigh(text: str, document: DocumentNode) -> int:
    """Return the bytes a document parsed from `text` holds, as this cache counts them."""
    counter = _Counter()
    visit(document, counter)
    return 2 * len(text.encode()) + NODE_BYTES * counter.nodes


@dataclass
class Entry:
    """One query text's document, its validation errors once validated, and the bytes it is counted for."""

    document: DocumentNode
    size: int
    errors: list[GraphQLError] | None = None


DocumentCache = SizedLRU[Entry]  # query text: its document


class CachedDocuments(SchemaExtension):
    """Parse and validate each query text once while its document stays in `cache`."""

    def __init__(self, cache: DocumentCache) -> None:
        super().__init__()
        self.cache = cache
        self.entry: Entry | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        self.entry = self.cache.get(context.query) if context.query else None
        if self.entry is not None:
            context.graphql_document = self.entry.document  # Strawberry parses only when no document is set
        yield
        if self.entry is None and context.query and context.graphql_document is not None:
            self.entry = Entry(context.graphql_document, weigh(context.query, context.graphql_document))
            self.cache.put(context.query, self.entry)

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if self.entry is not None and self.entry.errors is not None:
            context.pre_execution_errors = self.entry.errors  # Strawberry validates only when none are set
        yield
        if self.entry is not None and self.entry.errors is None and context.pre_execution_errors is not None:
            self.entry.errors = list(context.pre_execution_errors)
