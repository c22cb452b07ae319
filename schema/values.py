"""Check one property value against its spec and return it in stored form."""

import json
import operator
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from schema.dates import parse_partial, parse_period
from schema.model import PropertySpec

# Line breaks and tabs are text; other control characters are invisible and some (NUL) end a
# string in the store, so they are refused rather than kept.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    stripped = value.strip()
    if not stripped:
        raise ValueError("is empty")
    # Most text is printable throughout, which one call says; the search finds what is not.
    if not value.isprintable() and (found := CONTROL.search(value)):
        raise ValueError(f"holds the control character U+{ord(found.group()):04X} at position {found.start()}")
    return stripped


def _text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list, got {value!r}")
    items = [_text(item) for item in value]
    return value if all(map(operator.is_, items, value)) else items  # the list as written, when kept whole


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {value!r}")
    if not INT64_MIN <= value <= INT64_MAX:
        raise ValueError(f"{value} does not fit in the 64 bits a stored number has")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    return float(value)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _url(value: Any) -> str:
    text = _text(value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise ValueError(f"{text!r} is not a web address; write it whole, e.g. 'https://outlet.example/news/123'")
    return text


FIGURE_KEYS = {"counts": "what is counted, e.g. 'cities helped'", "value": "the number",
               "unit": "optional, e.g. 'people', 'tonnes', 'IDR'", "approximate": "optional, true for 'about'"}


def _figure(value: Any) -> str:
    if not isinstance(value, dict):
        raise ValueError(f"a figure is a mapping like {{counts: cities helped, value: 5}}, got {value!r}")
    unknown = sorted(set(value) - set(FIGURE_KEYS))
    if unknown:
        raise ValueError(f"a figure has no '{unknown[0]}'; its keys are " +
                         ", ".join(f"{k} ({help})" for k, help in FIGURE_KEYS.items()))
    if "counts" not in value or "value" not in value:
        raise ValueError("a figure needs 'counts' (what is counted) and 'value' (the number)")
    figure = {"counts": _text(value["counts"]), "value": _number_kept(value["value"])}
    if value.get("unit") is not None:
        figure["unit"] = _text(value["unit"])
    if value.get("approximate"):
        figure["approximate"] = _boolean(value["approximate"])
    return json.dumps(figure, ensure_ascii=False, sort_keys=True)


def _number_kept(value: Any) -> int | float:
    """Return a whole number as one, any other number as a float: 5 cities stay 5, not 5.0."""
    return _integer(value) if isinstance(value, int) and not isinstance(value, bool) else _number(value)


def _figure_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of figures, got {value!r}")
    return [_figure(item) for item in value]


def _date_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of dates, got {value!r}")
    return [parse_partial(item) for item in value]


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "string": _text,
    "url": _url,
    "ref": _text,
    "string_list": _text_list,
    "ref_list": _text_list,
    "integer": _integer,
    "float": _number,
    "boolean": _boolean,
    "date": parse_partial,
    "date_list": _date_list,
    "period": parse_period,
    "figure_list": _figure_list,
}


def convert(spec: PropertySpec, value: Any) -> Any:
    """Return `value` in stored form, or raise ValueError saying what is wrong with it."""
    stored = CONVERTERS[spec.kind](value)
    if spec.choices:
        for choice in spec.choices:
            if choice == stored:
                return choice  # the model's own string, shared by every record that holds it
        raise ValueError(f"{stored!r} is not one of {', '.join(spec.choices)}")
    return stored
