"""The embedded server shared by processes: none stops it under another, and every wait has a deadline.

Each client is a real process holding an EmbeddedStore per data dir, driven one command at a time
through its stdin, so a test chooses the order of opens and closes. Where two commands must race,
the test holds the data dir's lock while it sends them and lets go once both processes wait for it.
The two client processes serve every test of the module: starting one takes seconds.
"""

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import graph.embedded
import graph.server
from graph.embedded import EmbeddedStore
from graph.server import EmbeddedServer, process_alive
from jalin.errors import StoreUnavailable
from schema import ENTITY_LABEL, MODEL, SEARCH_PROPERTY
from tests.processes import ROOT, kill_server

pytestmark = pytest.mark.slow

CLIENT = """
import asyncio, sys
from pathlib import Path
from graph.embedded import EmbeddedStore
async def main():
    stores = {}
    print("ready", flush=True)
    # Read in a thread: the event loop, and each store's supervisor, run between commands.
    while line := await asyncio.to_thread(sys.stdin.readline):
        command, data_dir = line.split()
        store = stores.setdefault(data_dir, EmbeddedStore(Path(data_dir)))
        commands = {"open": store.open, "close": store.close, "query": lambda: store.run("RETURN 1 AS one")}
        try:
            await commands[command]()
            print("ok", store.server.pid(), flush=True)
        except Exception as error:
            print("failed", repr(error).replace(chr(10), " "), flush=True)
asyncio.run(main())
"""
ANSWER_TIMEOUT_S = 60.0
# Long enough for a process that was sent a command to reach the lock the test holds.
REACH_LOCK_S = 0.5
RACE_ROUNDS = 4


