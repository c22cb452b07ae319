"""Neo4j Browser's stylesheet (GRASS), generated from `schema.MODEL` and one small style table."""

from dataclasses import dataclass

from schema import ENTITY_LABEL, MODEL, Model

STYLE_FILE = "style.grass"


@dataclass(frozen=True)
class NodeStyle:
    """How Browser draws nodes of one label: fill, border and text colours, diameter, caption property."""

    color: str
    border: str
    text: str
    diameter: int
    caption: str


@dataclass(frozen=True)
class EdgeStyle:
    """How Browser draws edges of one type: line colour and width; the caption is always the type."""

    color: str
    width: int


# A caption names one property per label, and Browser shows an empty node where that property is
# missing. `short_name` is optional (most institutions have none), so institutions are captioned by
# the `name` every entity has; the short name stays one click away in the node's properties.
NODE_STYLES: dict[str, NodeStyle] = {
    "Person": NodeStyle("#4C8EDA", "#2870C2", "#FFFFFF", 50, "name"),
    "Institution": NodeStyle("#F79767", "#F36924", "#FFFFFF", 60, "name"),
    "Place": NodeStyle("#8DCC93", "#5DB665", "#2A2C34", 65, "name"),
    "Commodity": NodeStyle("#FFC454", "#D7A013", "#2A2C34", 45, "name"),
    "Source": NodeStyle("#D9C8AE", "#C0A378", "#2A2C34", 40, "name"),
    "Event": NodeStyle("#C990C0", "#B261A5", "#FFFFFF", 55, "name"),
}
# Every node also carries the generic label; its rule comes first so that the labels above win.
ENTITY_STYLE = NodeStyle("#A5ABB6", "#9AA1AC", "#FFFFFF", 50, "name")

ENCOUNTER = EdgeStyle("#4C8EDA", 2)
COMMITMENT = EdgeStyle("#DA7194", 3)
TRADE = EdgeStyle("#D7A013", 2)
OFFICE = EdgeStyle("#F36924", 1)
STRUCTURE = EdgeStyle("#A5ABB6", 1)
EDGE_STYLES: dict[str, EdgeStyle] = {
    "MET": ENCOUNTER, "VISITED": ENCOUNTER, "MEMBER_OF_DELEGATION": ENCOUNTER,
    "AGREEMENT": COMMITMENT, "SISTER_CITY": COMMITMENT, "INAUGURATED": COMMITMENT,
    "EXPORTS": TRADE, "SUPPLIES": TRADE, "PRODUCES": TRADE, "DEMANDS": TRADE,
    "HOLDS_POSITION": OFFICE,
    "LOCATED_IN": STRUCTURE, "PART_OF": STRUCTURE, "BORN_IN": STRUCTURE,
}

# Browser's own defaults, stated so that the sheet reads the same whatever Browser had before.
BASE_NODE = {"diameter": "50px", "color": "#A5ABB6", "border-color": "#9AA1AC", "border-width": "2px",
             "text-color-internal": "#FFFFFF", "font-size": "10px"}
BASE_RELATIONSHIP = {"color": "#A5ABB6", "shaft-width": "1px", "font-size": "8px", "padding": "3px",
                     "text-color-external": "#000000", "text-color-internal": "#FFFFFF",
                     "caption": "'<type>'"}


def node_style(label: str) -> NodeStyle:
    """Return the style of `label`, or the generic entity style for a label the table lacks."""
    return NODE_STYLES.get(label, ENTITY_STYLE)


def edge_style(rel_type: str) -> EdgeStyle:
    """Return the style of `rel_type`, or the structural style for a type the table lacks."""
    return EDGE_STYLES.get(rel_type, STRUCTURE)


def _node_props(style: NodeStyle) -> dict[str, str]:
    # Captions are quoted: Browser's parser drops unquoted braces.
    return {"color": style.color, "border-color": style.border, "text-color-internal": style.text,
            "diameter": f"{style.diameter}px", "caption": f"'{{{style.caption}}}'"}


def _edge_props(style: EdgeStyle) -> dict[str, str]:
    return {"color": style.color, "shaft-width": f"{style.width}px", "caption": "'<type>'"}


def _rule(selector: str, props: dict[str, str]) -> str:
    body = "".join(f"  {key}: {value};\n" for key, value in props.items())
    return f"{selector} {{\n{body}}}\n"


def render_grass(model: Model = MODEL) -> str:
    """Return the stylesheet: defaults, the generic label, then every label and edge type of `model`."""
    rules = [_rule("node", BASE_NODE), _rule("relationship", BASE_RELATIONSHIP),
             _rule(f"node.{ENTITY_LABEL}", _node_props(ENTITY_STYLE))]
    rules += [_rule(f"node.{label}", _node_props(node_style(label))) for label in model.nodes]
    rules += [_rule(f"relationship.{rel_type}", _edge_props(edge_style(rel_type)))
              for rel_type in model.relations]
    return "\n".join(rules)
