"""What reads return: entities and relations as plain objects, never store internals."""

from dataclasses import dataclass, field
from typing import Any

from schema import DERIVED_PROPERTIES, ENTITY_LABEL


@dataclass(frozen=True)
class StoredEntity:
    """A node: its type, id and stored properties (search text left out)."""

    type: str
    props: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.props["id"])

    @property
    def name(self) -> str:
        return str(self.props.get("name", ""))


@dataclass(frozen=True)
class StoredRelation:
    """An edge seen from one of its ends: `direction` is OUT when that end is its start."""

    type: str
    from_id: str
    to_id: str
    props: dict[str, Any]
    seen_from: str = ""
    other: StoredEntity | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        return str(self.props["id"])

    @property
    def direction(self) -> str:
        return "OUT" if self.seen_from == self.from_id else "IN"


def entity_from_row(props: dict[str, Any], labels: list[str]) -> StoredEntity:
    """Build a StoredEntity from a row's property map and labels."""
    label = next((lb for lb in labels if lb != ENTITY_LABEL), ENTITY_LABEL)
    return StoredEntity(label, {k: v for k, v in props.items() if k not in DERIVED_PROPERTIES})
