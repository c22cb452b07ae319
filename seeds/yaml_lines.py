"""Read YAML keeping the line of every mapping and key, so errors can say where."""

from pathlib import Path
from typing import Any

import yaml

from jalin.errors import InvalidData, Problem

LINE = "__line__"
KEY_LINES = "__key_lines__"
ITEM_LINES = "__item_lines__"


class _LineLoader(yaml.CSafeLoader):
    """A safe loader that records lines and refuses duplicate keys."""


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    for key_node, value_node in node.value:
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
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{shown}:{mark.line + 1}" if mark else shown
        raise InvalidData([Problem(where, f"YAML: {error.problem}")]) from error
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InvalidData([Problem(shown, f"not readable as YAML: {error}")]) from error
