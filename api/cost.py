"""What a query costs, estimated before it runs: every field it asks for, counted once for each item of every
list around it. A list counts as many items as its `first` asks for, or its default; a list that takes no
`first` (sources, aliases, claims) as UNBOUNDED_LIST. A `first` on a field that is no list (a connection:
`entities(first: 20) { edges { ... } }`) sizes the lists right below it.

Each fragment is measured once and its figure reused at every spread, so the estimate takes time linear in
the query's text, however often fragments spread each other (the check that took 21 s on 906 bytes).
A query's text is checked once for all the variables it may be sent with, so a `first` given by a variable
counts as the most it may be (MAX_FIRST).
"""

from collections.abc import Iterable

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    TypeNameMetaFieldDef,
    VariableNode,
    get_named_type,
)

from api.arguments import MAX_FIRST
from jalin.errors import BadRequest

UNBOUNDED_LIST = 10  # items a list with no `first` is counted as: an entity has a few sources, aliases, claims
FIRST = "first"
META_FIELDS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef, "__typename": TypeNameMetaFieldDef}


class QueryTooCostly(BadRequest):
    """A query would cost more than the limit: refused before it runs."""


def is_list(field_type: GraphQLOutputType) -> bool:
    """Tell whether a field answers a list (of anything)."""
    return isinstance(field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type, GraphQLList)


class CostMeter:
    """Estimate the cost of the selections of one document, each fragment once."""

    def __init__(self, schema: GraphQLSchema, definitions: Iterable[object]) -> None:
        self.schema = schema
        self.fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
        self.measured: dict[tuple[str, int | None], int] = {}
        self.open: set[str] = set()  # fragments being measured: a cycle, which graphql-core reports

    def of(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None,
           sized: int | None = None) -> int:
        """Return the cost of one item of `parent` with these selections; `sized` sizes lists with no `first`."""
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, sized)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                total += self.of(selection.selection_set, inner, sized)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.spread(selection.name.value, sized)
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, sized: int | None) -> int:
        """Return the cost of one field: 1 per item, its selections' cost included."""
        definition = self.definition(parent, node.name.value)
        if definition is None:
            return 0  # an unknown field: graphql-core's own rules say so
        first = self.first(node, definition)
        inner_type = get_named_type(definition.type)
        if is_list(definition.type):
            items = first if first is not None else sized if sized is not None else UNBOUNDED_LIST
            return items * (1 + self.of(node.selection_set, inner_type))
        return 1 + self.of(node.selection_set, inner_type, first)

    def spread(self, name: str, sized: int | None) -> int:
        """Return the cost of a fragment, measured the first time it is spread (for each size given it)."""
        key = (name, sized)
        if key in self.measured:
            return self.measured[key]
        fragment = self.fragments.get(name)
        if fragment is None or name in self.open:  # unknown or cyclic: graphql-core's own rules say so
            return 0
        self.open.add(name)
        parent = self.schema.get_type(fragment.type_condition.name.value)
        self.measured[key] = self.of(fragment.selection_set, parent, sized)
        self.open.discard(name)
        return self.measured[key]

    def definition(self, parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
        """Return the definition of field `name` of `parent`, or None when it has none."""
        if name in META_FIELDS:
            return META_FIELDS[name]
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            found: GraphQLField | None = parent.fields.get(name)
            return found
        return None

    @staticmethod
    def first(node: FieldNode, definition: GraphQLField) -> int | None:
        """Return the items a field's `first` asks for: the value written, the most a variable may ask
        for, or the argument's default; None when the field takes no `first`."""
        argument = definition.args.get(FIRST)
        if argument is None:
            return None
        for given in node.arguments or ():
            if given.name.value == FIRST:
                if isinstance(given.value, IntValueNode):
                    return max(int(given.value.value), 0)
                if isinstance(given.value, VariableNode):
                    return MAX_FIRST
        default = argument.default_value
        return default if isinstance(default, int) else MAX_FIRST  # none, or null: the most it may be
