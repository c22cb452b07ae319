"""Admission of GraphQL requests: a few run at once in a process, the others wait their turn, in order.

Without it every request starts at once and queues again at the store's connection pool for each of
its round trips: under 200 clients on two cores a request waited behind about a hundred others at
every round trip, some past the pool's 30 s deadline (51 of 1,084 requests answered 503). Admitted
in order, a request waits once, at the door, and then has the store to itself.
"""

import asyncio
import json

from starlette.types import ASGIApp, Receive, Scope, Send

from api.endpoint import PATH


class Admission:
    """ASGI middleware running at most `running` GraphQL requests at once; the others wait in order, up
    to `wait_s` seconds, then get a 503 with Retry-After."""

    def __init__(self, app: ASGIApp, running: int, wait_s: float, retry_after_s: str) -> None:
        self.app, self.running, self.wait_s, self.retry_after_s = app, running, wait_s, retry_after_s
        self._slots: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass other paths through; run a GraphQL request once a slot is free."""
        if scope["type"] != "http" or scope["path"] != PATH:
            await self.app(scope, receive, send)
            return
        slots = self._slots = self._slots or asyncio.Semaphore(self.running)  # in the serving loop
        try:
            async with asyncio.timeout(self.wait_s):
                await slots.acquire()
        except TimeoutError:
            await self._refuse(send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            slots.release()

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"errors": [{"message": f"the server is busy: the request waited {self.wait_s:g} s "
                                                  "for its turn; try again later",
                                       "extensions": {"code": "Busy", "status": 503}}]}).encode()
        await send({"type": "http.response.start", "status": 503,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"retry-after", self.retry_after_s.encode())]})
        await send({"type": "http.response.body", "body": body})
