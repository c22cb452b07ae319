"""Every entity carries a link that opens Neo4j Browser on its neighbourhood, when Browser's address is set."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx

from api.app import create_app
from graph.embedded import EmbeddedStore
from graph.links import neighbourhood_query
from tests.conftest import data, settings_for

BROWSER = "http://localhost:7474/browser/"
QUERY = '{ entity(id: "place-palu") { browserUrl relations(first: 1) { other { browserUrl } } } }'


async def test_entity_links_open_browser_on_its_neighbourhood(store: EmbeddedStore, data_dir: Path) -> None:
    app = create_app(settings_for(data_dir, browser_url=BROWSER), store=store)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin") as client:
        entity = (await data(client, QUERY))["entity"]
    link = urlsplit(entity["browserUrl"])
    assert f"{link.scheme}://{link.netloc}{link.path}" == BROWSER
    assert parse_qs(link.query) == {"cmd": ["edit"], "arg": [neighbourhood_query("place-palu")]}
    assert entity["relations"][0]["other"]["browserUrl"].startswith(BROWSER + "?cmd=edit&arg=MATCH%20")


async def test_entity_links_are_null_without_browser_address(embedded_client: httpx.AsyncClient) -> None:
    entity = (await data(embedded_client, QUERY))["entity"]
    assert entity["browserUrl"] is None


def test_neighbourhood_query_quotes_the_id_as_a_cypher_string() -> None:
    assert neighbourhood_query("place-palu") == "MATCH (n:Entity {id: 'place-palu'})-[r]-(m:Entity) RETURN n, r, m"
    assert "{id: 'it\\'s'}" in neighbourhood_query("it's")
