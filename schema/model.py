"""The model as plain data, derived once from the neomodel classes: what loaders, stores and the API read."""

from dataclasses import dataclass, field
from typing import Any

from neomodel import (
    ArrayProperty,
    BooleanProperty,
    FloatProperty,
    IntegerProperty,
    StructuredNode,
    StructuredRel,
)
from neomodel.properties import Property

from schema.claims import CLAIM_LABEL, Claim
from schema.nodes import NODE_CLASSES
from schema.properties import (
    FigureListProperty,
    PartialDateProperty,
    PeriodProperty,
    RefListProperty,
    RefProperty,
    UrlProperty,
)
from schema.relations import RELATION_CLASSES

ENTITY_LABEL = "Entity"
# Derived by the store from an entity's names, never written by users: the folded words the
# full-text index looks in, every name folded (the main one first) that matches are ranked by, and the
# same names as a list, indexed whole, by which a search finds an exact name however many others share
# its words.
SEARCH_PROPERTY = "search_text"
SEARCH_NAMES = "search_names"
NAME_KEYS = "name_keys"
DERIVED_PROPERTIES = (SEARCH_PROPERTY, SEARCH_NAMES, NAME_KEYS)
# The one node beside the graph where a store that keeps its write generation in the graph itself (Neo4j)
# counts the writes, under this label and key: never an entity, so no read, count or export finds it.
GENERATION_LABEL = "WriteGeneration"
GENERATION_ID = "graph"
LIST_KINDS = ("string_list", "ref_list", "date_list", "figure_list")  # kinds whose values are lists


@dataclass(frozen=True)
class PropertySpec:
    """One property: its stored name, value kind, whether required, allowed values, referenced types."""

    name: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class NodeType:
    """A node label and its properties."""

    label: str
    description: str
    properties: dict[str, PropertySpec] = field(default_factory=dict)


@dataclass(frozen=True)
class RelationType:
    """An edge type, the labels it may join, and its properties."""

    type: str
    description: str
    from_labels: tuple[str, ...]
    to_labels: tuple[str, ...]
    symmetric: bool
    timeline_kind: str | None
    properties: dict[str, PropertySpec] = field(default_factory=dict)


@dataclass(frozen=True)
class Model:
    """Every node and edge type of Jalin."""

    nodes: dict[str, NodeType]
    relations: dict[str, RelationType]

    def ref_properties(self, spec: dict[str, PropertySpec]) -> list[PropertySpec]:
        """Return the properties of `spec` that hold ids of other entities."""
        return [p for p in spec.values() if p.targets]


def _kind_of(prop: Property[Any]) -> str:
    if isinstance(prop, RefListProperty):
        return "ref_list"
    if isinstance(prop, FigureListProperty):
        return "figure_list"
    if isinstance(prop, PeriodProperty):
        return "period"
    if isinstance(prop, RefProperty):
        return "ref"
    if isinstance(prop, PartialDateProperty):
        return "date"
    if isinstance(prop, UrlProperty):
        return "url"
    if isinstance(prop, ArrayProperty):
        return "date_list" if isinstance(prop.base_property, PartialDateProperty) else "string_list"
    for kind, cls in (("boolean", BooleanProperty), ("integer", IntegerProperty), ("float", FloatProperty)):
        if isinstance(prop, cls):
            return kind
    return "string"


def _spec_of(attribute: str, prop: Property[Any]) -> PropertySpec:
    choices: Any = getattr(prop, "choices", None) or {}
    return PropertySpec(
        name=prop.db_property or attribute,
        kind=_kind_of(prop),
        required=bool(prop.required),
        choices=tuple(choices),
        targets=tuple(getattr(prop, "targets", ())),
        help=prop.help_text or "",
    )


def _specs(cls: type[StructuredNode] | type[StructuredRel]) -> dict[str, PropertySpec]:
    props = cls.defined_properties(aliases=False, rels=False)
    specs = (_spec_of(attribute, prop) for attribute, prop in props.items())
    return {spec.name: spec for spec in specs}


def _doc(cls: type) -> str:
    return (cls.__doc__ or "").strip()


def build_model() -> Model:
    """Derive the model from the neomodel classes in `schema.nodes` and `schema.relations`."""
    nodes = {c.__name__: NodeType(c.__name__, _doc(c), _specs(c)) for c in NODE_CLASSES}
    relations = {
        c.TYPE: RelationType(c.TYPE, _doc(c), c.FROM, c.TO, c.SYMMETRIC, c.TIMELINE_KIND, _specs(c))
        for c in RELATION_CLASSES
    }
    return Model(nodes, relations)


MODEL = build_model()
CLAIM = NodeType(CLAIM_LABEL, _doc(Claim), _specs(Claim))
