"""Find a Neo4j for the tests: a server named by JALIN_TEST_NEO4J_URI, or a container when Docker answers.

Without either, the Neo4j half of the suite skips at once, saying how to run it.
"""

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlparse

IMAGE = "neo4j:5"
PASSWORD = "jalin-test"
HOW_TO_RUN = ("start a Docker engine (the tests then run Neo4j 5 in a container) or set "
              "JALIN_TEST_NEO4J_URI (and JALIN_TEST_NEO4J_USER/PASSWORD) to an existing Neo4j 5")


@dataclass(frozen=True)
class Neo4jServer:
    """Where the tests' Neo4j listens and how to log in."""

    uri: str
    user: str
    password: str


def docker_answers(timeout: float = 1.0) -> str | None:
    """Return None when a Docker engine answers a ping within `timeout`, else why not."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    address = urlparse(host)
    try:
        if address.scheme == "unix":
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            conn.settimeout(timeout)
            conn.connect(address.path)
        else:
            conn = socket.create_connection((address.hostname or "localhost", address.port or 2375), timeout)
        with conn:
            conn.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            reply = conn.recv(1024)
    except OSError as error:
        return f"no Docker engine answers at {host} ({error.strerror or error})"
    return None if reply.startswith(b"HTTP/1.") and b" 200 " in reply.split(b"\r\n")[0] else (
        f"the Docker engine at {host} did not answer its ping")


@contextmanager
def neo4j_server() -> Iterator[Neo4jServer | str]:
    """Yield a running Neo4j, or the reason there is none."""
    uri = os.environ.get("JALIN_TEST_NEO4J_URI")
    if uri:
        yield Neo4jServer(uri, os.environ.get("JALIN_TEST_NEO4J_USER", "neo4j"),
                          os.environ.get("JALIN_TEST_NEO4J_PASSWORD", PASSWORD))
        return
    why_not = docker_answers()
    if why_not:
        yield f"Neo4j tests skipped: {why_not} and JALIN_TEST_NEO4J_URI is unset; to run them, {HOW_TO_RUN}"
        return
    from testcontainers.community.neo4j import Neo4jContainer

    with Neo4jContainer(IMAGE, password=PASSWORD) as container:
        yield Neo4jServer(container.get_connection_url(), "neo4j", PASSWORD)
