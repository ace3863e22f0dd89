"""`memoryos-mcp bundle --output DIR`: build the Claude Desktop bundle; its path is the last line of stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run_bundle(args: argparse.Namespace) -> int:
    # Imported here: the manifest lists the server's tools, so the builder loads the MCP SDK, which the other
    # subcommands do without.
    from ..bundle.archive import write_bundle

    path = write_bundle(args.output)
    sys.stdout.write(f"{path}\n")
    return 0


def add_bundle(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "bundle", help="build an MCP Bundle (.mcpb) of this checkout for Claude Desktop",
        description="Write DIR/memoryos-mcp-<version>.mcpb: the manifest (tools and prompts as the server lists "
                    "them, the settings Claude Desktop asks for) and the project files its `uv` runtime installs. "
                    "Double-click it, or drag it onto Claude Desktop's Settings > Extensions.")
    parser.add_argument("--output", type=Path, default=Path("dist"), metavar="DIR",
                        help="folder to write the bundle into (default: ./dist)")
    parser.set_defaults(run=run_bundle)
