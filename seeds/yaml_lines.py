"""Read YAML keeping the line of every mapping and key, so errors can say where."""

import re
from pathlib import Path
from typing import Any

import yaml

from jalin.errors import InvalidData, Problem

LINE = "__line__"
KEY_LINES = "__key_lines__"
ITEM_LINES = "__item_lines__"


class _LineLoader(yaml.CSafeLoader):
    """A safe loader that records lines, refuses duplicate keys, keys that are not text, and aliases
    of lists or mappings."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Build a node's value; refuse to build a list or mapping a second time through an alias.

        Ten lines of aliases that each repeat the previous list nine times make a billion values:
        fixtures never need that, and an analyst can always write the value out."""
        if isinstance(node, yaml.CollectionNode) and node in self.constructed_objects:
            raise yaml.MarkedYAMLError(
                problem=f"the list or mapping anchored on line {node.start_mark.line + 1} is repeated by an "
                        "alias (*name); fixtures take no aliases of lists or mappings: write the value out",
                problem_mark=node.start_mark)
        return super().construct_object(node, deep=deep)


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    for key_node, value_node in node.value:
        if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:str"):
            shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a list or mapping"
            raise yaml.MarkedYAMLError(problem=f"key {shown!r} is not text; quote it, e.g. \"{shown}\":",
                                       problem_mark=key_node.start_mark)
        key = key_node.value
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
TOO_DEEP = (re.compile(r"[\[{](?:[^\[\]{}]*[\[{])" + f"{{{MAX_NESTING - 1}}}"),
            re.compile(r"-(?:[ \t]+-)" + f"{{{MAX_NESTING - 1}}}"))


def without_lines(value: Any) -> Any:
    """Return a value nested inside a record (a figure's mapping) without the lines recorded in it."""
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k not in MARKERS}
    if isinstance(value, list):
        return [without_lines(v) for v in value]
    return value


def read_yaml(path: Path, shown: str) -> Any:
    """Parse one file; raise InvalidData naming the file and line of a syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
        if deep := next(filter(None, (pattern.search(text) for pattern in TOO_DEEP)), None):
            line = text.count("\n", 0, deep.start()) + 1
            raise InvalidData([Problem(f"{shown}:{line}", f"lists or mappings nested more than {MAX_NESTING} "
                                                          "levels deep; fixtures need a few levels at most")])
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{shown}:{mark.line + 1}" if mark else shown
        raise InvalidData([Problem(where, f"YAML: {error.problem}")]) from error
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InvalidData([Problem(shown, f"not readable as YAML: {error}")]) from error
    except RecursionError:
        raise InvalidData([Problem(shown, "lists or mappings nested too deeply to read; "
                                          "fixtures need a few levels at most")]) from None
