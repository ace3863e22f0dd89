"""Serving: start-up checks, then the chosen transport until a clean stop."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys

import anyio

from ..config import MemoryConfig
from ..errors import MemoryosError
from .app import build_server
from .host import EngineHost
from .startup import auth_token, one_line, parse_args, prepare
from .transports import bind, endpoint_url, http_app, run_http, run_stdio, transport_security


async def serve(config: MemoryConfig, args: argparse.Namespace) -> None:
    """Bind (a busy port fails at once, before the model loads), open the engine, then run the chosen
    transport; the engine is closed on the way out."""
    sock = None if args.transport == "stdio" else bind(args.host, args.port)
    with sock or contextlib.nullcontext():
        host = EngineHost(config, args.transport)
        async with host.hold():
            server = build_server(host)
            if sock is None:
                await run_stdio(server, host)
                return
            security = transport_security(args.host, args.allow_host)
            app = http_app(server, args.transport, security, auth_token(config))
            await run_http(app, sock, endpoint_url(sock, args.transport))


def main(argv: list[str] | None = None) -> int:
    """The server's entry point (memoryos_mcp.cli runs subcommands): exit code 0 on a clean stop, 2 on a
    start-up problem."""
    args = parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=args.log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        anyio.run(serve, prepare(args), args)
    except MemoryosError as exc:
        sys.stderr.write(f"memoryos-mcp: error: {one_line(exc)}\n")
        return 2
    except KeyboardInterrupt:
        pass
    return 0
