"""A store's server brought back when it ends: watched, restarted with back-off, one log line per restart."""

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Awaitable, Callable

from jalin.errors import JalinError, StoreUnavailable

WATCH_S = 0.5  # how often the server's process is looked for; a failed request looks at once
FIRST_RETRY_S = 0.5  # the wait after a failed restart, doubled after each further failure
LAST_RETRY_S = 30.0  # the longest wait between two restarts
STABLE_S = 60.0  # a server ending sooner after its restart is in a loop (a full disk): the waits go on growing
STORES = logging.getLogger("jalin.store")


class Supervisor:
    """Watch that a server runs; while it does not, say why, and restart it until it does again.

    `what` names the server to clients (no path: answers never show one), `where` adds where it runs for
    the log. `pid` returns the pid of the server's live process or None (cheap: no round trip). When it
    is None, or another pid (another client has restarted the server: this one's connections are
    stale), `restart` starts the server again or joins the one found, waits until it serves, and
    returns what it did for the log line, or None when another client had restarted it (that client
    logs the restart: one line, however many processes share the server).
    While the server is down, `down` holds the StoreUnavailable every request answers at once: a 503
    with Retry-After, not a wait on a server that is not there.
    """

    def __init__(self, what: str, where: str, pid: Callable[[], int | None],
                 restart: Callable[[], Awaitable[str | None]]) -> None:
        self.what, self.where = what, where
        self.pid, self.restart = pid, restart
        self.down: StoreUnavailable | None = None
        self.restarts = 0
        self._wait = FIRST_RETRY_S
        self._serving_since = -STABLE_S
        self._look = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin watching the server that runs now, in a task of the running event loop."""
        self._task = asyncio.get_running_loop().create_task(self._watch(self.pid()))

    async def stop(self) -> None:
        """Stop watching (and restarting)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def check(self) -> None:
        """Raise StoreUnavailable while the server is down."""
        if self.down is not None:
            raise StoreUnavailable(self.down.detail)

    def look_now(self) -> None:
        """Look for the server at once: a request has just failed to reach it."""
        self._look.set()

    async def _watch(self, known: int | None) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(WATCH_S):
                    await self._look.wait()
            self._look.clear()
            if (found := self.pid()) is None or found != known:
                await self._bring_back(found is None)
                known = self.pid()

    async def _bring_back(self, gone: bool) -> None:
        ended = time.monotonic()
        self.down = StoreUnavailable(f"{self.what} has ended and is being restarted")
        if gone and ended - self._serving_since < STABLE_S:
            await self._back_off()
        elif gone:
            self._wait = FIRST_RETRY_S  # it served long enough: a new fault, restarted at once
        for attempt in itertools.count(1):
            try:
                done = await self.restart()
            except Exception as error:  # whatever it is, the server stays down: keep trying
                why = error.detail if isinstance(error, JalinError) else repr(error)
                self.down = StoreUnavailable(f"{self.what} has ended; restart {attempt} failed, "
                                             f"next in {self._wait:g} s")
                STORES.warning("%s (%s) has ended; restart %d failed (%s), next in %g s",
                               self.what, self.where, attempt, why, self._wait)
                await self._back_off()
                continue
            self.restarts += 1
            self._serving_since = time.monotonic()
            self.down = None
            STORES.log(logging.INFO if done is None else logging.WARNING,
                       "%s (%s) had ended: %s, serving again %.1f s later (attempt %d)", self.what, self.where,
                       done or "another client restarted it", self._serving_since - ended, attempt)
            return

    async def _back_off(self) -> None:
        await asyncio.sleep(self._wait)
        self._wait = min(2 * self._wait, LAST_RETRY_S)
