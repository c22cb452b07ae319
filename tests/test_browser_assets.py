"""Neo4j Browser assets: the GRASS stylesheet, the `.cypher` favorites, the guide, and how the API serves them."""

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.browser_guide import Favorite, load_favorites, read_favorite, render_guide
from api.browser_style import EDGE_STYLES, ENTITY_STYLE, NODE_STYLES, node_style, render_grass
from graph.embedded import EmbeddedStore
from graph.store import Row, Store
from jalin.errors import JalinError
from schema import ENTITY_LABEL, MODEL
from tests.conftest import settings_for

FAVORITES = {f.path.stem: f for f in load_favorites()}
NODE_PROPERTIES = {name for node in MODEL.nodes.values() for name in node.properties}
EDGE_PROPERTIES = {name for rel in MODEL.relations.values() for name in rel.properties}


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Parse GRASS as Neo4j Browser does (grassUtils.parseGrassCSS), keeping rule order."""
    rules: dict[str, str] = {}
    in_string = in_props = in_binding = False
    keyword = props = ""
    for c in text:
        keep = in_string and c in "{}"
        if c in "'\"":
            in_string = not in_string
        elif c == "{" and not in_string:
            in_binding, in_props = in_props, True
        elif c == "}" and not in_string:
            if in_binding:
                in_binding = False
            else:
                rules[keyword], keyword, props, in_props = props, "", "", False
        else:
            keep = True
        if keep and in_props:
            props += c
        elif keep and not c.isspace():
            keyword += c
    pairs = {selector: [p.split(":") for p in body.split(";")] for selector, body in rules.items()}
    return {selector: {kv[0].strip(): kv[1].strip() for kv in items if len(kv) == 2}
            for selector, items in pairs.items()}


def browser_style_for(sheet: dict[str, dict[str, str]], tag: str, classes: list[str]) -> dict[str, str]:
    """Cascade as Browser's graphStyle does: every rule whose classes the item has, in sheet order."""
    merged: dict[str, str] = {}
    for selector, props in sheet.items():
        rule_tag, *rule_classes = selector.split(".")
        if rule_tag == tag and all(c in classes for c in rule_classes):
            merged |= props
    return merged


SHEET = parse_grass(render_grass())


def test_grass_styles_every_label_and_type_of_the_model() -> None:
    assert set(NODE_STYLES) == set(MODEL.nodes)
    assert set(EDGE_STYLES) == set(MODEL.relations)
    selectors = {f"node.{label}" for label in MODEL.nodes} | {f"relationship.{t}" for t in MODEL.relations}
    assert selectors | {"node", "relationship", f"node.{ENTITY_LABEL}"} == set(SHEET)


@pytest.mark.parametrize("label", sorted(MODEL.nodes))
def test_grass_label_style_wins_over_the_entity_label(label: str) -> None:
    style = NODE_STYLES[label]
    drawn = browser_style_for(SHEET, "node", [ENTITY_LABEL, label])
    assert drawn["color"] == style.color != ENTITY_STYLE.color
    assert drawn["diameter"] == f"{style.diameter}px"
    assert drawn["caption"] == f"{{{style.caption}}}"


@pytest.mark.parametrize("label", sorted(MODEL.nodes))
def test_grass_captions_name_a_property_every_node_has(label: str) -> None:
    caption = node_style(label).caption
    assert MODEL.nodes[label].properties[caption].required


@pytest.mark.parametrize("rel_type", sorted(MODEL.relations))
def test_grass_relationships_are_captioned_by_type(rel_type: str) -> None:
    drawn = browser_style_for(SHEET, "relationship", [rel_type])
    assert drawn["caption"] == "<type>"
    assert drawn["color"] == EDGE_STYLES[rel_type].color
    assert re.fullmatch(r"\d+px", drawn["shaft-width"])


def test_grass_values_are_colours_and_sizes() -> None:
    for props in SHEET.values():
        for key, value in props.items():
            if "color" in key:
                assert re.fullmatch(r"#[0-9A-Fa-f]{6}", value), (key, value)
            if key in ("diameter", "shaft-width", "font-size", "padding", "border-width"):
                assert re.fullmatch(r"\d+px", value), (key, value)


# --- favorites -------------------------------------------------------------------------------

