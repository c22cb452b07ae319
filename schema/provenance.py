"""Where each node and edge came from: set by Jalin on every write, never by the data written.

A fact from the fixtures carries the file and line that state it and the hash of the fixture
tree it was seeded from; a fact written through the API carries the name of the caller's token
and the time. `version` counts the changes of a node or edge, for updates that must not be lost.
"""

ORIGIN = "origin"  # "fixture" or "api"
ORIGIN_REF = "origin_ref"  # "articles/2025-08-29-envoy.yaml:12", or the API token's name
ORIGIN_TREE = "origin_tree"  # hash of the fixture tree the fact was seeded from
UPDATED_AT = "updated_at"  # when the API last changed it, UTC ISO 8601
VERSION = "version"  # 1 when written first, one more at every change

FIXTURE, API = "fixture", "api"
PROVENANCE_PROPERTIES = (ORIGIN, ORIGIN_REF, ORIGIN_TREE, UPDATED_AT, VERSION)
