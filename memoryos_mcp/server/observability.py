"""For operators: a request id on every HTTP request and its log lines, one line per tool call or resource
read (name, user, outcome, milliseconds: never arguments, memory text or tokens), JSON logs on request,
and `/healthz`.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from contextvars import ContextVar
from typing import Any, Literal

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from starlette.requests import Request
from starlette.responses import JSONResponse

from .. import __version__
from .tenants import TENANT_KEY

logger = logging.getLogger(__name__)

ASGIApp = Any
LogFormat = Literal["text", "json"]
REQUEST_ID: ContextVar[str] = ContextVar("memoryos_request_id", default="-")
#: Where RequestIds leaves the id in the ASGI scope, for handlers that run in another task (MCP sessions).
REQUEST_ID_KEY = "memoryos.request_id"
#: A client's own X-Request-Id is kept when it is this tame; otherwise the server makes one.
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request_id, message (and the traceback, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
                 "level": record.levelname, "logger": record.name,
                 "request_id": getattr(record, "request_id", "-"), "message": record.getMessage()}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, log_format: LogFormat) -> None:
    """stderr only (stdout may carry JSON-RPC); every line carries the request id ("-" outside requests)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_RequestIdFilter())
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=level, handlers=[handler])  # a no-op when the caller configured logging already


class RequestIds:
    """ASGI: a request id per HTTP request (the client's X-Request-Id if tame), in the logs and echoed in the
    response's X-Request-Id header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"x-request-id"), "")
        request_id = given if _CLIENT_ID.match(given) else uuid.uuid4().hex[:16]
        scope[REQUEST_ID_KEY] = request_id
        token = REQUEST_ID.set(request_id)

        async def send_with_id(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                   (b"x-request-id", request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)


async def log_calls(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
    """MCP middleware: the HTTP request's id for the handler's log lines, and one INFO line per tool call or
    resource read."""
    scope = ctx.request.scope if ctx.request is not None else {}
    token = REQUEST_ID.set(scope.get(REQUEST_ID_KEY, REQUEST_ID.get()))
    started = time.perf_counter()
    outcome = "error"
    try:
        result = await call_next(ctx)
        outcome = "tool error" if isinstance(result, dict) and result.get("isError") else "ok"
        return result
    finally:
        if ctx.method in ("tools/call", "resources/read"):
            params = ctx.params or {}
            uri = str(params.get("uri", ""))
            what = str(params.get("name"))[:100] if ctx.method == "tools/call" else _uri_shape(uri)
            tenant = scope.get(TENANT_KEY)
            logger.info("%s %s%s: %s in %.0f ms", ctx.method, what,
                        f" user={tenant.user_id!r}" if tenant is not None else "", outcome,
                        (time.perf_counter() - started) * 1000)
        REQUEST_ID.reset(token)


def _uri_shape(uri: str) -> str:
    """memoryos://pages/{id}, not the id: ids are harmless, but a mistyped URI could carry anything."""
    return re.sub(r"^(memoryos://[a-z]+)/.*$", r"\1/{id}", uri)[:60]


async def healthz(request: Request) -> JSONResponse:
    """Liveness for load balancers and monitors: no auth, no user data."""
    return JSONResponse({"status": "ok", "version": __version__})