def _code(text: str) -> str:
    """Return `text` without comment lines and with string literals emptied."""
    lines = (line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return re.sub(r"'[^']*'", "''", "\n".join(lines))


def _names(text: str) -> tuple[set[str], set[str], set[str], set[str]]:
    """Return the labels, relationship types, node properties and edge properties `text` uses."""
    code = _code(text)
    nodes = re.findall(r"(?<!\w)\((\w*)((?::\w+)*)", code)
    edges = re.findall(r"-\[(\w*)(?::([\w|]+))?", code)
    node_vars, edge_vars = {v for v, _ in nodes if v}, {v for v, _ in edges if v}
    labels = {label for _, chain in nodes for label in chain.split(":") if label}
    types = {t for _, chain in edges for t in chain.split("|") if t}
    accessed = re.findall(r"\b([a-z_]\w*)\.([a-z_]\w*)\b", code)
    node_props = {p for v, p in accessed if v not in edge_vars} | set(re.findall(r"\{(\w+):", code))
    edge_props = {p for v, p in accessed if v in edge_vars}
    assert node_vars.isdisjoint(edge_vars)
    return labels, types, node_props, edge_props


@pytest.mark.parametrize("name", sorted(FAVORITES))
def test_favorite_is_one_titled_statement_without_parameters(name: str) -> None:
    favorite = FAVORITES[name]
    assert favorite.text.startswith(f"// {favorite.title}\n") and len(favorite.title) > 20
    assert favorite.description
    code = _code(favorite.text).strip()
    assert "$" not in code and ";" not in code.rstrip(";")


@pytest.mark.parametrize("name", sorted(FAVORITES))
def test_favorite_uses_only_names_of_the_model(name: str) -> None:
    labels, types, node_props, edge_props = _names(FAVORITES[name].text)
    assert labels and labels <= set(MODEL.nodes) | {ENTITY_LABEL}
    assert types <= set(MODEL.relations)
    assert node_props <= NODE_PROPERTIES
    assert edge_props <= EDGE_PROPERTIES


@pytest.fixture(params=["embedded", "neo4j"])
def seeded(request: pytest.FixtureRequest, store: EmbeddedStore) -> Store:
    """The seeded graph in each store: favorites must run on the embedded store and on Neo4j 5."""
    if request.param == "embedded":
        return store
    request.getfixturevalue("neo4j_client")  # seeds Neo4j when a writing test emptied it
    found: Store = request.getfixturevalue("neo4j_session_store")
    return found


async def run_favorite(store: Store, name: str) -> list[Row]:
    return await store.run(FAVORITES[name].text)


async def test_favorite_astana_delegation_names_the_akimat_officials(seeded: Store) -> None:
    rows = await run_favorite(seeded, "1-astana-delegation")
    akimat = {r["official"] for r in rows if r["city_body"] == "Akimat Astana"}
    assert akimat == {"Mankaraev Kaisa Zakirovich", "Bergaliev Gabbas Tokanovich",
                      "Rakhmatullaev Abai Kalykululy"}
    assert {r["delegation_of"] for r in rows} == {"Fadjroel Rachman"}
    assert "Yergaliev Talgat Faizullievich" in {r["official"] for r in rows}


async def test_favorite_agreements_say_who_signed_what_and_when(seeded: Store) -> None:
    rows = await run_favorite(seeded, "2-agreements")
    signed = [r for r in rows if r["status"] == "signed"]
    # The article names nobody as signing the Kaltim-Kaltara agreement: the favourite says so, with no one.
    assert len(signed) == 1 and signed[0]["signed_by"] == [] and signed[0]["date"] == "2025-08-07"
    assert {signed[0]["party"], signed[0]["counterpart"]} == {
        "Pemerintah Provinsi Kalimantan Timur", "Pemerintah Provinsi Kalimantan Utara"}
    assert sorted(r["status"] for r in rows) == ["planned", "proposed", "proposed", "proposed", "signed"]
    assert [r["date"] for r in rows[:3]] == ["2025-05-30", "2025-08-07", "2025-08-29"]


async def test_favorite_commodities_reach_sri_lanka_and_kazakhstan(seeded: Store) -> None:
    rows = await run_favorite(seeded, "3-commodities-sri-lanka-kazakhstan")
    by_destination = {(r["destination"], r["commodity"]): r for r in rows}
    assert set(by_destination) == {("Sri Lanka", "Damar batu"), ("Kazakhstan", "Kelapa sawit"),
                                   ("Kazakhstan", "Produk perikanan")}
    resin = by_destination[("Sri Lanka", "Damar batu")]
    assert (resin["shipped_from"], resin["status"], resin["date"]) == ("Balikpapan", "completed", "2025-11-27")
    assert resin["first_shipment"] is True
    assert {r["status"] for r in rows if r["destination"] == "Kazakhstan"} == {"proposed"}


async def test_favorite_palu_reaches_astana_in_four_steps(seeded: Store) -> None:
    rows = await run_favorite(seeded, "4-palu-to-astana")
    assert rows and {r["steps"] for r in rows} == {4}
    for row in rows:
        route = row["route"]
        assert isinstance(route, list) and route[0] == "Palu" and route[-1] == "Astana"
        assert len(route) == 5 and len(set(route)) == 5
        assert isinstance(row["via"], list) and set(row["via"]) <= set(MODEL.relations)


async def test_favorite_balikpapan_timeline_is_in_date_order(seeded: Store) -> None:
    rows = await run_favorite(seeded, "5-balikpapan-timeline")
    earliest = [str(r["earliest"]) for r in rows if r["earliest"] is not None]
    assert earliest == sorted(earliest) and earliest[0] == "2025-05-30" and earliest[-1] == "2025-11-27"
    events = {(r["kind"], r["actor"], r["other"]) for r in rows}
    assert ("VISITED", "Hadianto Rasyid", "Balikpapan") in events
    assert ("MET", "Rahmad Mas'ud", "Fadjroel Rachman") in events
    assert ("INAUGURATED", "Budi Santoso", "Export Center Balikpapan") in events
    assert ("EXPORTS", "Balikpapan", "Damar batu") in events


def test_favorite_without_title_is_refused(tmp_path: Path) -> None:
    (tmp_path / "untitled.cypher").write_text("MATCH (n:Entity) RETURN n.name\n")
    with pytest.raises(JalinError, match=r"untitled\.cypher:1: .*title"):
        read_favorite(tmp_path / "untitled.cypher")
    with pytest.raises(JalinError, match="no .cypher favorites"):
        load_favorites(tmp_path / "empty")


# --- the guide -------------------------------------------------------------------------------

class GuideSlides(HTMLParser):
    """Collect the page title and, per <slide>, its heading and runnable code as Browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.slides: list[dict[str, str]] = []
        self._field: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "slide":
            self.slides.append({"heading": "", "code": ""})
        self._field = {"title": "title", "h3": "heading"}.get(tag)
        if tag == "pre" and "runnable" in classes:
            self._field = "code"

    def handle_endtag(self, tag: str) -> None:
        self._field = None

    def handle_data(self, data: str) -> None:
        if self._field == "title":
            self.title += data
        elif self._field:
            self.slides[-1][self._field] += data


def read_guide(html: str) -> GuideSlides:
    parser = GuideSlides()
    parser.feed(html)
    return parser


def test_guide_has_one_runnable_slide_per_favorite() -> None:
    favorites: list[Favorite] = list(FAVORITES.values())
    guide = read_guide(render_guide(favorites, "http://api.test/browser/style.grass"))
    assert guide.title.startswith("Jalin")
    assert guide.slides[0]["code"] == ":style http://api.test/browser/style.grass"
    assert [(s["heading"], s["code"]) for s in guide.slides[1:]] == [(f.title, f.text) for f in favorites]


async def test_api_serves_the_stylesheet_to_any_origin(client: httpx.AsyncClient) -> None:
    response = await client.get("/browser/style.grass", headers={"Origin": "http://localhost:7474"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.text == render_grass()


async def test_api_answers_browser_preflight_for_the_guide(client: httpx.AsyncClient) -> None:
    response = await client.options("/browser/guide.html", headers={
        "Origin": "http://localhost:7474", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "pragma,cache-control"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "pragma" in response.headers["access-control-allow-headers"].lower()


async def test_api_guide_points_at_its_own_stylesheet(client: httpx.AsyncClient) -> None:
    response = await client.get("/browser/guide.html?x=1", headers={"Origin": "http://localhost:7474"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    guide = read_guide(response.text)
    assert guide.slides[0]["code"] == ":style http://127.0.0.1:8000/browser/style.grass"  # the settings' address
    assert len(guide.slides) == len(FAVORITES) + 1


async def test_api_guide_never_takes_its_address_from_the_host_header(embedded_client: httpx.AsyncClient,
                                                                      store: Store, data_dir: Path) -> None:
    forged = await embedded_client.get("/browser/guide.html", headers={"Host": "evil.example"})
    assert "evil.example" not in forged.text
    assert read_guide(forged.text).slides[0]["code"] == ":style http://127.0.0.1:8000/browser/style.grass"
    public = create_app(settings_for(data_dir, public_url="https://jalin.example.org/"), store=store)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=public), base_url="http://jalin") as client:
        answer = await client.get("/browser/guide.html", headers={"Host": "evil.example"})
    assert read_guide(answer.text).slides[0]["code"] == ":style https://jalin.example.org/browser/style.grass"
