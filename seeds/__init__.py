"""YAML fixtures of the cooperation the source articles describe, and their loader."""
