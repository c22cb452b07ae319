"""Graph store access: the only code that speaks Cypher or knows a store exists."""

from urllib.parse import urlsplit

from graph.embedded import EmbeddedStore
from graph.neo4j import Neo4jStore
from graph.neo4j_server import Neo4jServer, Neo4jServerSettings
from graph.store import Store
from jalin.config import Settings, api_url, neo4j_jvm_flags
from jalin.errors import BadRequest

STORE_NAMES = ("embedded", "neo4j")


def embedded_store(settings: Settings) -> EmbeddedStore:
    """Return the embedded store of the settings' data dir, not yet open."""
    return EmbeddedStore(settings.data_dir, settings.graph_name)


def neo4j_store(settings: Settings) -> Neo4jStore:
    """Return the Neo4j store the settings point at, not yet open."""
    if not settings.neo4j_uri:
        raise BadRequest("JALIN_NEO4J_URI is not set: give the address of Neo4j, e.g. bolt://localhost:7687")
    return Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                      settings.neo4j_database, settings.neo4j_timeout)


def local_neo4j(settings: Settings) -> Neo4jServer:
    """Return the local Neo4j under the data dir, set so that Browser applies the API's style and guide."""
    api = f"{api_url(settings)}/browser"
    host = urlsplit(api).hostname or "127.0.0.1"
    return Neo4jServer(Neo4jServerSettings(
        home=settings.data_dir / "neo4j", password=settings.neo4j_password,
        bolt_port=settings.neo4j_bolt_port, http_port=settings.neo4j_http_port,
        heap=settings.neo4j_heap, page_cache=settings.neo4j_page_cache,
        jvm_flags=neo4j_jvm_flags(settings),
        post_connect_cmd=f"style {api}/style.grass; play {api}/guide.html",
        content_hosts=",".join(dict.fromkeys(["localhost", "127.0.0.1", host]))))


def make_store(settings: Settings) -> Store:
    """Return Neo4j when JALIN_NEO4J_URI is set, else the embedded store; not yet open."""
    return neo4j_store(settings) if settings.neo4j_uri else embedded_store(settings)


def store_named(name: str, settings: Settings) -> Store:
    """Return the store called `name` ("embedded" or "neo4j") as the settings configure it."""
    if name not in STORE_NAMES:
        raise BadRequest(f"unknown store '{name}'; expected one of {', '.join(STORE_NAMES)}")
    return neo4j_store(settings) if name == "neo4j" else embedded_store(settings)


__all__ = ["STORE_NAMES", "EmbeddedStore", "Neo4jServer", "Neo4jStore", "Store", "embedded_store", "local_neo4j",
           "make_store", "neo4j_store", "store_named"]
