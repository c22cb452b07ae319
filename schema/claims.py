"""Ranked claims: what sources say about one single-valued property when they disagree.

A claim is a node of its own label, never an Entity: it names the entity or relation it is about
by id (a relation cannot be the end of an edge), so it stays out of search, pages and counts.
Its value is stored as JSON text, whatever the kind of the property it is about, so that a date,
a number and a yes/no all come back as they were given.
"""

import hashlib
import json
from typing import Any

from neomodel import StringProperty, StructuredNode

from schema.properties import RefListProperty

CLAIM_LABEL = "Claim"
PREFERRED, NORMAL, DEPRECATED = "preferred", "normal", "deprecated"
RANKS = (PREFERRED, NORMAL, DEPRECATED)
# Properties no claim may be about, and what to write instead.
NOT_CLAIMABLE = {
    "id": "an id names the subject; it is no fact a source can contradict",
    "date_precision": "it is derived from the date; claim 'date'",
    "date_earliest": "an approximate window is given on the relation; claim 'date'",
    "date_latest": "an approximate window is given on the relation; claim 'date'",
}


class Claim(StructuredNode):
    """What one or more sources say about one property of an entity or relation, ranked."""

    uid = StringProperty(db_property="id", unique_index=True, required=True,
                         help_text="Derived from what the claim is about, its property and its value")
    about = StringProperty(required=True, help_text="Id of the entity or relation the claim is about")
    prop = StringProperty(db_property="property", required=True,
                          help_text="A single-valued property of the subject's type, e.g. 'date'")
    value = StringProperty(required=True, help_text="The value the sources give, checked as the property's own")
    sources = RefListProperty(("Source",), required=True, help_text="Ids of the Source nodes that say so")
    rank = StringProperty(choices={r: r for r in RANKS}, default=NORMAL,
                          help_text="preferred (the subject holds its value), normal or deprecated")
    reason = StringProperty(help_text="Why it is preferred or deprecated, in our own words")
    note = StringProperty(help_text="One line in our own words")


def encode_value(value: Any) -> str:
    """Return a checked value as the JSON text a claim stores."""
    return json.dumps(value, ensure_ascii=False)


def decode_value(text: str) -> Any:
    """Return the value a claim's stored JSON text holds."""
    return json.loads(text)


def claim_id(about: str, prop: str, value: Any) -> str:
    """Return the id of the claim that `about`'s `prop` is `value`: one claim per value, stable across seeds."""
    digest = hashlib.sha256(encode_value(value).encode()).hexdigest()[:10]
    return f"{about}--{prop}--{digest}"
