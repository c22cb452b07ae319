"""Every page carries security headers, and nothing is loaded from another site."""

import httpx
import pytest

from api.headers import CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/", "/graphql", "/healthz", "/browser/style.grass", "/no-such-page"])
async def test_every_response_carries_the_security_headers(embedded_client: httpx.AsyncClient, path: str) -> None:
    response = await embedded_client.get(path, headers={"Accept": "text/html"})
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_no_page_loads_scripts_from_a_cdn(embedded_client: httpx.AsyncClient, path: str) -> None:
    assert (await embedded_client.get(path)).status_code == 404
