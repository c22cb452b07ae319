"""Limits on a query's shape (depth, aliases) and cost, checked before it runs, in time linear in its text.

Strawberry's `QueryDepthLimiter` and `MaxAliasesLimiter` walk a fragment again at every spread
of it, so a document whose fragment F0 spreads F1 twice, F1 spreads F2 twice and so on costs
twice as much per level: 744 bytes took 6 s to validate here, 906 bytes 21 s, blocking every
other request meanwhile. These rules measure each fragment once and reuse the figure (a
graphql-core validation rule added through Strawberry's documented `AddValidationRules`).
Aliases are counted as executed: an alias inside a fragment spread twice counts twice. The cost is
estimated by api.cost, also measuring each fragment once.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)

from api.cost import UNBOUNDED_LIST, CostMeter, QueryTooCostly

INTROSPECTION = ("__schema", "__type")


@dataclass(frozen=True)
class Shape:
    """How deep a selection nests fields, and how many aliased fields it executes."""

    depth: int = 0
    aliases: int = 0


class ShapeMeter:
    """Measure selections of one document, each fragment once."""

    def __init__(self, definitions: Iterable[object]) -> None:
        self.fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
        self.measured: dict[str, Shape] = {}
        self.open: set[str] = set()  # fragments being measured: a cycle, which graphql-core reports

    def of(self, selection_set: SelectionSetNode | None) -> Shape:
        """Return the shape of a selection set."""
        depth, aliases = 0, 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if selection.name.value in INTROSPECTION:  # GraphiQL's own query nests deeper than data
                    aliases += bool(selection.alias)
                    continue
                inner = self.of(selection.selection_set)
                depth, aliases = max(depth, inner.depth + 1), aliases + inner.aliases + bool(selection.alias)
            else:
                inner = self.spread(selection) if isinstance(selection, FragmentSpreadNode) \
                    else self.of(selection.selection_set) if isinstance(selection, InlineFragmentNode) else Shape()
                depth, aliases = max(depth, inner.depth), aliases + inner.aliases
        return Shape(depth, aliases)

    def spread(self, spread: FragmentSpreadNode) -> Shape:
        """Return the shape of a fragment, measured the first time it is spread."""
        name = spread.name.value
        if name in self.measured:
            return self.measured[name]
        fragment = self.fragments.get(name)
        if fragment is None or name in self.open:  # unknown or cyclic: graphql-core's own rules say so
            return Shape()
        self.open.add(name)
        self.measured[name] = self.of(fragment.selection_set)
        self.open.discard(name)
        return self.measured[name]


def query_limits(max_depth: int, max_aliases: int, max_cost: int) -> type[ValidationRule]:
    """Return a validation rule refusing operations deeper than `max_depth` fields, executing more than
    `max_aliases` aliased fields or costing more than `max_cost` (api.cost)."""

    class QueryLimits(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            meter = ShapeMeter(context.document.definitions)
            costs = CostMeter(context.schema, context.document.definitions)
            for operation in context.document.definitions:
                if isinstance(operation, OperationDefinitionNode):
                    self.check(operation, meter.of(operation.selection_set))
                    root = context.schema.get_root_type(operation.operation)
                    self.check_cost(operation, costs.of(operation.selection_set, root))

        def check_cost(self, operation: OperationDefinitionNode, cost: int) -> None:
            if cost <= max_cost:
                return
            error = QueryTooCostly(
                f"{_name(operation)} would cost about {cost:,}, over the limit of {max_cost:,} "
                "(JALIN_MAX_QUERY_COST): each field counts once for every item of the lists around it, a list as "
                f"many items as its `first` (a list without `first` as {UNBOUNDED_LIST}); ask for a smaller "
                "`first`, fewer nested lists, or split it into several requests")
            self.report_error(GraphQLError(error.detail, operation, original_error=error,
                                           extensions={"cost": cost, "limit": max_cost}))

        def check(self, operation: OperationDefinitionNode, shape: Shape) -> None:
            name = _name(operation)
            depth = shape.depth - 1  # levels below the root fields, as Strawberry's limiter counted
            if depth > max_depth:
                self.report_error(GraphQLError(
                    f"{name} nests fields {depth} levels below its root fields, over the limit of {max_depth} "
                    "(JALIN_MAX_QUERY_DEPTH): ask for fewer levels and follow up from the ids returned",
                    operation))
            if shape.aliases > max_aliases:
                self.report_error(GraphQLError(
                    f"{name} runs {shape.aliases} aliased fields (each spread of a fragment counts again), "
                    f"over the limit of {max_aliases} (JALIN_MAX_ALIASES): split it into several requests",
                    operation))

    return QueryLimits


def _name(operation: OperationDefinitionNode) -> str:
    return f"'{operation.name.value}'" if operation.name else "the operation"
