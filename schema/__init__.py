"""Jalin's domain model, defined once: node and edge types, their properties and allowed values."""

from schema.model import (
    CLAIM,
    DERIVED_PROPERTIES,
    ENTITY_LABEL,
    GENERATION_ID,
    GENERATION_LABEL,
    MODEL,
    NAME_KEYS,
    SEARCH_NAMES,
    SEARCH_PROPERTY,
    Model,
    NodeType,
    PropertySpec,
    RelationType,
)

__all__ = ["CLAIM", "DERIVED_PROPERTIES", "ENTITY_LABEL", "GENERATION_ID", "GENERATION_LABEL", "MODEL",
           "NAME_KEYS", "SEARCH_NAMES", "SEARCH_PROPERTY", "Model", "NodeType", "PropertySpec", "RelationType"]
