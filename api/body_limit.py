"""A limit on request bodies, read before anything else: a 50 MB body is refused, not parsed."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 1 << 20  # bytes; a GraphQL request is a few kilobytes (JALIN_MAX_TOKENS bounds its query)


class BodyLimit:
    """ASGI middleware answering 413 to a request whose body, declared or sent, exceeds `limit` bytes."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a declared length over the limit at once; count the bytes of one sent in chunks."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        text = f"the request body exceeds {self.limit} bytes; a GraphQL request is a few kilobytes".encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(text)).encode())]})
        await send({"type": "http.response.body", "body": text})


class BodyTooLarge(Exception):
    """A body sent in chunks grew past the limit."""
