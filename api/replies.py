"""Replies to queries kept as the bytes sent, by the store's write generation and the request's bytes: a read
posted again before anything was written is answered without parsing it, running Strawberry or writing JSON.

A kept answer (api/answers.py) still cost a worker about 1.5 ms of CPU per request in Strawberry's view,
context, extensions and JSON encoding, and waited its turn behind the answers being computed (sampled with
py-spy under 200 clients); this layer, in front of the queue and the view, answers the same request in a
dictionary look-up. It keeps only what the answers' cache kept: the view
tells it, through the request's state, that the answer is a query's, without errors, at the generation this
layer read (`KEPT_AT`); a mutation, an error or a refusal is passed on every time.
"""

from collections.abc import Hashable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.endpoint import PATH
from api.generations import SharedGeneration
from api.lru import SizedLRU
from jalin.errors import JalinError

# Names in the request's state (Starlette's `request.state`, the ASGI scope's "state"): the generation this
# layer read for the request, and the generation the answers' cache kept the request's answer at.
GENERATION = "store_generation"
KEPT_AT = "answer_kept_at"
# Bytes a kept reply holds besides its body: the key's request bytes are counted apart, the objects around them
# (the entry, its tuple, the headers) are a few hundred bytes, rounded up.
ENTRY_BYTES = 512


@dataclass(frozen=True)
class Reply:
    """The headers and body of a 200 answer to a query, and the bytes it is counted for."""

    headers: list[tuple[bytes, bytes]]
    body: bytes
    size: int


ReplyCache = SizedLRU[Reply]


class KeptReplies:
    """ASGI middleware answering a POST from `cache` when the same bytes (body, Content-Type, Accept and
    Authorization: a field's permission may read the token) were answered at the store's current write
    generation, read through `generation`; passing it on otherwise, and keeping the reply when the answers'
    cache kept its answer."""

    def __init__(self, app: ASGIApp, cache: ReplyCache, generation: SharedGeneration) -> None:
        self.app, self.cache, self.generation = app, cache, generation

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a kept reply, or run the request and keep its reply if it may be kept."""
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST" or self.cache.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        body = await _body(receive)
        if body is None:
            return  # the client left before its request was whole: nobody to answer
        try:
            generation = await self.generation.read()
        except JalinError:
            await self.app(scope, _replay(body, receive), send)  # the view meets the store's trouble and says it
            return
        key = _key(scope, generation, body)
        if (reply := self.cache.get(key)) is not None:
            await send({"type": "http.response.start", "status": 200, "headers": reply.headers})
            await send({"type": "http.response.body", "body": reply.body})
            return
        state = scope.setdefault("state", {})
        state[GENERATION] = generation
        sent = await _passed_on(self.app, scope, _replay(body, receive), send)
        if sent is not None and state.get(KEPT_AT) == generation:
            self.cache.put(key, Reply(sent[0], sent[1], len(sent[1]) + len(body) + ENTRY_BYTES))


def _key(scope: Scope, generation: int, body: bytes) -> Hashable:
    """Return what a reply is kept under: the generation, and the request's bytes its answer may depend on."""
    headers = dict(scope["headers"])
    return generation, headers.get(b"content-type"), headers.get(b"accept"), headers.get(b"authorization"), body


async def _body(receive: Receive) -> bytes | None:
    """Return the request's whole body (its size is bounded by the body limit around), or None if the client
    disconnected first."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """Return a `receive` giving `body` once, then what `receive` gives (a disconnect)."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}
    return replayed


async def _passed_on(app: ASGIApp, scope: Scope, receive: Receive, send: Send,
                     ) -> tuple[list[tuple[bytes, bytes]], bytes] | None:
    """Run `app`, sending what it sends; return the headers and body of a 200 answer sent whole, else None."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def noted(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = {**message, "headers": list(message.get("headers", []))}  # as sent here, before layers around
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
        await send(message)

    await app(scope, receive, noted)
    if start is None or start["status"] != 200:
        return None
    return start["headers"], b"".join(chunks)
