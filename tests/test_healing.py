"""The supervisor that brings a store's server back: at once after a first end, backing off while restarts
fail or the server keeps ending, one log line per restart, and requests refused with a 503 meanwhile.

Its server here is a flag and its restart a function, so that the test chooses when each fails; the
restarts of real servers under a served API are in tests/reliability/test_store_faults.py.
"""

import asyncio
import logging
import time
from collections.abc import Callable

import pytest

import graph.healing
from graph.healing import Supervisor
from jalin.errors import StoreUnavailable

DEADLINE_S = 10.0


class Server:
    """A server that runs (with a pid) or not, and whose restarts fail a given number of times first."""

    def __init__(self, failures: int) -> None:
        self.pid: int | None = 100
        self.failures, self.attempts = failures, list[float]()

    async def restart(self) -> str:
        self.attempts.append(time.monotonic())
        if len(self.attempts) <= self.failures:
            raise StoreUnavailable("no space left on device")
        self.pid = 100 + len(self.attempts)
        return f"restarted it as pid {self.pid}"


async def _until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not check():
        assert time.monotonic() < deadline, f"{what}: not within {DEADLINE_S:g} s"
        await asyncio.sleep(0.005)


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph.healing, "WATCH_S", 0.01)
    monkeypatch.setattr(graph.healing, "FIRST_RETRY_S", 0.05)


async def test_failed_restarts_back_off_and_each_says_so_in_one_line(caplog: pytest.LogCaptureFixture) -> None:
    server = Server(failures=3)
    supervisor = Supervisor("the test server", "here", lambda: server.pid, server.restart)
    supervisor.start()
    caplog.set_level(logging.INFO, "jalin.store")
    try:
        server.pid = None
        await _until(lambda: supervisor.down is not None, "the supervisor noticing")
        with pytest.raises(StoreUnavailable, match="the test server has ended"):
            supervisor.check()
        await _until(lambda: server.pid is not None and supervisor.down is None, "the server restarted")
    finally:
        await supervisor.stop()
    waits = [later - earlier for earlier, later in zip(server.attempts, server.attempts[1:], strict=False)]
    assert len(waits) == 3 and waits[0] >= 0.05 and waits[1] >= 0.1 and waits[2] >= 0.2
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 4 and all("restart" in line and "failed (no space left on device)" in line
                                   for line in lines[:3])
    assert "had ended: restarted it as pid 104" in lines[3] and "(attempt 4)" in lines[3]
    supervisor.check()


async def test_a_server_ending_again_soon_after_its_restart_is_restarted_later_each_time() -> None:
    server = Server(failures=0)
    supervisor = Supervisor("the test server", "here", lambda: server.pid, server.restart)
    supervisor.start()
    ends = []
    try:
        for restarts in range(1, 4):
            server.pid = None
            ends.append(time.monotonic())
            await _until(lambda n=restarts: supervisor.restarts == n, "the server restarted")
    finally:
        await supervisor.stop()
    delays = [attempt - end for end, attempt in zip(ends, server.attempts, strict=True)]
    assert delays[0] < 0.05 <= delays[1] and delays[2] >= 0.1  # at once, then backing off


async def test_a_server_restarted_by_another_client_is_joined_and_not_restarted(
        caplog: pytest.LogCaptureFixture) -> None:
    server = Server(failures=0)
    joined = []

    async def join() -> None:
        joined.append(server.pid)

    supervisor = Supervisor("the test server", "here", lambda: server.pid, join)
    supervisor.start()
    caplog.set_level(logging.INFO, "jalin.store")
    try:
        server.pid = 200  # restarted by another client between two looks
        await _until(lambda: supervisor.restarts == 1, "the server joined")
    finally:
        await supervisor.stop()
    assert joined == [200] and server.attempts == []
    said = [(record.levelno, record.getMessage()) for record in caplog.records]
    assert len(said) == 1 and said[0][0] == logging.INFO and "another client restarted it" in said[0][1]
