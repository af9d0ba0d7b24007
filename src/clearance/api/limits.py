"""A body size limit, enforced before a route reads the body (HTTP 413 as problem+json)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import PROBLEM_JSON


class BodyTooLargeError(HTTPException):
    """Raised while the body streams in; FastAPI passes HTTP exceptions to the handlers."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


def _problem_bytes(limit: int, path: str) -> bytes:
    return json.dumps(
        {
            "type": "urn:clearance:problem:too-large",
            "title": "Request too large",
            "status": 413,
            "detail": f"the request body is larger than {limit} bytes",
            "instance": path,
        }
    ).encode()


class BodyLimit:
    """Refuses bodies over `limit` bytes (`upload_limit` under the upload path prefixes).

    A declared Content-Length over the limit is refused at once; a body sent without one is
    counted as it streams in, and the request fails as soon as it passes the limit.
    """

    def __init__(
        self, app: ASGIApp, *, limit: int, upload_limit: int, upload_paths: Iterable[str] = ()
    ) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit
        self.upload_paths = tuple(upload_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        limit = self.upload_limit if path.startswith(self.upload_paths) else self.limit
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _send_413(send, limit, path)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLargeError(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLargeError:
            if not started:
                await _send_413(send, limit, path)


async def _send_413(send: Send, limit: int, path: str) -> None:
    body = _problem_bytes(limit, path)
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
