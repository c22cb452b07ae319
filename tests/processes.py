"""Real processes for tests: `jalin serve` on a free port, the embedded server killed, waits with a deadline."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from graph.server import EmbeddedServer, process_alive

ROOT = Path(__file__).resolve().parent.parent
START_S = 240.0  # for `jalin serve` to seed and answer /readyz: over 90 s on a machine loaded 6 times over


def free_port() -> int:
    """Return a loopback port that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kill_server(data_dir: Path) -> int | None:
    """SIGKILL the embedded server of `data_dir`, if one runs, and wait until it is gone; return its pid."""
    pid = EmbeddedServer(data_dir).pid()
    if pid:
        os.kill(pid, signal.SIGKILL)  # ends a stopped (SIGSTOP) process too
        while process_alive(pid):
            time.sleep(0.02)
    return pid


def eventually[T](check: Callable[[], T], seconds: float, what: str) -> T:
    """Call `check` until it returns something true; fail saying `what` was awaited after `seconds`."""
    deadline = time.monotonic() + seconds
    while not (found := check()):
        assert time.monotonic() < deadline, f"{what}: not within {seconds:g} s (last: {found!r})"
        time.sleep(0.1)
    return found


def answer(url: str, path: str = "/readyz") -> httpx.Response | None:
    """GET `path`, or None while nothing listens."""
    try:
        return httpx.get(f"{url}{path}", timeout=10)
    except httpx.TransportError:
        return None


@dataclass
class Served:
    """A `jalin serve` process, where it answers, its data dir, and the file its log goes to."""

    process: subprocess.Popen[bytes]
    url: str
    data_dir: Path
    log: Path

    def log_lines(self, containing: str) -> list[str]:
        """Return the lines of the log that hold `containing`."""
        return [line for line in self.log.read_text(errors="replace").splitlines() if containing in line]


@contextmanager
def serving(data_dir: Path, *args: str, **env: str) -> Iterator[Served]:
    """Run `jalin serve ARGS` with `JALIN_*` settings from `env` over `data_dir` until it is ready; stop it after."""
    port = free_port()
    settings = {"JALIN_DATA_DIR": str(data_dir), "JALIN_PORT": str(port), **env}
    log = data_dir.parent / f"{data_dir.name}-serve-{port}.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "cli", "serve", *args], cwd=ROOT,
                                   env={**os.environ, **settings}, stdout=output, stderr=subprocess.STDOUT)
    served = Served(process, f"http://127.0.0.1:{port}", data_dir, log)

    def ended_or_ready() -> bool:
        return process.poll() is not None or getattr(answer(served.url), "status_code", None) == 200

    try:
        try:
            eventually(ended_or_ready, START_S, "jalin serve to be ready")
        except AssertionError as error:
            raise AssertionError(f"{error}; its log ends: {log.read_text(errors='replace')[-2000:]}") from None
        assert process.poll() is None, f"jalin serve ended: {log.read_text(errors='replace')[-2000:]}"
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=60)
