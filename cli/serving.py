"""How `jalin serve` runs uvicorn: its own timeouts and limits, and a deadline on request heads it lacks.

uvicorn closes a keep-alive connection left idle for `timeout_keep_alive` after a response; it has no
timeout on reading a request's head (its keep-alive timer starts only after a response, and restarts with
every byte), and with httptools no bound on a head's size. A client sending half a request line, or one byte
now and then, held a connection and its file descriptor for ever: 20,000 of them exhausted the server's.
HeaderDeadline gives each head a deadline, on the connection's bytes alone, before any ASGI application sees
them, and refuses a head over MAX_HEAD. `limit_concurrency` is left off: it answers 503 at once instead of
queueing load.

The protocol under it is httptools' (`--http httptools`): under 200 clients, h11's parsing and writing of
requests and responses, in Python, took a third of a worker's CPU for a reply sent from the kept replies.
"""

import asyncio
import logging
import re
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.app import create_app
from jalin.config import Settings, get_settings

REQUESTS = logging.getLogger("jalin.requests")
MAX_HEAD = 16 << 10  # bytes of a request's line and headers: h11's default, which uvicorn kept
TOO_LARGE = f"the request's line and headers exceed {MAX_HEAD >> 10} KiB\r\n".encode()
HEAD_TOO_LARGE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
                  b"connection: close\r\ncontent-length: %d\r\n\r\n%s" % (len(TOO_LARGE), TOO_LARGE))
HEAD_END = b"\r\n\r\n"
CONTENT_LENGTH = re.compile(rb"^content-length:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
CHUNKED = re.compile(rb"^transfer-encoding:", re.IGNORECASE | re.MULTILINE)


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Return the options `jalin serve` gives uvicorn.run."""
    return {"http": HeaderDeadline, "timeout_keep_alive": settings.keep_alive_timeout,
            "timeout_worker_healthcheck": settings.worker_healthcheck_timeout}


class HeaderDeadline(asyncio.Protocol):
    """uvicorn's HTTP/1.1 protocol (httptools, the one `--http httptools` names), closed when a connection sends
    no byte within JALIN_HEADER_TIMEOUT of opening, or a request's head does not arrive whole within that long
    of its first byte, or is over MAX_HEAD bytes. Bodies are skipped by their Content-Length; a chunked body
    ends the watch of that connection, whose size the body limit bounds. Every call of the protocol is passed
    on unchanged."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.inner = HttpToolsProtocol(*args, **kwargs)  # made as uvicorn makes it, from what uvicorn gives
        self.timeout = get_settings().header_timeout  # read in each worker process, from the environment
        self.transport: asyncio.BaseTransport | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.head = b""  # the bytes of the head being read
        self.body_left = 0  # bytes of the current request's body still to come
        self.watching = True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Start the deadline for the first byte, then let uvicorn take the connection."""
        self.transport = transport
        self._arm()
        self.inner.connection_made(transport)  # type: ignore[arg-type]

    def data_received(self, data: bytes) -> None:
        """Follow the heads and bodies in `data`, then pass it on."""
        if self.watching:
            self._follow(data)
        if len(self.head) > MAX_HEAD:
            self._refuse_head()
            return
        self.inner.data_received(data)

    def _follow(self, data: bytes) -> None:
        while data and self.watching:
            if self.body_left:
                taken = min(self.body_left, len(data))
                self.body_left, data = self.body_left - taken, data[taken:]
                continue
            if not self.head:
                self._arm()  # the first byte of a head: it has `timeout` to arrive whole
            self.head += data
            end = self.head.find(HEAD_END)
            if end < 0:
                return
            head, data = self.head[:end], self.head[end + len(HEAD_END):]
            self.head = b""
            self._disarm()
            length = CONTENT_LENGTH.search(head)
            self.body_left = int(length.group(1)) if length else 0
            self.watching = not CHUNKED.search(head)

    def _refuse_head(self) -> None:
        self._disarm()
        self.watching = False
        if self.transport is not None and not self.transport.is_closing():
            REQUESTS.info("refused: a request's line and headers exceed %d bytes", MAX_HEAD)
            self.transport.write(HEAD_TOO_LARGE)  # type: ignore[attr-defined]
            self.transport.close()

    def _arm(self) -> None:
        if self.timer is None:
            self.timer = asyncio.get_running_loop().call_later(self.timeout, self._expire)

    def _disarm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def _expire(self) -> None:
        self.timer = None
        if self.transport is not None and not self.transport.is_closing():
            REQUESTS.info("closed: a connection sent no whole request head within %g s (JALIN_HEADER_TIMEOUT)",
                          self.timeout)
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        """Drop the deadline and tell uvicorn."""
        self._disarm()
        self.inner.connection_lost(exc)

    def eof_received(self) -> None:
        """Tell uvicorn the client will send no more."""
        self.inner.eof_received()

    def pause_writing(self) -> None:
        """Tell uvicorn the transport's buffer is full."""
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        """Tell uvicorn the transport's buffer has room again."""
        self.inner.resume_writing()


def serve(settings: Settings) -> None:
    """Run the API under uvicorn until stopped: in this process, or in `settings.workers` processes."""
    many = settings.workers > 1  # then each worker builds its app from the environment
    app = "api.app:app_from_environment" if many else create_app(settings)
    uvicorn.run(app, factory=many, workers=settings.workers, host=settings.host, port=settings.port,
                log_level="info", **uvicorn_options(settings))
