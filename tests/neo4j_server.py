"""The tests' Neo4j: a server named by JALIN_TEST_NEO4J_URI, or a local Neo4j 5 that the session starts.

The local one is Jalin's own launcher (`graph.neo4j_server`) on free ports with a throw-away home
directory. Where Java or Maven are missing, the Neo4j half of the suite skips saying why; under CI
(`CI=true`) that is a failure instead, so CI proves both stores every time.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.neo4j_server import Neo4jServer, Neo4jServerSettings, missing_requirements
from jalin.errors import StoreUnavailable

PASSWORD = "jalin-test"
# The JIT's first tier only: a server that lives for one session spends about half its CPU compiling
# with both tiers (a start: 25 s of CPU against 15 s), which on two cores delays every other test.
QUICK_JVM = "-XX:TieredStopAtLevel=1"


@dataclass(frozen=True)
class Neo4jEndpoint:
    """Where the tests' Neo4j listens, how to log in, and its process when the session started it."""

    uri: str
    user: str
    password: str
    server: Neo4jServer | None = None


@contextmanager
def neo4j_endpoint(home: Path, bolt_port: int, http_port: int,
                   post_connect_cmd: str | None = None) -> Iterator[Neo4jEndpoint | str]:
    """Yield a running Neo4j, or the reason there is none."""
    uri = os.environ.get("JALIN_TEST_NEO4J_URI")
    if uri:
        yield Neo4jEndpoint(uri, os.environ.get("JALIN_TEST_NEO4J_USER", "neo4j"),
                            os.environ.get("JALIN_TEST_NEO4J_PASSWORD", PASSWORD))
        return
    why_not = missing_requirements()
    if why_not:
        yield f"Neo4j tests skipped: {why_not} (or set JALIN_TEST_NEO4J_URI to a Neo4j 5 of your own)"
        return
    server = Neo4jServer(Neo4jServerSettings(home=home, password=PASSWORD, bolt_port=bolt_port,
                                             http_port=http_port, heap="1g", page_cache="256m",
                                             jvm_flags=(QUICK_JVM,), post_connect_cmd=post_connect_cmd))
    try:
        server.start()
    except StoreUnavailable as error:
        yield f"Neo4j tests skipped: the local Neo4j did not start: {error.detail}"
        return
    try:
        yield Neo4jEndpoint(server.bolt_uri, "neo4j", PASSWORD, server)
    finally:
        server.stop()
