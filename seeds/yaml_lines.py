"""Read YAML item by item, keeping the line of every mapping and key, so errors can say where.

A fixture's sections are read one item at a time from libyaml's events: an item's nodes are
built, turned into values and dropped before the next, so a file of any size never has its whole
node tree in memory (each scalar a node with two marks: 30 to 40 bytes of memory per byte of YAML).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer

from jalin.errors import InvalidData, Problem

LINE = "__line__"
KEY_LINES = "__key_lines__"
ITEM_LINES = "__item_lines__"
TEXT_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True, slots=True)
class Item:
    """One value read from a top-level key of a fixture: an item of its list, or the whole value
    when it is not a list (`index` None)."""

    section: str
    key_line: int
    index: int | None
    line: int
    value: Any


class _LineLoader(Composer, yaml.CSafeLoader):
    """A safe loader on libyaml's parser that composes nodes from its events one item at a time, records
    lines, refuses duplicate keys, keys that are not text, and aliases of lists or mappings."""

    def __init__(self, stream: bytes) -> None:
        yaml.CSafeLoader.__init__(self, stream)
        Composer.__init__(self)

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        """Compose the next node; refuse an alias of a list or mapping before it is built again.

        Ten lines of aliases that each repeat the previous list nine times make a billion values:
        fixtures never need that, and an analyst can always write the value out."""
        if self.check_event(yaml.AliasEvent):
            anchored = self.anchors.get(self.next_event().anchor)
            if isinstance(anchored, yaml.CollectionNode):
                raise yaml.MarkedYAMLError(
                    problem=f"the list or mapping anchored on line {anchored.start_mark.line + 1} is repeated by an "
                            "alias (*name); fixtures take no aliases of lists or mappings: write the value out",
                    problem_mark=anchored.start_mark)
        node: yaml.Node = super().compose_node(parent, index)  # type: ignore[assignment]  # never None here
        return node

    def next_event(self) -> Any:
        """Return the next event without taking it: an alias, a scalar, the start or end of a list."""
        return self.peek_event()

    def value(self) -> tuple[int, Any]:
        """Compose and construct the next value on its own; return its line and it."""
        line = self.next_event().start_mark.line + 1  # an alias's own line, not its anchor's
        return line, self.construct_document(self.compose_node(None, None))


def _text_key(key_node: yaml.Node) -> str:
    if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == TEXT_TAG):
        shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a list or mapping"
        raise yaml.MarkedYAMLError(problem=f"key {shown!r} is not text; quote it, e.g. \"{shown}\":",
                                   problem_mark=key_node.start_mark)
    return str(key_node.value)


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    for key_node, value_node in node.value:
        key = _text_key(key_node)
        if key in lines:
            raise yaml.MarkedYAMLError(problem=f"duplicate key '{key}' (first on line {lines[key]})",
                                       problem_mark=key_node.start_mark)
        lines[key] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = [item.start_mark.line + 1 for item in value_node.value]
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    mapping[KEY_LINES] = lines
    mapping[ITEM_LINES] = item_lines
    return mapping


def _timestamp_as_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    # Dates stay text, so that 2025-02-30 reaches the validator and gets a message with its line.
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


MARKERS = (LINE, KEY_LINES, ITEM_LINES)
MAX_NESTING = 64
# Lists or mappings opened MAX_NESTING times without closing, in flow style ([[[ or {{{) or as
# block sequences on one line (- - -): the YAML reader recurses per level, and 100,000 levels
# overflow its stack and end the process, so such a text is refused before it is read.
# Two searches, each starting at one character, are three times as fast as one with both branches.
TOO_DEEP = (re.compile(rb"[\[{](?:[^\[\]{}]*[\[{])" + f"{{{MAX_NESTING - 1}}}".encode()),
            re.compile(rb"-(?:[ \t]+-)" + f"{{{MAX_NESTING - 1}}}".encode()))


def without_lines(value: Any) -> Any:
    """Return a value nested inside a record (a figure's mapping) without the lines recorded in it."""
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k not in MARKERS}
    if isinstance(value, list):
        return [without_lines(v) for v in value]
    return value


