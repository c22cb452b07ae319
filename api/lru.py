"""A least-recently-used cache bounded in bytes, not in entries: what the documents' and the answers' caches
keep. Entries weigh what they say they weigh; one larger than the whole cache is not kept."""

from collections import OrderedDict
from collections.abc import Hashable
from typing import Protocol


class Weighed(Protocol):
    """A value that knows the bytes it holds, as its cache counts them."""

    @property
    def size(self) -> int: ...


class SizedLRU[V: Weighed]:
    """Values by key, the least recently used let go first, at most `max_bytes` in all."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.entries: OrderedDict[Hashable, V] = OrderedDict()
        self.bytes = 0
        self.hits = 0

    def get(self, key: Hashable) -> V | None:
        """Return the value of `key`, now the most recently used, or None."""
        value = self.entries.get(key)
        if value is not None:
            self.entries.move_to_end(key)
            self.hits += 1
        return value

    def put(self, key: Hashable, value: V) -> None:
        """Keep `value` under `key` if it fits, letting the least recently used go."""
        if value.size > self.max_bytes:
            return  # a value larger than the whole cache would empty it
        if (old := self.entries.pop(key, None)) is not None:
            self.bytes -= old.size
        self.entries[key] = value
        self.bytes += value.size
        while self.bytes > self.max_bytes:
            _, gone = self.entries.popitem(last=False)
            self.bytes -= gone.size
