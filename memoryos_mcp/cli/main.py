"""The `memoryos-mcp` command: with no subcommand it runs the MCP server (flags of `startup.parse_args`);
subcommands work on a store: reembed (here, while the server is stopped) and the data commands export,
import and import-memoryos (commands.py); bundle builds the Claude Desktop bundle (bundle.py)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import MemoryosError
from ..server.startup import one_line, resolve_config
from ..transfer.reembed import reembed
from .bundle import add_bundle
from .commands import SUBCOMMANDS as DATA_COMMANDS
from .tokens import SUBCOMMANDS as TEAM_COMMANDS


def _reembed(args: argparse.Namespace) -> int:
    def progress(line: str) -> None:
        sys.stderr.write(f"memoryos-mcp reembed: {line}\n")
        sys.stderr.flush()

    try:
        reembed(resolve_config(args.config), progress)
    except KeyboardInterrupt:
        progress("interrupted; the store is unchanged. Run the same command again to resume")
        return 130
    return 0


def _add_reembed(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "reembed", help="re-embed a store with the configured embedding model (resumable)",
        description="Re-embed every page, segment and fact of the store with the model the config names, "
                    "then record that model. Stop the server first. An interrupted run leaves the store as "
                    "it was and resumes where it stopped when run again.")
    parser.add_argument("--config", type=Path, default=None, help="config.json naming the store and the new model "
                        "(default: ./config.json if it exists, else the built-in defaults)")
    parser.set_defaults(run=_reembed)


#: Subcommand name -> the function that adds its parser (each sets `run`).
SUBCOMMANDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "reembed": _add_reembed, **DATA_COMMANDS, "bundle": add_bundle, **TEAM_COMMANDS}


def main(argv: list[str] | None = None) -> int:
    """Console entry point: a subcommand, or the server. Exit code 2 on a configuration problem."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in SUBCOMMANDS:
        # Imported here: only serving needs the MCP SDK, whose import is about half of a start-up's CPU
        # (a subcommand such as `memoryos-mcp export` starts in 1.3 CPU s instead of 2.7).
        from ..server.main import main as serve

        return serve(argv)
    parser = argparse.ArgumentParser(prog="memoryos-mcp")
    commands = parser.add_subparsers(dest="command", required=True)
    for add in SUBCOMMANDS.values():
        add(commands)
    args = parser.parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.run(args)
    except MemoryosError as exc:
        sys.stderr.write(f"memoryos-mcp {args.command}: error: {one_line(exc)}\n")
        return 2
