"""The client at / and GraphiQL at /graphql: served by the API itself from local assets in web/dist."""

import re
from pathlib import Path

import httpx
import pytest

from api.web import WEB_DIST, WebNotBuilt, read_page

CDNS = ("unpkg.com", "jsdelivr", "esm.sh", "cdnjs")
needs_build = pytest.mark.skipif(not (WEB_DIST / "index.html").is_file(), reason="web/dist is not built: `make web`")


@needs_build
async def test_client_page_is_served_at_root_with_local_assets(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    scripts = re.findall(r'src="([^"]+)"', response.text)
    assert scripts and all(s.startswith("/assets/") for s in scripts)
    asset = await client.get(scripts[0])
    assert asset.status_code == 200
    assert "javascript" in asset.headers["content-type"]


@needs_build
async def test_graphiql_page_loads_nothing_from_a_cdn(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert 'id="graphiql"' in response.text
    assert not [cdn for cdn in CDNS if cdn in response.text]


async def test_graphql_post_still_answers_queries(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ entity(id: \"place-palu\") { name } }"})
    assert response.json() == {"data": {"entity": {"name": "Palu"}}}


def test_missing_build_names_the_file_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(WebNotBuilt) as raised:
        read_page(tmp_path, "index.html")
    assert str(tmp_path / "index.html") in raised.value.detail
    assert "make web" in raised.value.detail
    assert raised.value.status == 503
