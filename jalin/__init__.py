"""Jalin: a sourced knowledge graph of bilateral and interregional cooperation."""
