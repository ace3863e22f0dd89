"""Serving: start-up checks, then the chosen transport until a clean stop."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable

import anyio

from ..config import MemoryConfig
from ..errors import MemoryosError
from .app import build_server
from .host import EngineHost, Host
from .http_auth import BearerTokenMiddleware
from .observability import configure_logging, healthz
from .startup import auth_token, is_team, one_line, parse_args, prepare
from .tenants import TeamAuth, TeamHost
from .token_file import TokenTable
from .transports import ASGIApp, bind, endpoint_url, http_app, run_http, run_stdio, transport_security
from .viewer import add_viewer

logger = logging.getLogger(__name__)


def make_host(config: MemoryConfig, transport: str) -> Host:
    """One engine for the config's user, or (HTTP with auth_tokens_file) one per user."""
    if is_team(config, transport):
        return TeamHost(config, transport)
    return EngineHost(config, transport)


def auth_layer(config: MemoryConfig, host: Host) -> Callable[[ASGIApp], ASGIApp] | None:
    """The bearer-token check in front of the HTTP app: the team's tokens file, the one token, or none."""
    token = auth_token(config)
    if isinstance(host, TeamHost):
        assert config.auth_tokens_file is not None
        table = TokenTable(config.auth_tokens_file)
        if not len(table):
            logger.warning("%s has no tokens yet: add one with memoryos-mcp tokens add --config %s --user-id NAME",
                           config.auth_tokens_file, config.source)
        return lambda app: TeamAuth(app, table, config, token)
    if token is not None:
        return lambda app: BearerTokenMiddleware(app, token)
    return None


async def serve(config: MemoryConfig, args: argparse.Namespace) -> None:
    """Bind (a busy port fails at once, before the model loads), open the engine, then run the chosen
    transport; the engine is closed on the way out."""
    sock = None if args.transport == "stdio" else bind(args.host, args.port)
    with sock or contextlib.nullcontext():
        host = make_host(config, args.transport)
        async with host.hold():
            server = build_server(host)
            if sock is None:
                await run_stdio(server, host)
                return
            security = transport_security(args.host, args.allow_host)
            server.custom_route("/healthz", methods=["GET"])(healthz)
            add_viewer(server, host, security)
            app = http_app(server, args.transport, security, auth_layer(config, host))
            running = host.running() if isinstance(host, TeamHost) else contextlib.nullcontext()
            async with running:
                await run_http(app, sock, endpoint_url(sock, args.transport))


def main(argv: list[str] | None = None) -> int:
    """The server's entry point (memoryos_mcp.cli runs subcommands): exit code 0 on a clean stop, 2 on a
    start-up problem."""
    args = parse_args(argv)
    configure_logging(args.log_level, args.log_format)
    try:
        anyio.run(serve, prepare(args), args)
    except MemoryosError as exc:
        sys.stderr.write(f"memoryos-mcp: error: {one_line(exc)}\n")
        return 2
    except KeyboardInterrupt:
        pass
    return 0
