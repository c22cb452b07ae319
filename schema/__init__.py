"""Jalin's domain model, defined once: node and edge types, their properties and allowed values."""

from schema.model import (
    CLAIM,
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

__all__ = ["CLAIM", "DERIVED_PROPERTIES", "ENTITY_LABEL", "MODEL", "SEARCH_NAMES", "SEARCH_PROPERTY", "Model",
           "NodeType", "PropertySpec", "RelationType"]
