"""The executor: graphql-core's, with a short path for the commonest fields of all, stored scalars.

Most fields of an answer are an attribute of the object a resolver returned (an entity's `name`
and `aliases`, a relation's `type`) whose type is a scalar, an enum or a list of them. graphql-core
resolves each through the general path: it builds a `ResolveInfo` and a response path, calls
Strawberry's default resolver through three functions and walks the type wrappers to complete the
value. Here such a field is read and coerced directly, with the object's other fields handed to
graphql-core in one call, and `__typename` is answered from the parent type. Any value
the short path cannot complete (null for a non-null field, a value the scalar refuses) goes on to
the general path, which raises the error it always raised, located.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLField, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLOutputType, is_leaf_type
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.pyutils import Path, Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

READING = "jalin.reading"  # where a field's short-path reading is kept, worked out on first use
TYPENAME = "__typename"


@dataclass(frozen=True, slots=True)
class Reading:
    """How to read a stored scalar field: its attribute, how its type coerces a value, what may be null."""

    attribute: str
    coerce: Callable[[Any], Any]
    non_null: bool
    is_list: bool = False
    items_non_null: bool = False

    def complete(self, source: Any) -> Any:
        """Return the field's value completed, or Undefined where the general path must decide."""
        value = getattr(source, self.attribute, Undefined)
        if value is None:
            return Undefined if self.non_null else None
        if value is Undefined or isinstance(value, Exception):
            return Undefined
        if self.is_list:
            return self._complete_list(value)
        return self._coerced(value)

    def _coerced(self, value: Any) -> Any:
        try:
            coerced = self.coerce(value)
        except Exception:  # noqa: BLE001 - the general path raises it, with its location
            return Undefined
        return Undefined if coerced is None else coerced

    def _complete_list(self, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            return Undefined
        completed: list[Any] = []
        for item in value:
            if item is None:
                if self.items_non_null:
                    return Undefined
                completed.append(None)
                continue
            coerced = self._coerced(item)
            if coerced is Undefined:
                return Undefined
            completed.append(coerced)
        return completed


def _unwrap(field_type: GraphQLOutputType) -> tuple[GraphQLOutputType, bool]:
    if isinstance(field_type, GraphQLNonNull):
        return field_type.of_type, True
    return field_type, False


def reading_of(field: GraphQLField) -> Reading | None:
    """Return how to read a field on the short path, or None if it has a resolver or a composite type."""
    definition = field.extensions.get("strawberry-definition")
    if not isinstance(definition, StrawberryField) or definition.default_resolver is not getattr:
        return None
    if not getattr(field.resolve, "_is_default", False):
        return None  # Strawberry marks `_is_default` a field with no resolver, permission or extension
    field_type, non_null = _unwrap(field.type)
    if isinstance(field_type, GraphQLList):
        item_type, items_non_null = _unwrap(field_type.of_type)
        if not is_leaf_type(item_type):
            return None
        return Reading(definition.python_name, item_type.coerce_output_value, non_null,
                       is_list=True, items_non_null=items_non_null)
    if not is_leaf_type(field_type):
        return None
    return Reading(definition.python_name, field_type.coerce_output_value, non_null)


class ExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution, reading stored scalars without the general field machinery."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Strawberry passes a manager on every request; it wraps resolvers only when an extension
        # hooks into field resolution, and then every field must go through it.
        manager = self.middleware_manager
        self.short_path = not (manager and manager.middlewares)

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any, path: Path | None,
                       grouped_field_set: GroupedFieldSet, position_context: Any) -> Any:
        """Read an object's stored scalars here; hand the other fields to graphql-core, in one call."""
        if not self.short_path:
            return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
        stored: dict[str, Any] = {}
        rest: GroupedFieldSet = {}
        for response_name, field_details_list in grouped_field_set.items():
            value = _read_stored(parent_type, source_value, field_details_list[0].node.name.value)
            if value is Undefined:
                rest[response_name] = field_details_list
            else:
                stored[response_name] = value
        if not rest:
            return stored
        others = super().execute_fields(parent_type, source_value, path, rest, position_context)
        if isinstance(others, dict):
            return _in_order(grouped_field_set, stored, others)

        async def merged() -> dict[str, Any]:
            return _in_order(grouped_field_set, stored, await others)
        return merged()


def _in_order(grouped_field_set: GroupedFieldSet, stored: dict[str, Any], others: dict[str, Any]) -> dict[str, Any]:
    """Merge the two halves of an object's fields in the order the query asked for them."""
    merged: dict[str, Any] = {}
    for response_name in grouped_field_set:
        if response_name in stored:
            merged[response_name] = stored[response_name]
        elif response_name in others:
            merged[response_name] = others[response_name]
    return merged


def _read_stored(parent_type: GraphQLObjectType, source: Any, name: str) -> Any:
    """Return a field's value read on the short path, or Undefined where the general path must run."""
    if name == TYPENAME:
        return parent_type.name
    field = parent_type.fields.get(name)
    if field is None:
        return Undefined
    reading = field.extensions.get(READING, Undefined)
    if reading is Undefined:
        reading = field.extensions[READING] = reading_of(field)
    return Undefined if reading is None else reading.complete(source)
