"""Jalin's domain model, defined once: node and edge types, their properties and allowed values."""

from schema.model import (
    DERIVED_PROPERTIES,
    ENTITY_LABEL,
    MODEL,
    SEARCH_NAMES,
    SEARCH_PROPERTY,
    Model,
    NodeType,
    PropertySpec,
    RelationType,
)

__all__ = ["DERIVED_PROPERTIES", "ENTITY_LABEL", "MODEL", "SEARCH_NAMES", "SEARCH_PROPERTY", "Model", "NodeType",
           "PropertySpec", "RelationType"]
