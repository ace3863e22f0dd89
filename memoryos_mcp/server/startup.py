"""Start-up: flags, config resolution and the checks that must pass before anything is opened or bound.

Every failure is a MemoryosError whose message is the one line printed before exiting with code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .. import __version__
from ..config import MemoryConfig, build_config, load_config
from ..errors import ConfigError, MemoryosError
from ..store.backend import check_before_opening
from .http_auth import is_loopback

#: Shortest bearer token accepted: guessing must be hopeless, not merely slow.
MIN_TOKEN_CHARS = 16


class StartupError(MemoryosError):
    """The server cannot start; the message is the one line printed before exiting with code 2."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Flags choose transport, address and config file; everything else lives in the config."""
    parser = argparse.ArgumentParser(
        prog="memoryos-mcp", description="MemoryOS long-term memory server for AI agents (MCP).",
        epilog="data commands (each has --help): memoryos-mcp export | import | import-memoryos work on the stored "
               "memory; memoryos-mcp reembed --config FILE re-embeds a store with the configured model; "
               "memoryos-mcp bundle --output DIR builds the Claude Desktop bundle")
    parser.add_argument("--version", action="version", version=f"memoryos-mcp {__version__}")
    parser.add_argument("--config", type=Path, default=None, help="config.json to use "
                        "(default: ./config.json if it exists, else the built-in defaults)")
    parser.add_argument("--transport", choices=["stdio", "sse", "streamable-http"], default="stdio",
                        help="stdio (default) for desktop clients; sse or streamable-http to serve over HTTP")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind for HTTP transports (default 127.0.0.1; anything else "
                             "needs auth_token / MEMORYOS_AUTH_TOKEN)")
    parser.add_argument("--port", type=int, default=8000, help="port for HTTP transports (default 8000)")
    parser.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                        help="extra Host header name clients may use (repeatable; DNS-rebinding protection)")
    parser.add_argument("--log-level", default="INFO",
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="stderr log level (default INFO)")
    parser.add_argument("--log-format", default="text", choices=["text", "json"],
                        help="stderr log lines as text (default) or one JSON object per line")
    return parser.parse_args(argv)


def resolve_config(path: Path | None) -> MemoryConfig:
    """The named file, else ./config.json, else the built-in defaults (plus environment overrides)."""
    if path is not None:
        return load_config(path)
    if Path("config.json").is_file():
        return load_config("config.json")
    return build_config({}, base_dir=Path.cwd(), source="built-in defaults")


def check_data_path(config: MemoryConfig) -> None:
    """Fail at start-up, with the path in the message, rather than at the first add.

    Folders made for the test are removed again (the store makes them when it opens), so a start-up
    that fails later, e.g. at an unreachable embedding endpoint, leaves nothing behind.
    """
    path = config.data_storage_path
    made = [folder for folder in (path, *path.parents) if not folder.exists()]  # deepest first
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise ConfigError(f"{config.source}: data_storage_path: {path} is not a writable folder "
                          f"({exc.strerror or exc}); set data_storage_path to a folder you can write") from None
    finally:
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()


def auth_token(config: MemoryConfig) -> str | None:
    """The bearer token HTTP clients must send; a blank one counts as none."""
    token = config.auth_token.get_secret_value().strip() if config.auth_token else ""
    if token and len(token) < MIN_TOKEN_CHARS:
        raise StartupError(f"auth_token is {len(token)} characters long; use at least {MIN_TOKEN_CHARS} random "
                           "characters, e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(32))'")
    return token or None


def is_team(config: MemoryConfig, transport: str) -> bool:
    """A team server: HTTP with a tokens file. stdio always serves the config's one user."""
    return transport != "stdio" and config.auth_tokens_file is not None


def check_exposure(config: MemoryConfig, args: argparse.Namespace) -> None:
    """Memories are private: a non-loopback address is only served behind a bearer token."""
    guarded = auth_token(config) is not None or is_team(config, args.transport)
    if args.transport != "stdio" and not guarded and not is_loopback(args.host):
        raise StartupError(
            f"--host {args.host} is not a loopback address: set auth_token in the config or "
            "MEMORYOS_AUTH_TOKEN so clients must send 'Authorization: Bearer <token>' (or auth_tokens_file "
            "for a team)")


def prepare(args: argparse.Namespace) -> MemoryConfig:
    """Every start-up check that needs no model, before anything is created or the model loads (the port
    is bound first thing after this)."""
    config = resolve_config(args.config)
    check_exposure(config, args)
    check_data_path(config)
    check_before_opening(config)
    return config


def one_line(exc: BaseException) -> str:
    """The message with its whitespace (newlines included) collapsed, for a single stderr line."""
    return " ".join(str(exc).split())


@contextlib.contextmanager
def stdout_to_stderr() -> Iterator[None]:
    """Native libraries loading the models may write to fd 1, which carries JSON-RPC or exported data."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
