"""Graph store access: the only code that speaks Cypher or knows a store exists."""

from graph.embedded import EmbeddedStore
from graph.store import Store
from jalin.config import Settings


def make_store(settings: Settings) -> Store:
    """Return the store the settings ask for (the embedded store by default), not yet open."""
    return EmbeddedStore(settings.data_dir, settings.graph_name)


__all__ = ["EmbeddedStore", "Store", "make_store"]
