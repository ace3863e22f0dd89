"""Network exposure guards for the HTTP transports: loopback detection and a static bearer token."""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
from typing import Any

logger = logging.getLogger(__name__)

ASGIApp = Any


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class BearerTokenMiddleware:
    """Refuses every HTTP request that lacks `Authorization: Bearer <token>` (constant-time compare).

    A plain ASGI wrapper, so it guards SSE streams and streamable HTTP alike. Lifespan events pass; every
    other scope (HTTP, WebSocket, anything newer) needs the token.
    """

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = token.encode("utf-8")

    def _authorized(self, scope: dict[str, Any]) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                scheme, _, presented = value.partition(b" ")
                return scheme.lower() == b"bearer" and hmac.compare_digest(presented.strip(), self._expected)
        return False

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan" or self._authorized(scope):
            await self.app(scope, receive, send)
            return
        client = scope.get("client") or ("?", 0)
        logger.warning("refused an unauthenticated %s %s %s from %s", scope["type"], scope.get("method", ""),
                       scope.get("path"), client[0])
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # before accept: the server answers 403
            return
        if scope["type"] != "http":
            return
        body = json.dumps({"error": "unauthorized",
                           "message": "send the configured token as 'Authorization: Bearer <token>'"})
        await send({"type": "http.response.start", "status": 401, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"www-authenticate", b'Bearer realm="memoryos"')]})
        await send({"type": "http.response.body", "body": body.encode()})
