"""Records on their way into the graph: raw input with its location, and the checked form."""

from dataclasses import dataclass, field
from typing import Any

RESERVED_RELATION_KEYS = ("type", "from", "to")


@dataclass(slots=True)
class RawRecord:
    """One node or relation as written by a person, with where it was written.

    A large load holds millions of these at once: the file is shared, and each field's line is
    kept as a one-byte offset from the record's line, in the order of `data`'s keys, where a
    "file:line" string or a dict per record made them the biggest part of its memory.
    """

    data: dict[str, Any]
    file: str
    line: int | None = None
    key_lines: bytes | dict[str, int] = b""  # offsets in key order, or lines by key when one is far

    @classmethod
    def located(cls, data: dict[str, Any], file: str, line: int, key_lines: dict[str, int]) -> "RawRecord":
        """Return a record whose fields are on the lines `key_lines` gives, kept compactly."""
        offsets = [key_lines.get(key, line) - line for key in data]
        if all(0 <= offset < 256 for offset in offsets):
            return cls(data, file, line, bytes(offsets))
        return cls(data, file, line, key_lines)

    def release(self) -> None:
        """Let go of the data of a checked record whose fields are all on its line: what is left says where
        it was, which is all a checked record is asked (its data live on in the checked form)."""
        if not self.key_lines:
            self.data = {}

    @property
    def where(self) -> str:
        """Return "file:line" of the record, or what it came from when it has no line."""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def at(self, key: str) -> str:
        """Return the location of one field, or of the record when unknown."""
        if self.line is None:
            return self.file
        if isinstance(self.key_lines, dict):
            return f"{self.file}:{self.key_lines.get(key, self.line)}"
        for name, offset in zip(self.data, self.key_lines, strict=False):
            if name == key:
                return f"{self.file}:{self.line + offset}"
        return self.where


@dataclass(frozen=True, slots=True)
class NodeRecord:
    """A checked node: its label and the properties to store."""

    label: str
    props: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.props["id"])


@dataclass(frozen=True, slots=True)
class RelationRecord:
    """A checked edge: its type, endpoints and the properties to store."""

    type: str
    from_id: str
    to_id: str
    props: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.props["id"])


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A checked claim: the properties to store, its value as JSON text (schema.claims)."""

    props: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.props["id"])


@dataclass
class Batch:
    """Checked nodes, relations and the claims about them, ready to be written together."""

    nodes: list[NodeRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.relations) + len(self.claims)
