"""Records on their way into the graph: raw input with its location, and the checked form."""

from dataclasses import dataclass, field
from typing import Any

RESERVED_RELATION_KEYS = ("type", "from", "to")


@dataclass
class RawRecord:
    """One node or relation as written by a person, with where it was written."""

    data: dict[str, Any]
    where: str
    lines: dict[str, str] = field(default_factory=dict)  # field name -> "file:line"

    def at(self, key: str) -> str:
        """Return the location of one field, or of the record when unknown."""
        return self.lines.get(key, self.where)


@dataclass(frozen=True)
class NodeRecord:
    """A checked node: its label and the properties to store."""

    label: str
    props: dict[str, Any]
    where: str = ""

    @property
    def id(self) -> str:
        return str(self.props["id"])


@dataclass(frozen=True)
class RelationRecord:
    """A checked edge: its type, endpoints and the properties to store."""

    type: str
    from_id: str
    to_id: str
    props: dict[str, Any]
    where: str = ""

    @property
    def id(self) -> str:
        return str(self.props["id"])


@dataclass
class Batch:
    """Checked nodes and relations, ready to be written together."""

    nodes: list[NodeRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.relations)
