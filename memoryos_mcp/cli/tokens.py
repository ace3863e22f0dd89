"""`memoryos-mcp tokens add|list|revoke` (the team's tokens file) and `memoryos-mcp ui` (the viewer on a local
store). The new token is printed alone on the last line of stdout, once: only its hash is kept."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from ..config import MemoryConfig
from ..errors import ConfigError
from ..server.startup import resolve_config
from ..server.token_file import add_token, read_tokens, revoke_tokens


def tokens_path(config: MemoryConfig) -> Path:
    if config.auth_tokens_file is None:
        raise ConfigError(f"{config.source}: auth_tokens_file is not set: add e.g. \"auth_tokens_file\": "
                          "\"tokens.json\" to the config (relative to the config file)")
    return config.auth_tokens_file


def run_add(args: argparse.Namespace) -> int:
    config = resolve_config(args.config)
    path = tokens_path(config)
    _token, entry = add_token(path, args.user_id, args.assistant_id or config.assistant_id, args.role)
    sys.stderr.write(f"memoryos-mcp tokens: added token {entry.id} for user {entry.user_id!r} (assistant "
                     f"{entry.assistant_id!r}, role {entry.role}) to {path}; it is shown once, below\n")
    sys.stdout.write(f"{_token}\n")
    return 0


def run_list(args: argparse.Namespace) -> int:
    entries = read_tokens(tokens_path(resolve_config(args.config))).tokens
    sys.stdout.write("id        role   user_id / assistant_id                      created (UTC)\n")
    for e in entries:
        sys.stdout.write(f"{e.id:<9} {e.role:<6} {e.user_id + ' / ' + e.assistant_id:<43} {e.created}\n")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    if (args.id is None) == (args.user_id is None):
        raise ConfigError("tokens revoke: give a token id (from tokens list) or --user-id, not both")
    path = tokens_path(resolve_config(args.config))
    gone = revoke_tokens(path, args.id, args.user_id)
    if not gone:
        raise ConfigError(f"{path}: no token {'with id ' + args.id if args.id else 'of user ' + repr(args.user_id)}")
    sys.stderr.write(f"memoryos-mcp tokens: revoked {', '.join(e.id for e in gone)} (effective at once, no "
                     "restart needed)\n")
    return 0


def _add_tokens(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("tokens", help="manage the bearer tokens of a team server (auth_tokens_file)")
    actions = parser.add_subparsers(dest="action", required=True)
    help_config = "config.json whose auth_tokens_file to use (default: ./config.json)"
    add = actions.add_parser("add", help="create a token for a user; prints it on the last line of stdout")
    add.add_argument("--config", type=Path, default=None, help=help_config)
    add.add_argument("--user-id", required=True, help="the user whose memory the token reads and writes")
    add.add_argument("--assistant-id", default=None, help="the assistant (default: the config's assistant_id)")
    add.add_argument("--role", choices=["user", "admin"], default="user",
                     help="admin tokens may act for any user with the X-MemoryOS-User-Id header")
    add.set_defaults(run=run_add)
    listing = actions.add_parser("list", help="the tokens' ids, users and roles (never the tokens)")
    listing.add_argument("--config", type=Path, default=None, help=help_config)
    listing.set_defaults(run=run_list)
    revoke = actions.add_parser("revoke", help="remove a token by id, or every token of a user")
    revoke.add_argument("--config", type=Path, default=None, help=help_config)
    revoke.add_argument("id", nargs="?", default=None, help="the token id shown by tokens list")
    revoke.add_argument("--user-id", default=None, help="revoke every token of this user")
    revoke.set_defaults(run=run_revoke)


def run_ui(args: argparse.Namespace) -> int:
    from ..server.main import main as serve  # the server's entry point: flags, logging, start-up checks

    for handler in logging.root.handlers[:]:  # the server sets up its own log lines (request ids)
        logging.root.removeHandler(handler)
    argv = ["--transport", "streamable-http", "--host", "127.0.0.1", "--port", str(args.port)]
    if args.config is not None:
        argv += ["--config", str(args.config)]
    sys.stderr.write(f"memoryos-mcp ui: open http://127.0.0.1:{args.port}/ui (Ctrl+C stops)\n")
    return serve(argv)


def _add_ui(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("ui", help="browse a local store in a web page (http://127.0.0.1:PORT/ui)")
    parser.add_argument("--config", type=Path, default=None, help="config.json naming the store "
                        "(default: ./config.json if it exists, else the built-in defaults)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    parser.set_defaults(run=run_ui)


#: Subcommand name -> the function that adds its parser (each sets `run`), for cli.SUBCOMMANDS.
SUBCOMMANDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {"tokens": _add_tokens, "ui": _add_ui}
