"""Parsing and validation of GraphQL documents: limited, and done once per distinct query text.

Clients send a few fixed query texts with variables, and parsing and validating a document costs
more than most reads. One schema extension bounds the document (tokens when parsing, depth and
aliases when validating) and keeps, per query text, the parsed document and its validation errors.
It caches no response: every request still runs every resolver and store statement.
"""

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from graphql import ASTValidationRule, DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension


@dataclass(slots=True)
class Checked:
    """A query text's parsed document, and its validation errors once validated."""

    document: DocumentNode
    errors: list[GraphQLError] | None = None


class Documents:
    """The checked documents of the most recent distinct query texts, shared by every request."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, Checked] = OrderedDict()

    def get(self, query: str | None) -> Checked | None:
        """Return the checked document of a query text, marking it recently used; None if unknown."""
        found = self.entries.get(query) if query is not None else None
        if found is not None:
            self.entries.move_to_end(query)  # type: ignore[arg-type]
        return found

    def keep(self, query: str, document: DocumentNode) -> Checked:
        """Remember a newly parsed document, forgetting the least recently used beyond the size."""
        checked = self.entries[query] = Checked(document)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return checked


class DocumentLimits(SchemaExtension):
    """Limit every document's tokens, depth and aliases; parse and validate each query text once."""

    def __init__(self, documents: Documents, max_tokens: int, rules: Sequence[type[ASTValidationRule]]) -> None:
        super().__init__()
        self.documents, self.max_tokens, self.rules = documents, max_tokens, tuple(rules)
        self.checked: Checked | None = None  # this request's document; Strawberry builds an extension per request

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        self.checked = self.documents.get(context.query)
        if self.checked is not None:
            context.graphql_document = self.checked.document  # Strawberry parses only when no document is set
            yield
            return
        context.parse_options["max_tokens"] = self.max_tokens
        yield
        if context.query is not None and context.graphql_document is not None:
            self.checked = self.documents.keep(context.query, context.graphql_document)

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        checked = self.checked
        if checked is not None and checked.errors is not None:
            context.pre_execution_errors = checked.errors  # Strawberry validates only when no errors are set
            yield
            return
        context.validation_rules = (*context.validation_rules, *self.rules)
        yield
        if checked is not None and checked.document is context.graphql_document:
            checked.errors = context.pre_execution_errors