class Client:
    """A process with an EmbeddedStore per data dir, doing one command at a time on the current one."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", CLIENT], cwd=ROOT, bufsize=0,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.data_dir = Path()

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{command} {self.data_dir}\n".encode())

    def answer(self) -> str:
        assert self.process.stdout is not None
        readable, _, _ = select.select([self.process.stdout], [], [], ANSWER_TIMEOUT_S)
        assert readable, f"no answer within {ANSWER_TIMEOUT_S:g} s"
        return self.process.stdout.readline().decode().strip()

    def done(self) -> int | None:
        """Wait for the command sent last to succeed; return the server's pid after it."""
        answer = self.answer()
        assert answer.startswith("ok "), answer
        pid = answer.removeprefix("ok ")
        return None if pid == "None" else int(pid)

    def do(self, command: str) -> int | None:
        self.send(command)
        return self.done()

    def end(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=ANSWER_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def processes() -> Iterator[tuple[Client, Client]]:
    pair = Client(), Client()
    assert [client.answer() for client in pair] == ["ready", "ready"]
    yield pair
    for client in pair:
        client.end()


@pytest.fixture
def clients(processes: tuple[Client, Client], tmp_path: Path) -> Iterator[tuple[Client, Client]]:
    """Two client processes, both on the test's data dir; any server left on it is killed afterwards."""
    for client in processes:
        client.data_dir = tmp_path
    yield processes
    kill_server(tmp_path)


def test_close_leaves_the_server_to_a_process_still_connected(clients: tuple[Client, Client]) -> None:
    a, b = clients
    pid = a.do("open")
    assert b.do("open") == pid
    assert a.do("close") == pid
    assert b.do("query") == pid
    assert b.do("close") is None
    assert pid is not None and not process_alive(pid)


def test_a_client_whose_server_died_still_counts_for_one_that_restarts_it(
        clients: tuple[Client, Client], tmp_path: Path) -> None:
    a, b = clients
    killed = a.do("open")
    kill_server(tmp_path)  # `a` has no connection left, and waits for its next command
    restarted = b.do("open")
    assert restarted not in (None, killed)
    assert b.do("close") == restarted  # `a` still uses the data dir: the server stays
    assert a.do("query") == restarted  # `a` saw the new server and dropped its stale connections
    assert a.do("close") is None


def test_close_while_another_process_opens_leaves_it_a_live_server(
        clients: tuple[Client, Client], tmp_path: Path) -> None:
    a, b = clients
    # Which of the two takes the lock first is chance, and either order is right: B joined before A
    # counted (the server stays), or A stopped the server before B looked (B starts another). Each
    # order comes in about half the rounds; B must never hold a server that is gone.
    for _ in range(RACE_ROUNDS):
        first = a.do("open")
        with EmbeddedServer(tmp_path).locked():
            b.send("open")
            a.send("close")
            time.sleep(REACH_LOCK_S)
        a.done()
        pid = b.done()
        assert pid is not None and process_alive(pid)
        assert b.do("query") == pid
        assert b.do("close") is None
        assert first is not None and not process_alive(first)


def test_processes_opening_at_once_share_one_server_until_the_last_closes(
        clients: tuple[Client, Client], tmp_path: Path) -> None:
    a, b = clients
    with EmbeddedServer(tmp_path).locked():
        a.send("open")
        b.send("open")
        time.sleep(REACH_LOCK_S)
    pid = a.done()
    assert b.done() == pid
    assert a.do("close") == pid
    assert b.do("query") == pid
    assert b.do("close") is None
    assert pid is not None and not process_alive(pid)


async def test_open_past_the_lock_deadline_names_the_lock_and_the_log(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph.server, "LOCK_TIMEOUT_S", 0.3)
    store = EmbeddedStore(tmp_path)
    with store.server.locked(), pytest.raises(StoreUnavailable) as raised:
        await store.open()
    message = str(raised.value)
    assert "waited 0.3 s" in message and str(store.server.lockfile) in message
    assert str(store.server.logfile) in message


async def test_open_past_the_schema_deadline_names_what_is_still_building(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = EmbeddedStore(tmp_path)
    await store.open()
    await store.run(f"UNWIND range(1, 100000) AS i CREATE (:{ENTITY_LABEL} "
                    f"{{id: 'e' + toString(i), {SEARCH_PROPERTY}: 'name ' + toString(i)}})", write=True)
    await store.install_schema(MODEL)
    await store.close()
    # Restarted, the server rebuilds every index of 100,000 entities: about a second more than open needs.
    monkeypatch.setattr(graph.embedded, "SCHEMA_TIMEOUT_S", 0.0)
    with pytest.raises(StoreUnavailable) as raised:
        await store.open()
    await store.close()
    message = str(raised.value)
    assert message.startswith("waited 0 s for the embedded store to build the ")
    assert f"of graph 'jalin'; see {store.server.logfile}" in message


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    """A running embedded server with no client; killed afterwards."""
    the_server = EmbeddedServer(tmp_path)
    with the_server.locked():
        the_server.ensure_running()
    yield the_server
    kill_server(tmp_path)


def test_stop_of_a_server_that_does_not_save_names_pid_data_dir_and_log(
        server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph.server, "SAVE_TIMEOUT_S", 0.5)
    pid = server.pid()
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # it accepts the connection, and answers nothing
    with server.locked(), pytest.raises(StoreUnavailable) as raised:
        server.stop()
    message = str(raised.value)
    assert f"(pid {pid}) of {server.data_dir} did not save its graph and stop within 0.5 s" in message
    assert str(server.logfile) in message


def test_stop_of_a_server_that_does_not_exit_names_pid_data_dir_and_log(
        server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph.server, "STOP_TIMEOUT_S", 0.3)
    pid = server.pid()
    server.socket.unlink()  # the shutdown cannot reach it: the process stays
    with server.locked(), pytest.raises(StoreUnavailable) as raised:
        server.stop()
    message = str(raised.value)
    assert f"(pid {pid}) of {server.data_dir}" in message and "did not exit within 0.3 s" in message
    assert str(server.logfile) in message
