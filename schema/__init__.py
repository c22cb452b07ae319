"""Jalin's domain model, defined once: node and edge types, their properties and allowed values."""

from schema.model import ENTITY_LABEL, MODEL, SEARCH_PROPERTY, Model, NodeType, PropertySpec, RelationType

__all__ = ["ENTITY_LABEL", "MODEL", "SEARCH_PROPERTY", "Model", "NodeType", "PropertySpec", "RelationType"]
