"""Read a fixture written one JSON object per item line, as `jalin generate` and `jalin export` write them.

Such a file is YAML whose every item is a flow mapping on one line, and a flow mapping in JSON's
syntax is read by the JSON parser to the same value a YAML reader gives it: six times as fast as
libyaml's events alone, which cost two Python objects with marks per scalar. The file is read this
way only when every line is blank, a comment, a known section (`nodes:`) or an item whose JSON the
YAML reader reads alike; otherwise, or at the first doubt, it is read as YAML, which then also
gives the error messages.
"""

import io
import json
import re
from collections.abc import Iterator
from sys import intern
from typing import Any

from seeds.yaml_lines import Item

SECTIONS = (b"nodes", b"relations", b"claims")
SECTION = re.compile(rb"([a-z]+):[ ]*\n?")
ITEM = re.compile(rb"( *)- \{")
# Where YAML and JSON part: characters YAML refuses or reads as line breaks (C0 and C1 controls,
# U+2028, U+2029, a byte order mark, noncharacters), tabs, carriage returns, encoded or escaped
# UTF-16 surrogates (a pair is one character to JSON and an error to YAML). Three searches, the last
# two only for text that holds their first byte: one search with every branch took ten times as long.
CONTROLS = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]")
NOT_ALIKE_UTF8 = re.compile(rb"\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xbb\xbf|\xef\xbf[\xbe\xbf]|\xed[\xa0-\xbf]")
SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
# A float as YAML 1.1 reads it: JSON's 1e5 and 1.5e10 are text to YAML, and NaN or Infinity are words.
YAML_FLOAT = re.compile(r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?")


class NotAlike(ValueError):
    """The file is not in the one-JSON-object-per-line form: read it as YAML."""


def _mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Keys are shared by every record that has them; a repeated key is an error YAML reports.
    mapping = dict(zip(map(intern, [key for key, _ in pairs]), [value for _, value in pairs], strict=True))
    if len(mapping) != len(pairs):
        raise NotAlike("a key repeated")
    return mapping


def _float(text: str) -> float:
    if not YAML_FLOAT.fullmatch(text):
        raise NotAlike(f"{text} is not a float to YAML")
    return float(text)


def _constant(text: str) -> float:
    raise NotAlike(f"{text} is text to YAML")


DECODER = json.JSONDecoder(object_pairs_hook=_mapping, parse_float=_float, parse_constant=_constant)


def json_items(text: bytes) -> Iterator[Item]:
    """Yield the items of a file written one JSON object per item line; raise NotAlike, possibly after
    some items, when the file is not written that way."""
    if (CONTROLS.search(text) or (not text.isascii() and NOT_ALIKE_UTF8.search(text))
            or (b"\\u" in text and SURROGATE.search(text))):
        raise NotAlike("a character JSON and YAML read differently")
    section, key_line, index, prefix, seen = "", 0, 0, b"", set()
    for number, line in enumerate(io.BytesIO(text), 1):
        if prefix and line.startswith(prefix):
            yield Item(section, key_line, index, number, _decode(line[len(prefix) - 1:], number))
            index += 1
        elif not line.strip() or line.lstrip().startswith(b"#"):
            continue
        elif head := SECTION.fullmatch(line):
            if head[1] not in SECTIONS or head[1] in seen or (section and not index):
                raise NotAlike(f"line {number}")
            seen.add(head[1])
            section, key_line, index, prefix = head[1].decode(), number, 0, b""
        elif section and not prefix and (item := ITEM.match(line)):
            prefix = item[0]
            yield Item(section, key_line, index, number, _decode(line[len(prefix) - 1:], number))
            index += 1
        else:
            raise NotAlike(f"line {number}")
    if section and not index:
        raise NotAlike("a section without items")


def _decode(payload: bytes, number: int) -> Any:
    try:
        return DECODER.decode(payload.decode())
    except (ValueError, UnicodeDecodeError) as error:
        raise NotAlike(f"line {number}") from error
