"""A field guarded by a permission class is refused when the permission says no, even a plain attribute
with no resolver: served through Jalin's own view, mounting and extensions, not Strawberry's defaults."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry
from fastapi import FastAPI
from starlette.requests import Request
from strawberry.permission import BasePermission

from api.context import Context
from api.endpoint import mount_graphql
from api.schema import schema_extensions
from graph.embedded import EmbeddedStore
from tests.conftest import TOKEN, settings_for

SECRET = "the-secret-value"


class DenyAll(BasePermission):
    message = "not allowed"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


class Writer(BasePermission):
    message = "writers only"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        context = info.context
        return isinstance(context, Context) and context.bearer == TOKEN


@strawberry.type
class Vault:
    secret: str = strawberry.field(permission_classes=[DenyAll])
    ledger: str = strawberry.field(permission_classes=[Writer])
    label: str


@strawberry.type
class VaultQuery:
    @strawberry.field
    def vault(self) -> Vault | None:
        return Vault(secret=SECRET, ledger=SECRET, label="open")


@pytest.fixture
async def vault_client(store: EmbeddedStore, data_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    """A real ASGI app serving a tiny schema with Jalin's extensions, view and per-request context."""
    settings = settings_for(data_dir)
    app = FastAPI()

    def context(request: Request) -> Context:
        header = request.headers.get("authorization", "")
        return Context(store=store, settings=settings, bearer=header.removeprefix("Bearer ") or None)

    mount_graphql(app, strawberry.Schema(query=VaultQuery, extensions=schema_extensions(settings)), context,
                  settings.max_response_bytes)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://jalin") as client:
        yield client


async def test_a_denied_field_without_resolver_is_refused(vault_client: httpx.AsyncClient) -> None:
    response = await vault_client.post("/graphql", json={"query": "{ vault { label secret } }"})
    body = response.json()
    assert [e["message"] for e in body["errors"]] == ["not allowed"]
    assert body["errors"][0]["path"] == ["vault", "secret"]
    assert body["data"] == {"vault": None}
    assert SECRET not in response.text


async def test_a_denied_field_is_refused_over_get_too(vault_client: httpx.AsyncClient) -> None:
    response = await vault_client.get("/graphql", params={"query": "{ vault { secret } }"})
    assert response.json()["errors"][0]["message"] == "not allowed"
    assert SECRET not in response.text


async def test_a_permission_reads_jalins_request_context(vault_client: httpx.AsyncClient) -> None:
    query = {"query": "{ vault { ledger } }"}
    refused = await vault_client.post("/graphql", json=query)
    allowed = await vault_client.post("/graphql", json=query, headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.json()["errors"][0]["message"] == "writers only" and SECRET not in refused.text
    assert allowed.json() == {"data": {"vault": {"ledger": SECRET}}}


async def test_unguarded_fields_beside_a_guarded_one_are_served(vault_client: httpx.AsyncClient) -> None:
    response = await vault_client.post("/graphql", json={"query": "{ vault { label } }"})
    assert response.json() == {"data": {"vault": {"label": "open"}}}
