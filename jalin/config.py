"""Typed settings, read once from `JALIN_*` environment variables."""

import shlex
from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob Jalin has; the defaults run the embedded store with no configuration."""

    model_config = SettingsConfigDict(env_prefix="JALIN_", env_file=".env", extra="ignore")

    # Where the embedded store keeps its files (append-only log, snapshot, lock).
    data_dir: Path = Path("data")
    # Name of the graph inside the store.
    graph_name: str = "jalin"
    # Address the API listens on.
    host: str = "127.0.0.1"
    port: int = 8000
    # Seconds a client has to send a request's line and headers, from its first byte (or from connecting),
    # and to send the next request on a kept-alive connection; the connection is closed after that.
    header_timeout: float = 10.0
    keep_alive_timeout: int = 5
    # Worker processes of `jalin serve`: each has its own store client (the embedded server is shared);
    # more than one uses both cores for concurrent requests.
    workers: int = 1
    # Seconds a worker process of `jalin serve` has to answer its supervisor's health check, starting up or
    # serving; one that does not is killed and replaced. uvicorn's 5 s killed workers still importing on a
    # loaded machine, for ever, and the API never started.
    worker_healthcheck_timeout: int = 60
    # GraphQL requests one worker runs at once; the others wait their turn, in order, up to queue_wait
    # seconds (then 503 with Retry-After). Each running request may hold store connections (32 per worker).
    max_running_requests: int = 16
    queue_wait: float = 120.0
    # Bearer token that mutations require; with none set, mutations are refused.
    api_token: str | None = None
    # Who writes with that token: every node and edge it writes records this name and the time.
    api_token_name: str = "api"
    # Folder of YAML fixtures that `make run` seeds into an empty store.
    seeds_dir: Path = Path(__file__).resolve().parent.parent / "seeds" / "fixtures"
    # GraphQL guard rails.
    max_query_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    # The most a query may cost, estimated before it runs: each field once per item of the lists around it.
    max_query_cost: int = 3_000_000
    # Bytes of parsed and validated documents kept, by query text, so that a text sent again is not parsed again.
    document_cache_bytes: int = 32 << 20
    # Bytes of answers to queries kept, each until the next write to the graph (from any process), so that a
    # read sent again is answered without running again; 0 keeps none.
    response_cache_bytes: int = 64 << 20
    # Bytes of the replies to those queries kept as sent (their JSON), by the request's bytes, so that a request
    # posted again is answered without running GraphQL at all; kept only while response_cache_bytes is over 0.
    reply_cache_bytes: int = 32 << 20
    # Seconds of graph-store time one GraphQL request may spend; the store stops a statement still running then
    # (FalkorDB's query timeout, Neo4j's transaction timeout) and the request answers 504 TimeBudgetExceeded.
    request_timeout: float = 30.0
    # The largest GraphQL answer sent, in bytes; a larger one is replaced by an error saying so.
    max_response_bytes: int = 4 << 20
    # Neo4j for production; with no URI set, the embedded store serves. bolt://, neo4j:// and neo4j+s:// all work.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = "jalin-local"
    # Database inside Neo4j (Community Edition has one: "neo4j").
    neo4j_database: str = "neo4j"
    # Seconds to wait for a connection, and for retries of transient errors, before answering 503.
    neo4j_timeout: float = 5.0
    # The local Neo4j that `jalin neo4j start` (`make neo4j`) runs: its ports, and its memory on this
    # 2-core, 24 GiB machine (heap, then page cache for the store files; the process takes ~0.5 GB more).
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    neo4j_heap: str = "2g"
    neo4j_page_cache: str = "1g"
    # More flags for its JVM, separated by spaces (e.g. -XX:TieredStopAtLevel=1: a start that costs about
    # 40 % less CPU, for a server that lives minutes, at the price of slower statements once warm).
    neo4j_jvm_flags: str = ""
    # Neo4j Browser's address for deep links on entities (e.g. http://localhost:7474/browser/); none: no links.
    browser_url: str | None = None
    # Where people and Neo4j Browser reach this API (e.g. https://jalin.example.org); none: http://HOST:PORT.
    # Links the API writes into its pages are built from it, never from a request's Host header.
    public_url: str | None = None


def api_url(settings: Settings) -> str:
    """Return the address this API is reached at, without a trailing slash."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    return f"http://{host}:{settings.port}"


def neo4j_jvm_flags(settings: Settings) -> tuple[str, ...]:
    """Return JALIN_NEO4J_JVM_FLAGS as the separate flags the JVM is given, split as a shell splits them."""
    return tuple(shlex.split(settings.neo4j_jvm_flags))


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings."""
    return Settings()
