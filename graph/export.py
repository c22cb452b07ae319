"""The whole graph as JSON or GraphML, ids and properties exactly as stored; or as YAML fixtures.

Claims are stored with their value as JSON text (schema.claims): JSON and GraphML keep that text,
the YAML fixtures give the value itself, as a person writes it."""

import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import yaml

from graph import cypher
from graph.entities import entity_from_row
from graph.store import Store
from schema import MODEL
from schema.claims import decode_value
from schema.provenance import PROVENANCE_PROPERTIES

YAML_HEADER = """\
# Exported from Jalin: every node and edge as fixtures that `jalin validate` accepts and
# `jalin seed` loads back into the same graph. Where each fact came from is set again on seeding.
"""


async def snapshot(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Return every node, edge and claim as plain data, sorted by id, for export and comparison."""
    nodes = [entity_from_row(row["props"], row["labels"]) for row in await store.run(cypher.ALL_NODES)]
    edges = await store.run(cypher.ALL_EDGES)
    claims = await store.run(cypher.ALL_CLAIMS)
    return {
        "nodes": [{"type": n.type, **dict(sorted(n.props.items()))} for n in nodes],
        "relations": [{"type": e["type"], "from": e["from_id"], "to": e["to_id"],
                       **dict(sorted(e["props"].items()))} for e in edges],
        "claims": [dict(sorted(c["props"].items())) for c in claims],
    }


def to_json(data: dict[str, list[dict[str, Any]]]) -> str:
    """Return the snapshot as indented JSON."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def _data(props: dict[str, Any]) -> str:
    cells = []
    for key, value in props.items():
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, list | bool) else str(value)
        cells.append(f'      <data key={quoteattr(key)}>{escape(text)}</data>')
    return "\n".join(cells)


def to_graphml(data: dict[str, list[dict[str, Any]]]) -> str:
    """Return the snapshot as GraphML; lists are written as JSON text."""
    keys = sorted({k for item in data["nodes"] + data["relations"] + data["claims"] for k in item} - {"from", "to"})
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    lines += [f'  <key id={quoteattr(k)} for="all" attr.name={quoteattr(k)} attr.type="string"/>'
              for k in keys]
    lines.append('  <graph id="jalin" edgedefault="directed">')
    for node in data["nodes"] + data["claims"]:
        lines += [f'    <node id={quoteattr(node["id"])}>', _data(node), "    </node>"]
    for rel in data["relations"]:
        props = {k: v for k, v in rel.items() if k not in ("from", "to")}
        lines += [f'    <edge id={quoteattr(rel["id"])} source={quoteattr(rel["from"])} '
                  f'target={quoteattr(rel["to"])}>', _data(props), "    </edge>"]
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


FIRST_KEYS = ("type", "id", "from", "to", "name")  # what a reader looks for first, in every record
CLAIM_KEYS = ("about", "property", "value", "rank", "reason", "note", "sources")  # a claim's id is derived


def _as_written(kinds: dict[str, str], key: str, value: Any) -> Any:
    """Return a stored value as a fixture writes it: figures are mappings there, JSON text in the store."""
    return [json.loads(text) for text in value] if kinds.get(key) == "figure_list" else value


def fixture_record(item: dict[str, Any]) -> dict[str, Any]:
    """Return a stored node or relation (its `type` and properties) as a fixture writes it."""
    spec = MODEL.nodes.get(item["type"]) or MODEL.relations[item["type"]]
    kinds = {name: p.kind for name, p in spec.properties.items()}
    kept = {k: _as_written(kinds, k, v) for k, v in item.items()
            if k not in PROVENANCE_PROPERTIES and v not in (None, [])}
    return {**{k: kept[k] for k in FIRST_KEYS if k in kept}, **kept}


def _claim_fixture(claim: dict[str, Any]) -> dict[str, Any]:
    kept = {**claim, "value": decode_value(claim["value"])}
    return {k: kept[k] for k in CLAIM_KEYS if kept.get(k) not in (None, [])}


def to_yaml(data: dict[str, list[dict[str, Any]]]) -> str:
    """Return the snapshot as one fixture file: provenance left out, since seeding sets it."""
    body = {"nodes": [fixture_record(n) for n in data["nodes"]],
            "relations": [fixture_record(r) for r in data["relations"]]}
    if data["claims"]:
        body["claims"] = [_claim_fixture(c) for c in data["claims"]]
    return YAML_HEADER + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120)
