"""Serving: stdio, or SSE / streamable HTTP behind DNS-rebinding protection and the optional bearer token."""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import Callable
from typing import Any, Literal

import anyio
import uvicorn
from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import TransportSecuritySettings

from .host import AppContext, Host
from .http_auth import is_loopback
from .observability import RequestIds
from .startup import StartupError
from .stdio_transport import serve_stdio

logger = logging.getLogger(__name__)

Transport = Literal["stdio", "sse", "streamable-http"]
ASGIApp = Any
#: Served without a token: liveness, and the viewer's page (a static page: its data comes from /ui/api).
PUBLIC_PATHS = frozenset({"/healthz", "/ui", "/ui/"})


def transport_security(host: str, extra_hosts: list[str]) -> TransportSecuritySettings:
    """DNS-rebinding protection: only these Host/Origin headers are served."""
    names = ["127.0.0.1", "localhost", "[::1]"]
    if not is_loopback(host) and host not in ("0.0.0.0", "::"):
        names.append(f"[{host}]" if ":" in host else host)
    names += extra_hosts
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[f"{name}:*" for name in names] + names,
        allowed_origins=[f"{scheme}://{name}{port}" for name in names for scheme in ("http", "https")
                         for port in (":*", "")],
    )


def http_app(server: MCPServer[AppContext], transport: Transport, security: TransportSecuritySettings,
             auth: Callable[[ASGIApp], ASGIApp] | None) -> ASGIApp:
    """The Starlette app of an HTTP transport behind `auth` (the bearer-token check, when tokens are set),
    except PUBLIC_PATHS; every request gets a request id."""
    if transport == "sse":
        app = server.sse_app(transport_security=security)
    else:
        app = server.streamable_http_app(transport_security=security)
    protected = auth(app) if auth else app

    async def route(scope: dict[str, Any], receive: Any, send: Any) -> None:
        public = scope["type"] == "http" and scope.get("method") == "GET" and scope.get("path") in PUBLIC_PATHS
        await (app if public else protected)(scope, receive, send)

    return RequestIds(route)


def bind(host: str, port: int) -> socket.socket:
    """Bind before serving, so a busy port is a start-up error with one clear line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        raise StartupError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def endpoint_url(sock: socket.socket, transport: Transport) -> str:
    """The URL clients connect to, as the "listening on" line shows it."""
    host, port = sock.getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/{'sse' if transport == 'sse' else 'mcp'}"


async def serve_http(app: Any, sock: socket.socket, url: str) -> None:
    """uvicorn on an already bound socket; its loggers propagate to our stderr handler. No access log: a line
    per request is noise, and a query string may carry what should not be logged (a token sent wrongly)."""
    logger.info("listening on %s", url)
    config = uvicorn.Config(app, log_config=None, lifespan="on", timeout_graceful_shutdown=5, access_log=False,
                            ws="none")
    await uvicorn.Server(config).serve(sockets=[sock])


async def run_stdio(server: MCPServer[AppContext], host: Host) -> None:
    """Serve stdin/stdout until EOF. On SIGINT/SIGTERM, close the engine, then exit at once:
    stdin is read in a worker thread that no cancellation can interrupt."""
    async with anyio.create_task_group() as group:

        async def on_signal() -> None:
            with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
                async for signum in signals:
                    logger.info("received %s: closing the engine and exiting", signal.Signals(signum).name)
                    await host.close_now()
                    logging.shutdown()
                    os._exit(0)

        group.start_soon(on_signal)
        await serve_stdio(server)
        group.cancel_scope.cancel()


async def run_http(app: Any, sock: socket.socket, url: str) -> None:
    """uvicorn shuts down gracefully on SIGINT/SIGTERM and then re-raises the signal: the receiver
    absorbs it, so the process does not die before the engine is closed."""
    with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM):
        await serve_http(app, sock, url)