# The flow search costs a second for 11 MB; the brackets of a text alone, kept in order, show at once
# whether it can match: MAX_NESTING openers in a row.
NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
OPENERS = re.compile(rb"[\[{]" + f"{{{MAX_NESTING}}}".encode())


def refuse_deep(text: bytes, shown: str) -> None:
    """Raise InvalidData naming the line where lists or mappings start nesting too deep to read."""
    patterns = TOO_DEEP if OPENERS.search(text.translate(None, NOT_BRACKETS)) else TOO_DEEP[1:]
    if deep := next(filter(None, (pattern.search(text) for pattern in patterns)), None):
        line = text.count(b"\n", 0, deep.start()) + 1
        raise InvalidData([Problem(f"{shown}:{line}", f"lists or mappings nested more than {MAX_NESTING} "
                                                      "levels deep; fixtures need a few levels at most")])


def read_items(text: bytes, shown: str) -> Iterator[Item]:
    """Yield the items of one file's top-level keys in order; raise InvalidData naming the file and line
    of a syntax error, or saying the file does not hold a mapping."""
    loader = _LineLoader(text)
    try:
        yield from _items(loader, shown)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{shown}:{mark.line + 1}" if mark else shown
        raise InvalidData([Problem(where, f"YAML: {error.problem}")]) from error
    except yaml.YAMLError as error:
        raise InvalidData([Problem(shown, f"not readable as YAML: {error}")]) from error
    except RecursionError:
        raise InvalidData([Problem(shown, "lists or mappings nested too deeply to read; "
                                          "fixtures need a few levels at most")]) from None
    finally:
        loader.dispose()


def _items(loader: _LineLoader, shown: str) -> Iterator[Item]:
    loader.get_event()  # the stream's start
    if loader.check_event(yaml.StreamEndEvent):
        return
    loader.get_event()  # the document's start
    if loader.check_event(yaml.MappingStartEvent):
        yield from _sections(loader)
    elif loader.value()[1] is not None:
        raise InvalidData([Problem(shown, "the file must hold a mapping with 'nodes' and/or 'relations' "
                                          "(and 'claims', where sources disagree)")])
    loader.get_event()  # the document's end
    if not loader.check_event(yaml.StreamEndEvent):
        raise yaml.MarkedYAMLError(problem="a second document (---) in one file; put it in a file of its own",
                                   problem_mark=loader.next_event().start_mark)


def _sections(loader: _LineLoader) -> Iterator[Item]:
    loader.get_event()  # the mapping's start
    lines: dict[str, int] = {}
    while not loader.check_event(yaml.MappingEndEvent):
        key_node = loader.compose_node(None, None)
        key = _text_key(key_node)
        if key in lines:
            raise yaml.MarkedYAMLError(problem=f"duplicate key '{key}' (first on line {lines[key]})",
                                       problem_mark=key_node.start_mark)
        lines[key] = key_node.start_mark.line + 1
        if loader.check_event(yaml.SequenceStartEvent):
            yield from _list_items(loader, key, lines[key])
        else:
            yield Item(key, lines[key], None, *loader.value())
    loader.get_event()


def _list_items(loader: _LineLoader, key: str, key_line: int) -> Iterator[Item]:
    """Yield a top-level list's items one by one; the list itself is never built."""
    start = loader.next_event()
    loader.get_event()
    if start.anchor:  # an alias of the list is refused all the same
        loader.anchors[start.anchor] = yaml.SequenceNode(start.tag, [], start.start_mark, start.end_mark)
    index = 0
    while not loader.check_event(yaml.SequenceEndEvent):
        yield Item(key, key_line, index, *loader.value())
        index += 1
    loader.get_event()
    if index == 0:
        yield Item(key, key_line, None, start.start_mark.line + 1, [])
