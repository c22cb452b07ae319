"""Per-request context: the one store, request-scoped DataLoaders, and whether the caller may write."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from api.drafts import GraphNames
from graph.claims import claims_about
from graph.entities import StoredEntity, StoredRelation
from graph.offices import Holding, latest_offices
from graph.reads import entities_by_id, relations_of
from graph.store import Store
from jalin.config import Settings
from jalin.errors import Unauthorized

# entity id, relation types (None: all), page size, and the (type, id) key to resume after.
RelationKey = tuple[str, tuple[str, ...] | None, int, tuple[str, str] | None]


def _entity_loader(store: Store) -> DataLoader[str, StoredEntity | None]:
    async def load(ids: list[str]) -> list[StoredEntity | None]:
        found = await entities_by_id(store, ids)
        return [found.get(i) for i in ids]
    return DataLoader(load_fn=load)


def _relation_loader(store: Store, entities: DataLoader[str, StoredEntity | None],
                     ) -> DataLoader[RelationKey, list[StoredRelation]]:
    async def load(keys: list[RelationKey]) -> list[list[StoredRelation]]:
        groups: dict[tuple[tuple[str, ...] | None, int, tuple[str, str] | None], list[str]] = defaultdict(list)
        for entity_id, types, first, after in keys:
            groups[(types, first, after)].append(entity_id)
        found: dict[RelationKey, list[StoredRelation]] = {}
        for (types, first, after), ids in groups.items():
            by_id = await relations_of(store, ids, list(types) if types else None, first, after)
            for entity_id, relations in by_id.items():
                found[(entity_id, types, first, after)] = relations
                for relation in relations:
                    if relation.other is not None:
                        entities.prime(relation.other.id, relation.other)
        return [found.get(key, []) for key in keys]
    return DataLoader(load_fn=load)


def _claim_loader(store: Store) -> DataLoader[str, list[dict[str, Any]]]:
    async def load(ids: list[str]) -> list[list[dict[str, Any]]]:
        found = await claims_about(store, ids)
        return [found[i] for i in ids]
    return DataLoader(load_fn=load)


def _latest_office_loader(store: Store) -> DataLoader[str, Holding | None]:
    async def load(ids: list[str]) -> list[Holding | None]:
        found = await latest_offices(store, ids)
        return [found.get(i) for i in ids]
    return DataLoader(load_fn=load)


@dataclass
class Context(BaseContext):
    """What every resolver reaches through `info.context`."""

    store: Store
    settings: Settings
    bearer: str | None = None
    # The graph's names for drafts, kept across requests by the app (a context of its own reads them each time).
    graph_names: GraphNames = field(default_factory=GraphNames)
    entities: Any = field(init=False)
    relations: Any = field(init=False)
    claims: Any = field(init=False)  # the stored claims about an entity or relation, by its id
    latest_offices: Any = field(init=False)

    def __post_init__(self) -> None:
        super().__init__()
        self.entities = _entity_loader(self.store)
        self.relations = _relation_loader(self.store, self.entities)
        self.claims = _claim_loader(self.store)
        self.latest_offices = _latest_office_loader(self.store)

    def require_writer(self) -> None:
        """Raise Unauthorized unless the request carries the configured bearer token."""
        token = self.settings.api_token
        if not token:
            raise Unauthorized("mutations are disabled: the server has no JALIN_API_TOKEN set")
        if self.bearer != token:
            raise Unauthorized("mutations need the header 'Authorization: Bearer <JALIN_API_TOKEN>'")
