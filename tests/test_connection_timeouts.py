"""Against the real `jalin serve` process, over real sockets: a client that sends half a request, or one byte
now and then, or nothing, is disconnected within JALIN_HEADER_TIMEOUT, and the server answers others meanwhile."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from cli.serving import MAX_HEAD
from tests.conftest import ROOT, free_port
from tests.processes import kill_server

HEADER_TIMEOUT_S = 1.0
WAIT_S = 15.0  # far longer than the timeout: how long a test waits for the server to close


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The real `jalin serve --no-seed` over an empty data dir, with a header timeout of one second."""
    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {**os.environ, "JALIN_DATA_DIR": str(tmp_path), "JALIN_PORT": str(port),
           "JALIN_HEADER_TIMEOUT": str(HEADER_TIMEOUT_S)}
    process = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--no-seed"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    yield "127.0.0.1", port
    process.terminate()
    process.wait(timeout=30)
    kill_server(tmp_path)


def _closed_by_server(conn: socket.socket) -> bool:
    """Wait for the server to close the connection; tell whether it did (rather than answer)."""
    conn.settimeout(WAIT_S)
    try:
        return conn.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def _healthy(address: tuple[str, int]) -> bool:
    return httpx.get(f"http://{address[0]}:{address[1]}/healthz", timeout=5).status_code == 200


def test_half_a_request_line_is_cut_off_while_others_are_answered(server: tuple[str, int]) -> None:
    stalled = [socket.create_connection(server) for _ in range(50)]
    for conn in stalled:
        conn.sendall(b"GET /healthz HT")
    assert _healthy(server)  # answered while fifty half-sent requests wait
    started = time.monotonic()
    assert all(_closed_by_server(conn) for conn in stalled)
    assert time.monotonic() - started < WAIT_S
    assert _healthy(server)


def test_a_head_sent_a_byte_at_a_time_is_cut_off_at_its_deadline(server: tuple[str, int]) -> None:
    with socket.create_connection(server) as conn:
        conn.settimeout(0.2)
        head = b"GET /healthz HTTP/1.1\r\nHost: jalin\r\nX-Slow: " + b"a" * 200
        sent = 0
        for byte in head:  # one byte every 0.1 s: uvicorn's keep-alive timer would restart at each
            try:
                conn.sendall(bytes([byte]))
                sent += 1
                if conn.recv(1) == b"":
                    break
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(0.1)
        assert sent < len(head)  # cut off before the head was whole


def test_a_connection_that_sends_nothing_is_closed(server: tuple[str, int]) -> None:
    with socket.create_connection(server) as conn:
        assert _closed_by_server(conn)


def test_requests_on_a_kept_alive_connection_with_bodies_are_answered(server: tuple[str, int]) -> None:
    with httpx.Client(base_url=f"http://{server[0]}:{server[1]}") as client:
        for _ in range(3):
            answer = client.post("/graphql", json={"query": "{ __typename }"})
            assert answer.json() == {"data": {"__typename": "Query"}}
            time.sleep(HEADER_TIMEOUT_S / 2)


def test_a_head_over_the_limit_is_refused_and_the_connection_closed(server: tuple[str, int]) -> None:
    with socket.create_connection(server) as conn:
        conn.settimeout(WAIT_S)
        head = b"GET /healthz HTTP/1.1\r\nHost: jalin\r\nX-Big: " + b"a" * MAX_HEAD
        try:
            conn.sendall(head)
        except (BrokenPipeError, ConnectionResetError):
            pass  # closed while sending: the answer is already on its way
        answer = b""
        while chunk := conn.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 431 ") and answer.endswith(b"exceed 16 KiB\r\n")
    assert _healthy(server)


def test_a_head_just_under_the_limit_is_answered(server: tuple[str, int]) -> None:
    padding = "a" * (MAX_HEAD - 200)
    assert httpx.get(f"http://{server[0]}:{server[1]}/healthz", headers={"X-Big": padding}).status_code == 200
