"""A limit on GraphQL answers: one larger than the limit is replaced by an error saying so, never sent."""

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUESTS = logging.getLogger("jalin.requests")
CODE = "ResponseTooLarge"


class ResponseLimit:
    """ASGI middleware answering, instead of a response declaring more than `limit` bytes, a GraphQL error (400)
    with the size and the limit. GraphQL answers are whole before they are sent, and declare their length."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; replace a response over the limit by the error."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = False

        async def limited(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start":
                declared = dict(message.get("headers", [])).get(b"content-length", b"0")
                refused = declared.isdigit() and int(declared) > self.limit
                if refused:
                    await self._refuse(send, int(declared))
                    return
            if not refused:
                await send(message)

        await self.app(scope, receive, limited)

    async def _refuse(self, send: Send, size: int) -> None:
        message = (f"the answer would be {size:,} bytes, over the limit of {self.limit:,} "
                   "(JALIN_MAX_RESPONSE_BYTES): ask for fewer fields, a smaller `first`, or page with `after`")
        REQUESTS.info("refused: %s", message)
        body = json.dumps({"data": None, "errors": [{"message": message, "extensions": {
            "code": CODE, "status": 400, "size": size, "limit": self.limit}}]}).encode()
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
